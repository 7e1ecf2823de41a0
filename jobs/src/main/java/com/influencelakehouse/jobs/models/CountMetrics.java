package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Metrics of predicted counts (orders per post): errors, Poisson deviance and the share of it explained. */
public final class CountMetrics {
  private static final double EPS = 1e-6;

  private CountMetrics() {}

  /** {rmse, mae, mean Poisson deviance} of predictions against labels. */
  public static double[] errors(Dataset<Row> scored, String label, String prediction) {
    Row r = scored.agg(sqrt(avg(col(prediction).minus(col(label)).multiply(col(prediction).minus(col(label))))),
        avg(abs(col(prediction).minus(col(label)))), avg(deviance(col(label), col(prediction)))).first();
    return new double[] {r.getDouble(0), r.getDouble(1), r.getDouble(2)};
  }

  /** Unit Poisson deviance 2 (y ln(y/mu) - (y - mu)), mu clipped above 0. */
  public static Column deviance(Column y, Column mu) {
    Column m = greatest(mu, lit(EPS));
    return lit(2.0).multiply(when(y.gt(0), y.multiply(log(y.divide(m)))).otherwise(lit(0.0)).minus(y.minus(m)));
  }

  /** 1 - deviance of the predictions / deviance of a constant prediction ({@code nullMean}, the training mean). */
  public static double devianceExplained(Dataset<Row> scored, String label, String prediction, double nullMean) {
    Row r = scored.agg(avg(deviance(col(label), col(prediction))), avg(deviance(col(label), lit(nullMean)))).first();
    return 1 - r.getDouble(0) / r.getDouble(1);
  }

  /** Predicted vs actual by decile of prediction: {decile, examples, mean prediction, mean actual}. */
  public static List<double[]> deciles(Dataset<Row> scored, String label, String prediction) {
    return BinaryMetrics.reliability(scored, label, prediction); // the same table, for counts
  }
}
