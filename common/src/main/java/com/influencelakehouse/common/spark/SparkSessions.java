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
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    // SparkConf(true) reads the spark.* system properties spark-submit sets: those win over config.
    applied(settings, new SparkConf(true)).forEach(builder::config);
    String metastore = settings.conf().getOrDefault("spark.hadoop.javax.jdo.option.ConnectionURL", "");
    String derby = "jdbc:derby:;databaseName=";
    if (metastore.startsWith(derby) && System.getProperty("derby.system.home") == null) {
      // Derby's log goes next to its database, not into the working directory.
      String db = metastore.substring(derby.length()).split(";")[0];
      System.setProperty("derby.system.home", java.nio.file.Path.of(db).getParent().toString());
    }
    return builder.getOrCreate();
  }

  /**
   * The settings this factory applies on top of what spark-submit already set ({@code submitted}): the
   * master from configuration only when none was submitted, each configured Spark setting unless the
   * submit line gave the same key, and Delta's extension and catalog (keeping submitted extensions).
   */
  public static Map<String, String> applied(SparkSettings settings, SparkConf submitted) {
    Map<String, String> out = new java.util.LinkedHashMap<>();
    if (!submitted.contains("spark.master")) {
      out.put("spark.master", settings.master().orElseThrow(() -> new ConfigError(
          "lakehouse.spark.master is null and spark-submit gave no --master: set one of them")));
    }
    for (Map.Entry<String, String> e : settings.conf().entrySet()) {
      if (!submitted.contains(e.getKey())) {
        out.put(e.getKey(), e.getValue());
      }
    }
    // Delta is part of the product, not an option; keep any extensions given on the submit line.
    String delta = "io.delta.sql.DeltaSparkSessionExtension";
    String extensions = submitted.get("spark.sql.extensions", "");
    out.put("spark.sql.extensions",
        extensions.contains(delta) ? extensions : extensions.isEmpty() ? delta : extensions + "," + delta);
    out.put("spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    return out;
  }
}
