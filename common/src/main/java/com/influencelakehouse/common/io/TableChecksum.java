package com.influencelakehouse.common.io;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.FloatType;
import org.apache.spark.sql.types.MapType;

/**
 * An order-independent checksum of a table's content: its row count and the sum of its rows' hashes,
 * leaving out the columns that record when, where or by which run a row was processed, and comparing
 * floating-point values to 12 significant digits. Equal checksums, equal tables, however the rows were
 * partitioned, ordered or written (local run, cluster, object store).
 */
public final class TableChecksum {
  /**
   * Columns that record when, where or by which run something was processed: not part of a table's
   * content ({@code model_path} names the warehouse the model was saved in, {@code trained_at} when, and
   * {@code training_table_version} which Delta version of the training set was read: a re-run that rebuilds
   * the same training set reads a later version of it, as {@code input_versions}).
   */
  public static final Set<String> PROCESSING_COLUMNS = Set.of("_ingested_at", "checked_at", "run_id", "applied_at",
      "started_at", "finished_at", "duration_ms", "table_versions", "input_versions", "trained_at", "model_path",
      "training_table_version");

  /** Significant digits a floating-point value is compared to. */
  static final int DIGITS = 12;

  private TableChecksum() {}

  /** "N rows, S": one aggregation over the table (nothing collected but the two numbers). */
  public static String of(Dataset<Row> table) {
    Column[] content = Arrays.stream(table.schema().fields()).filter(f -> !PROCESSING_COLUMNS.contains(f.name()))
        .map(f -> comparable(functions.col(f.name()), f.dataType()).as(f.name())).toArray(Column[]::new);
    // Maps cannot be hashed directly; their JSON (keys in delivered order) can. A decimal sum never overflows.
    Row r = table.select(functions.xxhash64(functions.to_json(functions.struct(content)))
            .cast("decimal(38,0)").as("h"))
        .agg(functions.count("*"), functions.sum("h")).first();
    BigDecimal sum = r.isNullAt(1) ? BigDecimal.ZERO : r.getDecimal(1);
    return r.getLong(0) + " rows, " + sum;
  }

  /**
   * A floating-point value (also a map's values) as text with {@value #DIGITS} significant digits: sums
   * and model fits over the same rows differ in the last bits with the order Spark adds them up in,
   * which a re-run after a crash or another partitioning changes.
   */
  private static Column comparable(Column c, DataType type) {
    if (type instanceof DoubleType || type instanceof FloatType) {
      return functions.format_string("%." + DIGITS + "g", c);
    }
    if (type instanceof MapType m && (m.valueType() instanceof DoubleType || m.valueType() instanceof FloatType)) {
      return functions.transform_values(c, (k, v) -> functions.format_string("%." + DIGITS + "g", v));
    }
    return c;
  }
}
