package com.influencelakehouse.jobs.models;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Collects the rows of {@code audit.model_metrics} for one model version. */
public final class MetricRows {
  private final String version;
  private final List<Row> rows = new ArrayList<>();

  public MetricRows(String version) {
    this.version = version;
  }

  public MetricRows add(String metric, String segment, double value) {
    return add(metric, segment, value, null);
  }

  public MetricRows add(String metric, String segment, Double value, String detail) {
    rows.add(RowFactory.create(version, metric, segment, value == null || value.isNaN() ? null : value, detail));
    return this;
  }

  /** Reliability rows by decile, and the expected calibration error. */
  public MetricRows reliability(String segment, List<double[]> deciles) {
    for (double[] d : deciles) {
      String decile = "decile_" + (int) d[0];
      add("reliability_examples", segment + ":" + decile, d[1]);
      add("reliability_mean_prediction", segment + ":" + decile, d[2]);
      add("reliability_observed", segment + ":" + decile, d[3]);
    }
    return add("ece", segment, BinaryMetrics.expectedCalibrationError(deciles));
  }

  public List<Row> rows() {
    return rows;
  }
}
