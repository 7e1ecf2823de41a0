package com.influencelakehouse.jobs.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.IngestSettings;
import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.LandingFiles;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.quality.DqCheck.Severity;
import com.influencelakehouse.common.quality.Quarantine;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import com.influencelakehouse.jobs.privacy.ErasedSubjects;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ingests a family of landing sources into bronze for a date range: every delivered record ends up
 * either in its bronze table (typed, with rescued extra fields) or in {@code bronze.quarantine} with
 * a reason, and the counts per source and date are reconciled in {@code audit.dq_results}. Re-running
 * a date replaces that date (replaceWhere on {@code _ingest_date}), never duplicates.
 */
public abstract class IngestJob implements Job {
  private static final Logger LOG = LoggerFactory.getLogger(IngestJob.class);
  private static final String ERASED = "_erased";

  private final String name;
  private final String family;
  private final List<LandingSource> sources;
  private final boolean leavesOutErased;

  /**
   * @param leavesOutErased whether records of subjects in {@code audit.erasure_log} are left out
   *                        (every family but the erasure requests themselves)
   */
  protected IngestJob(String name, String family, List<LandingSource> sources, boolean leavesOutErased) {
    this.name = name;
    this.family = family;
    this.sources = List.copyOf(sources);
    this.leavesOutErased = leavesOutErased;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String description() {
    return "Ingest " + family + " (" + sources.stream().map(LandingSource::path).collect(Collectors.joining(", "))
        + ") into bronze, quarantining records that break their contract.";
  }

  @Override
  public List<LandingSource> readsLanding() {
    return sources;
  }

  @Override
  public List<TableDef> reads() {
    return leavesOutErased ? List.of(Tables.ERASURE_LOG) : List.of();
  }

  @Override
  public List<TableDef> writes() {
    List<TableDef> out = new ArrayList<>();
    sources.forEach(s -> out.add(Tables.bronzeOf(s)));
    out.add(Tables.QUARANTINE);
    out.add(Tables.DQ_RESULTS);
    return out;
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    IngestSettings settings = ctx.config().ingest();
    DateRange dates = ctx.dates();
    Instant now = ctx.now();
    JobResult result = new JobResult();
    List<DqCheck> checks = new ArrayList<>();
    ErasedSubjects erased = leavesOutErased ? ErasedSubjects.load(w) : null;
    // Each source's bronze table as it was before this job: a failure puts back every one it committed.
    Map<TableDef, Long> before = new LinkedHashMap<>();
    sources.forEach(s -> before.put(Tables.bronzeOf(s), w.version(Tables.bronzeOf(s)))); // -1: not yet created
    try (Cache cache = new Cache()) {
      Dataset<Row> quarantined = null;
      for (LandingSource source : sources) {
        LandingFiles.Listing listing = LandingFiles.list(w.spark(), w.settings(), source, dates);
        checks.addAll(missingFolders(listing, settings, w));
        checks.addAll(emptyFolders(listing, result));
        Dataset<Row> lines = LandingFiles.read(w.spark(), w.settings(), listing, settings.failOnCorruptFile(),
            settings.formatOf(source));
        if (!listing.strays().isEmpty()) {
          // Never read, so never lost silently: one quarantine row per stray entry, on the night that found it.
          listing.strays().forEach((path, why) -> result.warning(path + ": " + why));
          lines = lines.unionByName(LandingFiles.strayRows(w.spark(), listing, dates.to()));
        }
        Dataset<Row> v = leaveOutErased(beforeStoring(BronzeRecords.validate(lines, source,
            settings.futureToleranceHours(), settings.earliestTimestamp()), ctx.pseudonymiser()), source, erased,
            ctx.pseudonymiser());
        v = cache.keep(v);
        Dataset<Row> kept = v.where(col(ERASED).unary_$bang());
        result.wrote(w.replaceDates(Tables.bronzeOf(source), BronzeRecords.valid(kept, source, now),
            Tables.INGEST_DATE, dates));
        checks.addAll(reconcile(source, dates, v, settings, result));
        checks.addAll(nullRates(source, kept.where(col("reason").isNull())));
        Dataset<Row> q = BronzeRecords.quarantined(kept, now);
        quarantined = quarantined == null ? q : quarantined.unionByName(q);
      }
      // One commit for the quarantine of all this job's sources.
      result.wrote(w.replaceWhere(Tables.QUARANTINE, quarantined,
          Quarantine.slice("bronze", sources, dates)));
    } catch (RuntimeException e) {
      throw rolledBack(w, before, e);
    }
    // Written once the job's data is: its data-quality rows describe exactly what it committed.
    result.wrote(DataQuality.write(w, name, ctx.runId(), dates, now, checks));
    DataQuality.requireNoBlockingFailure(checks);
    return result;
  }

  /**
   * A job that fails part-way leaves none of its sources' commits: each bronze table it changed is
   * restored to its version before the job, and the error says which were (the quarantine and the
   * data-quality rows are written after all sources, so a failure before them leaves neither).
   */
  private static RuntimeException rolledBack(Warehouse w, Map<TableDef, Long> before, RuntimeException failure) {
    List<String> restored = new ArrayList<>();
    try {
      for (Map.Entry<TableDef, Long> t : before.entrySet()) {
        if (w.exists(t.getKey()) && w.version(t.getKey()) != t.getValue()) {
          w.restore(t.getKey(), t.getValue());
          restored.add(t.getKey().qualifiedName() + (t.getValue() < 0 ? " (emptied)" : " (to version " + t.getValue()
              + ")"));
        }
      }
    } catch (RuntimeException e) {
      failure.addSuppressed(e);
      return new IllegalStateException(failure.getMessage() + " [rolling back failed after " + restored
          + ": the re-run of these dates replaces them]", failure);
    }
    return restored.isEmpty() ? failure : new IllegalStateException(failure.getMessage() + " [nothing of this "
        + "job's is committed: rolled back " + String.join(", ", restored) + "]", failure);
  }

  /**
   * Date folders that were not delivered: a required source's stops the run naming the folder (unless
   * configured to warn); an optional source's is normal and only counted.
   */
  private List<DqCheck> missingFolders(LandingFiles.Listing listing, IngestSettings settings, Warehouse w) {
    List<DqCheck> out = new ArrayList<>();
    LandingSource source = listing.source();
    if (listing.missingDates().isEmpty()) {
      return out;
    }
    String kind = source.required() ? "required" : "optional";
    boolean fail = source.required() ? settings.failOnMissingRequired() : settings.failOnMissingOptional();
    LocalDate first = listing.missingDates().get(0);
    if (fail) {
      throw new IllegalStateException("landing folder " + w.settings().landingPath(source, first) + " is missing ("
          + kind + " source " + source.path() + ", " + listing.missingDates().size() + " date(s) missing in all): "
          + "deliver it, or set lakehouse.ingest.missing-" + kind + "-folder = warn");
    }
    if (source.required()) {
      LOG.warn("{} of {} date folders of required source {} are missing, first {}", listing.missingDates().size(),
          listing.files().isEmpty() ? "all" : "the", source.path(), w.settings().landingPath(source, first));
    } else {
      LOG.info("optional source {}: no delivery on {} date(s)", source.path(), listing.missingDates().size());
    }
    for (LocalDate d : listing.missingDates()) {
      out.add(source.required()
          ? DqCheck.expect(d, "folder_delivered", source.path(), Severity.WARNING, false, 0, 1.0,
              "no folder " + w.settings().landingPath(source, d))
          : DqCheck.count(d, "folder_absent", source.path(), 1));
    }
    return out;
  }

  /** Date folders delivered without a file: nothing to load, which is worth a warning, not silence. */
  private static List<DqCheck> emptyFolders(LandingFiles.Listing listing, JobResult result) {
    List<DqCheck> out = new ArrayList<>();
    for (LocalDate d : listing.emptyDates()) {
      String what = "the folder " + listing.source().path() + "/dt=" + d + " holds no file (hidden files and "
          + "folders are not read): nothing loaded for that day";
      out.add(DqCheck.expect(d, "folder_has_files", listing.source().path(), Severity.WARNING, false, 0, 1.0, what));
      if (listing.source().required()) {
        result.warning(what);
      }
    }
    return out;
  }

  /** Share of loaded records without each optional field, per date: a sudden change points at an exporter. */
  private static List<DqCheck> nullRates(LandingSource source, Dataset<Row> loaded) {
    List<String> optional = source.fieldNames().stream().filter(f -> !source.isRequired(f)).toList();
    List<DqCheck> out = new ArrayList<>();
    if (optional.isEmpty()) {
      return out;
    }
    List<Column> aggs = new ArrayList<>();
    aggs.add(count("*"));
    optional.forEach(f -> aggs.add(count(when(col(f).isNull(), 1))));
    // One row per date: small whatever the data.
    for (Row r : loaded.groupBy(col(Tables.INGEST_DATE))
        .agg(aggs.get(0), aggs.subList(1, aggs.size()).toArray(Column[]::new)).collectAsList()) {
      long n = r.getLong(1);
      for (int i = 0; i < optional.size(); i++) {
        out.add(new DqCheck(r.getDate(0).toLocalDate(), "null_rate:" + optional.get(i), source.path(),
            DqCheck.Severity.INFO, DqCheck.Status.INFO, n == 0 ? 0.0 : r.getLong(i + 2) / (double) n, null, null));
      }
    }
    return out;
  }

  /**
   * What a job changes in its validated records before bronze stores them (valid ones have a null
   * {@code reason}); none by default.
   */
  protected Dataset<Row> beforeStoring(Dataset<Row> validated, Pseudonymiser p) {
    return validated;
  }

  /** Marks records of erased subjects (never stored): valid ones by their personal fields, rejected ones by text. */
  private static Dataset<Row> leaveOutErased(Dataset<Row> validated, LandingSource source, ErasedSubjects erased,
      Pseudonymiser p) {
    if (erased == null || erased.isEmpty()) {
      return validated.withColumn(ERASED, lit(false));
    }
    Column owned = ErasedSubjects.hasPersonalFields(source) ? erased.owns(source, p) : lit(false);
    Dataset<Row> out = validated.withColumn(ERASED, when(col("reason").isNull(), owned)
        .otherwise(erased.mentioned(col("value"), p)));
    if (erased.hasHandles() && source.fieldNames().contains("caption")) {
      // Others' captions keep no @mention of an erased influencer: typed, raw line and exporter payload.
      for (String c : List.of("caption", "value", LandingFiles.PAYLOAD)) {
        out = out.withColumn(c, erased.withoutMentions(col(c), p));
      }
    }
    return out;
  }

  /** Per source and date: delivered = loaded + quarantined + erased, quarantine by reason, rescued fields. */
  private static List<DqCheck> reconcile(LandingSource source, DateRange dates, Dataset<Row> validated,
      IngestSettings settings, JobResult result) {
    List<Row> counts = validated.groupBy(col(Tables.INGEST_DATE), col("reason"), col(ERASED))
        .agg(count("*").as("n"), count(when(col(Tables.RESCUED).isNotNull(), 1)).as("rescued"))
        .collectAsList(); // one row per date and reason: small whatever the data
    Map<LocalDate, long[]> perDate = new TreeMap<>(); // delivered, loaded, quarantined, rescued, erased
    Map<LocalDate, Map<String, Long>> reasons = new TreeMap<>();
    for (LocalDate d : dates.list()) {
      perDate.put(d, new long[5]);
      reasons.put(d, new TreeMap<>());
    }
    for (Row r : counts) {
      LocalDate d = r.getDate(0).toLocalDate();
      long n = r.getLong(3);
      long[] c = perDate.computeIfAbsent(d, k -> new long[5]);
      c[0] += n;
      if (r.isNullAt(2)) { // leaveOutErased never yields null: a null here is a defect, not a record to guess about
        throw new IllegalStateException("erasure check undecided for " + n + " record(s) of " + source.path()
            + " on " + d + " (reason " + r.getString(1) + ")");
      }
      if (r.getBoolean(2)) {
        c[4] += n;
      } else if (r.isNullAt(1)) {
        c[1] += n;
        c[3] += r.getLong(4);
      } else {
        c[2] += n;
        reasons.computeIfAbsent(d, k -> new TreeMap<>()).merge(r.getString(1), n, Long::sum);
      }
    }
    List<DqCheck> out = new ArrayList<>();
    String table = source.path();
    perDate.forEach((d, c) -> {
      result.addRowsIn(c[0]).addQuarantined(c[2]);
      out.add(DqCheck.count(d, "delivered_records", table, c[0]));
      out.add(DqCheck.count(d, "bronze_loaded", table, c[1]));
      out.add(DqCheck.count(d, "bronze_quarantined", table, c[2]));
      out.add(DqCheck.count(d, "rescued_fields_records", table, c[3]));
      out.add(DqCheck.count(d, "erased", table, c[4]));
      reasons.get(d).forEach((reason, n) -> out.add(DqCheck.count(d, "quarantined:" + reason, table, n)));
      out.add(DqCheck.expect(d, "delivered_equals_loaded_plus_quarantined_plus_erased", table, Severity.BLOCKING,
          c[0] == c[1] + c[2] + c[4], c[1] + c[2] + c[4], (double) c[0], "records lost between landing and bronze"));
      double share = c[0] == 0 ? 0 : c[2] / (double) c[0];
      Severity severity = c[0] >= settings.quarantineShareMinRecords() ? Severity.BLOCKING : Severity.WARNING;
      if (share > settings.maxQuarantineShare()) {
        // Below the blocking size a day may still lose a whole source: loud, whatever its size.
        result.warning(String.format("%s on %s: %d of %d records quarantined (%.1f%%, limit %.1f%%, "
            + "lakehouse.ingest.max-quarantine-share): %s; see bronze.quarantine", table, d, c[2], c[0], share * 100,
            settings.maxQuarantineShare() * 100, reasons.get(d).entrySet().stream()
                .sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))));
      }
      out.add(DqCheck.expect(d, "quarantine_share", table, severity, share <= settings.maxQuarantineShare(),
          share, settings.maxQuarantineShare(), String.format("%.1f%% of %d records quarantined (limit %.1f%%): see "
              + "bronze.quarantine", share * 100, c[0], settings.maxQuarantineShare() * 100)));
    });
    return out;
  }
}
