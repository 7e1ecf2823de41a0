package com.influencelakehouse.common.testing;

import com.influencelakehouse.common.config.SparkSettings;
import com.influencelakehouse.common.spark.SparkSessions;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.SparkSession;

/**
 * The one SparkSession of a test JVM (surefire reuses the fork across test classes): local[2],
 * two shuffle and snapshot partitions, UI off, bound to loopback, built by the product's own factory.
 */
public final class SharedSpark {
  private static SparkSession session;

  private SharedSpark() {}

  public static synchronized SparkSession get() {
    if (session == null) {
      session = SparkSessions.create(new SparkSettings("lakehouse-tests", Optional.of("local[2]"), Map.of(
          "spark.sql.shuffle.partitions", "2",
          "spark.default.parallelism", "2",
          "spark.databricks.delta.snapshotPartitions", "2",
          "spark.sql.session.timeZone", "UTC",
          "spark.ui.enabled", "false",
          "spark.ui.showConsoleProgress", "false",
          "spark.driver.host", "127.0.0.1",
          "spark.driver.bindAddress", "127.0.0.1",
          "spark.databricks.delta.schema.autoMerge.enabled", "false")));
    }
    return session;
  }
}
