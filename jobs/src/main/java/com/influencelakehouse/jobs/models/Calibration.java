package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.hash;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.monotonically_increasing_id;
import static org.apache.spark.sql.functions.pmod;
import static org.apache.spark.sql.functions.when;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.SQLDataTypes;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.ml.regression.IsotonicRegressionModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Calibration of the posting model's probability on the validation fold, chosen among three maps of the
 * model's probability x: Platt scaling {@code sigmoid(c + k logit x)}, beta calibration
 * {@code sigmoid(c + a ln x - b ln(1 - x))} (a, b >= 0) and isotonic regression.
 *
 * <p>Isotonic regression pools neighbouring probabilities into flat steps: on the demo's data one step
 * held three quarters of the recommended offers, so whether an influencer reached the target was
 * decided by the step, not by the influencer. The choice therefore asks two things of a map: its
 * log loss cross-fitted on the validation fold (fit on one half, score the other, both ways, so the
 * flexible isotonic map is not judged on the data it memorised) and that it keeps the model's order
 * within an incentive curve (at most {@link #MAX_TIED_STEPS} of the steps between adjacent grid levels
 * flattened). The lowest cross-fitted log loss among the maps that keep the order wins.
 *
 * <p>The parametric maps are saved as an isotonic model through {@link #DENSE_POINTS} points of the
 * fitted curve (it interpolates linearly between them), so every saved pipeline has the same stages
 * and loads anywhere Spark ML does, without a custom class.
 */
public final class Calibration {
  /** Share of adjacent grid steps a map may flatten and still count as keeping the model's order. */
  public static final double MAX_TIED_STEPS = 0.05;
  static final int DENSE_POINTS = 4001;
  /** Incentive multiples the curves are checked at: steps of 2^(1/4) (x1.19, finer than the business grid) from 0.5 to 2. */
  static final List<Double> CURVE_STEPS = java.util.stream.IntStream.rangeClosed(-4, 4)
      .mapToObj(k -> Math.pow(2, k / 4.0)).toList();
  private static final double EPS = 1e-6;

  /** The calibration maps compared. */
  public enum Method {
    PLATT, BETA, ISOTONIC;

    public String configName() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  /** How each map did, and the chosen one fitted on the whole validation fold. */
  public record Choice(Method method, Map<Method, Double> crossFittedLogLoss, Map<Method, Double> tiedSteps,
      PipelineModel calibrated) {
    /** A line for the registry's parameters and the logs. */
    public String describe() {
      StringBuilder s = new StringBuilder(method.configName()).append(" on the validation fold (cross-fitted log loss");
      for (Method m : Method.values()) {
        s.append(String.format(Locale.ROOT, " %s %.4f, flat steps %.2f;", m.configName(), crossFittedLogLoss.get(m),
            tiedSteps.get(m)));
      }
      return s.append(")").toString();
    }
  }

  private Calibration() {}

  /**
   * Chooses and fits the calibration of {@code model} on {@code validation} (rows with the training
   * table's columns, {@code offer_id}, {@code incentive_norm} and {@code label}).
   */
  public static Choice choose(PipelineModel model, Dataset<Row> validation) {
    Dataset<Row> scored = PostingModel.withRaw(model.transform(validation))
        .withColumn("_fold", pmod(hash(col("offer_id")), lit(2))).cache();
    Dataset<Row> curves = PostingModel.withRaw(model.transform(IncentiveResponse.expand(
            validation.withColumn("_curve", monotonically_increasing_id()), CURVE_STEPS)))
        .select(col("_curve"), col(IncentiveResponse.MULTIPLE), col("probability"), col(PostingModel.RAW)).cache();
    Map<Method, Double> logLoss = new EnumMap<>(Method.class);
    Map<Method, Double> tied = new EnumMap<>(Method.class);
    try {
      for (Method m : Method.values()) {
        double total = 0;
        long n = 0;
        for (int fold = 0; fold < 2; fold++) {
          Dataset<Row> fit = scored.where(col("_fold").notEqual(fold));
          Dataset<Row> test = scored.where(col("_fold").equalTo(fold));
          long rows = test.count();
          if (rows == 0 || fit.isEmpty()) {
            continue;
          }
          total += BinaryMetrics.logLoss(fitted(m, fit).transform(test), PostingModel.LABEL, PostingModel.PROBABILITY)
              * rows;
          n += rows;
        }
        logLoss.put(m, n == 0 ? Double.NaN : total / n);
        tied.put(m, tiedSteps(fitted(m, scored).transform(curves)));
      }
      Method chosen = Method.ISOTONIC;
      double best = Double.POSITIVE_INFINITY;
      for (Method m : Method.values()) {
        if (tied.get(m) <= MAX_TIED_STEPS && logLoss.get(m) < best) {
          best = logLoss.get(m);
          chosen = m;
        }
      }
      return new Choice(chosen, logLoss, tied, ModelPipelines.chain(validation, model, fitted(chosen, scored)));
    } finally {
      scored.unpersist();
      curves.unpersist();
    }
  }

  /** Share of adjacent grid steps of the curves where the raw probability rises but the calibrated one is flat. */
  static double tiedSteps(Dataset<Row> curves) {
    var along = Window.partitionBy("_curve").orderBy(IncentiveResponse.MULTIPLE);
    Column rawStep = col(PostingModel.RAW).minus(lag(col(PostingModel.RAW), 1).over(along));
    Column calibratedStep = col(PostingModel.PROBABILITY).minus(lag(col(PostingModel.PROBABILITY), 1).over(along));
    Row r = curves.withColumn("_raw_step", rawStep).withColumn("_cal_step", calibratedStep)
        .where(col("_raw_step").gt(1e-9))
        .agg(count(lit(1)), count(when(abs(col("_cal_step")).leq(1e-9), true))).first();
    return r.getLong(0) == 0 ? 0.0 : (double) r.getLong(1) / r.getLong(0);
  }

  /** The calibration map fitted on {@code scored} (rows with {@code probability} and {@code label}). */
  static IsotonicRegressionModel fitted(Method m, Dataset<Row> scored) {
    IsotonicRegression iso = new IsotonicRegression().setFeaturesCol("probability").setFeatureIndex(1)
        .setLabelCol(PostingModel.LABEL).setPredictionCol(PostingModel.PROBABILITY).setIsotonic(true);
    if (m == Method.ISOTONIC) {
      return iso.fit(scored);
    }
    double[] cab = logistic(m, scored);
    return iso.fit(dense(scored.sparkSession(), cab[0], cab[1], cab[2]));
  }

  /** {c, a, b} of {@code sigmoid(c + a ln x - b ln(1 - x))} by maximum likelihood (Platt: a = b). */
  static double[] logistic(Method m, Dataset<Row> scored) {
    Column x = least(greatest(col(PostingModel.RAW), lit(EPS)), lit(1 - EPS));
    Dataset<Row> inputs = scored.select(col(PostingModel.LABEL), log(x).as("_ln_x"),
        log(lit(1.0).minus(x)).multiply(-1).as("_ln_1mx"), log(x).minus(log(lit(1.0).minus(x))).as("_logit"));
    String[] features = m == Method.PLATT ? new String[] {"_logit"} : new String[] {"_ln_x", "_ln_1mx"};
    LogisticRegression lr = new LogisticRegression().setLabelCol(PostingModel.LABEL).setFeaturesCol("_cal_features")
        .setRegParam(0).setStandardization(false).setMaxIter(100);
    if (m == Method.BETA) {
      // Both slopes at least 0: the map never decreases.
      lr.setLowerBoundsOnCoefficients(Matrices.dense(1, 2, new double[] {0, 0}));
    } else {
      lr.setLowerBoundsOnCoefficients(Matrices.dense(1, 1, new double[] {0}));
    }
    LogisticRegressionModel fitted = lr.fit(new VectorAssembler().setInputCols(features).setOutputCol("_cal_features")
        .transform(inputs));
    double[] w = fitted.coefficients().toArray();
    return m == Method.PLATT ? new double[] {fitted.intercept(), w[0], w[0]}
        : new double[] {fitted.intercept(), w[0], w[1]};
  }

  /** Points of the map on a grid even in the model's log-odds (-10..10), as isotonic-regression input. */
  static Dataset<Row> dense(SparkSession spark, double c, double a, double b) {
    List<Row> rows = new ArrayList<>(DENSE_POINTS);
    for (int i = 0; i < DENSE_POINTS; i++) {
      double t = -10 + 20.0 * i / (DENSE_POINTS - 1);
      double x = 1 / (1 + Math.exp(-t));
      // ln x = -ln(1 + e^-t), -ln(1 - x) = ln(1 + e^t): exact in the tails.
      double z = c - a * Math.log1p(Math.exp(-t)) + b * Math.log1p(Math.exp(t));
      rows.add(RowFactory.create(Vectors.dense(1 - x, x), 1 / (1 + Math.exp(-z))));
    }
    StructType schema = new StructType().add("probability", SQLDataTypes.VectorType())
        .add(PostingModel.LABEL, DataTypes.DoubleType);
    return spark.createDataFrame(rows, schema);
  }
}
