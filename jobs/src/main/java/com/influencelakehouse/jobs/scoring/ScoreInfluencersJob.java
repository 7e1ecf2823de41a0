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
      LOG.warn("no champion {} model yet: nothing scored for {}", posting.isEmpty() ? "posting" : "conversion",
          dates.to());
      return result.metric("skipped_no_champion", 1);
    }
    Date scoreDate = Date.valueOf(dates.to());
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDef t : List.of(Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS, Tables.MODEL_REGISTRY)) {
      versions.put(t.qualifiedName(), w.version(t));
    }
    Dataset<Row> features = w.read(Tables.FEATURES_INFLUENCER_DAILY)
        .where(col(FeatureWindows.FEATURE_DATE).equalTo(scoreDate));
    Dataset<Row> norms = w.read(Tables.INCENTIVE_NORMS).where(col("as_of_date").equalTo(scoreDate));
    Recommendation settings = ctx.config().objectives().recommendation();
    PipelineModel postingModel = PipelineModel.load(posting.get().getAs("model_path"));
    PipelineModel conversionModel = PipelineModel.load(conversion.get().getAs("model_path"));
    String postingVersion = posting.get().getAs("model_version");
    double threshold = ctx.config().features().authenticityThreshold();

    Dataset<Row> offers = Candidates.offers(features, norms, settings.incentiveTypes())
        .withColumn("authenticity_flagged", col("authenticity_score").lt(threshold)).cache();
    try {
      Dataset<Row> cash = offers.where(col("incentive_type").equalTo("cash").and(col("incentive_norm").isNotNull()));
      Dataset<Row> best = Candidates.bestSendTime(postingModel, cash)
          .withColumn("influencer_key", element_at(org.apache.spark.sql.functions.split(col(Candidates.ID), ":"), 1))
          .drop(Candidates.ID).cache();
      Dataset<Row> atBest = Candidates.sentAt(offers.join(best, "influencer_key"), col("best_send_weekday"),
          col("best_send_hour"));
      Dataset<Row> cashAtBest = atBest.where(col("incentive_type").equalTo("cash")
          .and(col("incentive_norm").isNotNull()));

      // Expected orders and revenue of a standard sponsored post.
      Dataset<Row> market = features.agg(sum("revenue_recent").as("_r"), sum("orders_recent").as("_o"));
      Dataset<Row> orders = conversionModel.transform(Candidates.posts(cashAtBest))
          .crossJoin(market)
          .select(col("influencer_key"), col(ConversionModel.EXPECTED).as("expected_orders_per_post"),
              col(ConversionModel.EXPECTED).multiply(coalesce(
                  when(col("orders_recent").gt(0), col("revenue_recent").divide(col("orders_recent"))),
                  when(col("_o").gt(0), col("_r").divide(col("_o"))), lit(0.0))).as("expected_revenue_per_post"))
          .cache(); // used by the scores and by the recommendations' curves

      Dataset<Row> scores = postingModel.transform(cashAtBest)
          .join(orders, "influencer_key")
          .join(reasons(w, postingModel, cashAtBest, postingVersion,
              ctx.config().models().reasonCodes()), Candidates.ID)
          .withColumn("score_date", lit(scoreDate))
          .withColumn("standard_incentive_base", col("incentive_norm"))
          .withColumn("expected_engagements_per_post", col("engagements_per_post"))
          .withColumn("reason_1", reasonText(1))
          .withColumn("reason_2", reasonText(2))
          .withColumn("reason_3", reasonText(3))
          .withColumn("model_version", lit(postingVersion))
          .withColumn("conversion_model_version", lit(conversion.get().<String>getAs("model_version")))
          .withColumn("input_versions", versionMap(versions));
      result.wrote(w.replaceDates(Tables.INFLUENCER_SCORES, Tables.project(Tables.INFLUENCER_SCORES, scores),
          "score_date", new DateRange(dates.to(), dates.to())));
      result.metric("influencers_without_cash_norm", offers.where(col("incentive_type").equalTo("cash")
          .and(col("incentive_norm").isNull())).count());

      // Incentive-response curves at the best send time, and the recommendation per type.
      Dataset<Row> priced = atBest.join(orders.select("influencer_key",
          "expected_revenue_per_post"), "influencer_key").where(col("incentive_norm").isNotNull());
      Dataset<Row> curves = IncentiveResponse.curve(postingModel, priced, settings.incentiveGrid(), Candidates.ID);
      Dataset<Row> stable = IncentiveResponse.curve(postingModel, priced.where(col("influence_trend").equalTo("rising"))
              .withColumn("influence_trend", lit("stable")).withColumn("trend_strength", lit(0.0))
              .withColumn("trend_started_on", lit(null).cast("date")), settings.incentiveGrid(), Candidates.ID)
          .select(col(Candidates.ID), col(IncentiveResponse.MULTIPLE),
              col(IncentiveResponse.MONOTONE).as(Recommendations.STABLE_PROBABILITY));
      Dataset<Row> recommendations = Recommendations.choose(
              curves.join(stable, new String[] {Candidates.ID, IncentiveResponse.MULTIPLE}, "left"), settings,
              "follower_tier", "best_send_weekday", "best_send_hour")
          .unionByName(unpriced(offers.join(best, "influencer_key"), settings), true)
          .withColumn("score_date", lit(scoreDate))
          .withColumn("model_version", lit(postingVersion))
          .withColumn("input_versions", versionMap(versions));
      result.wrote(w.replaceDates(Tables.INCENTIVE_RECOMMENDATIONS,
          Tables.project(Tables.INCENTIVE_RECOMMENDATIONS, recommendations), "score_date",
          new DateRange(dates.to(), dates.to())));
      best.unpersist();
      orders.unpersist();
    } finally {
      offers.unpersist();
    }
    return result;
  }

  /** Types without a norm in the influencer's tier cannot be priced: listed with status no_norm. */
  private static Dataset<Row> unpriced(Dataset<Row> offersWithBest, Recommendation settings) {
    return offersWithBest.where(col("incentive_norm").isNull())
        .select(col("influencer_key"), col("incentive_type"), col("follower_tier"), col("best_send_weekday"),
            col("best_send_hour"), col("influence_trend"), col("authenticity_flagged"))
        .withColumn("status", lit("no_norm")).withColumn("recommended", lit(false))
        .withColumn("trend_adjusted", lit(false))
        .withColumn("objective", lit(settings.mode().configName()))
        .withColumn("target_posting_probability", lit(settings.targetPostingProbability()))
        .withColumn("gross_margin", lit(settings.grossMargin()));
  }

  /**
   * Reason codes of standard offers, against the model version's recorded reference values. Public so a
   * notebook explains one influencer's scores with the job's own code.
   */
  public static Dataset<Row> reasons(Warehouse w, PipelineModel model, Dataset<Row> offers, String version, int top) {
    Map<String, Object> references = new LinkedHashMap<>();
    // One row per model input: a handful.
    for (Row r : w.read(Tables.MODEL_METRICS).where(col("model_version").equalTo(version)
        .and(col("metric").equalTo("reference_value"))).select("segment", "value", "detail").collectAsList()) {
      references.put(r.getString(0), r.isNullAt(1) ? r.getString(2) : (Object) r.getDouble(1));
    }
    return ReasonCodes.explain(model, offers, Candidates.ID, PostingModel.PROBABILITY, references,
        ModelInputs.postingReasons(), top);
  }

  /** The input tables' versions as a map column (qualified name -> Delta version). */
  static Column versionMap(Map<String, Long> versions) {
    return org.apache.spark.sql.functions.map(versions.entrySet().stream()
        .flatMap(e -> java.util.stream.Stream.of(lit(e.getKey()), lit(e.getValue()))).toArray(Column[]::new));
  }

  private static Column reasonText(int i) {
    Column r = element_at(col("reasons"), i);
    return when(r.isNotNull(), concat(r.getField("reason"), lit(": "),
        when(r.getField("contribution").geq(0), lit("+")).otherwise(lit("")),
        format_number(r.getField("contribution"), 3)));
  }
}
