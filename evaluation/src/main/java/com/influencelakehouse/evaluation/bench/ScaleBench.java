package com.influencelakehouse.evaluation.bench;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.spark.SparkSessions;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import com.influencelakehouse.sampledata.GenerationReport;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;
import org.apache.spark.sql.SparkSession;

/**
 * Benchmark (bin/bench scale SCALE): on one generated scale, in one JVM, times the floor (a plain read
 * of every landing file into Delta), the whole nightly graph as a backfill of every day but the last,
 * then the last day as one incremental night, then that night again with nothing new; prints seconds
 * per million landing records per stage, so runs at two scales show whether cost grows linearly.
 */
public final class ScaleBench {
  /** Stages of the graph, by job name: how the figures are grouped. */
  private static final Map<String, Predicate<String>> STAGES = new LinkedHashMap<>();

  static {
    STAGES.put("bronze", n -> n.startsWith("ingest_") || n.equals("register_erasures"));
    STAGES.put("silver", n -> n.startsWith("conform_") || n.equals("expire_bronze"));
    STAGES.put("gold features", n -> n.startsWith("build_") && !n.equals("build_campaign_performance")
        || n.equals("estimate_content_lift"));
    STAGES.put("models", n -> n.startsWith("train_"));
    STAGES.put("scoring and reports", n -> true);
  }

  private ScaleBench() {}

  public static void main(String[] args) {
    BenchSetup setup = BenchSetup.generate(args);
    LakehouseConfig config = setup.config();
    GenerationReport g = setup.generated();
    SparkSession spark = SparkSessions.create(config.spark());
    Warehouse w = new Warehouse(spark, config.warehouse());
    Pseudonymiser p = Pseudonymiser.fromEnvironment(config.privacy(), System::getenv);
    List<Job> graph = JobGraph.nightly().inOrder();
    DateRange all = new DateRange(g.firstDate(), g.lastDate());
    DateRange backfill = new DateRange(g.firstDate(), g.lastDate().minusDays(1));
    DateRange lastNight = DateRange.of(g.lastDate());

    IngestBench.floor(spark, config, all, setup.root()); // warm-up: first queries load and compile classes
    long t0 = System.nanoTime();
    IngestBench.floor(spark, config, all, setup.root());
    double floor = seconds(t0);

    long t1 = System.nanoTime();
    Map<String, JobResult> back = new JobRunner(w, config, Clock.systemUTC(), p).runAll(graph, backfill);
    double backWall = seconds(t1);
    long t2 = System.nanoTime();
    Map<String, JobResult> night = new JobRunner(w, config, Clock.systemUTC(), p).runAll(graph, lastNight);
    double nightWall = seconds(t2);
    long t3 = System.nanoTime();
    Map<String, JobResult> again = new JobRunner(w, config, Clock.systemUTC(), p).runAll(graph, lastNight);
    double againWall = seconds(t3);
    long skipped = again.values().stream().filter(JobResult::isSkipped).count();

    double millions = g.totalRecords() / 1e6;
    double lastDayShare = 1.0 / all.days(); // the last night's share of the records, roughly
    System.out.printf(Locale.ROOT, "%n== scale benchmark, scale %s: %,d landing records (%.1f MB), %s, parallelism %d, "
        + "driver heap max %.1f GB%n", setup.scale(), g.totalRecords(), g.totalBytes() / 1e6, all,
        config.parallelism(), Runtime.getRuntime().maxMemory() / 1e9);
    System.out.printf(Locale.ROOT, "floor: plain read of all landing files into Delta %8.1f s  %6.1f s per M records%n",
        floor, floor / millions);
    System.out.printf(Locale.ROOT, "backfill %s, wall %.1f s (%.1f s per M records); job-seconds per stage "
        + "(jobs overlap, so they sum above the wall):%n", backfill, backWall, backWall / (millions * (1 - lastDayShare)));
    for (String stage : STAGES.keySet()) {
      double s = stageSeconds(back, stage);
      System.out.printf(Locale.ROOT, "  %-22s %8.1f s  %6.1f s per M records%n", stage, s,
          s / (millions * (1 - lastDayShare)));
    }
    double bronze = stageSeconds(back, "bronze");
    System.out.printf(Locale.ROOT, "bronze / floor                       %6.2f (job-seconds of the backfill over the "
        + "floor on all days)%n", bronze / floor);
    System.out.printf(Locale.ROOT, "one incremental night %s: wall %.1f s; / backfill wall = %.3f%n", lastNight,
        nightWall, nightWall / backWall);
    for (String stage : STAGES.keySet()) {
      System.out.printf(Locale.ROOT, "  %-22s %8.1f s%n", stage, stageSeconds(night, stage));
    }
    System.out.printf(Locale.ROOT, "the same night again, nothing new: wall %.1f s, %d of %d jobs skipped%n", againWall,
        skipped, again.size());
    System.out.printf(Locale.ROOT, "peak heap used %.2f GB%n", peakHeapGb());
    spark.stop();
  }

  /** Sum of the durations of the stage's jobs: a job counts in the first stage whose rule takes it. */
  private static double stageSeconds(Map<String, JobResult> results, String stage) {
    double s = 0;
    for (Map.Entry<String, JobResult> e : results.entrySet()) {
      String first = STAGES.entrySet().stream().filter(x -> x.getValue().test(e.getKey())).findFirst().orElseThrow()
          .getKey();
      if (first.equals(stage)) {
        s += e.getValue().durationMs() / 1e3;
      }
    }
    return s;
  }

  private static double peakHeapGb() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP && pool.getPeakUsage() != null) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak / 1e9;
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
