package com.influencelakehouse.evaluation.bench;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.LandingFiles;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.spark.SparkSessions;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import com.influencelakehouse.sampledata.GenerationReport;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;

/**
 * Benchmark (bin/bench ingest SCALE): generates a scale into a scratch warehouse, then times the floor
 * (a plain spark.read of every landing file with the contract's schema, written to Delta by date),
 * the bronze ingest jobs and the silver conform jobs on the same files. Prints records per second.
 */
public final class IngestBench {
  private IngestBench() {}

  public static void main(String[] args) {
    BenchSetup setup = BenchSetup.generate(args);
    String scale = setup.scale();
    LakehouseConfig config = setup.config();
    GenerationReport g = setup.generated();
    Path root = setup.root();
    DateRange dates = new DateRange(g.firstDate(), g.lastDate());
    SparkSession spark = SparkSessions.create(config.spark());
    Warehouse w = new Warehouse(spark, config.warehouse());

    floor(spark, config, dates, root); // warm-up: the JVM's first queries compile and load classes
    long t0 = System.nanoTime();
    floor(spark, config, dates, root);
    double floor = seconds(t0);

    JobRunner runner = new JobRunner(w, config, Clock.systemUTC(),
        Pseudonymiser.fromEnvironment(config.privacy(), System::getenv));
    List<Job> all = JobGraph.nightly().inOrder();
    List<Job> bronze = all.stream().filter(j -> j.name().startsWith("ingest_") || j.name().equals("register_erasures"))
        .toList();
    List<Job> silver = all.stream().filter(j -> j.name().startsWith("conform_")).toList();
    long t1 = System.nanoTime();
    runner.runAll(bronze, dates);
    double bronzeSeconds = seconds(t1);
    long t2 = System.nanoTime();
    runner.runAll(silver, dates);
    double silverSeconds = seconds(t2);

    long records = g.totalRecords();
    System.out.printf(Locale.ROOT, "%n== ingest benchmark, scale %s: %,d landing records (%.1f MB), %s..%s, "
            + "parallelism %d%n", scale, records, g.totalBytes() / 1e6, g.firstDate(), g.lastDate(),
        config.parallelism());
    System.out.printf(Locale.ROOT, "floor (spark.read + Delta write) %7.1f s  %,10.0f records/s  (warm)%n", floor,
        records / floor);
    System.out.printf(Locale.ROOT, "bronze (ingest jobs)             %7.1f s  %,10.0f records/s  = %.1f x floor%n",
        bronzeSeconds, records / bronzeSeconds, bronzeSeconds / floor);
    System.out.printf(Locale.ROOT, "silver (conform jobs)            %7.1f s  %,10.0f records/s%n", silverSeconds,
        records / silverSeconds);
    System.out.printf(Locale.ROOT, "bronze + silver                  %7.1f s  %,10.0f records/s%n",
        bronzeSeconds + silverSeconds, records / (bronzeSeconds + silverSeconds));
    spark.stop();
  }

  /** A plain read of every landing file with the contract's schema, written to Delta by date. */
  static void floor(SparkSession spark, LakehouseConfig config, DateRange dates, Path root) {
    for (LandingSource source : LandingSource.values()) {
      List<String> files = LandingFiles.list(spark, config.warehouse(), source, dates).files().stream()
          .map(f -> config.warehouse().landing() + "/" + f).toList();
      if (files.isEmpty()) {
        continue;
      }
      Dataset<Row> d = source.format() == LandingSource.Format.CSV
          ? spark.read().option("header", "true").csv(files.toArray(String[]::new))
          : spark.read().schema(source.contract()).json(files.toArray(String[]::new));
      d.withColumn("dt", functions.regexp_extract(functions.input_file_name(), "dt=([0-9-]+)", 1))
          .write().format("delta").mode("overwrite").partitionBy("dt")
          .save(root.resolve("floor").resolve(source.name()).toString());
    }
  }

  private static double seconds(long startNanos) {
    return (System.nanoTime() - startNanos) / 1e9;
  }
}
