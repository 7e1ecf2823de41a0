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
      // Tiny tables: Delta's data skipping (a Spark job parsing every file's statistics for each table a plan
      // reads) costs more than reading the few files it would skip. Measured on one night of the test world
      // with training: 500 -> 423 CPU-s, 267 -> 226 s. Results do not depend on it; production keeps it on.
      conf.put("spark.databricks.delta.stats.skipping", "false");
      // The persistent catalog of the tests: a fresh embedded metastore under target/, one per test JVM.
      java.nio.file.Path catalog = java.nio.file.Path.of("target", "test-catalog").toAbsolutePath();
      deleteRecursively(catalog);
      conf.put("spark.hadoop.javax.jdo.option.ConnectionURL",
          "jdbc:derby:;databaseName=" + catalog.resolve("metastore_db") + ";create=true");
      conf.put("spark.sql.warehouse.dir", catalog.resolve("spark-warehouse").toString());
      session = SparkSessions.create(new SparkSettings("lakehouse-tests", Optional.of("local[2]"), conf));
    }
    return session;
  }

  private static void deleteRecursively(java.nio.file.Path root) {
    if (!java.nio.file.Files.exists(root)) {
      return;
    }
    try (java.util.stream.Stream<java.nio.file.Path> files = java.nio.file.Files.walk(root)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
