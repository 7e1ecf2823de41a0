package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.ntile;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Metrics of predicted probabilities against 0/1 labels, as Spark aggregations (nothing collected but
 * the results): AUC by the rank-sum (Mann-Whitney) formula, so it can be computed per group in one
 * pass; log loss; expected calibration error and the reliability table by decile of prediction.
 */
public final class BinaryMetrics {
  private static final double EPS = 1e-6;

  private BinaryMetrics() {}

  /** AUC per group ({@code groupColumns} may be empty for the whole frame); null where a group has one class. */
  public static Dataset<Row> auc(Dataset<Row> scored, String label, String prediction, String... groupColumns) {
    Column[] groups = java.util.Arrays.stream(groupColumns).map(org.apache.spark.sql.functions::col)
        .toArray(Column[]::new);
    // Average ranks for ties: rank() of the first and last row of each tie, averaged.
    var byGroup = Window.partitionBy(groups).orderBy(col(prediction));
    var tie = Window.partitionBy(concatGroups(groups, col(prediction)));
    Dataset<Row> ranked = scored.withColumn("_rank", org.apache.spark.sql.functions.rank().over(byGroup))
        .withColumn("_tie", count(lit(1)).over(tie))
        .withColumn("_avg_rank", col("_rank").plus(col("_tie").minus(1).divide(2.0)));
    Column positives = sum(when(col(label).geq(0.5), 1L).otherwise(0L));
    Column negatives = sum(when(col(label).lt(0.5), 1L).otherwise(0L));
    Column rankSum = sum(when(col(label).geq(0.5), col("_avg_rank")).otherwise(0.0));
    Dataset<Row> g = groups.length == 0 ? ranked.agg(positives.as("_p"), negatives.as("_n"), rankSum.as("_r"))
        : ranked.groupBy(groups).agg(positives.as("_p"), negatives.as("_n"), rankSum.as("_r"));
    return g.withColumn("auc", when(col("_p").gt(0).and(col("_n").gt(0)),
            col("_r").minus(col("_p").multiply(col("_p").plus(1)).divide(2.0))
                .divide(col("_p").multiply(col("_n")))))
        .drop("_p", "_n", "_r");
  }

  private static Column[] concatGroups(Column[] groups, Column extra) {
    Column[] all = java.util.Arrays.copyOf(groups, groups.length + 1);
    all[groups.length] = extra;
    return all;
  }

  /** AUC of the whole frame (NaN with one class only). */
  public static double auc(Dataset<Row> scored, String label, String prediction) {
    Row r = auc(scored, label, prediction, new String[0]).first();
    return r.isNullAt(0) ? Double.NaN : r.getDouble(0);
  }

  /** Mean log loss, probabilities clipped to [1e-6, 1 - 1e-6]. */
  public static double logLoss(Dataset<Row> scored, String label, String prediction) {
    Column p = least(greatest(col(prediction), lit(EPS)), lit(1 - EPS));
    return scored.agg(avg(when(col(label).geq(0.5), log(p).multiply(-1)).otherwise(log(lit(1).minus(p))
        .multiply(-1)))).first().getDouble(0);
  }

  /**
   * Reliability by decile of prediction: {decile, examples, mean prediction, observed rate}, deciles
   * 1..10 in order. Few rows whatever the data size.
   */
  public static List<double[]> reliability(Dataset<Row> scored, String label, String prediction) {
    List<double[]> out = new ArrayList<>();
    for (Row r : scored.withColumn("_decile", ntile(10).over(Window.orderBy(col(prediction))))
        .groupBy("_decile").agg(count(lit(1)), avg(col(prediction)), avg(col(label))).orderBy("_decile")
        .collectAsList()) {
      out.add(new double[] {r.getInt(0), r.getLong(1), r.getDouble(2), r.getDouble(3)});
    }
    return out;
  }

  /** Expected calibration error: the example-weighted mean |mean prediction - observed rate| over deciles. */
  public static double expectedCalibrationError(List<double[]> reliability) {
    double n = 0;
    double e = 0;
    for (double[] d : reliability) {
      n += d[1];
      e += d[1] * Math.abs(d[2] - d[3]);
    }
    return n == 0 ? Double.NaN : e / n;
  }
}
