package com.influencelakehouse.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SameRows;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.jobs.JobGraph;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.FileUtil;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Production's shape on one machine: the job jar submitted with the deployment doc's spark-submit line
 * to a real Spark standalone cluster (master, worker and executors in their own JVMs), the warehouse
 * and the landing zone on a real S3-compatible server (s3a), the {@code prod} configuration. The
 * tables it leaves must be the local run's, checksum for checksum. This catches what local mode hides:
 * closures that do not serialise, paths only the driver can see, static state set on the driver,
 * and anything that assumes a local file system.
 */
@Tag("integration")
class ClusterOnS3Test {
  static final String BUCKET = "lakehouse-it";

  @Test
  void theNightlyPipelineOnAClusterWithTheWarehouseOnS3LeavesTheLocalRunsTables() throws IOException {
    TinyWarehouse local = TinyWarehouse.get();
    SparkDistribution spark = SparkDistribution.get();
    Path work = SparkDistribution.freshDirectory("cluster-s3");
    try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"), List.of(BUCKET))) {
      String landing = "s3a://" + BUCKET + "/exports";
      upload(local.landing, landing, s3.s3aSettings());

      // Credentials reach the driver and the worker's machine only as their environment.
      Map<String, String> driverEnv = S3ProxyServer.driverEnvironment();
      Path config = prodOverlay(work.resolve("s3-compatible.conf"), "s3a://" + BUCKET + "/warehouse", landing,
          s3.endpoint);

      try (StandaloneCluster cluster = StandaloneCluster.start(spark, 2, "3g", S3ProxyServer.credentialsEnvironment())) {
        SparkDistribution.Submitted run = spark.submit("cluster-s3-nightly", DeploymentDoc.sparkSubmitArgs("standalone",
            TinyWarehouse.variables(Map.of("SPARK_MASTER", cluster.masterUrl, "FROM", local.from.toString(),
                "TO", local.to.toString(), "LAKEHOUSE_CONFIG", config.toString()))),
            driverEnv, Duration.ofMinutes(25));
        assertEquals(0, run.exitCode(), "the cluster run failed\n" + run.tail());
        assertTrue(cluster.executorsLaunched() >= 1, "executors ran in the worker's JVMs");
        System.out.printf("tiny pipeline %s..%s: local mode %.1f s, standalone cluster with the warehouse on s3a %.1f s%n",
            local.from, local.to, local.localSeconds, run.seconds());

        Map<String, String> onS3 = TinyWarehouse.checksums(spark, "cluster-s3-checksums", cluster.masterUrl, "prod",
            config, driverEnv);
        assertTablesComplete(local.checksums);
        // Bronze keeps each record's source file path, which names the store: compared from silver on.
        List<String> compared = local.checksums.keySet().stream()
            .filter(n -> n.startsWith("silver.") || n.startsWith("gold.")).toList();
        List<String> bitForBit = compared.stream().filter(n -> local.checksums.get(n).equals(onS3.get(n))).toList();
        // Sums of doubles may differ in the last bits where partitions were combined in another order:
        // those tables are compared row by row, key by key, doubles to 1e-9 relative.
        List<String> differ = new ArrayList<>();
        for (String name : compared) {
          if (!bitForBit.contains(name)) {
            TableDef t = Tables.all().stream().filter(d -> d.qualifiedName().equals(name)).findFirst().orElseThrow();
            differ.addAll(SameRows.differences(t, read(t, local.root.toString(), Map.of()),
                read(t, "s3a://" + BUCKET + "/warehouse", s3.s3aSettings())));
          }
        }
        System.out.printf("silver and gold tables identical: %d of %d bit for bit%s%n", bitForBit.size(),
            compared.size(), bitForBit.size() == compared.size() ? "" : differ.isEmpty()
                ? ", the others to 1e-9 relative" : ", the others differ");
        assertEquals(List.of(), differ);
        List<String> written = JobGraph.nightly().inOrder().stream().flatMap(j -> j.writes().stream()).distinct()
            .filter(t -> t.layer() == Layer.SILVER || t.layer() == Layer.GOLD).map(TableDef::qualifiedName).toList();
        assertTrue(compared.containsAll(written), "every silver and gold table compared: " + compared);
        assertTrue(s3ObjectCount(work.resolve("s3").resolve(BUCKET).resolve("warehouse")) > 100,
            "the warehouse was written to the object store");
      }
    }
  }

  /**
   * The test's overlay over conf/prod.conf: where the warehouse and landing are, the S3-compatible
   * endpoint when there is one (credentials come from the environment), the tiny world's settings.
   */
  static Path prodOverlay(Path file, String warehouseRoot, String landing, String s3Endpoint) throws IOException {
    String s3 = s3Endpoint == null ? "" : """
              "spark.hadoop.fs.s3a.endpoint" = "%s"
              "spark.hadoop.fs.s3a.endpoint.region" = "us-east-1"
              "spark.hadoop.fs.s3a.path.style.access" = true
              "spark.hadoop.fs.s3a.connection.ssl.enabled" = false
        """.formatted(s3Endpoint);
    Files.createDirectories(file.getParent());
    Files.writeString(file, """
        # The test's overlay over conf/prod.conf; object-store credentials come from the environment.
        lakehouse {
          warehouse.root = "%s"
          warehouse.landing = "%s"
          # No Hive metastore on the test cluster: tables are registered in the session's catalog.
          catalog.metastore = "session"
        %s
          spark.conf {
        %s
            # The tiny world's settings on 2 cores, as conf/local.conf measured them: few partitions,
            # interpreted expressions, no adaptive re-planning (which would also lay files out differently
            # from the local run), VACUUM listing with 8 tasks instead of 10000.
            "spark.sql.shuffle.partitions" = 4
            "spark.databricks.delta.snapshotPartitions" = 2
            "spark.sql.codegen.wholeStage" = false
            "spark.sql.codegen.factoryMode" = "NO_CODEGEN"
            "spark.sql.adaptive.enabled" = false
            "spark.sql.sources.parallelPartitionDiscovery.parallelism" = 8
          }
        }
        """.formatted(warehouseRoot, landing, TinyWarehouse.TINY_MODELS, s3));
    return file;
  }

  /** Every gold table the nightly graph writes exists and has rows in the reference run. */
  private static void assertTablesComplete(Map<String, String> checksums) {
    List<String> missing = new ArrayList<>();
    for (TableDef t : JobGraph.nightly().inOrder().stream().flatMap(j -> j.writes().stream()).distinct().toList()) {
      String sum = checksums.get(t.qualifiedName());
      if (t.layer() == Layer.GOLD && (sum == null || sum.startsWith("0 rows"))) {
        missing.add(t.qualifiedName() + " " + sum);
      }
    }
    assertEquals(List.of(), missing, "gold tables without rows");
  }

  /** A table of a warehouse, read by this JVM's Spark session (through s3a for the object store). */
  private static Dataset<Row> read(TableDef t, String root, Map<String, String> hadoop) {
    SparkSession spark = SharedSpark.get();
    hadoop.forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
    WarehouseSettings settings = LakehouseConfig.load("local", null,
        Map.of("lakehouse.warehouse.root", root, "lakehouse.catalog.metastore", "session"))
        .warehouse();
    return new Warehouse(spark, settings).read(t);
  }

  /** Copies the landing zone to the bucket through s3a, as an upstream exporter would deliver it. */
  static void upload(Path from, String to, Map<String, String> s3a) throws IOException {
    Configuration conf = new Configuration();
    s3a.forEach(conf::set);
    FileSystem local = FileSystem.getLocal(conf);
    FileSystem s3 = FileSystem.get(URI.create(to), conf);
    try (var sources = Files.list(from)) {
      for (Path source : sources.toList()) {
        FileUtil.copy(local, new org.apache.hadoop.fs.Path(source.toUri()), s3,
            new org.apache.hadoop.fs.Path(to + "/" + source.getFileName()), false, conf);
      }
    }
  }

  private static long s3ObjectCount(Path bucketDir) throws IOException {
    try (var files = Files.walk(bucketDir)) {
      return files.filter(Files::isRegularFile).count();
    }
  }
}
