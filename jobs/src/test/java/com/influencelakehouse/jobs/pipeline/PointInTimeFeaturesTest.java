package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.to_json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.sampledata.GenerationReport;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.MapType;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No feature leaks the future: the same generated world is run once up to a cut-off date D (the
 * warehouse then holds exactly what was observable at D) and once to its end; the features, norms and
 * content lifts of D must be identical, value for value. Then a training example's features must be
 * those of the day before its event.
 */
class PointInTimeFeaturesTest {
  @TempDir
  static Path cutRoot;
  @TempDir
  static Path fullRoot;
  static TestPipeline cut;
  static TestPipeline full;
  static LocalDate cutOff;
  static DateRange all;

  @BeforeAll
  static void runBoth() {
    cut = new TestPipeline(cutRoot);
    full = new TestPipeline(fullRoot);
    GenerationReport g = cut.generate(60, 16, cut.story(0, 0));
    full.generate(60, 16, full.story(0, 0));
    all = new DateRange(g.firstDate(), g.lastDate());
    cutOff = g.lastDate().minusDays(5);
    cut.nightly(new DateRange(g.firstDate(), cutOff));
    full.nightly(all);
  }

  private static Dataset<Row> on(TestPipeline p, TableDef t, String dateColumn) {
    return p.warehouse().read(t).where(col(dateColumn).equalTo(Date.valueOf(cutOff)));
  }

  /**
   * Same keys, and every column equal (nulls included); doubles to 1e-9 relative, since sums over
   * differently partitioned data may differ in the last bits.
   */
  private static void assertSameRows(TableDef t, String dateColumn) {
    Dataset<Row> before = on(cut, t, dateColumn).alias("b");
    Dataset<Row> after = on(full, t, dateColumn).alias("a");
    long n = before.count();
    assertTrue(n > 0, t + " has rows on the cut-off date");
    assertEquals(n, after.count(), t + ": same rows");
    Column on = lit(true);
    for (String k : t.key()) {
      on = on.and(col("b." + k).equalTo(col("a." + k)));
    }
    Dataset<Row> pairs = before.join(after, on);
    assertEquals(n, pairs.count(), t + ": same keys");
    for (StructField f : t.schema().fields()) {
      Column b = col("b." + f.name());
      Column a = col("a." + f.name());
      Column same = f.dataType() == DataTypes.DoubleType
          ? b.isNull().and(a.isNull()).or(abs(b.minus(a)).leq(greatest(lit(1.0), abs(b)).multiply(1e-9)))
          : f.dataType() instanceof MapType ? to_json(b).eqNullSafe(to_json(a)) : b.eqNullSafe(a);
      long differ = pairs.where(not(coalesce(same, lit(false)))).count();
      assertEquals(0, differ, t + "." + f.name() + ": data after the cut-off changed values of the cut-off date");
    }
  }

  @Test
  void dataArrivingAfterTheCutOffChangesNoFeatureOfTheCutOffDate() {
    assertSameRows(Tables.FEATURES_INFLUENCER_DAILY, "feature_date");
    assertSameRows(Tables.INCENTIVE_NORMS, "as_of_date");
  }

  @Test
  void contentLiftsOfTheCutOffDateUseOnlyWhatWasKnownThen() {
    assertSameRows(Tables.CONTENT_LABEL_LIFT, "as_of_date");
  }

  @Test
  void aTrainingExampleCarriesTheFeaturesOfTheDayBeforeItsEvent() {
    List<String> features = Tables.influencerFeatureColumns().stream()
        .filter(c -> !c.equals("content_mix")).toList(); // maps cannot be compared by except
    Dataset<Row> examples = full.warehouse().read(Tables.TRAINING_POSTING);
    assertTrue(examples.count() > 0, "there are labelled offers");
    // except, not exceptAll: two offers sent to one influencer on one day share a feature row.
    Dataset<Row> joined = examples.selectExpr(concat("influencer_key", "feature_date", features))
        .except(full.warehouse().read(Tables.FEATURES_INFLUENCER_DAILY)
            .selectExpr(concat("influencer_key", "feature_date", features)));
    assertEquals(0, joined.count(), "training features equal the feature table's row of the day before");
    assertEquals(0, examples.where(col("feature_date").geq(col("sent_date"))).count());
    Dataset<Row> conversions = full.warehouse().read(Tables.TRAINING_CONVERSION);
    assertEquals(0, conversions.where(col("feature_date").geq(col("post_date"))).count());
  }

  private static String[] concat(String a, String b, List<String> rest) {
    String[] out = new String[rest.size() + 2];
    out[0] = a;
    out[1] = b;
    for (int i = 0; i < rest.size(); i++) {
      out[i + 2] = rest.get(i);
    }
    return out;
  }
}
