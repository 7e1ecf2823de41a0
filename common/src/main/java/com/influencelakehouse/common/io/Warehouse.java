package com.influencelakehouse.common.io;

import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.WriteResult;
import com.influencelakehouse.common.tables.TableDef;
import io.delta.tables.DeltaTable;
import java.util.ArrayList;
import java.util.Arrays;
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
import scala.jdk.javaapi.CollectionConverters;

/**
 * The warehouse as jobs see it: read a table by its registry entry, and write through one writer
 * whose every operation is idempotent for the dates it is given (replace a date range, merge on a
 * key) or explicitly append-only (the run log). Writes check the declared schema first.
 */
public final class Warehouse {
  private final SparkSession spark;
  private final WarehouseSettings settings;

  public Warehouse(SparkSession spark, WarehouseSettings settings) {
    this.spark = spark;
    this.settings = settings;
  }

  public SparkSession spark() {
    return spark;
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

  /** Latest committed version, or -1 when the table has not been written yet. */
  public long version(TableDef table) {
    if (!exists(table)) {
      return -1;
    }
    Row last = DeltaTable.forPath(spark, path(table)).history(1).select("version").first();
    return last.getLong(0);
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
    DataFrameWriter<Row> writer = conform(table, data).write().format("delta").mode(SaveMode.Overwrite)
        .option("replaceWhere", predicate);
    return save(table, writer);
  }

  /** Replaces the whole table (small reference or model-output tables only). */
  public WriteResult overwrite(TableDef table, Dataset<Row> data) {
    DataFrameWriter<Row> writer = conform(table, data).write().format("delta").mode(SaveMode.Overwrite)
        .option("overwriteSchema", "true");
    return save(table, writer);
  }

  /** Appends rows: only for logs whose rows are events (run log), never for data keyed by date. */
  public WriteResult append(TableDef table, Dataset<Row> data) {
    return save(table, conform(table, data).write().format("delta").mode(SaveMode.Append));
  }

  private WriteResult save(TableDef table, DataFrameWriter<Row> writer) {
    if (!table.partitionBy().isEmpty()) {
      writer = writer.partitionBy(table.partitionBy().toArray(String[]::new));
    }
    writer.save(path(table));
    Row last = DeltaTable.forPath(spark, path(table)).history(1).select("version", "operationMetrics").first();
    Map<String, String> metrics = CollectionConverters.asJava(last.<String, String>getMap(1));
    return new WriteResult(table.qualifiedName(), last.getLong(0), rowsWritten(metrics));
  }

  private static long rowsWritten(Map<String, String> metrics) {
    for (String key : List.of("numOutputRows", "numTargetRowsInserted")) {
      if (metrics.containsKey(key)) {
        return Long.parseLong(metrics.get(key));
      }
    }
    return 0L;
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

  private void requireExists(TableDef table) {
    if (!exists(table)) {
      throw new IllegalStateException("Table " + table.qualifiedName() + " has not been written yet (no Delta table at "
          + path(table) + "): run the job that produces it first (`lakehouse jobs` lists producers)");
    }
  }
}
