package com.influencelakehouse.jobs;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.DeltaLogFiles;
import com.influencelakehouse.common.io.LandingFiles;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.functions;

/**
 * Tells whether a job would only redo its last successful run for the same dates: its input tables
 * are at the versions it read then, its landing files are the same ({@link LandingFiles#fingerprint}), the settings,
 * code and pseudonymisation key are the same, and its own tables (those it writes, and those it
 * deletes from last in the night) are as it left them (or only compacted since). Jobs are idempotent, so such a job is skipped: a night re-run with no new data
 * costs a log listing per table instead of the pipeline.
 */
final class UnchangedInputs {
  /** What the run log said about a job's last success for these dates. */
  private record LastSuccess(String runId, String digest, Map<String, Long> outputVersions) {
  }

  private final Warehouse warehouse;
  private final Configuration hadoop;
  private final String fixedPart;
  private final Map<String, LastSuccess> last;

  private UnchangedInputs(Warehouse warehouse, String fixedPart, Map<String, LastSuccess> last) {
    this.warehouse = warehouse;
    this.hadoop = warehouse.spark().sparkContext().hadoopConfiguration();
    this.fixedPart = fixedPart;
    this.last = last;
  }

  /**
   * Reads, in one query, each of {@code jobs}' latest successful run for exactly {@code dates} from
   * {@code audit.run_log} (one row per job, whatever the log's size).
   */
  static UnchangedInputs load(Warehouse w, LakehouseConfig config, Pseudonymiser pseudonymiser, List<Job> jobs,
      DateRange dates) {
    String fixed = "settings=" + config.settingsDigest() + ";code=" + CODE + ";key=" + pseudonymiser.fingerprint()
        + ";dates=" + dates;
    Map<String, LastSuccess> last = new HashMap<>();
    if (config.skipUnchanged() && w.exists(Tables.RUN_LOG)) {
      List<String> names = jobs.stream().map(Job::name).toList();
      List<Row> rows = w.read(Tables.RUN_LOG)
          .where(col("status").isin("SUCCEEDED", "SKIPPED").and(col("inputs_digest").isNotNull())
              .and(col("run_date_from").equalTo(java.sql.Date.valueOf(dates.from())))
              .and(col("run_date_to").equalTo(java.sql.Date.valueOf(dates.to())))
              .and(col("job").isin(names.toArray())))
          .withColumn("_latest", functions.row_number().over(Window.partitionBy("job")
              .orderBy(col("finished_at").desc())))
          .where(col("_latest").equalTo(1))
          .select("job", "run_id", "inputs_digest", "output_versions")
          .collectAsList(); // at most one row per job
      for (Row r : rows) {
        last.put(r.getString(0), new LastSuccess(r.getString(1), r.getString(2),
            r.isNullAt(3) ? Map.of() : r.<String, Long>getJavaMap(3)));
      }
    }
    return new UnchangedInputs(w, fixed, last);
  }

  /**
   * The digest of everything {@code job} reads for the dates, taken before it runs: input table
   * versions, landing files, settings, code and key.
   */
  String digest(Job job, DateRange dates) {
    StringBuilder what = new StringBuilder(fixedPart).append(";job=").append(job.name());
    for (TableDef t : job.reads()) {
      what.append(";").append(t.qualifiedName()).append("@").append(warehouse.version(t));
    }
    for (LandingSource s : job.readsLanding()) {
      what.append(";").append(s.path()).append(":").append(LandingFiles.fingerprint(warehouse.spark(),
          warehouse.settings(), s, dates));
    }
    return sha256(what.toString());
  }

  /**
   * The Delta version of each table the job writes or deletes from, now (-1 for one not written yet).
   * A deletion changes the table too: expiry run again finds nothing to delete only if bronze is as it
   * left it.
   */
  Map<String, Long> outputVersions(Job job) {
    Map<String, Long> out = new LinkedHashMap<>();
    for (TableDef t : outputs(job)) {
      if (t.schema() != null) {
        out.put(t.qualifiedName(), warehouse.version(t));
      }
    }
    return out;
  }

  /**
   * The tables compared to tell that a job left them as they are: those it writes, and those it deletes
   * from that no later job of the night writes (a later writer reads what the deleting job wrote and
   * keeps its deletions itself, as ingest leaves erased subjects out).
   */
  private static List<TableDef> outputs(Job job) {
    List<TableDef> out = new java.util.ArrayList<>(job.writes());
    JobGraph nightly = JobGraph.nightly();
    out.addAll(nightly.job(job.name()).isPresent() ? nightly.deletesLastFrom(job.name()) : job.deletesFrom());
    return out;
  }

  /**
   * Why {@code job} need not run (its last success saw the same inputs and its tables are as it
   * left them), or empty when it must run. Tables several jobs write, each its own slice (the run
   * log, the quarantine, data-quality results), are not compared: other jobs' slices move them.
   */
  Optional<String> whySkip(Job job, String digest) {
    LastSuccess prev = last.get(job.name());
    if (prev == null || !prev.digest().equals(digest)) {
      return Optional.empty();
    }
    for (TableDef t : outputs(job)) {
      if (t.schema() == null || t.shared()) {
        continue;
      }
      Long then = prev.outputVersions().get(t.qualifiedName());
      long now = warehouse.version(t);
      if (then == null || now < then
          || now > then && !DeltaLogFiles.sameRowsSince(hadoop, warehouse.path(t), then, now)) {
        return Optional.empty();
      }
    }
    return Optional.of("inputs, outputs, settings and code unchanged since run " + prev.runId());
  }

  /**
   * The code's identity: the jobs' and the library's jar (size and time) or class folder (newest
   * file and count). A rebuild may re-run jobs whose code did not change; a change never goes unseen.
   */
  private static final String CODE = codeIdentity(UnchangedInputs.class) + "+" + codeIdentity(Warehouse.class);

  private static String codeIdentity(Class<?> c) {
    try {
      Path p = Path.of(c.getProtectionDomain().getCodeSource().getLocation().toURI());
      if (!Files.isDirectory(p)) {
        return Files.size(p) + ":" + Files.getLastModifiedTime(p).toMillis();
      }
      try (Stream<Path> files = Files.walk(p)) {
        long[] newestAndCount = {0, 0};
        files.filter(Files::isRegularFile).forEach(f -> {
          try {
            newestAndCount[0] = Math.max(newestAndCount[0], Files.getLastModifiedTime(f).toMillis());
            newestAndCount[1]++;
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
        return newestAndCount[0] + ":" + newestAndCount[1];
      }
    } catch (IOException | URISyntaxException | RuntimeException e) {
      return "unknown-" + System.nanoTime(); // cannot tell: never equal, so nothing is skipped
    }
  }

  private static String sha256(String text) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(
          text.getBytes(StandardCharsets.UTF_8)), 0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
