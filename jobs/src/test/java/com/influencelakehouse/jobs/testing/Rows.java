package com.influencelakehouse.jobs.testing;

import com.influencelakehouse.common.testing.SharedSpark;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;

/** Tiny hand-made frames for transformation tests: a DDL schema and rows. */
public final class Rows {
  private Rows() {}

  public static Dataset<Row> of(String ddl, Object[]... rows) {
    StructType schema = (StructType) DataType.fromDDL(ddl);
    return SharedSpark.get().createDataFrame(java.util.Arrays.stream(rows).map(RowFactory::create).toList(), schema);
  }

  public static java.sql.Timestamp ts(String iso) {
    return java.sql.Timestamp.from(java.time.Instant.parse(iso));
  }

  public static java.sql.Date date(String d) {
    return java.sql.Date.valueOf(d);
  }

  public static List<Row> sorted(Dataset<Row> d, String... by) {
    return d.orderBy(by[0], java.util.Arrays.copyOfRange(by, 1, by.length)).collectAsList();
  }
}
