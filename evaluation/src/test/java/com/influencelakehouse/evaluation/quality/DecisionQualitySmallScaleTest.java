package com.influencelakehouse.evaluation.quality;

import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.evaluation.bench.DecisionQuality;
import com.influencelakehouse.evaluation.testing.SmallScaleWarehouse;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The decisions of the small-scale nightly run (the demo's scale) against the sample world's truth:
 * recommendations that truly reach the target without overpaying, intervals that cover the truth as
 * often as they say, scores that rank influencers, and a budget spent by the scores against the
 * informed oracle's plan (issue 14, point 5; docs/models.md, "Decisions against the truth").
 */
@Tag("quality")
class DecisionQualitySmallScaleTest {
  static DecisionQuality quality;

  @BeforeAll
  static void evaluate() {
    SmallScaleWarehouse small = SmallScaleWarehouse.get();
    var config = small.pipeline().config();
    quality = DecisionQuality.evaluate(small.pipeline().warehouse(), small.groundTruth(), TestConfigs.pseudonymiser(),
        config.objectives().recommendation(), config.features().deliveryLagDays());
    System.out.println(quality);
  }

  @Test
  void recommendationsTrulyReachTheTargetWithoutOverpaying() {
    DecisionQuality.Reach r = quality.recommended();
    assertTrue(r.rows() > 0, quality.toString());
    // Measured 0.864 and a median overshoot of 1.5 (before issue 14: 0.768 and 1.25).
    assertTrue(r.reachedShare() >= 0.84, quality.toString());
    assertTrue(r.overshootMedian() <= 1.6, quality.toString());
    DecisionQuality.Reach e = quality.experienced();
    assertTrue(e.reachedShare() >= 0.84, quality.toString()); // measured 0.869
    // What the data allow: the informed oracle by the same rule and confidence reaches 0.887 at a median
    // overshoot of 1.333; the product stays within a few points and one grid step of it.
    DecisionQuality.Reach informed = quality.budget().informedRecommends();
    assertTrue(r.reachedShare() >= informed.reachedShare() - 0.05, quality.toString());
    assertTrue(r.overshootMedian() <= informed.overshootMedian() * 1.25, quality.toString());
  }

  @Test
  void targetNotReachedIsSaidWhereTheTargetIsTrulyOutOfReach() {
    long n = quality.targetNotReached();
    // Measured 17 rows, 5 of them truly unreachable on the grid (before: never said, 61 recommended anyway).
    assertTrue(n >= 5, quality.toString());
    assertTrue((double) quality.targetNotReachedTrulyUnreachable() / n >= 0.15, quality.toString());
  }

  @Test
  void intervalsCoverTheTruthAboutAsOftenAsTheySay() {
    for (DecisionQuality.Interval i : new DecisionQuality.Interval[] {quality.scoreInterval(),
        quality.recommendationInterval()}) {
      assertNotNull(i, "the scored tables carry their intervals: " + quality);
      // The lower bound, which the rule uses, holds at its confidence (measured 0.778 and 0.800 vs 0.8).
      assertTrue(Math.abs(i.aboveLower() - i.nominalConfidence()) <= 0.05, quality.toString());
      // The two-sided interval covers less than its nominal 2c - 1 = 0.6 (measured 0.436 and 0.427): the
      // spread is what persists across an influencer's offers; errors of one situation (the model's send-time
      // effect at the exact habit) come on top. A regression floor, not the target (docs/models.md).
      assertTrue(i.inside() >= 0.40, quality.toString());
    }
  }

  @Test
  void standardOfferScoresRankInfluencersByTheirTrueProbability() {
    assertTrue(quality.spearman() >= 0.62, quality.toString()); // measured 0.644 (before 0.638)
    // What the data allow: the informed oracle ranks the same offers at 0.814; the gap is the model's.
    assertTrue(quality.informedSpearman() > quality.spearman(), quality.toString());
    // Before: one isotonic step held 0.758 of the recommended rows; now every value is distinct.
    assertTrue(quality.recommendationResolution().largestTieShare() <= 0.01, quality.toString());
  }

  @Test
  void aBudgetSpentByTheScoresBuysMostOfWhatTheInformedOraclesPlanBuys() {
    DecisionQuality.Budget b = quality.budget();
    assertTrue(b.budget() > 0 && b.eligible() > 0, quality.toString());
    // The oracle plans for the true value; the informed oracle's plan, valued at the truth, cannot beat it
    // by more than the greedy's slack (less than one step).
    assertTrue(b.oracleForOrders().orders() >= 0.98 * b.informedForOrders().orders(), quality.toString());
    assertTrue(b.oracleForPosts().posts() >= 0.98 * b.informedForPosts().posts(), quality.toString());
    // Measured 0.641 and 0.270 (before 0.703 and 0.323): recommendations are made to reach a probability,
    // not to spend a budget; the campaign planner (issue 17) is what chooses among the curves for a budget.
    assertTrue(b.ordersVsInformed() >= 0.60, quality.toString());
    // The policy (target-level recommendations ranked by value per amount) followed with the informed oracle's
    // beliefs buys 0.945 of its own plan: what the product loses is in its beliefs, not in the policy.
    assertTrue(b.policyOrdersVsInformed() >= 0.85, quality.toString());
    assertTrue(b.postsVsInformed() >= 0.25, quality.toString());
  }
}
