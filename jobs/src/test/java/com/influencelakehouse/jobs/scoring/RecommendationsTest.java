package com.influencelakehouse.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.BusinessObjectives.Recommendation;
import com.influencelakehouse.common.config.BusinessObjectives.RecommendationMode;
import com.influencelakehouse.jobs.testing.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The recommendation picked from hand-made incentive-response curves. */
@Tag("unit")
class RecommendationsTest {
  static final String CURVES = "influencer_key STRING, incentive_type STRING, incentive_multiple DOUBLE, "
      + "monotone_probability DOUBLE, stable_monotone_probability DOUBLE, incentive_norm DOUBLE, "
      + "expected_revenue_per_post DOUBLE, authenticity_flagged BOOLEAN, influence_trend STRING, posting_spread DOUBLE";
  static final double[] GRID = {0.5, 1.0, 1.5, 2.0};

  /** One influencer's curve over the grid (probabilities given per multiple). */
  static List<Object[]> curve(String key, String type, double norm, double revenue, boolean flagged, String trend,
      double[] p, double[] stable) {
    return curve(key, type, norm, revenue, flagged, trend, p, stable, 0.0);
  }

  /** The same with the spread of the influencer's willingness (0 = known exactly: the bounds are p itself). */
  static List<Object[]> curve(String key, String type, double norm, double revenue, boolean flagged, String trend,
      double[] p, double[] stable, double spread) {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < GRID.length; i++) {
      rows.add(new Object[] {key, type, GRID[i], p[i], stable == null ? null : stable[i], norm, revenue, flagged,
          trend, spread});
    }
    return rows;
  }

  static Map<String, Row> choose(Recommendation settings, List<Object[]> rows) {
    return Recommendations.choose(Rows.of(CURVES, rows.toArray(Object[][]::new)), settings).collectAsList()
        .stream().collect(Collectors.toMap(r -> r.<String>getAs("influencer_key") + "/" + r.getAs("incentive_type"),
            r -> r));
  }

  static Recommendation target(double p) {
    return target(p, 0.8);
  }

  static Recommendation target(double p, double confidence) {
    return new Recommendation(RecommendationMode.TARGET_PROBABILITY, p, 0.4, List.of(GRID[0], GRID[1], GRID[2],
        GRID[3]), List.of("cash", "commission"), confidence);
  }

  @Test
  void theSmallestIncentiveReachingTheTargetIsRecommended() {
    List<Object[]> rows = new ArrayList<>();
    rows.addAll(curve("a", "cash", 100, 500, false, "stable", new double[] {0.3, 0.55, 0.62, 0.8}, null));
    rows.addAll(curve("b", "cash", 100, 500, false, "stable", new double[] {0.2, 0.3, 0.4, 0.5}, null));
    Map<String, Row> r = choose(target(0.6), rows);
    Row a = r.get("a/cash");
    assertEquals("recommended", a.getAs("status"));
    assertEquals(1.5, (double) a.getAs("recommended_multiple"), 1e-12, "0.62 at 1.5x is the first to reach 0.6");
    assertEquals(150.0, (double) a.getAs("recommended_amount"), 1e-9);
    assertEquals(0.62, (double) a.getAs("expected_posting_probability"), 1e-12);
    assertEquals(0.62 * 150, (double) a.getAs("expected_cost"), 1e-9, "owed only when the post is published");
    assertEquals(0.62 * 500 * 0.4 - 0.62 * 150, (double) a.getAs("expected_profit"), 1e-9);
    assertEquals((0.62 * 500 * 0.4 - 0.62 * 150) / 150, (double) a.getAs("expected_roi"), 1e-9,
        "expected profit per amount committed");
    assertEquals(0.62, (double) a.getAs("posting_probability_lower"), 1e-9, "spread 0: the bound is p itself");
    Row b = r.get("b/cash");
    assertEquals("target_not_reached", b.getAs("status"));
    assertFalse(b.<Boolean>getAs("recommended"));
    assertNull(b.getAs("recommended_amount"));
  }

  @Test
  void theProfitObjectivePicksTheMostProfitableLevelAndCostsCommissionOnRevenue() {
    Recommendation profit = new Recommendation(RecommendationMode.MAX_PROFIT, 0.6, 0.5, List.of(0.5, 1.0, 1.5, 2.0),
        List.of("cash", "commission"), 0.8);
    List<Object[]> rows = new ArrayList<>();
    // revenue 1000 x margin 0.5 = 500 per post; cash norm 100: profit p x (500 - 100 m)
    // 0.5x: 0.2 x 450 = 90; 1x: 0.5 x 400 = 200; 1.5x: 0.6 x 350 = 210; 2x: 0.65 x 300 = 195
    rows.addAll(curve("a", "cash", 100, 1000, false, "stable", new double[] {0.2, 0.5, 0.6, 0.65}, null));
    // commission norm 10 %: cost p x 10 m % x 1000; 0.5x: 0.3 x (500 - 50) = 135; 1x: 0.4 x 400 = 160;
    // 1.5x: 0.45 x 350 = 157.5; 2x: 0.5 x 300 = 150
    rows.addAll(curve("a", "commission", 10, 1000, false, "stable", new double[] {0.3, 0.4, 0.45, 0.5}, null));
    // never profitable: revenue 0
    rows.addAll(curve("z", "cash", 100, 0, false, "stable", new double[] {0.2, 0.5, 0.6, 0.65}, null));
    Map<String, Row> r = choose(profit, rows);
    assertEquals(1.5, (double) r.get("a/cash").getAs("recommended_multiple"), 1e-12);
    assertEquals(0.6 * 350, (double) r.get("a/cash").getAs("expected_profit"), 1e-9);
    assertEquals(1.0, (double) r.get("a/commission").getAs("recommended_multiple"), 1e-12);
    assertEquals(0.4 * 100, (double) r.get("a/commission").getAs("expected_cost"), 1e-9, "10 % of 1000 x 0.4");
    assertEquals("not_profitable", r.get("z/cash").getAs("status"));
    assertEquals("max-profit", r.get("a/cash").getAs("objective"));
  }

  @Test
  void aRisingInfluencerIsNeverRecommendedLessThanIfStable() {
    List<Object[]> rows = new ArrayList<>();
    // The model finds the rising influencer keener (0.6 at 1x), but were they stable 1.5x would be needed.
    rows.addAll(curve("r", "cash", 100, 500, false, "rising", new double[] {0.4, 0.6, 0.7, 0.8},
        new double[] {0.3, 0.5, 0.6, 0.7}));
    // Rising and already dearer than if stable: their own curve decides.
    rows.addAll(curve("s", "cash", 100, 500, false, "rising", new double[] {0.3, 0.4, 0.5, 0.6},
        new double[] {0.4, 0.6, 0.7, 0.8}));
    Map<String, Row> r = choose(target(0.6), rows);
    assertEquals(1.5, (double) r.get("r/cash").getAs("recommended_multiple"), 1e-12);
    assertTrue(r.get("r/cash").<Boolean>getAs("trend_adjusted"));
    assertEquals(0.7, (double) r.get("r/cash").getAs("expected_posting_probability"), 1e-12,
        "the probability is the influencer's own at the raised incentive");
    assertEquals(2.0, (double) r.get("s/cash").getAs("recommended_multiple"), 1e-12);
    assertFalse(r.get("s/cash").<Boolean>getAs("trend_adjusted"));
  }

  @Test
  void authenticityFlaggedInfluencersAreListedButNotRecommended() {
    List<Object[]> rows = new ArrayList<>(
        curve("f", "cash", 100, 500, true, "stable", new double[] {0.7, 0.8, 0.85, 0.9}, null));
    Row f = choose(target(0.6), rows).get("f/cash");
    assertEquals("authenticity_flagged", f.getAs("status"));
    assertFalse(f.<Boolean>getAs("recommended"));
    assertNull(f.getAs("recommended_multiple"));
    assertEquals(0.7, (double) f.getAs("expected_posting_probability"), 1e-12, "the curve is still shown");
  }

  @Test
  void aRisingInfluencerWhoseOwnCurveNeverReachesTheTargetIsNotRecommended() {
    // Were they stable, 1x would do; their own curve never reaches 0.6: the trend rule may only raise.
    List<Object[]> rows = new ArrayList<>(curve("r", "cash", 100, 500, false, "rising",
        new double[] {0.3, 0.4, 0.5, 0.55}, new double[] {0.4, 0.6, 0.7, 0.8}));
    // Rising, own curve reaches the target at 1x, the stable one never: the own curve decides.
    rows.addAll(curve("q", "cash", 100, 500, false, "rising", new double[] {0.5, 0.6, 0.7, 0.8},
        new double[] {0.2, 0.3, 0.4, 0.5}));
    Map<String, Row> r = choose(target(0.6), rows);
    assertEquals("target_not_reached", r.get("r/cash").getAs("status"));
    assertNull(r.get("r/cash").getAs("recommended_amount"));
    assertFalse(r.get("r/cash").<Boolean>getAs("trend_adjusted"));
    assertEquals(1.0, (double) r.get("q/cash").getAs("recommended_multiple"), 1e-12);
    assertFalse(r.get("q/cash").<Boolean>getAs("trend_adjusted"));
  }

  @Test
  void anUncertainInfluencerNeedsTheLowerBoundAtTheConfidenceToReachTheTarget() {
    double[] p = {0.55, 0.65, 0.72, 0.8};
    List<Object[]> rows = new ArrayList<>(curve("known", "cash", 100, 500, false, "stable", p, null, 0.0));
    rows.addAll(curve("unsure", "cash", 100, 500, false, "stable", p, null, 0.5));
    Map<String, Row> r = choose(target(0.6, 0.8), rows);
    // Known exactly: 0.65 at 1x reaches 0.6.
    assertEquals(1.0, (double) r.get("known/cash").getAs("recommended_multiple"), 1e-12);
    // Spread 0.5: a = logit(p) x sqrt(1 + pi 0.25 / 8) = logit(p) x 1.0479; lower = sigmoid(a - 0.8416 x 0.5).
    // 1x: logit 0.65 = 0.6190 -> a 0.6487 -> 0.2279 -> 0.557 < 0.6; 1.5x: logit 0.72 = 0.9445 -> a 0.9897
    // -> 0.5689 -> 0.6385 >= 0.6.
    Row unsure = r.get("unsure/cash");
    assertEquals(1.5, (double) unsure.getAs("recommended_multiple"), 1e-12);
    assertEquals(lower(0.72, 0.5, 0.8), (double) unsure.getAs("posting_probability_lower"), 1e-9);
    assertEquals(0.6385, (double) unsure.getAs("posting_probability_lower"), 1e-3);
    assertTrue(unsure.<Double>getAs("posting_probability_upper") > 0.72, "the upper bound lies above p");
    assertEquals(0.8, (double) unsure.getAs("confidence"), 1e-12);
    // A lower confidence asks less: at 0.5 the bound is the median, sigmoid(a) = 0.6567 at 1x.
    assertEquals(1.0, (double) choose(target(0.6, 0.5), rows).get("unsure/cash").getAs("recommended_multiple"),
        1e-12);
  }

  @Test
  void theExpectedRoiRanksTheLikelierPosterFirstForTheSameAmount() {
    // Both recommended at 1x = 100 with revenue 500, margin 0.4: profit = p (200 - 100); ROI = p x 100 / 100.
    List<Object[]> rows = new ArrayList<>(curve("keen", "cash", 100, 500, false, "stable",
        new double[] {0.5, 0.9, 0.95, 0.97}, null));
    rows.addAll(curve("lukewarm", "cash", 100, 500, false, "stable", new double[] {0.4, 0.6, 0.7, 0.8}, null));
    Map<String, Row> r = choose(target(0.6), rows);
    assertEquals(0.9, (double) r.get("keen/cash").getAs("expected_roi"), 1e-9);
    assertEquals(0.6, (double) r.get("lukewarm/cash").getAs("expected_roi"), 1e-9);
  }

  /** The lower bound as documented in PostingUncertainty, computed independently here. */
  static double lower(double p, double spread, double confidence) {
    double z = new org.apache.commons.math3.distribution.NormalDistribution(0, 1)
        .inverseCumulativeProbability(confidence);
    double a = Math.log(p / (1 - p)) * Math.sqrt(1 + Math.PI * spread * spread / 8);
    return 1 / (1 + Math.exp(-(a - z * spread)));
  }
}
