package com.influencelakehouse.common.io;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;

/**
 * An order-independent checksum of a table's content: its row count and the sum of its rows' hashes,
 * leaving out the columns that record when or by which run a row was processed. Equal checksums, equal
 * tables, however the rows were partitioned, ordered or written (local run, cluster, object store).
 */
public final class TableChecksum {
  /** Columns that record when or by which run something was processed: not part of a table's content. */
  public static final Set<String> PROCESSING_COLUMNS = Set.of("_ingested_at", "checked_at", "run_id", "applied_at",
      "started_at", "finished_at", "duration_ms", "table_versions", "input_versions");

  private TableChecksum() {}

  /** "N rows, S": one aggregation over the table (nothing collected but the two numbers). */
  public static String of(Dataset<Row> table) {
    Column[] content = Arrays.stream(table.columns()).filter(c -> !PROCESSING_COLUMNS.contains(c))
        .map(functions::col).toArray(Column[]::new);
    // Maps cannot be hashed directly; their JSON (keys in delivered order) can. A decimal sum never overflows.
    Row r = table.select(functions.xxhash64(functions.to_json(functions.struct(content)))
            .cast("decimal(38,0)").as("h"))
        .agg(functions.count("*"), functions.sum("h")).first();
    BigDecimal sum = r.isNullAt(1) ? BigDecimal.ZERO : r.getDecimal(1);
    return r.getLong(0) + " rows, " + sum;
  }
}
