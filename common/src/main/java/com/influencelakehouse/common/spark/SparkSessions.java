package com.influencelakehouse.common.spark;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.common.config.SparkSettings;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * The one Spark session factory: Delta Lake enabled, settings from configuration applied unless
 * spark-submit already set them (the submit line wins), master from configuration only when
 * spark-submit gave none.
 */
public final class SparkSessions {
  private SparkSessions() {}

  /** Builds (or returns the running) session for these settings. */
  public static SparkSession create(SparkSettings settings) {
    // SparkConf(true) reads the spark.* system properties spark-submit sets: those win over config.
    SparkConf submitted = new SparkConf(true);
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    if (!submitted.contains("spark.master")) {
      String master = settings.master().orElseThrow(() -> new ConfigError(
          "lakehouse.spark.master is null and spark-submit gave no --master: set one of them"));
      builder.master(master);
    }
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      if (!submitted.contains(e.getKey())) {
        builder.config(e.getKey(), e.getValue());
      }
    }
    // Delta is part of the product, not an option; keep any extensions given on the submit line.
    String delta = "io.delta.sql.DeltaSparkSessionExtension";
    String extensions = submitted.get("spark.sql.extensions", "");
    builder.config("spark.sql.extensions",
        extensions.contains(delta) ? extensions : extensions.isEmpty() ? delta : extensions + "," + delta);
    builder.config("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    String metastore = settings.conf().getOrDefault("spark.hadoop.javax.jdo.option.ConnectionURL", "");
    String derby = "jdbc:derby:;databaseName=";
    if (metastore.startsWith(derby) && System.getProperty("derby.system.home") == null) {
      // Derby's log goes next to its database, not into the working directory.
      String db = metastore.substring(derby.length()).split(";")[0];
      System.setProperty("derby.system.home", java.nio.file.Path.of(db).getParent().toString());
    }
    return builder.getOrCreate();
  }
}
