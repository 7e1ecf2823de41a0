package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SameRows;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.sampledata.GenerationReport;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * No feature leaks the future: the same generated world is run once up to a cut-off date D (the
 * warehouse then holds exactly what was observable at D) and once to its end; the features, norms and
 * content lifts of D must be identical, value for value. Then a training example's features must be
 * those of the day before its event.
 */
@Tag("pipeline")
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

  /** The table's rows of the cut-off date are the same in both runs (see {@link SameRows}). */
  private static void assertSameRows(TableDef t, String dateColumn) {
    assertTrue(on(cut, t, dateColumn).count() > 0, t + " has rows on the cut-off date");
    assertEquals(List.of(), SameRows.differences(t, on(cut, t, dateColumn), on(full, t, dateColumn)),
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
