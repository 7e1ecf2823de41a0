package com.influencelakehouse.common.testing;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.SparkSettings;
import java.util.HashMap;
import com.influencelakehouse.common.spark.SparkSessions;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM (surefire reuses the fork across test classes), built by the
 * product's own factory with the local configuration's Spark settings (conf/local.conf), on
 * local[2] with two shuffle partitions.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      Map<String, String> conf = new HashMap<>(LakehouseConfig.load("local").spark().conf());
      conf.put("spark.sql.shuffle.partitions", "2");
      conf.put("spark.default.parallelism", "2");
      session = SparkSessions.create(new SparkSettings("lakehouse-tests", Optional.of("local[2]"), conf));
    }
    return session;
  }
}
