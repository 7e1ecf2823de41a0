package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.ModelSettings;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.SyntheticExamples;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The posting model on synthetic offers with a known posting probability: time-based split, monotone
 * incentive response, calibration, reason codes, and a saved model that scores identically.
 */
@Tag("quality")
class PostingModelTest {
  static final ModelSettings SETTINGS = new ModelSettings(365, 0.2, 0.2, 100, 20, List.of(3), List.of(0.001), 3, 2);
  static Dataset<Row> examples;
  static TimeSplit split;
  static PostingModel.Trained trained;

  /** True logit: -0.4 + 1.5 ln(incentive / norm) + 1.0 [preferred weekday] + 3 (past posting rate - 0.5). */
  static Dataset<Row> offers(long n, long seed) {
    Dataset<Row> raw = SyntheticExamples.of(Tables.TRAINING_POSTING, n, seed, Map.ofEntries(
        Map.entry("offer_id", "concat('o', id)"),
        Map.entry("sent_at", "TIMESTAMP'2026-01-01 00:00:00' + make_dt_interval(0, 0, cast(id * 37 AS INT), 0)"),
        Map.entry("sent_date", "to_date(TIMESTAMP'2026-01-01 00:00:00' + make_dt_interval(0, 0, cast(id * 37 AS INT), 0))"),
        Map.entry("feature_date", "DATE'2025-12-31'"),
        Map.entry("incentive_type", "CASE WHEN u3 < 0.5 THEN 'cash' ELSE 'product' END"),
        Map.entry("relative_incentive", "exp((u1 - 0.5) * 2.4)"),
        Map.entry("log_relative_incentive", "(u1 - 0.5) * 2.4"),
        Map.entry("incentive_norm", "200.0"),
        Map.entry("incentive_amount_base", "200.0 * exp((u1 - 0.5) * 2.4)"),
        Map.entry("deliverable", "'post'"), Map.entry("deadline_days", "10"),
        Map.entry("sent_on_preferred_weekday", "u2 < 0.3"),
        Map.entry("posted_rate_smoothed", "u4"),
        Map.entry("follower_tier", "CASE WHEN id % 3 = 0 THEN 'nano' ELSE 'micro' END"),
        Map.entry("platform", "'instagram'"), Map.entry("country", "'US'"), Map.entry("category", "'food'"),
        Map.entry("language", "'en'"), Map.entry("influence_trend", "'stable'"),
        Map.entry("authenticity_score", "1.0")));
    return raw.withColumn("_p", org.apache.spark.sql.functions.expr(
            "1D / (1D + exp(-(-0.4 + 1.5 * log_relative_incentive + CASE WHEN sent_on_preferred_weekday THEN 1.0 "
                + "ELSE 0.0 END + 3 * (posted_rate_smoothed - 0.5))))"))
        .withColumn("label", org.apache.spark.sql.functions.expr("CASE WHEN rand(" + (seed + 9) + ") < _p THEN 1.0 "
            + "ELSE 0.0 END").cast("double"))
        .withColumn("posted_within_deadline", col("label").equalTo(1.0));
  }

  @BeforeAll
  static void train() {
    examples = offers(4000, 11).cache();
    split = TimeSplit.of(examples, "sent_at", SETTINGS.validationShare(), SETTINGS.holdoutShare());
    trained = PostingModel.train(split, SETTINGS, 7);
  }

  @Test
  void theSplitFollowsTimeNeverRandomly() {
    Row train = split.train().agg(org.apache.spark.sql.functions.max("sent_at")).first();
    Row validation = split.validation().agg(org.apache.spark.sql.functions.min("sent_at"),
        org.apache.spark.sql.functions.max("sent_at")).first();
    Row holdout = split.holdout().agg(org.apache.spark.sql.functions.min("sent_at")).first();
    assertTrue(train.getTimestamp(0).before(validation.getTimestamp(0)), "no validation offer before a training one");
    assertTrue(validation.getTimestamp(1).before(holdout.getTimestamp(0)), "no holdout offer before a validation one");
    assertEquals(4000, split.train().count() + split.validation().count() + split.holdout().count());
    assertEquals(0.2, split.holdout().count() / 4000.0, 0.01);
  }

  @Test
  void calibratedProbabilitiesMatchTheObservedRatesOnTheHoldout() {
    Dataset<Row> scored = trained.calibrated().transform(split.holdout());
    double ece = BinaryMetrics.expectedCalibrationError(BinaryMetrics.reliability(scored, "label",
        PostingModel.PROBABILITY));
    // 800 holdout offers: even the true probabilities show sampling error by decile; compare with theirs.
    double noise = BinaryMetrics.expectedCalibrationError(BinaryMetrics.reliability(scored, "label", "_p"));
    assertTrue(ece < noise + 0.03, "expected calibration error " + ece + " vs " + noise + " for the truth");
    double auc = BinaryMetrics.auc(scored, "label", PostingModel.PROBABILITY);
    double oracle = BinaryMetrics.auc(scored, "label", "_p");
    assertTrue(auc > oracle - 0.03, "model AUC " + auc + " vs oracle " + oracle);
  }

  @Test
  void theProbabilityNeverFallsAsTheIncentiveRises() {
    List<Double> grid = List.of(0.25, 0.5, 0.75, 1.0, 1.5, 2.0, 3.0, 4.0);
    Dataset<Row> curves = IncentiveResponse.curve(trained.calibrated(), split.holdout().limit(200), grid, "offer_id");
    for (PostingModel.Candidate c : trained.candidates()) {
      if (c.algorithm().equals("logistic_regression")) {
        Dataset<Row> raw = c.model().transform(IncentiveResponse.expand(split.holdout().limit(200), grid));
        assertEquals(0, decreases(PostingModel.withRaw(raw), "raw_probability"),
            "the bounded logistic regression is monotone by construction");
      }
    }
    assertEquals(0, decreases(curves, IncentiveResponse.MONOTONE), "the monotone envelope never falls");
    assertTrue(curves.where(col(IncentiveResponse.MONOTONE).lt(col(PostingModel.PROBABILITY))).isEmpty());
  }

  @Test
  void theCalibrationKeepsTheModelsOrderAlongEveryIncentiveCurve() {
    Calibration.Choice c = trained.calibration();
    assertTrue(c.method() != Calibration.Method.ISOTONIC || c.tiedSteps().get(c.method()) <= Calibration.MAX_TIED_STEPS,
        "chosen " + c.describe());
    for (Calibration.Method m : Calibration.Method.values()) {
      assertTrue(Double.isFinite(c.crossFittedLogLoss().get(m)), "every map judged: " + c.describe());
    }
    // Strictly rising along the grid where the model rises: no flat steps deciding for the influencer.
    List<Double> grid = List.of(0.5, 0.75, 1.0, 1.25, 1.5, 2.0);
    Dataset<Row> curves = PostingModel.withRaw(trained.calibrated().transform(
        IncentiveResponse.expand(split.holdout().limit(300), grid)));
    Row r = curves.withColumn("_prev", org.apache.spark.sql.functions.lag(col(PostingModel.PROBABILITY), 1).over(
            org.apache.spark.sql.expressions.Window.partitionBy("offer_id").orderBy(IncentiveResponse.MULTIPLE)))
        .where(col("_prev").isNotNull())
        .selectExpr("count(1)", "count(CASE WHEN posting_probability <= _prev + 1e-9 THEN 1 END)").first();
    assertTrue(r.getLong(1) <= 0.05 * r.getLong(0), r.getLong(1) + " of " + r.getLong(0) + " steps flat");
  }

  /** Rows whose value is below the previous grid point's for the same offer. */
  private static long decreases(Dataset<Row> curve, String column) {
    return curve.withColumn("_prev", org.apache.spark.sql.functions.lag(col(column), 1).over(
            org.apache.spark.sql.expressions.Window.partitionBy("offer_id").orderBy(IncentiveResponse.MULTIPLE)))
        .where(col(column).lt(col("_prev").minus(1e-12))).count();
  }

  @Test
  void aHigherIncentiveThanTypicalIsAReasonToPostAndALowerOneAgainst() {
    Map<String, Object> refs = ReasonCodes.references(split.train(), ModelInputs.postingReasons());
    Dataset<Row> high = split.holdout().limit(1).withColumn("log_relative_incentive",
        org.apache.spark.sql.functions.lit(1.0)).withColumn("offer_id", org.apache.spark.sql.functions.lit("high"));
    Dataset<Row> low = split.holdout().limit(1).withColumn("log_relative_incentive",
        org.apache.spark.sql.functions.lit(-1.0)).withColumn("offer_id", org.apache.spark.sql.functions.lit("low"));
    Dataset<Row> reasons = ReasonCodes.explain(trained.calibrated(), high.unionByName(low), "offer_id",
        PostingModel.PROBABILITY, refs, ModelInputs.postingReasons(), 3);
    for (Row r : reasons.collectAsList()) {
      Row incentive = r.<Row>getList(1).stream().filter(x -> x.getString(1).equals("log_relative_incentive"))
          .findFirst().orElseThrow(() -> new AssertionError("the incentive is a top reason of " + r));
      double contribution = incentive.getDouble(2);
      if (r.getString(0).equals("high")) {
        assertTrue(contribution > 0.05, "a high incentive raises the probability: " + contribution);
      } else {
        assertTrue(contribution < -0.05, "a low incentive lowers it: " + contribution);
      }
    }
    assertEquals(2, reasons.count());
  }

  @Test
  void aSavedModelReloadsAndScoresIdentically(@TempDir Path dir) throws Exception {
    String path = dir.resolve("posting-test").toString();
    trained.calibrated().write().overwrite().save(path);
    PipelineModel loaded = PipelineModel.load(path);
    Dataset<Row> a = trained.calibrated().transform(split.holdout()).select("offer_id", PostingModel.PROBABILITY);
    Dataset<Row> b = loaded.transform(split.holdout()).select("offer_id", PostingModel.PROBABILITY);
    assertEquals(split.holdout().count(), a.count());
    assertEquals(0, a.exceptAll(b).count());
    assertEquals(0, b.exceptAll(a).count());
  }
}
