package com.influencelakehouse.integration;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.JobGraph;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The job jar under spark-submit in local mode, with the deployment doc's local line as written: the tiny
 * world's last night run again on a copy of its range warehouse, every job run (none skipped as unchanged).
 * One night, not the whole range: the range itself is the jobs' own run, and the cluster test compares a
 * whole range submitted to a cluster with it.
 */
@Tag("integration")
class LocalModeTest {
  @Test
  void theLastNightRunsWithTheJobJarInLocalMode() {
    TinyWarehouse world = TinyWarehouse.get();
    Path root = world.copy("local-night");
    Path config = world.config(root.resolveSibling("local-night.conf"), root, "pipeline.skip-unchanged = false");
    SparkDistribution.Submitted run = SparkDistribution.get().submit("local-night",
        DeploymentDoc.sparkSubmitArgs("local", TinyWarehouse.variables(Map.of("FROM", world.to.toString(),
            "TO", world.to.toString(), "LAKEHOUSE_CONFIG", config.toString()))),
        world.keyEnvironment(), Duration.ofMinutes(15));
    assertEquals(0, run.exitCode(), "the local run failed\n" + run.tail());
    System.out.printf("tiny world's last night %s with the job jar in local mode: %.1f s%n", world.to, run.seconds());

    // What it wrote: a run of its own in audit.run_log, every job of the graph succeeded for that night.
    List<String> before = TinyWarehouse.read(Tables.RUN_LOG, world.root.toString(), Map.of())
        .select("run_id").distinct().as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
    Dataset<Row> runs = TinyWarehouse.read(Tables.RUN_LOG, root.toString(), Map.of())
        .where(col("run_id").isin(before.toArray()).unary_$bang());
    assertEquals(1, runs.select("run_id").distinct().count(), "one new run in audit.run_log");
    Set<String> jobs = new TreeSet<>(JobGraph.nightly().inOrder().stream().map(Job::name).toList());
    Set<String> succeeded = new TreeSet<>(runs.where(col("status").equalTo("SUCCEEDED")
        .and(col("run_date_from").equalTo(java.sql.Date.valueOf(world.to)))
        .and(col("run_date_to").equalTo(java.sql.Date.valueOf(world.to))))
        .select("job").as(org.apache.spark.sql.Encoders.STRING()).collectAsList());
    assertEquals(jobs, succeeded, "every job of the nightly graph succeeded for " + world.to);
  }
}
