package com.influencelakehouse.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Not a test: the run time of the tiny pipeline in each deployment shape, printed (bin/bench deploy).
 * Local mode on local disk, the standalone cluster on local disk, local mode on s3a, and the cluster
 * on s3a (what ClusterOnS3Test runs), each a fresh warehouse over the same landing data.
 */
@Tag("bench")
class DeploymentBench {
  @Test
  void tinyPipelineInEachDeploymentShape() throws Exception {
    TinyWarehouse local = TinyWarehouse.get();
    SparkDistribution spark = SparkDistribution.get();
    Path work = SparkDistribution.freshDirectory("bench");
    Map<String, String> driverEnv = S3ProxyServer.driverEnvironment(local.pseudonymisationKey);
    Map<String, Double> seconds = new java.util.LinkedHashMap<>();
    // The doc's local line over the world's landing data, into a fresh warehouse.
    Path localConfig = local.config(work.resolve("local-disk.conf"), work.resolve("local-disk"),
        "warehouse.landing = \"" + local.landing + "\"");
    SparkDistribution.Submitted localRun = spark.submit("bench-local-disk", DeploymentDoc.sparkSubmitArgs("local",
        TinyWarehouse.variables(Map.of("FROM", local.from.toString(), "TO", local.to.toString(), "LAKEHOUSE_CONFIG",
            localConfig.toString()))), driverEnv, Duration.ofMinutes(30));
    assertEquals(0, localRun.exitCode(), "bench-local-disk failed\n" + localRun.tail());
    seconds.put("local mode, local disk", localRun.seconds());
    try (S3ProxyServer s3 = S3ProxyServer.start(work.resolve("s3"), List.of("bench"));
        StandaloneCluster cluster = StandaloneCluster.start(spark, 2, "3g", S3ProxyServer.credentialsEnvironment())) {
      ClusterOnS3Test.upload(local.landing, "s3a://bench/exports", s3.s3aSettings());
      String landingOnDisk = local.landing.toString();
      seconds.put("standalone cluster, local disk", run(spark, "bench-cluster-disk", cluster.masterUrl,
          ClusterOnS3Test.prodOverlay(work.resolve("cluster-disk.conf"), work.resolve("cluster-disk").toString(),
              landingOnDisk, null, local.settings), local, driverEnv));
      seconds.put("local mode, s3a", run(spark, "bench-local-s3", "local[2]",
          ClusterOnS3Test.prodOverlay(work.resolve("local-s3.conf"), "s3a://bench/local-s3", "s3a://bench/exports",
              s3.endpoint, local.settings), local, driverEnv));
      seconds.put("standalone cluster, s3a", run(spark, "bench-cluster-s3", cluster.masterUrl,
          ClusterOnS3Test.prodOverlay(work.resolve("cluster-s3.conf"), "s3a://bench/cluster-s3", "s3a://bench/exports",
              s3.endpoint, local.settings), local, driverEnv));
    }
    System.out.printf("tiny pipeline %s..%s, whole nightly graph as one backfill run (spark-submit, JVM start included):%n",
        local.from, local.to);
    seconds.forEach((shape, s) -> System.out.printf("  %-32s %7.1f s%n", shape, s));
  }

  private static double run(SparkDistribution spark, String name, String master, Path config, TinyWarehouse local,
      Map<String, String> env) {
    SparkDistribution.Submitted r = spark.submit(name, DeploymentDoc.sparkSubmitArgs("standalone",
        TinyWarehouse.variables(Map.of("SPARK_MASTER", master, "FROM", local.from.toString(), "TO",
            local.to.toString(), "LAKEHOUSE_CONFIG", config.toString()))), env, Duration.ofMinutes(30));
    assertEquals(0, r.exitCode(), name + " failed\n" + r.tail());
    return r.seconds();
  }
}
