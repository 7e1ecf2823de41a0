package com.influencelakehouse.common.testing;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;

import com.influencelakehouse.common.io.TableChecksum;
import com.influencelakehouse.common.tables.TableDef;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Compares two versions of a table's rows: same keys, and every declared column equal (nulls
 * included); doubles to 1e-9 relative, since sums over differently partitioned data may differ in the
 * last bits. Processing columns (run ids, times) are left out.
 */
public final class SameRows {
  private SameRows() {}

  /** What differs, one line per column (empty when the rows are the same). */
  public static List<String> differences(TableDef t, Dataset<Row> expected, Dataset<Row> actual) {
    List<String> out = new ArrayList<>();
    long n = expected.count();
    long m = actual.count();
    if (n != m) {
      out.add(t + ": " + n + " vs " + m + " rows");
      return out;
    }
    Column on = lit(true);
    for (String k : t.key()) {
      on = on.and(col("b." + k).eqNullSafe(col("a." + k)));
    }
    Dataset<Row> pairs = expected.alias("b").join(actual.alias("a"), on);
    long paired = pairs.count();
    if (paired != n) {
      out.add(t + ": " + paired + " of " + n + " keys match");
      return out;
    }
    StructType schema = t.hasSchema() ? t.schema() : expected.schema();
    for (StructField f : schema.fields()) {
      if (TableChecksum.PROCESSING_COLUMNS.contains(f.name())) {
        continue;
      }
      Column b = col("b." + f.name());
      Column a = col("a." + f.name());
      Column same = f.dataType() == DataTypes.DoubleType
          ? b.isNull().and(a.isNull()).or(abs(b.minus(a)).leq(greatest(lit(1.0), abs(b)).multiply(1e-9)))
          : f.dataType() instanceof MapType || f.dataType() instanceof StructType
              || f.dataType() instanceof ArrayType ? to_json(b).eqNullSafe(to_json(a)) : b.eqNullSafe(a);
      long differ = pairs.where(not(coalesce(same, lit(false)))).count();
      if (differ > 0) {
        out.add(t + "." + f.name() + ": " + differ + " rows differ");
      }
    }
    return out;
  }
}
