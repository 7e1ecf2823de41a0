package com.influencelakehouse.jobs.models;

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
import org.apache.spark.ml.classification.GBTClassificationModel;
import org.apache.spark.ml.classification.LogisticRegression;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vector;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains the posting-likelihood challenger on {@code gold.training_posting} (time-based split),
 * evaluates it on the holdout against two baselines and the current champion, audits its fairness,
 * saves it under the model store and records it; it becomes champion only if better by the configured
 * margin and fair by the gate. Runs when the champion is older than the retraining cadence.
 */
public final class TrainPostingModelJob extends BaseJob {
  public static final String KIND = "posting";
  /** Seed of the boosted trees' subsampling: a re-run (or a notebook) fits the same trees. */
  public static final long SEED = 20261122L;
  private static final Logger LOG = LoggerFactory.getLogger(TrainPostingModelJob.class);

  public TrainPostingModelJob() {
    super("train_posting_model", "Posting-likelihood model: challenger, evaluation, fairness audit, registry.",
        // It also reads its own kind's rows of the (shared) registry, which it writes: not a dependency.
        List.of(Tables.TRAINING_POSTING),
        List.of(Tables.MODEL_REGISTRY, Tables.MODEL_METRICS, Tables.FAIRNESS_AUDIT, Tables.MODEL_PREDICTIONS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    ModelSettings s = ctx.config().models();
    BusinessObjectives objectives = ctx.config().objectives();
    LocalDate runDate = ctx.dates().to();
    String version = ModelRegistry.versionOf(KIND, runDate);
    JobResult result = new JobResult();
    if (!Training.due(w, KIND, version, runDate, objectives.postingModel().retrainEveryDays(), result)) {
      return result;
    }
    Optional<Training.Examples> read = Training.read(w, Tables.TRAINING_POSTING, "sent_date", runDate, s, name(),
        result);
    if (read.isEmpty()) {
      return result;
    }
    long tableVersion = read.get().tableVersion();
    Dataset<Row> examples = read.get().rows();
    TimeSplit split = split(examples, s);
    PostingModel.Trained trained = PostingModel.train(split, s, SEED);
    Dataset<Row> holdout = PostingModel.withRaw(trained.calibrated().transform(split.holdout())).cache();
    String p = PostingModel.PROBABILITY;
    MetricRows metrics = new MetricRows(version);
    double auc = BinaryMetrics.auc(holdout, PostingModel.LABEL, p);
    double logLoss = BinaryMetrics.logLoss(holdout, PostingModel.LABEL, p);
    List<double[]> reliability = BinaryMetrics.reliability(holdout, PostingModel.LABEL, p);
    metrics.add("auc", "holdout", auc).add("log_loss", "holdout", logLoss).reliability("holdout", reliability)
        .add("auc_uncalibrated", "holdout", BinaryMetrics.auc(holdout, PostingModel.LABEL, PostingModel.RAW))
        .add("base_rate", "holdout", holdout.agg(org.apache.spark.sql.functions.avg("label")).first().getDouble(0));
    double historicalAuc = BinaryMetrics.auc(holdout, PostingModel.LABEL, "posted_rate_smoothed");
    metrics.add("auc", "baseline:historical_posting_rate", historicalAuc, "the influencer's smoothed posting rate")
        .add("log_loss", "baseline:historical_posting_rate",
            BinaryMetrics.logLoss(holdout, PostingModel.LABEL, "posted_rate_smoothed"), null);
    double incentiveAuc = incentiveOnlyBaseline(split, metrics);
    for (PostingModel.Candidate c : trained.candidates()) {
      String segment = "candidate:" + c.algorithm() + ":" + c.params();
      metrics.add("validation_log_loss", segment, c.validationLogLoss()).add("validation_auc", segment,
          c.validationAuc());
    }
    importances(trained, metrics);
    trained.calibration().crossFittedLogLoss().forEach((m, v) -> metrics.add("calibration_log_loss",
        "calibration:" + m.configName(), v, "cross-fitted on the validation fold"));
    trained.calibration().tiedSteps().forEach((m, v) -> metrics.add("calibration_flat_steps",
        "calibration:" + m.configName(), v, "share of incentive-curve steps the map flattens"));
    Map<String, Double> spreads = PostingUncertainty.fit(trained.calibrated().transform(
        split.train().unionByName(split.validation())), "influencer_key", p);
    spreads.forEach((bucket, v) -> metrics.add(PostingUncertainty.METRIC, PostingUncertainty.SEGMENT + bucket, v,
        "spread of the willingness to post the inputs leave unexplained (log-odds), by resolved offers"));
    Map<String, Object> references = ReasonCodes.references(split.train(), ModelInputs.postingReasons());
    references.forEach((k, v) -> metrics.add("reference_value", k,
        v instanceof Number num ? num.doubleValue() : null, String.valueOf(v)));

    Dataset<Row> audit = FairnessAudit.audit(holdout, PostingModel.LABEL, p, objectives.fairness(),
        objectives.recommendation().targetPostingProbability()).cache();
    List<String> unfair = FairnessAudit.gateFailures(audit, objectives.fairness(), auc);
    Optional<Row> previous = ModelRegistry.comparedWith(w, KIND, version);
    Double championAuc = previous.map(c -> BinaryMetrics.auc(
        PipelineModel.load(c.<String>getAs("model_path")).transform(split.holdout()), PostingModel.LABEL, p))
        .orElse(null);
    if (championAuc != null) {
      metrics.add("auc", "champion_on_holdout", championAuc, previous.get().getAs("model_version"));
    }
    ModelRegistry.Decision decision = ModelRegistry.Decision.of("AUC", auc, championAuc,
        previous.map(c -> c.<String>getAs("model_version")).orElse(null),
        objectives.postingModel().championMargin(), unfair);

    String path = w.settings().modelPath(KIND, version);
    Training.save(trained.calibrated(), path);
    Map<String, Double> headline = new LinkedHashMap<>();
    headline.put("auc", auc);
    headline.put("log_loss", logLoss);
    headline.put("ece", BinaryMetrics.expectedCalibrationError(reliability));
    headline.put("baseline_historical_rate_auc", historicalAuc);
    headline.put("baseline_incentive_only_auc", incentiveAuc);
    headline.put("fairness_flagged_groups", (double) audit.where(col("flagged")).count());
    Map<String, String> params = new LinkedHashMap<>(trained.chosen().params());
    params.put("calibration", trained.calibration().describe());
    ModelRegistry.Examples trainedOn = ModelRegistry.Examples.of(Tables.TRAINING_POSTING.qualifiedName(), tableVersion,
        split, "sent_date");
    Row registry = ModelRegistry.row(new ModelRegistry.Trained(version, KIND, trained.chosen().algorithm(), params,
            objectives.postingModel().objective(), headline, path), trainedOn, decision, ctx.runId(), runDate,
        ctx.now(), previous);

    String only = "model_version = '" + version + "'";
    result.wrote(w.replaceWhere(Tables.MODEL_METRICS, w.spark().createDataFrame(metrics.rows(),
        Tables.MODEL_METRICS.schema()), only));
    result.wrote(w.replaceWhere(Tables.FAIRNESS_AUDIT, audit.withColumn("model_version", lit(version)), only));
    result.wrote(w.replaceWhere(Tables.MODEL_PREDICTIONS, holdout.select(lit(version).as("model_version"),
        col("offer_id").as("example_id"), col("sent_date").as("event_date"), col("label"), col(p).as("prediction"),
        col("follower_tier"), col("platform"), col("country"), col("category"), col("language")), only));
    ModelRegistry.record(w, registry, decision, previous);
    result.addRowsOut(trainedOn.holdoutRows()).metric("holdout_auc", auc).metric("promoted", decision.promote() ? 1 : 0);
    LOG.info("{} {}: {} ({}), {}", name(), version, trained.chosen().algorithm(), trained.chosen().params(),
        decision.reason());
    holdout.unpersist();
    audit.unpersist();
    examples.unpersist();
    return result;
  }

  /**
   * The time-based split of the posting examples: by send time, the configured validation and holdout
   * shares. Public so a notebook evaluates an experiment on exactly the champion's holdout.
   */
  public static TimeSplit split(Dataset<Row> examples, ModelSettings s) {
    return TimeSplit.of(examples, "sent_at", s.validationShare(), s.holdoutShare());
  }

  /** Logistic regression on the relative incentive alone, fitted on the training fold: the naive model. */
  private static double incentiveOnlyBaseline(TimeSplit split, MetricRows metrics) {
    VectorAssembler one = new VectorAssembler().setInputCols(new String[] {ModelInputs.INCENTIVE})
        .setOutputCol("incentive_vector").setHandleInvalid("skip");
    LogisticRegressionModel lr = new LogisticRegression().setFeaturesCol("incentive_vector")
        .setLabelCol(PostingModel.LABEL).fit(one.transform(split.train()));
    Dataset<Row> scored = PostingModel.withRaw(lr.transform(one.transform(split.holdout())));
    double auc = BinaryMetrics.auc(scored, PostingModel.LABEL, PostingModel.RAW);
    metrics.add("auc", "baseline:incentive_only", auc, "logistic regression on ln(incentive / tier norm)")
        .add("log_loss", "baseline:incentive_only", BinaryMetrics.logLoss(scored, PostingModel.LABEL,
            PostingModel.RAW), null);
    return auc;
  }

  /** Global explanations: tree importances, or the logistic model's standardised coefficients. */
  private static void importances(PostingModel.Trained trained, MetricRows metrics) {
    List<String> slots = trained.slots();
    if (trained.chosen().classifier() instanceof GBTClassificationModel gbt) {
      Vector v = gbt.featureImportances();
      for (int i = 0; i < slots.size(); i++) {
        metrics.add("importance", slots.get(i), v.apply(i), "tree importance (gain share)");
      }
    } else if (trained.chosen().classifier() instanceof LogisticRegressionModel lr) {
      Vector v = lr.coefficients();
      for (int i = 0; i < slots.size(); i++) {
        metrics.add("importance", slots.get(i), Math.abs(v.apply(i)), "|standardised coefficient|")
            .add("coefficient", slots.get(i), v.apply(i), "standardised coefficient (log-odds per SD)");
      }
    }
  }
}
