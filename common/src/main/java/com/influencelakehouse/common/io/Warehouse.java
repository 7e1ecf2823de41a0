package com.influencelakehouse.common.io;

import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.WriteResult;
import com.influencelakehouse.common.tables.TableDef;
import io.delta.tables.DeltaMergeBuilder;
import io.delta.tables.DeltaTable;
import io.delta.tables.DeltaTableBuilder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameWriter;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse as jobs see it: read a table by its registry entry, and write through one writer
 * whose every operation is idempotent for the dates it is given (replace a date range, merge on a
 * key) or explicitly append-only (the run log). Writes check the declared schema first.
 */
public final class Warehouse {
  private static final Logger LOG = LoggerFactory.getLogger(Warehouse.class);
  /** Delta refuses VACUUM below a week unless this check is turned off, which a shorter configured retention needs. */
  private static final String RETENTION_CHECK = "spark.databricks.delta.retentionDurationCheck.enabled";
  private static final long DELTA_DEFAULT_RETENTION_HOURS = 168;

  /** One lock per table location: jobs running concurrently in this process never commit to a table at once. */
  private static final ConcurrentHashMap<String, ReentrantLock> LOCKS = new ConcurrentHashMap<>();

  private final SparkSession spark;
  private final WarehouseSettings settings;
  /**
   * Table locations already created and constrained by this process: checking a table's constraints
   * costs a snapshot load, and every job runs on its own Warehouse (session), so the set is per process.
   */
  private static final Set<String> ENSURED = ConcurrentHashMap.newKeySet();

  public Warehouse(SparkSession spark, WarehouseSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public SparkSession spark() {
    return spark;
  }

  /** The same warehouse on its own session (own SQL settings such as the commit tag; shared cache). */
  public Warehouse newSession() {
    return new Warehouse(spark.newSession(), settings);
  }

  /** Runs a change to a table while no other job of this process changes it. */
  private <T> T locked(TableDef table, java.util.function.Supplier<T> change) {
    ReentrantLock lock = LOCKS.computeIfAbsent(path(table), k -> new ReentrantLock());
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }

  public WarehouseSettings settings() {
    return settings;
  }

  public String path(TableDef table) {
    return settings.pathOf(table);
  }

  public boolean exists(TableDef table) {
    return DeltaTable.isDeltaTable(spark, path(table));
  }

  /** The current version of a table. */
  public Dataset<Row> read(TableDef table) {
    requireExists(table);
    return spark.read().format("delta").load(path(table));
  }

  /** A past version of a table (Delta time travel). */
  public Dataset<Row> readVersion(TableDef table, long version) {
    requireExists(table);
    return spark.read().format("delta").option("versionAsOf", version).load(path(table));
  }

  /** Rows of a table whose date column falls in a range (partition pruning when it is the partition column). */
  public Dataset<Row> readDates(TableDef table, String dateColumn, DateRange dates) {
    return read(table).where(functions.col(dateColumn).between(java.sql.Date.valueOf(dates.from()),
        java.sql.Date.valueOf(dates.to())));
  }

  /** The table, or an empty frame with its schema when it has not been written yet (a first run). */
  public Dataset<Row> readOrEmpty(TableDef table) {
    return exists(table) ? read(table) : spark.createDataFrame(List.of(), table.schema());
  }

  /**
   * Creates the table on first use with its declared schema, partitioning, column comments and CHECK
   * constraints (Delta enforces NOT NULL from the schema and the CHECKs on every later write), and adds
   * any constraint declared since.
   */
  public void ensureTable(TableDef table) {
    // A location deleted since (a test, an operator) is created again: the log listing is cheap.
    if (table.schema() == null || ENSURED.contains(path(table)) && version(table) >= 0) {
      return;
    }
    locked(table, () -> {
      createWithConstraints(table);
      return null;
    });
    ENSURED.add(path(table));
  }

  /**
   * A table folder without a single commit is what a run killed while creating the table leaves
   * (Delta makes {@code _delta_log/} before its first commit; Delta then refuses to create the table
   * there and to read it). Nothing in it was ever visible, so it is removed before the table is created.
   */
  private void clearInterruptedCreation(TableDef table, String path) {
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(path);
      org.apache.hadoop.fs.FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return;
      }
      org.apache.hadoop.fs.Path log = new org.apache.hadoop.fs.Path(dir, "_delta_log");
      boolean committed = fs.exists(log) && fs.listStatus(log, f -> f.getName().endsWith(".json")
          || f.getName().endsWith(".checkpoint.parquet")).length > 0;
      if (!committed) {
        LOG.warn("{} at {} has no commit (a run was killed while creating it): removing the leftover and creating it",
            table.qualifiedName(), path);
        fs.delete(dir, true);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot inspect " + path, e);
    }
  }

  private void createWithConstraints(TableDef table) {
    String path = path(table);
    if (!DeltaTable.isDeltaTable(spark, path)) {
      clearInterruptedCreation(table, path);
      DeltaTableBuilder builder = DeltaTable.createIfNotExists(spark).location(path).addColumns(table.schema())
          .comment(table.description());
      if (!table.partitionBy().isEmpty()) {
        builder = builder.partitionedBy(table.partitionBy().toArray(String[]::new));
      }
      for (Map.Entry<String, String> p : table.deltaProperties().entrySet()) {
        builder = builder.property(p.getKey(), p.getValue());
      }
      builder.execute();
    }
    addDeclaredColumns(table, path);
    Map<String, String> properties = properties(path);
    Map<String, String> existing = new java.util.HashMap<>();
    properties.forEach((key, value) -> {
      if (key.startsWith("delta.constraints.")) {
        existing.put(key.substring("delta.constraints.".length()), value);
      }
    });
    setProperties(path, properties, table.deltaProperties());
    for (Map.Entry<String, String> check : table.checks().entrySet()) {
      String name = check.getKey().toLowerCase(java.util.Locale.ROOT);
      if (check.getValue().equals(existing.get(name))) {
        continue;
      }
      if (existing.containsKey(name)) { // declared differently since (e.g. a new status): replace it
        spark.sql("ALTER TABLE delta.`" + path + "` DROP CONSTRAINT " + check.getKey());
      }
      spark.sql("ALTER TABLE delta.`" + path + "` ADD CONSTRAINT " + check.getKey() + " CHECK (" + check.getValue()
          + ")");
    }
  }

  /** The table's properties (SHOW TBLPROPERTIES): a few dozen entries. */
  private Map<String, String> properties(String path) {
    Map<String, String> out = new java.util.HashMap<>();
    for (Row r : spark.sql("SHOW TBLPROPERTIES delta.`" + path + "`").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }

  /** Sets the properties among {@code wanted} that {@code stored} lacks or holds differently (one commit, or none). */
  private void setProperties(String path, Map<String, String> stored, Map<String, String> wanted) {
    StringBuilder set = new StringBuilder();
    for (Map.Entry<String, String> p : new java.util.TreeMap<>(wanted).entrySet()) {
      if (!p.getValue().equals(stored.get(p.getKey()))) {
        set.append(set.length() == 0 ? "" : ", ").append("'").append(p.getKey()).append("' = '").append(p.getValue())
            .append("'");
      }
    }
    if (set.length() > 0) {
      spark.sql("ALTER TABLE delta.`" + path + "` SET TBLPROPERTIES (" + set + ")");
    }
  }

  /**
   * A table written before a column was declared gets it (null in its existing rows): warehouses keep
   * working across upgrades. Only nullable columns can be added so; a required one fails naming it.
   */
  private void addDeclaredColumns(TableDef table, String path) {
    Set<String> stored = new HashSet<>(Arrays.asList(spark.read().format("delta").load(path).columns()));
    for (StructField want : table.schema().fields()) {
      if (stored.contains(want.name())) {
        continue;
      }
      if (!want.nullable()) {
        throw new IllegalStateException("Table " + table.qualifiedName() + " at " + path + " has no column "
            + want.name() + ", now declared NOT NULL: migrate it by hand (add the column with a value, then the "
            + "constraint)");
      }
      String comment = want.getComment().isDefined() ? " COMMENT '" + want.getComment().get().replace("'", "\\'")
          + "'" : "";
      spark.sql("ALTER TABLE delta.`" + path + "` ADD COLUMNS (" + want.name() + " " + want.dataType().sql()
          + comment + ")");
      LOG.info("added column {} to {} (declared since the table was created)", want.name(), table.qualifiedName());
    }
  }

  /**
   * Upserts on a key (Delta MERGE): new keys are inserted; existing ones are updated when
   * {@code updateWhen} holds (null: never, keeping the first version). {@code targetPrune}, a predicate
   * on the target ({@code t.}), limits the files MERGE reads to those that can match: the cost of a night
   * then grows with the night's data, not with history.
   */
  public WriteResult upsert(TableDef table, Dataset<Row> updates, List<String> keys, String targetPrune,
      String updateWhen) {
    ensureTable(table);
    StringBuilder on = new StringBuilder();
    for (String k : keys) {
      on.append(on.length() == 0 ? "" : " AND ").append("t.").append(k).append(" = s.").append(k);
    }
    if (targetPrune != null) {
      on.append(" AND (").append(targetPrune).append(")");
    }
    Dataset<Row> source = conform(table, updates);
    return locked(table, () -> {
      DeltaMergeBuilder merge = DeltaTable.forPath(spark, path(table)).as("t").merge(source.as("s"), on.toString());
      if (updateWhen != null) {
        merge = merge.whenMatched(updateWhen).updateAll();
      }
      merge.whenNotMatched().insertAll().execute();
      return lastCommit(table);
    });
  }

  /** Deletes the rows matching a condition; returns the rows deleted. */
  public long delete(TableDef table, Column condition) {
    if (!exists(table)) {
      return 0;
    }
    long t0 = System.nanoTime();
    long n = locked(table, () -> {
      long before = version(table);
      DeltaTable.forPath(spark, path(table)).delete(condition);
      long after = version(table);
      return after == before ? 0L : metric(table, after, "numDeletedRows");
    });
    LOG.info("deleted {} rows from {} in {} s", n, table.qualifiedName(), seconds(t0));
    return n;
  }

  /**
   * Deletes the rows whose {@code column} equals a value of {@code keys}' single column (Delta MERGE
   * ... WHEN MATCHED DELETE): the key set stays distributed however large it is. Returns the rows deleted.
   */
  public long deleteKeys(TableDef table, String column, Dataset<Row> keys) {
    if (!exists(table)) {
      return 0;
    }
    Dataset<Row> source = keys.select(functions.col(keys.columns()[0]).as("_key")).distinct();
    if (source.isEmpty()) {
      return 0; // the usual case: no MERGE, so no scan of the table
    }
    return locked(table, () -> {
      long before = version(table);
      DeltaTable.forPath(spark, path(table)).as("t").merge(source.as("s"), "t." + column + " = s._key")
          .whenMatched().delete().execute();
      long after = version(table);
      return after == before ? 0L : metric(table, after, "numTargetRowsDeleted");
    });
  }

  /**
   * Deletes the stored rows equal, in every column of {@code rows}, to one of {@code rows} (Delta MERGE
   * ... WHEN MATCHED DELETE), within {@code targetPrune} (a predicate on {@code t.}); returns the rows
   * deleted. Nothing to delete, the usual case, costs one look at {@code rows} and no commit.
   */
  public long deleteRows(TableDef table, Dataset<Row> rows, String targetPrune) {
    if (!exists(table)) {
      return 0;
    }
    // Materialised first: the rows are often derived from the table itself, which the MERGE rewrites.
    Dataset<Row> source = rows.localCheckpoint();
    if (source.isEmpty()) {
      return 0;
    }
    StringBuilder on = new StringBuilder("(").append(targetPrune).append(")");
    for (String c : rows.columns()) {
      on.append(" AND t.").append(c).append(" = s.").append(c);
    }
    long n = locked(table, () -> {
      long before = version(table);
      DeltaTable.forPath(spark, path(table)).as("t").merge(source.as("s"), on.toString()).whenMatched().delete()
          .execute();
      long after = version(table);
      return after == before ? 0L : metric(table, after, "numTargetRowsDeleted");
    });
    LOG.info("deleted {} rows from {}", n, table.qualifiedName());
    return n;
  }

  /** Sets columns on the rows matching a condition; returns the rows updated. */
  public long update(TableDef table, Column condition, Map<String, Column> set) {
    if (!exists(table)) {
      return 0;
    }
    long t0 = System.nanoTime();
    long n = locked(table, () -> {
      long before = version(table);
      DeltaTable.forPath(spark, path(table)).update(condition, set);
      long after = version(table);
      return after == before ? 0L : metric(table, after, "numUpdatedRows");
    });
    LOG.info("updated {} rows of {} in {} s", n, table.qualifiedName(), seconds(t0));
    return n;
  }

  /**
   * Removes data files no longer referenced by versions newer than {@code retentionHours} (Delta VACUUM),
   * then log files older than that ({@link #purgeLog}). The retention is set as the table's
   * {@code delta.deletedFileRetentionDuration} and {@code delta.logRetentionDuration} first: Delta 4 ignores
   * a VACUUM's own retention other than 0 h and uses the table property (7 days unless set).
   */
  public void vacuum(TableDef table, int retentionHours) {
    if (!exists(table)) {
      return;
    }
    boolean belowDefault = retentionHours < DELTA_DEFAULT_RETENTION_HOURS;
    String previous = spark.conf().get(RETENTION_CHECK, "true");
    if (belowDefault) {
      LOG.warn("VACUUM {} with {} h retention (below Delta's 168 h default, as configured): time travel further "
          + "back than that is no longer possible", table.qualifiedName(), retentionHours);
      spark.conf().set(RETENTION_CHECK, "false");
    }
    long t0 = System.nanoTime();
    try {
      locked(table, () -> {
        setRetention(table, retentionHours);
        DeltaTable.forPath(spark, path(table)).vacuum(retentionHours);
        return null;
      });
    } finally {
      spark.conf().set(RETENTION_CHECK, previous);
    }
    purgeLog(table);
    LOG.info("vacuumed {} (retention {} h) in {} s", table.qualifiedName(), retentionHours, seconds(t0));
  }

  /** The table's file and log retention, as Delta table properties (a commit only when they change). */
  private void setRetention(TableDef table, int retentionHours) {
    String interval = "interval " + retentionHours + " hours";
    setProperties(path(table), properties(path(table)), Map.of("delta.deletedFileRetentionDuration", interval,
        "delta.logRetentionDuration", interval));
  }

  /**
   * Writes a checkpoint of the latest version and deletes the log's commit files and checkpoints that
   * are older than the table's {@code delta.logRetentionDuration} and before that checkpoint. Old
   * commits hold what was deleted from the data (DELETE predicates, statistics of removed files), so
   * they are personal data too. Delta counts the retention from file modification times, rounded
   * down to midnight UTC: a commit goes at the first purge after its retention and the day it ends.
   */
  public void purgeLog(TableDef table) {
    if (!exists(table)) {
      return;
    }
    locked(table, () -> {
      org.apache.spark.sql.delta.DeltaLog log = org.apache.spark.sql.delta.DeltaLog.forTable(spark, path(table));
      log.checkpointAndCleanUpDeltaLog(log.update(false, scala.Option.empty(), scala.Option.empty()),
          scala.Option.empty());
      return null;
    });
  }

  /**
   * Puts the table back as it was at {@code version} (Delta RESTORE: one new commit re-adding the files
   * of that version; nothing is lost from the history). A table created after {@code version} (-1:
   * not yet) keeps its schema and loses every row. Returns the rows the table held before the restore.
   */
  public long restore(TableDef table, long version) {
    if (!exists(table) || version(table) == version) {
      return 0;
    }
    return locked(table, () -> {
      long rows = read(table).count();
      if (version < 0) {
        DeltaTable.forPath(spark, path(table)).delete();
      } else {
        DeltaTable.forPath(spark, path(table)).restoreToVersion(version);
      }
      LOG.warn("{} restored to {}", table.qualifiedName(), version < 0 ? "empty (it was created since)"
          : "version " + version);
      return rows;
    });
  }

  /** Latest committed version, or -1 when the table has not been written yet. */
  public long version(TableDef table) {
    return DeltaLogFiles.latestVersion(hadoop(), path(table));
  }

  private org.apache.hadoop.conf.Configuration hadoop() {
    return spark.sparkContext().hadoopConfiguration();
  }

  /**
   * Replaces the rows of a date range: rows of {@code data} whose {@code dateColumn} falls in
   * {@code dates} replace exactly those of the table (Delta replaceWhere). Re-running leaves the same rows.
   */
  public WriteResult replaceDates(TableDef table, Dataset<Row> data, String dateColumn, DateRange dates) {
    String predicate = String.format("%s >= '%s' AND %s <= '%s'", dateColumn, dates.from(), dateColumn, dates.to());
    return replaceWhere(table, data, predicate);
  }

  /** Replaces the rows matching {@code predicate} with {@code data} (which must match it too). */
  public WriteResult replaceWhere(TableDef table, Dataset<Row> data, String predicate) {
    ensureTable(table);
    DataFrameWriter<Row> writer = laidOut(table, conform(table, data)).write().format("delta")
        .mode(SaveMode.Overwrite).option("replaceWhere", predicate);
    return save(table, writer);
  }

  /**
   * Tables that declare the columns analysts filter by are written one file per partition, sorted by
   * those columns: a replaced partition never leaves small files behind, and file and row-group
   * statistics let readers skip what a filter excludes.
   */
  static Dataset<Row> laidOut(TableDef table, Dataset<Row> data) {
    if (table.clusterBy().isEmpty() || table.partitionBy().isEmpty()) {
      return data;
    }
    List<Column> order = new ArrayList<>();
    table.partitionBy().forEach(c -> order.add(functions.col(c)));
    table.clusterBy().forEach(c -> order.add(functions.col(c)));
    return data.repartition(table.partitionBy().stream().map(functions::col).toArray(Column[]::new))
        .sortWithinPartitions(order.toArray(Column[]::new));
  }

  /**
   * Compacts the partitions of {@code dates} (Delta OPTIMIZE), Z-ordering them by the table's cluster
   * columns when {@code zOrder} is set; returns the number of files removed.
   */
  public long optimize(TableDef table, String dateColumn, DateRange dates, boolean zOrder) {
    if (!exists(table)) {
      return 0;
    }
    String sql = String.format("OPTIMIZE delta.`%s` WHERE %s >= '%s' AND %s <= '%s'", path(table), dateColumn,
        dates.from(), dateColumn, dates.to());
    // Only by columns with statistics: Z-ordering serves data skipping, which has none on a subject's
    // pseudonym (kept out of the log, see TableDef.statisticsColumns), and Delta refuses such a column.
    List<String> zOrderBy = table.clusterBy().stream().filter(table.statisticsColumns()::contains).toList();
    if (zOrder && !zOrderBy.isEmpty()) {
      sql += " ZORDER BY (" + String.join(", ", zOrderBy) + ")";
    }
    String statement = sql;
    return locked(table, () -> {
      Row metrics = spark.sql(statement).select("metrics.numFilesRemoved").first();
      return metrics.isNullAt(0) ? 0L : metrics.getLong(0);
    });
  }

  /** Replaces the whole table (small reference or model-output tables only). */
  public WriteResult overwrite(TableDef table, Dataset<Row> data) {
    ensureTable(table);
    return save(table, conform(table, data).write().format("delta").mode(SaveMode.Overwrite));
  }

  /** Appends rows: only for logs whose rows are events (run log), never for data keyed by date. */
  public WriteResult append(TableDef table, Dataset<Row> data) {
    ensureTable(table);
    return save(table, conform(table, data).write().format("delta").mode(SaveMode.Append));
  }

  private WriteResult save(TableDef table, DataFrameWriter<Row> writer) {
    DataFrameWriter<Row> w = table.partitionBy().isEmpty() ? writer
        : writer.partitionBy(table.partitionBy().toArray(String[]::new));
    return locked(table, () -> {
      w.save(path(table));
      return lastCommit(table);
    });
  }

  private WriteResult lastCommit(TableDef table) {
    long version = version(table);
    Map<String, String> metrics = DeltaLogFiles.operationMetrics(hadoop(), path(table), version);
    long rows = 0;
    for (String key : List.of("numOutputRows", "numTargetRowsInserted", "numTargetRowsUpdated")) {
      if (metrics.containsKey(key) && !(key.equals("numOutputRows") && metrics.containsKey("numTargetRowsInserted"))) {
        rows += Long.parseLong(metrics.get(key));
      }
    }
    return new WriteResult(table.qualifiedName(), version, rows);
  }

  private long metric(TableDef table, long version, String name) {
    Map<String, String> metrics = DeltaLogFiles.operationMetrics(hadoop(), path(table), version);
    return metrics.containsKey(name) ? Long.parseLong(metrics.get(name)) : 0L;
  }

  /**
   * Checks {@code data} against the table's declared schema (same column names and types) and
   * orders the columns and attaches their comments as declared. Tables without a declared schema pass as they are.
   */
  Dataset<Row> conform(TableDef table, Dataset<Row> data) {
    StructType declared = table.schema();
    if (declared == null) {
      return data;
    }
    Map<String, StructField> actual = Arrays.stream(data.schema().fields())
        .collect(Collectors.toMap(StructField::name, f -> f));
    List<String> problems = new ArrayList<>();
    List<Column> columns = new ArrayList<>();
    for (StructField want : declared.fields()) {
      StructField got = actual.remove(want.name());
      if (got == null) {
        problems.add("missing column " + want.name());
      } else if (!got.dataType().sameType(want.dataType())) {
        problems.add("column " + want.name() + " is " + got.dataType().simpleString() + ", declared "
            + want.dataType().simpleString());
      } else {
        columns.add(functions.col(want.name()).as(want.name(), want.metadata()));
      }
    }
    Set<String> unexpected = actual.keySet();
    if (!unexpected.isEmpty()) {
      problems.add("undeclared columns " + unexpected);
    }
    if (!problems.isEmpty()) {
      throw new IllegalStateException("Rows written to " + table.qualifiedName()
          + " do not match its declared schema (common/.../tables/Tables.java): " + String.join("; ", problems));
    }
    return data.select(columns.toArray(Column[]::new));
  }

  private static String seconds(long startNanos) {
    return String.format(java.util.Locale.ROOT, "%.1f", (System.nanoTime() - startNanos) / 1e9);
  }

  private void requireExists(TableDef table) {
    if (!exists(table)) {
      throw new IllegalStateException("Table " + table.qualifiedName() + " has not been written yet (no Delta table at "
          + path(table) + "): run the job that produces it first (`lakehouse jobs` lists producers)");
    }
  }
}
