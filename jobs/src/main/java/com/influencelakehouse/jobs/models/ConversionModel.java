package com.influencelakehouse.jobs.models;

import com.influencelakehouse.common.config.ModelSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GBTRegressor;
import org.apache.spark.ml.regression.GeneralizedLinearRegression;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The conversion model: attributed orders in the 7 days after a sponsored post. A Poisson GLM (log
 * link) and gradient-boosted regression trees over the same feature stages, chosen on validation
 * Poisson deviance. The saved pipeline outputs {@code expected_orders} (never negative).
 */
public final class ConversionModel {
  public static final String EXPECTED = "expected_orders";
  public static final String LABEL = "orders_7d";

  private ConversionModel() {}

  /** One fitted candidate and its validation deviance. */
  public record Candidate(String algorithm, Map<String, String> params, PipelineModel model,
      double validationDeviance, Transformer regressor) {}

  /** The chosen candidate with everything compared. */
  public record Trained(Candidate chosen, List<Candidate> candidates, ModelPipelines.FittedFeatures features,
      List<String> slots) {}

  public static Trained train(TimeSplit split, ModelSettings s, long seed) {
    Dataset<Row> train = split.train().withColumn(LABEL, split.train().col(LABEL).cast("double"));
    ModelPipelines.FittedFeatures f = ModelPipelines.fit(train, ModelInputs.conversionDerived(),
        ModelInputs.conversionNumeric(), ModelInputs.conversionCategorical());
    Dataset<Row> features = f.stages().transform(train).cache();
    List<String> slots = f.slotNames(features);
    List<Candidate> candidates = new ArrayList<>();
    for (double reg : s.regParams()) {
      GeneralizedLinearRegressionModel glm = new GeneralizedLinearRegression().setFamily("poisson").setLink("log")
          .setFeaturesCol(ModelPipelines.FEATURES).setLabelCol(LABEL).setRegParam(reg).setMaxIter(50)
          .fit(features);
      candidates.add(evaluate("poisson_glm", Map.of("regParam", Double.toString(reg)),
          ModelPipelines.chain(train, f.stages(), glm, output()), glm, split.validation()));
    }
    for (int depth : s.gbtDepths()) {
      GBTRegressionModel gbt = new GBTRegressor().setFeaturesCol(ModelPipelines.FEATURES).setLabelCol(LABEL)
          .setMaxDepth(depth).setMaxIter(s.gbtIterations()).setStepSize(0.1).setSubsamplingRate(0.8).setSeed(seed)
          .fit(features);
      Map<String, String> params = new LinkedHashMap<>();
      params.put("maxDepth", Integer.toString(depth));
      params.put("maxIter", Integer.toString(s.gbtIterations()));
      candidates.add(evaluate("gbt", params, ModelPipelines.chain(train, f.stages(), gbt, output()), gbt,
          split.validation()));
    }
    features.unpersist();
    Candidate chosen = candidates.stream()
        .min((a, b) -> Double.compare(a.validationDeviance(), b.validationDeviance())).orElseThrow();
    return new Trained(chosen, candidates, f, slots);
  }

  /** Names the prediction and keeps it non-negative (trees can undershoot zero). */
  static SQLTransformer output() {
    return new SQLTransformer().setStatement("SELECT *, greatest(prediction, 0.0) AS " + EXPECTED + " FROM __THIS__");
  }

  private static Candidate evaluate(String algorithm, Map<String, String> params, PipelineModel model,
      Transformer regressor, Dataset<Row> validation) {
    double deviance = CountMetrics.errors(model.transform(validation), LABEL, EXPECTED)[2];
    return new Candidate(algorithm, params, model, deviance, regressor);
  }
}
