package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.influencelakehouse.common.config.BusinessObjectives;
import com.influencelakehouse.common.config.ModelSettings;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.ml.regression.GBTRegressionModel;
import org.apache.spark.ml.regression.GeneralizedLinearRegressionModel;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the conversion challenger on {@code gold.training_conversion} (time-based split), evaluates it
 * on the holdout (RMSE, MAE, Poisson deviance, deviance explained, predicted vs actual by decile)
 * against the champion, saves and records it; promoted when its deviance explained beats the
 * champion's by the configured margin.
 */
public final class TrainConversionModelJob extends BaseJob {
  public static final String KIND = "conversion";
  private static final Logger LOG = LoggerFactory.getLogger(TrainConversionModelJob.class);

  public TrainConversionModelJob() {
    super("train_conversion_model", "Conversion model: challenger, evaluation, registry.",
        // It also reads its own kind's rows of the (shared) registry, which it writes: not a dependency.
        List.of(Tables.TRAINING_CONVERSION),
        List.of(Tables.MODEL_REGISTRY, Tables.MODEL_METRICS, Tables.MODEL_PREDICTIONS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    ModelSettings s = ctx.config().models();
    BusinessObjectives objectives = ctx.config().objectives();
    LocalDate runDate = ctx.dates().to();
    String version = ModelRegistry.versionOf(KIND, runDate);
    JobResult result = new JobResult();
    if (!Training.due(w, KIND, version, runDate, objectives.conversionModel().retrainEveryDays(), result)) {
      return result;
    }
    Optional<Training.Examples> read = Training.read(w, Tables.TRAINING_CONVERSION, "post_date", runDate, s, name(),
        result);
    if (read.isEmpty()) {
      return result;
    }
    long tableVersion = read.get().tableVersion();
    Dataset<Row> examples = read.get().rows()
        .withColumn(ConversionModel.LABEL, col(ConversionModel.LABEL).cast("double"));
    TimeSplit split = TimeSplit.of(examples, "posted_at", s.validationShare(), s.holdoutShare());
    ConversionModel.Trained trained = ConversionModel.train(split, s, 20261122L);
    // The validation fold is not used for calibration here: the chosen model is refitted on nothing more.
    PipelineModel model = trained.chosen().model();
    String e = ConversionModel.EXPECTED;
    String y = ConversionModel.LABEL;
    Dataset<Row> holdout = model.transform(split.holdout()).cache();
    double trainMean = split.train().agg(avg(col(y))).first().getDouble(0);
    double[] err = CountMetrics.errors(holdout, y, e);
    double explained = CountMetrics.devianceExplained(holdout, y, e, trainMean);
    MetricRows metrics = new MetricRows(version).add("rmse", "holdout", err[0]).add("mae", "holdout", err[1])
        .add("poisson_deviance", "holdout", err[2]).add("deviance_explained", "holdout", explained)
        .add("mean_label", "holdout", holdout.agg(avg(col(y))).first().getDouble(0))
        .add("mean_prediction", "holdout", holdout.agg(avg(col(e))).first().getDouble(0));
    for (double[] d : CountMetrics.deciles(holdout, y, e)) {
      String decile = "holdout:decile_" + (int) d[0];
      metrics.add("decile_examples", decile, d[1]).add("decile_mean_prediction", decile, d[2])
          .add("decile_mean_actual", decile, d[3]);
    }
    for (ConversionModel.Candidate c : trained.candidates()) {
      metrics.add("validation_poisson_deviance", "candidate:" + c.algorithm() + ":" + c.params(),
          c.validationDeviance());
    }
    if (trained.chosen().regressor() instanceof GBTRegressionModel gbt) {
      Vector v = gbt.featureImportances();
      for (int i = 0; i < trained.slots().size(); i++) {
        metrics.add("importance", trained.slots().get(i), v.apply(i), "tree importance (gain share)");
      }
    } else if (trained.chosen().regressor() instanceof GeneralizedLinearRegressionModel glm) {
      for (int i = 0; i < trained.slots().size(); i++) {
        metrics.add("coefficient", trained.slots().get(i), glm.coefficients().apply(i), "log-rate per unit");
      }
    }
    Optional<Row> previous = ModelRegistry.comparedWith(w, KIND, version);
    Double championExplained = previous.map(c -> CountMetrics.devianceExplained(
        PipelineModel.load(c.<String>getAs("model_path")).transform(split.holdout()), y, e, trainMean)).orElse(null);
    if (championExplained != null) {
      metrics.add("deviance_explained", "champion_on_holdout", championExplained,
          previous.get().getAs("model_version"));
    }
    ModelRegistry.Decision decision = ModelRegistry.Decision.of("deviance explained", explained, championExplained,
        previous.map(c -> c.<String>getAs("model_version")).orElse(null),
        objectives.conversionModel().championMargin(), List.of());
    String path = w.settings().modelPath(KIND, version);
    Training.save(model, path);
    Map<String, Double> headline = new LinkedHashMap<>();
    headline.put("rmse", err[0]);
    headline.put("mae", err[1]);
    headline.put("poisson_deviance", err[2]);
    headline.put("deviance_explained", explained);
    ModelRegistry.Examples trainedOn = ModelRegistry.Examples.of(Tables.TRAINING_CONVERSION.qualifiedName(),
        tableVersion, split, "post_date");
    Row registry = ModelRegistry.row(new ModelRegistry.Trained(version, KIND, trained.chosen().algorithm(),
            trained.chosen().params(), objectives.conversionModel().objective(), headline, path), trainedOn, decision,
        ctx.runId(), runDate, ctx.now(), previous);
    String only = "model_version = '" + version + "'";
    result.wrote(w.replaceWhere(Tables.MODEL_METRICS, w.spark().createDataFrame(metrics.rows(),
        Tables.MODEL_METRICS.schema()), only));
    result.wrote(w.replaceWhere(Tables.MODEL_PREDICTIONS, holdout.select(lit(version).as("model_version"),
        col("post_id").as("example_id"), col("post_date").as("event_date"), col(y).as("label"),
        col(e).as("prediction"), col("follower_tier"), col("platform"), col("country"), col("category"),
        col("language")), only));
    ModelRegistry.record(w, registry, decision, previous);
    result.addRowsOut(trainedOn.holdoutRows()).metric("holdout_deviance_explained", explained)
        .metric("promoted", decision.promote() ? 1 : 0);
    LOG.info("{} {}: {} ({}), {}", name(), version, trained.chosen().algorithm(), trained.chosen().params(),
        decision.reason());
    holdout.unpersist();
    read.get().rows().unpersist();
    return result;
  }
}
