package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_json;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.job.WriteResult;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.quality.DqCheck.Severity;
import com.influencelakehouse.common.quality.Quarantine;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What became of each bronze record in silver: {@code loaded}, {@code duplicate} (an identical
 * record was delivered before) or {@code quarantined:<reason>} (it refers to something unknown).
 * Counting outcomes per source and date is the silver half of the reconciliation:
 * bronze = loaded + duplicates + quarantined.
 */
public final class Outcomes {
  /** Column holding the outcome. */
  public static final String OUTCOME = "_outcome";
  public static final String LOADED = "loaded";
  public static final String DUPLICATE = "duplicate";
  public static final String QUARANTINED = "quarantined:";
  /** Optional column with a quarantined record's detail: what is wrong and how to fix it. */
  public static final String DETAIL = "_reason_detail";

  private Outcomes() {}

  /** Marks all but the first delivery (by file and line) of each identity as a duplicate. */
  public static Column duplicateOf(String... identity) {
    Column[] by = Arrays.stream(identity).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return row_number().over(Window.partitionBy(by)
        .orderBy(col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER))).gt(1);
  }

  /** The last delivered row per key (by export date, file, line): a later delivery supersedes an earlier one. */
  public static Dataset<Row> latestPer(Dataset<Row> rows, String... key) {
    return latestPer(rows, null, key);
  }

  /**
   * The latest row per key: the highest {@code version} (e.g. an update time), ties broken by the later
   * delivery. Deterministic whatever the order rows arrive in.
   */
  public static Dataset<Row> latestPer(Dataset<Row> rows, Column version, String... key) {
    Column[] by = Arrays.stream(key).map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    List<Column> order = new ArrayList<>();
    if (version != null) {
      order.add(version.desc());
    }
    order.add(col(Tables.INGEST_DATE).desc());
    order.add(col(Tables.SOURCE_FILE).desc());
    order.add(col(Tables.LINE_NUMBER).desc());
    return rows.withColumn("_latest", row_number().over(Window.partitionBy(by).orderBy(order.toArray(Column[]::new))))
        .where(col("_latest").equalTo(1)).drop("_latest");
  }

  /**
   * Marks records already stored from an earlier delivery as duplicates: the first delivery of a key
   * wins, here as within a batch ({@link #duplicateOf}). {@code stored} holds the stored rows with their
   * lineage; deliveries are ordered by landing file (paths sort by their {@code dt=} folder) and line.
   * A stored row from this very file and line is the record itself, re-run, and stays loaded; so does a
   * record whose only stored copies came later (see {@link #staleCopies}).
   */
  public static Dataset<Row> markStored(Dataset<Row> rows, Dataset<Row> stored, String key) {
    Dataset<Row> first = stored.groupBy(col(key).as("_stored_key")).agg(min(delivery()).as("_stored_first"));
    Dataset<Row> joined = rows.join(first, col(key).equalTo(col("_stored_key")), "left");
    Column earlier = coalesce(col("_stored_first").lt(delivery()), lit(false));
    return mark(joined, earlier, DUPLICATE).drop("_stored_key", "_stored_first");
  }

  /**
   * Stored copies of tonight's keys delivered after their key's first delivery (stored or tonight's):
   * what a duplicate check that once missed a late re-delivery left behind. Deleting them before the
   * MERGE leaves one row per key, the first delivery's, whichever night is re-run.
   *
   * @param labelled tonight's records with their outcome
   * @param stored   the stored rows of the partitions tonight's records can repeat
   */
  public static Dataset<Row> staleCopies(Dataset<Row> labelled, Dataset<Row> stored, String key) {
    Dataset<Row> tonight = labelled.where(col(OUTCOME).isin(LOADED, DUPLICATE))
        .select(col(key), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
    Dataset<Row> copies = stored.select(col(key), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER))
        .join(tonight.select(key).distinct(), key, "left_semi");
    Dataset<Row> first = tonight.unionByName(copies).groupBy(col(key)).agg(min(delivery()).as("_first"));
    return copies.join(first, key).where(col("_first").lt(delivery())).drop("_first");
  }

  /**
   * Deletes the stale copies ({@link #staleCopies}) of tonight's keys from a fact, within the partitions
   * of tonight's dates, before tonight's MERGE; counts them in the job's metrics. Returns the rows deleted.
   */
  public static long removeStaleCopies(Warehouse w, TableDef table, Dataset<Row> labelled, String key,
      String dateColumn, List<LocalDate> dates, JobResult result) {
    if (dates.isEmpty() || !w.exists(table)) {
      return 0;
    }
    long n = w.deleteRows(table, staleCopies(labelled, w.read(table).where(dateIn(dateColumn, dates)), key),
        dateIn("t." + dateColumn, dates));
    if (n > 0) {
      result.metric("stale_copies_removed:" + table.qualifiedName(), n);
    }
    return n;
  }

  /** A delivery's place in delivery order: (landing file, line). */
  private static Column delivery() {
    return struct(col(Tables.SOURCE_FILE).as("file"), col(Tables.LINE_NUMBER).as("line"));
  }

  /**
   * The distinct values of a date column among tonight's rows: the stored partitions a night's records
   * can repeat, however late a record is re-delivered (an exporter re-sends a post whenever its metrics
   * change). One row per date is collected: few whatever the data.
   */
  public static List<LocalDate> datesOf(Dataset<Row> rows, String dateColumn) {
    List<LocalDate> out = new ArrayList<>();
    for (Row r : rows.where(col(dateColumn).isNotNull()).select(col(dateColumn)).distinct().collectAsList()) {
      out.add(r.getDate(0).toLocalDate());
    }
    out.sort(null);
    return out;
  }

  /**
   * SQL predicate {@code column IN (DATE'...', ...)} (false for no date): the duplicate check and the
   * MERGE target read exactly these partitions instead of a fixed window around the run's dates.
   */
  public static String dateIn(String column, List<LocalDate> dates) {
    if (dates.isEmpty()) {
      return "false";
    }
    StringBuilder in = new StringBuilder(column).append(" IN (");
    for (int i = 0; i < dates.size(); i++) {
      in.append(i == 0 ? "" : ", ").append("DATE'").append(dates.get(i)).append('\'');
    }
    return in.append(')').toString();
  }

  /** Sets the outcome where {@code condition} holds and no earlier outcome was set. */
  public static Dataset<Row> mark(Dataset<Row> rows, Column condition, String outcome) {
    Column current = rows.columns().length > 0 && Arrays.asList(rows.columns()).contains(OUTCOME) ? col(OUTCOME)
        : lit(null).cast("string");
    return rows.withColumn(OUTCOME, when(current.isNull().and(condition), lit(outcome)).otherwise(current));
  }

  /** The rows still without an outcome are loaded. */
  public static Dataset<Row> loadedRest(Dataset<Row> rows) {
    return rows.withColumn(OUTCOME, when(col(OUTCOME).isNull(), lit(LOADED)).otherwise(col(OUTCOME)));
  }

  public static Dataset<Row> loaded(Dataset<Row> rows) {
    return rows.where(col(OUTCOME).equalTo(LOADED)).drop(DETAIL);
  }

  /**
   * Quarantine rows (stage silver) for the records whose outcome is a quarantine reason. The record
   * is shown as conformed (pseudonymised); the raw one stays in bronze at the same file and line. The
   * detail is the column {@link #DETAIL} where a job set one (what to fix), else null.
   */
  public static Dataset<Row> quarantine(Dataset<Row> rows, LandingSource source, Instant now) {
    Column[] fields = Arrays.stream(rows.columns()).filter(c -> !c.startsWith("_")).map(c -> col(c))
        .toArray(Column[]::new);
    Column detail = Arrays.asList(rows.columns()).contains(DETAIL) ? col(DETAIL) : lit(null).cast("string");
    return rows.where(col(OUTCOME).startsWith(QUARANTINED)).select(lit(source.path()).as("source"),
        lit("silver").as("stage"), col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER),
        to_json(struct(fields)).as("raw"), afterPrefix(col(OUTCOME), QUARANTINED).as("reason"),
        detail.as("reason_detail"), lit(Timestamp.from(now)).as(Tables.INGESTED_AT));
  }

  /** Replaces the silver-stage quarantine of these sources for the dates, in one commit. */
  public static WriteResult writeQuarantine(Warehouse w, Map<LandingSource, Dataset<Row>> labelled, DateRange dates,
      Instant now) {
    Dataset<Row> all = null;
    for (Map.Entry<LandingSource, Dataset<Row>> e : labelled.entrySet()) {
      Dataset<Row> q = quarantine(e.getValue(), e.getKey(), now);
      all = all == null ? q : all.unionByName(q);
    }
    return w.replaceWhere(Tables.QUARANTINE, all, Quarantine.slice("silver", labelled.keySet(), dates));
  }

  /** Counts per date and outcome, as data-quality rows; adds to the job's rows in and quarantined. */
  public static List<DqCheck> count(Dataset<Row> rows, LandingSource source, DateRange dates, JobResult result) {
    List<Row> counts = rows.groupBy(col(Tables.INGEST_DATE), col(OUTCOME)).count().collectAsList(); // dates x outcomes
    Map<LocalDate, Map<String, Long>> byDate = new TreeMap<>();
    for (LocalDate d : dates.list()) {
      byDate.put(d, new TreeMap<>());
    }
    for (Row r : counts) {
      byDate.computeIfAbsent(r.getDate(0).toLocalDate(), k -> new TreeMap<>()).put(r.getString(1), r.getLong(2));
    }
    List<DqCheck> out = new ArrayList<>();
    String table = source.path();
    byDate.forEach((d, m) -> {
      long input = m.values().stream().mapToLong(Long::longValue).sum();
      long quarantined = m.entrySet().stream().filter(e -> e.getKey().startsWith(QUARANTINED))
          .mapToLong(Map.Entry::getValue).sum();
      result.addRowsIn(input).addQuarantined(quarantined);
      out.add(DqCheck.count(d, "silver_input", table, input));
      out.add(DqCheck.count(d, "silver_loaded", table, m.getOrDefault(LOADED, 0L)));
      out.add(DqCheck.count(d, "duplicates_removed", table, m.getOrDefault(DUPLICATE, 0L)));
      out.add(DqCheck.count(d, "silver_quarantined", table, quarantined));
      m.forEach((k, v) -> {
        if (k.startsWith(QUARANTINED)) {
          out.add(DqCheck.count(d, "quarantined:" + k.substring(QUARANTINED.length()), table, v));
        }
      });
      if (quarantined > 0) {
        out.add(DqCheck.expect(d, "references_known", table, Severity.WARNING, false, quarantined, 0.0,
            quarantined + " records refer to something unknown: see bronze.quarantine (stage silver)"));
      }
    });
    return out;
  }

  private static Column afterPrefix(Column c, String prefix) {
    return org.apache.spark.sql.functions.substring(c, prefix.length() + 1, 1000);
  }
}
