package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.BusinessObjectives.Fairness;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The fairness audit of a posting model on its holdout, per group of each configured attribute:
 * examples, base rate, mean prediction, calibration gap, AUC, and at the recommendation threshold the
 * positive (selection) rate and true-positive rate, each as a ratio to the best-served group (groups
 * smaller than the minimum are reported, never flagged and never the reference). A ratio below the
 * four-fifths threshold flags the group. The promotion gate asks for what a fair model can deliver
 * whatever the groups' base rates: each large group's offers ranked nearly as well as all offers, and
 * its probabilities calibrated ({@link #gateFailures}).
 */
public final class FairnessAudit {
  private FairnessAudit() {}

  /** Audit rows (without the model version), one per attribute and group. */
  public static Dataset<Row> audit(Dataset<Row> scored, String label, String prediction, Fairness f,
      double threshold) {
    Dataset<Row> all = null;
    for (String attribute : f.groups()) {
      Column selected = col(prediction).geq(threshold);
      Column posted = col(label).geq(0.5);
      Dataset<Row> g = scored.groupBy(col(attribute).cast("string").as("group_value")).agg(
              count(lit(1)).as("examples"),
              avg(col(label)).as("base_rate"),
              avg(col(prediction)).as("mean_prediction"),
              avg(when(selected, 1.0).otherwise(0.0)).as("positive_rate"),
              ratio(sum(when(selected.and(posted), 1.0).otherwise(0.0)), sum(when(posted, 1.0).otherwise(0.0)))
                  .as("true_positive_rate"))
          .join(BinaryMetrics.auc(scored.withColumn("group_value", col(attribute).cast("string")), label,
              prediction, "group_value"), "group_value")
          .withColumn("attribute", lit(attribute))
          .withColumn("calibration_gap", col("mean_prediction").minus(col("base_rate")))
          .withColumn("threshold", lit(threshold));
      var whole = Window.partitionBy("attribute");
      Column large = col("examples").geq(f.minGroupSize());
      g = g.withColumn("positive_rate_ratio",
              ratio(col("positive_rate"), max(when(large, col("positive_rate"))).over(whole)))
          .withColumn("tpr_ratio", ratio(col("true_positive_rate"), max(when(large, col("true_positive_rate")))
              .over(whole)));
      Column prLow = col("positive_rate_ratio").lt(f.minRatio());
      Column tprLow = col("tpr_ratio").lt(f.minRatio());
      g = g.withColumn("flagged", large.and(prLow.or(tprLow)).and(col("positive_rate_ratio").isNotNull()
              .or(col("tpr_ratio").isNotNull())))
          .withColumn("flagged", org.apache.spark.sql.functions.coalesce(col("flagged"), lit(false)))
          .withColumn("flag_reason", when(col("flagged"), concat(
              when(prLow, concat(lit("positive rate ratio "), format_number(col("positive_rate_ratio"), 2)))
                  .otherwise(lit("")),
              when(prLow.and(tprLow), lit("; ")).otherwise(lit("")),
              when(tprLow, concat(lit("true-positive rate ratio "), format_number(col("tpr_ratio"), 2)))
                  .otherwise(lit("")))));
      all = all == null ? g : all.unionByName(g);
    }
    return all;
  }

  /**
   * The groups that block promotion, each with why: among groups of at least the gate's size, one the
   * model ranks worse than {@code gateMinRatio} x its overall AUC, or one whose mean prediction misses
   * its observed rate by more than the gate's gap and 3 standard errors. The four-fifths flags are
   * reported, not gated: selection and true-positive rates at a threshold differ between groups whose
   * posting rates truly differ, even for a perfect model.
   */
  public static List<String> gateFailures(Dataset<Row> audit, Fairness f, double overallAuc) {
    Column large = col("examples").geq(f.gateMinGroupSize());
    Column ranksWorse = col("auc").lt(overallAuc * f.gateMinRatio());
    Column se = org.apache.spark.sql.functions.sqrt(col("base_rate").multiply(lit(1).minus(col("base_rate")))
        .divide(col("examples")));
    Column miscalibrated = org.apache.spark.sql.functions.abs(col("calibration_gap"))
        .gt(org.apache.spark.sql.functions.greatest(lit(f.gateMaxCalibrationGap()), se.multiply(3)));
    return audit.where(large.and(ranksWorse.or(miscalibrated)))
        .select(concat(col("attribute"), lit("="), col("group_value"),
            when(ranksWorse, concat(lit(" (AUC "), format_number(col("auc"), 3), lit(")"))).otherwise(lit("")),
            when(miscalibrated, concat(lit(" (calibration gap "), format_number(col("calibration_gap"), 3),
                lit(")"))).otherwise(lit(""))))
        .orderBy(col("attribute"), col("group_value"))
        .as(org.apache.spark.sql.Encoders.STRING()).collectAsList();
  }

  private static Column ratio(Column v, Column best) {
    return when(best.gt(0), v.divide(best));
  }
}
