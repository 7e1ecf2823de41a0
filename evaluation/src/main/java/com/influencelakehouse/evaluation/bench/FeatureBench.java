package com.influencelakehouse.evaluation.bench;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.spark.SparkSessions;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import com.influencelakehouse.sampledata.GenerationReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (bin/bench features SCALE): generates a scale, runs the nightly pipeline over its whole
 * period as one backfill, then re-runs the gold and model jobs for the last night alone; prints their
 * times for both, and the feature and model quality against the generator's ground truth.
 */
public final class FeatureBench {
  private static final List<String> GOLD = List.of("build_features", "estimate_content_lift",
      "build_training_posting", "build_training_conversion", "train_posting_model", "train_conversion_model");

  private FeatureBench() {}

  public static void main(String[] args) {
    BenchSetup setup = BenchSetup.generate(args);
    String scale = setup.scale();
    LakehouseConfig config = setup.config();
    GenerationReport g = setup.generated();
    SparkSession spark = SparkSessions.create(config.spark());
    Warehouse w = new Warehouse(spark, config.warehouse());
    Pseudonymiser p = Pseudonymiser.fromEnvironment(config.privacy(), System::getenv);
    JobRunner runner = new JobRunner(w, config, Clock.systemUTC(), p);
    JobGraph graph = JobGraph.nightly();
    DateRange all = new DateRange(g.firstDate(), g.lastDate());
    Map<String, JobResult> backfill = runner.runAll(graph.inOrder(), all);
    DateRange night = DateRange.of(g.lastDate());
    Map<String, JobResult> oneNight = runner.runAll(GOLD.stream().map(n -> graph.job(n).orElseThrow()).toList(),
        night);
    System.out.printf(Locale.ROOT, "== features at scale %s: %d days (%s)%n", scale, all.days(), all);
    for (String job : GOLD) {
      System.out.printf(Locale.ROOT, "%-27s backfill %7.1f s (%,d rows)   one night %6.1f s (%,d rows)%n", job,
          backfill.get(job).durationMs() / 1000.0, backfill.get(job).rowsOut(),
          oneNight.get(job).durationMs() / 1000.0, oneNight.get(job).rowsOut());
    }
    Path truth = Path.of(config.sampleData().groundTruth());
    System.out.println(FeatureQuality.evaluate(w, truth, p, config.features(), g.lastDate()));
    System.out.println(ModelQuality.evaluate(w, truth, config.features().deliveryLagDays()));
    spark.stop();
  }
}
