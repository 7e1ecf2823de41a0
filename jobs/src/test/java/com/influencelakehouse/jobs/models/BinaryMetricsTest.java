package com.influencelakehouse.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.jobs.testing.Rows;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** AUC with ties, log loss, and calibration error on a set whose true probabilities are known. */
@Tag("unit")
class BinaryMetricsTest {
  @Test
  void aucCountsTiesAsHalf() {
    Dataset<Row> d = Rows.of("label DOUBLE, p DOUBLE",
        new Object[] {1.0, 0.9}, new Object[] {0.0, 0.1}, new Object[] {1.0, 0.5}, new Object[] {0.0, 0.5});
    // pairs (pos, neg): (0.9,0.1)=1 (0.9,0.5)=1 (0.5,0.1)=1 (0.5,0.5)=0.5 -> 3.5 / 4
    assertEquals(0.875, BinaryMetrics.auc(d, "label", "p"), 1e-12);
    assertEquals(-(Math.log(0.9) + Math.log(0.9) + Math.log(0.5) + Math.log(0.5)) / 4,
        BinaryMetrics.logLoss(d, "label", "p"), 1e-9);
  }

  @Test
  void trueProbabilitiesAreCalibratedAndShiftedOnesAreNot() {
    SplittableRandom r = new SplittableRandom(3);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 20_000; i++) {
      double p = r.nextDouble();
      rows.add(new Object[] {r.nextDouble() < p ? 1.0 : 0.0, p, Math.min(1, p + 0.15)});
    }
    Dataset<Row> d = Rows.of("label DOUBLE, p DOUBLE, shifted DOUBLE", rows.toArray(Object[][]::new));
    double calibrated = BinaryMetrics.expectedCalibrationError(BinaryMetrics.reliability(d, "label", "p"));
    double shifted = BinaryMetrics.expectedCalibrationError(BinaryMetrics.reliability(d, "label", "shifted"));
    assertTrue(calibrated < 0.015, "ECE of the true probabilities " + calibrated);
    assertTrue(shifted > 0.1, "ECE of probabilities 0.15 too high " + shifted);
    List<double[]> deciles = BinaryMetrics.reliability(d, "label", "p");
    assertEquals(10, deciles.size());
    assertEquals(0.95, deciles.get(9)[2], 0.01, "the top decile's mean prediction");
  }
}
