package com.influencelakehouse.evaluation.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.jobs.testing.Rows;
import com.influencelakehouse.sampledata.TrueEffects;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.math3.stat.correlation.SpearmansCorrelation;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The pure pieces of the decision-quality evaluation on tiny hand-made frames. */
@Tag("unit")
class DecisionQualityTest {
  static final String CURVES = "k STRING, cost DOUBLE, value DOUBLE";
  /** Three influencers' options: an S-shaped one, a concave one, a flat-then-steep one. */
  static final Object[][] OPTIONS = {
      {"a", 1.0, 0.1}, {"a", 2.0, 1.0}, {"a", 3.0, 1.3}, {"a", 4.0, 1.4},
      {"b", 1.0, 0.6}, {"b", 2.0, 0.9}, {"b", 3.0, 1.0},
      {"c", 2.0, 0.2}, {"c", 4.0, 2.0}, {"c", 6.0, 2.2}};

  @Test
  void theUpperHullSkipsPointsBelowItAndStopsWhereValueStopsGrowing() {
    assertArrayEquals(new int[] {1, 2, 3}, DecisionQuality.upperHull(new double[] {1, 2, 3, 4},
        new double[] {0.1, 1.0, 1.3, 1.4}));
    assertArrayEquals(new int[] {1}, DecisionQuality.upperHull(new double[] {1, 2, 3}, new double[] {0.2, 1.0, 0.9}));
    // Collinear points: the farthest is the vertex.
    assertArrayEquals(new int[] {2}, DecisionQuality.upperHull(new double[] {1, 2, 3}, new double[] {1, 2, 3}));
    assertArrayEquals(new int[] {}, DecisionQuality.upperHull(new double[] {1, 2}, new double[] {0, 0}));
  }

  @Test
  void theGreedyPlanMatchesTheBruteForceOptimumOnStepEndsAndIsWithinOneStepElsewhere() {
    Dataset<Row> curves = Rows.of(CURVES, OPTIONS);
    for (double budget : new double[] {0.5, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 12, 14}) {
      Map<String, Double> chosen = new HashMap<>();
      for (Row r : DecisionQuality.plan(curves, "k", "cost", "value", budget).collectAsList()) {
        chosen.put(r.getString(0), r.getDouble(1));
      }
      double cost = chosen.values().stream().mapToDouble(Double::doubleValue).sum();
      double value = chosen.entrySet().stream().mapToDouble(e -> valueOf(e.getKey(), e.getValue())).sum();
      double best = bruteForce(budget);
      assertTrue(cost <= budget + 1e-9, "within budget " + budget + ": " + chosen);
      assertTrue(value <= best + 1e-9, "no better than the optimum at " + budget);
      assertTrue(best - value <= 2.0 + 1e-9,
          "within one step (the largest gain, 2.0) of the optimum at " + budget + ": " + chosen);
    }
    // Budgets on the ends of the hull's steps (taken best first: b to 1, a to 2, c to 4, a to 3 ...).
    for (double budget : new double[] {1, 3, 7}) {
      double value = 0;
      for (Row r : DecisionQuality.plan(curves, "k", "cost", "value", budget).collectAsList()) {
        value += valueOf(r.getString(0), r.getDouble(1));
      }
      assertEquals(bruteForce(budget), value, 1e-9, "optimal at " + budget);
    }
  }

  private static double valueOf(String key, double cost) {
    for (Object[] o : OPTIONS) {
      if (o[0].equals(key) && (double) o[1] == cost) {
        return (double) o[2];
      }
    }
    throw new IllegalArgumentException(key + " " + cost);
  }

  /** The best total value of at most one option per key within the budget, by enumeration. */
  private static double bruteForce(double budget) {
    Map<String, List<Object[]>> byKey = new java.util.LinkedHashMap<>();
    for (Object[] o : OPTIONS) {
      byKey.computeIfAbsent((String) o[0], k -> new ArrayList<>()).add(o);
    }
    List<List<Object[]>> keys = new ArrayList<>(byKey.values());
    return best(keys, 0, budget);
  }

  private static double best(List<List<Object[]>> keys, int i, double left) {
    if (i == keys.size()) {
      return 0;
    }
    double b = best(keys, i + 1, left);
    for (Object[] o : keys.get(i)) {
      if ((double) o[1] <= left + 1e-9) {
        b = Math.max(b, (double) o[2] + best(keys, i + 1, left - (double) o[1]));
      }
    }
    return b;
  }

  @Test
  void spearmanUsesAverageRanksForTies() {
    double[] a = {0.1, 0.2, 0.2, 0.4, 0.5, 0.5, 0.5, 0.9};
    double[] b = {1, 3, 2, 4, 8, 6, 7, 5};
    Object[][] rows = new Object[a.length][];
    for (int i = 0; i < a.length; i++) {
      rows[i] = new Object[] {a[i], b[i]};
    }
    assertEquals(new SpearmansCorrelation().correlation(a, b),
        DecisionQuality.spearman(Rows.of("a DOUBLE, b DOUBLE", rows), "a", "b"), 1e-12);
  }

  @Test
  void resolutionCountsDistinctValuesAndTheLargestTie() {
    DecisionQuality.Resolution r = DecisionQuality.resolution(Rows.of("p DOUBLE",
        new Object[] {0.6}, new Object[] {0.6}, new Object[] {0.6}, new Object[] {0.7}), "p");
    assertEquals(4, r.rows());
    assertEquals(2, r.distinct());
    assertEquals(0.75, r.largestTieShare(), 1e-12);
  }

  @Test
  void intervalCoverageIsMeasuredWhenTheColumnsExistAndNullOtherwise() {
    Dataset<Row> rows = Rows.of("_true_p DOUBLE, posting_probability_lower DOUBLE, posting_probability_upper DOUBLE, "
            + "interval_coverage DOUBLE, confidence DOUBLE, p DOUBLE",
        new Object[] {0.5, 0.4, 0.6, 0.6, 0.8, 0.5}, new Object[] {0.3, 0.4, 0.6, 0.6, 0.8, 0.5},
        new Object[] {0.7, 0.4, 0.6, 0.6, 0.8, 0.5}, new Object[] {0.45, 0.4, 0.6, 0.6, 0.8, 0.5});
    DecisionQuality.Interval i = DecisionQuality.interval(rows, "p");
    assertEquals(0.5, i.meanStated(), 1e-12);
    assertEquals((0.5 + 0.3 + 0.7 + 0.45) / 4, i.meanTrue(), 1e-12);
    assertEquals(4, i.rows());
    assertEquals(0.5, i.inside(), 1e-12);
    assertEquals(0.75, i.aboveLower(), 1e-12);
    assertEquals(0.6, i.nominalCoverage(), 1e-12);
    assertEquals(0.8, i.nominalConfidence(), 1e-12);
    assertEquals(0.8, DecisionQuality.interval(rows.drop("confidence"), "p").nominalConfidence(), 1e-12);
    assertEquals(0.6, DecisionQuality.interval(rows.drop("interval_coverage"), "p").nominalCoverage(), 1e-12);
    assertNull(DecisionQuality.interval(rows.drop("posting_probability_lower"), "p"));
  }

  @Test
  void theTrueLogitUdfIsTheGeneratorsFormula() {
    Row r = Rows.of("responsiveness DOUBLE, preferred_incentive_type STRING, tier_end STRING, habit_weekday INT, "
                + "habit_hour_local INT, trend STRING, _trend_effect DOUBLE, platform STRING, inauthentic BOOLEAN",
            new Object[] {0.7, "cash", "micro", 3, 20, "rising", 0.5, "tiktok", false})
        .select(DecisionQuality.trueLogit(col("responsiveness"), lit("cash"), lit(600.0), lit(3), lit(22)))
        .first();
    double expected = new TrueEffects.PostingDrivers(0.7, true, 600.0 / 400, true, 2, "rising", 0.5, "video", 14,
        false, "micro").logit();
    assertEquals(expected, r.getDouble(0), 1e-12);
  }
}
