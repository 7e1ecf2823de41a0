package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SameRows;
import com.influencelakehouse.jobs.testing.TestWorld;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * No feature leaks the future: the shared world's nightly build held, at the end of its backfill to the
 * cut-off date D, exactly what was observable at D (read back by Delta time travel); the range build saw
 * every day. The features, norms and content lifts of D must be identical, value for value. Then a training
 * example's features must be those of the day before its event.
 */
@Tag("pipeline")
class PointInTimeFeaturesTest {
  static TestWorld world;

  @BeforeAll
  static void build() {
    world = TestWorld.get();
  }

  private static Dataset<Row> onCutOff(Dataset<Row> table, String dateColumn) {
    return table.where(col(dateColumn).equalTo(Date.valueOf(world.cutOff())));
  }

  /** The table's rows of the cut-off date are the same as known then and as known at the end (see {@link SameRows}). */
  private static void assertSameRows(TableDef t, String dateColumn) {
    Dataset<Row> then = onCutOff(world.atCutOff(t), dateColumn);
    assertTrue(then.count() > 0, t + " has rows on the cut-off date");
    assertEquals(List.of(), SameRows.differences(t, then, onCutOff(world.range().warehouse().read(t), dateColumn)),
        "data after the cut-off changed values of the cut-off date");
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
    Dataset<Row> examples = world.range().warehouse().read(Tables.TRAINING_POSTING);
    assertTrue(examples.count() > 0, "there are labelled offers");
    // except, not exceptAll: two offers sent to one influencer on one day share a feature row.
    Dataset<Row> joined = examples.selectExpr(concat("influencer_key", "feature_date", features))
        .except(world.range().warehouse().read(Tables.FEATURES_INFLUENCER_DAILY)
            .selectExpr(concat("influencer_key", "feature_date", features)));
    assertEquals(0, joined.count(), "training features equal the feature table's row of the day before");
    assertEquals(0, examples.where(col("feature_date").geq(col("sent_date"))).count());
    Dataset<Row> conversions = world.range().warehouse().read(Tables.TRAINING_CONVERSION);
    assertTrue(conversions.count() > 0, "there are sponsored posts with their orders");
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
