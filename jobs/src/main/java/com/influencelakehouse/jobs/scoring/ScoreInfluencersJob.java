package com.influencelakehouse.jobs.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.BusinessObjectives.Recommendation;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.gold.FeatureWindows;
import com.influencelakehouse.jobs.models.ConversionModel;
import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.models.ModelInputs;
import com.influencelakehouse.jobs.models.ModelRegistry;
import com.influencelakehouse.jobs.models.PostingModel;
import com.influencelakehouse.jobs.models.PostingUncertainty;
import com.influencelakehouse.jobs.models.ReasonCodes;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Scores every consented influencer on the run's last date with the champion models: writes
 * {@code gold.influencer_scores} and {@code gold.incentive_recommendations} for that score date
 * (replaced, so re-runs leave the same rows). A backfill scores its last date only: scores of past
 * dates are those their own nights wrote with the champion of the time, never re-made with a model
 * trained later.
 */
public final class ScoreInfluencersJob extends BaseJob {
  private static final Logger LOG = LoggerFactory.getLogger(ScoreInfluencersJob.class);

  public ScoreInfluencersJob() {
    super("score_influencers", "Influencer scores and incentive recommendations from the champion models.",
        List.of(Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS, Tables.MODEL_REGISTRY, Tables.MODEL_METRICS),
        List.of(Tables.INFLUENCER_SCORES, Tables.INCENTIVE_RECOMMENDATIONS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    JobResult result = new JobResult();
    Optional<Row> posting = ModelRegistry.champion(w, "posting", "");
    Optional<Row> conversion = ModelRegistry.champion(w, "conversion", "");
    if (posting.isEmpty() || conversion.isEmpty()) {
      // The tables exist empty, so queries and dashboards on them work before the first model.
      w.ensureTable(Tables.INFLUENCER_SCORES);
      w.ensureTable(Tables.INCENTIVE_RECOMMENDATIONS);
      String why = "no champion " + (posting.isEmpty() ? "posting" : "conversion") + " model yet: nothing scored for "
          + dates.to() + "; " + Tables.INFLUENCER_SCORES.qualifiedName() + " and "
          + Tables.INCENTIVE_RECOMMENDATIONS.qualifiedName() + " stay empty until one is trained (see the training "
          + "jobs above)";
      LOG.warn(why);
      return result.metric("skipped_no_champion", 1).note(why);
    }
    Date scoreDate = Date.valueOf(dates.to());
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDef t : List.of(Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS, Tables.MODEL_REGISTRY)) {
      versions.put(t.qualifiedName(), w.version(t));
    }
    Dataset<Row> features = w.read(Tables.FEATURES_INFLUENCER_DAILY)
        .where(col(FeatureWindows.FEATURE_DATE).equalTo(scoreDate));
    Dataset<Row> norms = w.read(Tables.INCENTIVE_NORMS).where(col("as_of_date").equalTo(scoreDate));
    String postingVersion = posting.get().getAs("model_version");
    InfluencerScoring.Models models = new InfluencerScoring.Models(
        PipelineModel.load(posting.get().getAs("model_path")), PipelineModel.load(conversion.get().getAs("model_path")),
        PostingUncertainty.spreads(w, postingVersion), references(w, postingVersion));
    InfluencerScoring.Settings settings = new InfluencerScoring.Settings(ctx.config().objectives().recommendation(),
        ctx.config().features().authenticityThreshold(), ctx.config().models().reasonCodes());
    InfluencerScoring.Scored scored = InfluencerScoring.score(features, norms, models, settings);
    try {
      Column lineage = versionMap(versions);
      DateRange day = new DateRange(dates.to(), dates.to());
      result.wrote(w.replaceDates(Tables.INFLUENCER_SCORES, Tables.project(Tables.INFLUENCER_SCORES, scored.scores()
          .withColumn("score_date", lit(scoreDate))
          .withColumn("model_version", lit(postingVersion))
          .withColumn("conversion_model_version", lit(conversion.get().<String>getAs("model_version")))
          .withColumn("input_versions", lineage)), "score_date", day));
      result.wrote(w.replaceDates(Tables.INCENTIVE_RECOMMENDATIONS, Tables.project(Tables.INCENTIVE_RECOMMENDATIONS,
          scored.recommendations()
              .withColumn("score_date", lit(scoreDate))
              .withColumn("model_version", lit(postingVersion))
              .withColumn("input_versions", lineage)), "score_date", day));
    } finally {
      scored.release();
    }
    return result;
  }

  /** The reference values of the reason-code inputs recorded with a posting model version (a handful of rows). */
  static Map<String, Object> references(Warehouse w, String version) {
    Map<String, Object> references = new LinkedHashMap<>();
    for (Row r : w.read(Tables.MODEL_METRICS).where(col("model_version").equalTo(version)
        .and(col("metric").equalTo("reference_value"))).select("segment", "value", "detail").collectAsList()) {
      references.put(r.getString(0), r.isNullAt(1) ? r.getString(2) : (Object) r.getDouble(1));
    }
    return references;
  }

  /**
   * Reason codes of standard offers, against the model version's recorded reference values. Public so a
   * notebook explains one influencer's scores with the job's own code.
   */
  public static Dataset<Row> reasons(Warehouse w, PipelineModel model, Dataset<Row> offers, String version, int top) {
    return ReasonCodes.explain(model, offers, Candidates.ID, PostingModel.PROBABILITY, references(w, version),
        ModelInputs.postingReasons(), top);
  }

  /** The input tables' versions as a map column (qualified name -> Delta version). */
  public static Column versionMap(Map<String, Long> versions) {
    return org.apache.spark.sql.functions.map(versions.entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of(lit(e.getKey()), lit(e.getValue()))).toArray(Column[]::new));
  }
}
