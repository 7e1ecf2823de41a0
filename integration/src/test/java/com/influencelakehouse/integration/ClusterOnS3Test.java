package com.influencelakehouse.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SameRows;
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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Production's shape on one machine: the job jar submitted with the deployment doc's spark-submit line
 * to a real Spark standalone cluster (master, worker and executors in their own JVMs), the warehouse
 * and the landing zone on a real S3-compatible server (s3a), the {@code prod} configuration. The
 * tables it leaves must be those of the jobs' range run over the same landing data (the tiny world),
 * checksum for checksum. This catches what local mode hides:
 * closures that do not serialise, paths only the driver can see, static state set on the driver,
 * and anything that assumes a local file system.
 */
@Tag("integration")
class ClusterOnS3Test {
  static final String BUCKET = "lakehouse-it";

  @Test
  void theNightlyPipelineOnAClusterWithTheWarehouseOnS3LeavesTheRangeRunsTables() throws IOException {
    TinyWarehouse world = TinyWarehouse.get();
    SparkDistribution spark = SparkDistribution.get();
    Path work = SparkDistribution.freshDirectory("cluster-s3");
    try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"), List.of(BUCKET))) {
      String landing = "s3a://" + BUCKET + "/exports";
      upload(world.landing, landing, s3.s3aSettings());

      // Credentials reach the driver and the worker's machine only as their environment, with the world's key.
      Map<String, String> driverEnv = S3ProxyServer.driverEnvironment(world.pseudonymisationKey);
      Path config = prodOverlay(work.resolve("s3-compatible.conf"), "s3a://" + BUCKET + "/warehouse", landing,
          s3.endpoint, world.settings);

      try (StandaloneCluster cluster = StandaloneCluster.start(spark, 2, "3g", S3ProxyServer.credentialsEnvironment())) {
        SparkDistribution.Submitted run = spark.submit("cluster-s3-nightly", DeploymentDoc.sparkSubmitArgs("standalone",
            TinyWarehouse.variables(Map.of("SPARK_MASTER", cluster.masterUrl, "FROM", world.from.toString(),
                "TO", world.to.toString(), "LAKEHOUSE_CONFIG", config.toString()))),
            driverEnv, Duration.ofMinutes(25));
        assertEquals(0, run.exitCode(), "the cluster run failed\n" + run.tail());
        assertTrue(cluster.executorsLaunched() >= 1, "executors ran in the worker's JVMs");
        System.out.printf("tiny pipeline %s..%s: standalone cluster with the warehouse on s3a %.1f s%n",
            world.from, world.to, run.seconds());

        Map<String, String> onS3 = TinyWarehouse.checksums(spark, "cluster-s3-checksums", cluster.masterUrl, "prod",
            config, driverEnv);
        // The reference: the jobs' range run over the same landing, its checksums by the job jar in local mode.
        Map<String, String> reference = world.checksums();
        assertTablesComplete(reference);
        // Bronze keeps each record's source file path, which names the store: compared from silver on.
        List<String> compared = reference.keySet().stream()
            .filter(n -> n.startsWith("silver.") || n.startsWith("gold.")).toList();
        List<String> bitForBit = compared.stream().filter(n -> reference.get(n).equals(onS3.get(n))).toList();
        // Sums of doubles may differ in the last bits where partitions were combined in another order:
        // those tables are compared row by row, key by key, doubles to 1e-9 relative.
        List<String> differ = new ArrayList<>();
        for (String name : compared) {
          if (!bitForBit.contains(name)) {
            TableDef t = Tables.all().stream().filter(d -> d.qualifiedName().equals(name)).findFirst().orElseThrow();
            differ.addAll(SameRows.differences(t, TinyWarehouse.read(t, world.root.toString(), Map.of()),
                TinyWarehouse.read(t, "s3a://" + BUCKET + "/warehouse", s3.s3aSettings())));
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
   * endpoint when there is one (credentials come from the environment), then the tiny world's settings
   * ({@code worldSettings}, HOCON under lakehouse), which win.
   */
  static Path prodOverlay(Path file, String warehouseRoot, String landing, String s3Endpoint, String worldSettings)
      throws IOException {
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
          spark.conf {
        %s
            # The tiny world's settings on 2 cores, as the jobs' tests' shared session (SharedSpark: conf/local.conf,
            # 2 shuffle partitions) built the reference with: few partitions, interpreted expressions, no adaptive
            # re-planning (which would also lay files out differently from the reference), VACUUM listing with
            # 8 tasks instead of 10000, no data skipping.
            "spark.sql.shuffle.partitions" = 2
            "spark.default.parallelism" = 2
            "spark.databricks.delta.snapshotPartitions" = 2
            "spark.sql.codegen.wholeStage" = false
            "spark.sql.codegen.factoryMode" = "NO_CODEGEN"
            "spark.sql.adaptive.enabled" = false
            "spark.sql.sources.parallelPartitionDiscovery.parallelism" = 8
            # No Delta data skipping on tables of a few files (SharedSpark): it changes no result, only the cost.
            "spark.databricks.delta.stats.skipping" = false
          }
        }
        %s
        """.formatted(warehouseRoot, landing, s3, worldSettings));
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
