package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.TestWorld;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every table's declared key (the registry's grain) holds on real data: unique and never null, in both
 * builds of the shared world (dbt's {@code unique} and {@code not_null} tests, for every table at once).
 */
@Tag("pipeline")
class DeclaredKeysTest {

  @Test
  void everyTablesDeclaredKeyIsUniqueAndNeverNull() {
    TestWorld world = TestWorld.get();
    List<String> broken = new ArrayList<>();
    int checked = 0;
    for (var build : List.of(world.nightly(), world.range())) {
      for (TableDef t : Tables.all()) {
        if (t.key().isEmpty() || !build.warehouse().exists(t)) {
          continue;
        }
        Column anyNull = t.key().stream().map(k -> col(k).isNull()).reduce(Column::or).orElseThrow();
        Column key = struct(t.key().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
        // One pass: rows, distinct keys, keys with a null part.
        Row r = build.warehouse().read(t).agg(count(lit(1)), count_distinct(key),
            sum(when(anyNull, 1).otherwise(0))).first();
        long n = r.getLong(0);
        if (n == 0) {
          continue;
        }
        checked++;
        long distinct = r.getLong(1);
        long nulls = r.getLong(2);
        if (nulls > 0 || distinct != n) {
          broken.add(t.qualifiedName() + " " + t.key() + ": " + n + " rows, " + distinct + " distinct keys, "
              + nulls + " with a null key part");
        }
      }
    }
    assertTrue(checked >= 60, "tables with rows checked in the two builds: " + checked);
    assertEquals(List.of(), broken);
  }
}
