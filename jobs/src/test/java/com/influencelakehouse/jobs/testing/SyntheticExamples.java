package com.influencelakehouse.jobs.testing;

import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.testing.SharedSpark;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.TimestampType;

/**
 * Synthetic rows shaped like a registry table: every column present with its declared type, given by
 * a SQL expression over {@code id} (0..n-1) and {@code u1..u4} (uniform random numbers, seeded), or a
 * neutral default (null where nullable; 0, false, 'x' or a fixed date otherwise).
 */
public final class SyntheticExamples {
  private SyntheticExamples() {}

  public static Dataset<Row> of(TableDef table, long n, long seed, Map<String, String> expressions) {
    Dataset<Row> base = SharedSpark.get().range(n).toDF("id")
        .withColumn("u1", functions.rand(seed)).withColumn("u2", functions.rand(seed + 1))
        .withColumn("u3", functions.rand(seed + 2)).withColumn("u4", functions.rand(seed + 3));
    List<Column> columns = new ArrayList<>();
    for (StructField f : table.schema().fields()) {
      String e = expressions.get(f.name());
      Column c;
      if (e != null) {
        c = functions.expr(e);
      } else if (f.nullable()) {
        c = functions.lit(null);
      } else if (f.dataType() instanceof NumericType) {
        c = functions.lit(0);
      } else if (f.dataType() instanceof BooleanType) {
        c = functions.lit(false);
      } else if (f.dataType() instanceof StringType) {
        c = functions.lit("x");
      } else if (f.dataType() instanceof DateType) {
        c = functions.expr("DATE'2026-01-01'");
      } else if (f.dataType() instanceof TimestampType) {
        c = functions.expr("TIMESTAMP'2026-01-01 00:00:00'");
      } else {
        c = functions.array();
      }
      columns.add(c.cast(f.dataType()).as(f.name()));
    }
    // Random draws stay available to label expressions computed after (as _u1.._u4).
    columns.add(functions.col("u1").as("_u1"));
    columns.add(functions.col("u2").as("_u2"));
    return base.select(columns.toArray(Column[]::new));
  }
}
