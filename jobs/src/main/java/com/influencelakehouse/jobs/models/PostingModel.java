package com.influencelakehouse.jobs.models;

import com.influencelakehouse.common.config.ModelSettings;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.GBTClassifier;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.StandardScaler;
import org.apache.spark.ml.feature.StandardScalerModel;
import org.apache.spark.ml.linalg.Matrices;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The posting-likelihood model: logistic regression and gradient-boosted trees over the same feature
 * stages, fitted on the training fold with a small grid, chosen on validation log loss, then calibrated
 * on the validation fold by the map {@link Calibration} chooses (Platt, beta or isotonic). The saved
 * pipeline outputs {@code posting_probability}.
 *
 * <p>Incentive response: the incentive enters only as ln(incentive / tier norm). Logistic regression
 * bounds its coefficient at 0 from below and every calibration map is non-decreasing, so the logistic
 * model is monotone in the incentive by construction; for trees the scoring side takes the running
 * maximum over the incentive grid ({@link IncentiveResponse}).
 */
public final class PostingModel {
  public static final String PROBABILITY = "posting_probability";
  public static final String RAW = "raw_probability";
  public static final String LABEL = "label";

  private PostingModel() {}

  /** One fitted candidate and how it did on the validation fold. */
  public record Candidate(String algorithm, Map<String, String> params, PipelineModel model,
      double validationLogLoss, double validationAuc, Transformer classifier) {}

  /** The chosen candidate, calibrated, with everything compared. */
  public record Trained(Candidate chosen, List<Candidate> candidates, PipelineModel calibrated,
      ModelPipelines.FittedFeatures features, List<String> slots, Calibration.Choice calibration) {}

  /** Trains on the posting model's declared inputs ({@link ModelInputs}). */
  public static Trained train(TimeSplit split, ModelSettings s, long seed) {
    return train(split, s, seed, ModelInputs.derived(), ModelInputs.postingNumeric(), ModelInputs.postingCategorical());
  }

  /**
   * Trains on the given inputs: what a notebook experiment changes (a new feature, fewer inputs) before the
   * change is made in {@link ModelInputs}. The incentive column must stay among the numeric inputs.
   */
  public static Trained train(TimeSplit split, ModelSettings s, long seed,
      org.apache.spark.ml.feature.SQLTransformer derived, List<String> numeric, List<String> categorical) {
    Dataset<Row> train = split.train();
    ModelPipelines.FittedFeatures f = ModelPipelines.fit(train, derived, numeric, categorical);
    Dataset<Row> trainFeatures = f.stages().transform(train).cache();
    List<String> slots = f.slotNames(trainFeatures);
    int size = ((Vector) trainFeatures.select(ModelPipelines.FEATURES).first().get(0)).size();
    List<Candidate> candidates = new ArrayList<>();

    StandardScalerModel scaler = new StandardScaler().setInputCol(ModelPipelines.FEATURES).setOutputCol("scaled")
        .setWithMean(false).setWithStd(true).fit(trainFeatures);
    Dataset<Row> scaled = scaler.transform(trainFeatures);
    double[] lower = new double[size];
    // Finite, not -infinity: Spark scales bounds by each feature's deviation, and -inf x 0 (a constant
    // feature) would be NaN.
    Arrays.fill(lower, -1e6);
    lower[slots.indexOf(ModelInputs.INCENTIVE + "_f")] = 0.0; // paying more never lowers the probability
    for (double reg : s.regParams()) {
      LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol("scaled").setLabelCol(LABEL)
          .setRegParam(reg).setElasticNetParam(0).setStandardization(false).setMaxIter(200)
          .setLowerBoundsOnCoefficients(Matrices.dense(1, size, lower)).fit(scaled);
      candidates.add(evaluate("logistic_regression", Map.of("regParam", Double.toString(reg)),
          ModelPipelines.chain(train, f.stages(), scaler, lr), lr, split.validation()));
    }
    for (int depth : s.gbtDepths()) {
      GBTClassificationModel gbt = new GBTClassifier().setFeaturesCol(ModelPipelines.FEATURES).setLabelCol(LABEL)
          .setMaxDepth(depth).setMaxIter(s.gbtIterations()).setStepSize(0.1).setSubsamplingRate(0.8)
          .setSeed(seed).fit(trainFeatures);
      Map<String, String> params = new LinkedHashMap<>();
      params.put("maxDepth", Integer.toString(depth));
      params.put("maxIter", Integer.toString(s.gbtIterations()));
      params.put("stepSize", "0.1");
      candidates.add(evaluate("gbt", params, ModelPipelines.chain(train, f.stages(), gbt), gbt, split.validation()));
    }
    trainFeatures.unpersist();
    Candidate chosen = candidates.stream().min((a, b) -> Double.compare(a.validationLogLoss(), b.validationLogLoss()))
        .orElseThrow();
    Calibration.Choice calibration = Calibration.choose(chosen.model(), split.validation());
    return new Trained(chosen, candidates, calibration.calibrated(), f, slots, calibration);
  }

  private static Candidate evaluate(String algorithm, Map<String, String> params, PipelineModel model,
      Transformer classifier, Dataset<Row> validation) {
    Dataset<Row> scored = withRaw(model.transform(validation)).cache();
    Candidate c = new Candidate(algorithm, params, model, BinaryMetrics.logLoss(scored, LABEL, RAW),
        BinaryMetrics.auc(scored, LABEL, RAW), classifier);
    scored.unpersist();
    return c;
  }

  /** The model's probability of the positive class as a plain column. */
  static Dataset<Row> withRaw(Dataset<Row> scored) {
    return scored.withColumn(RAW, org.apache.spark.ml.functions.vector_to_array(scored.col("probability"), "float64")
        .getItem(1));
  }
}
