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
import com.influencelakehouse.jobs.models.ConversionModel;
import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.models.ModelInputs;
import com.influencelakehouse.jobs.models.PostingModel;
import com.influencelakehouse.jobs.models.PostingUncertainty;
import com.influencelakehouse.jobs.models.ReasonCodes;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The scoring of one score date as a pure function of the day's features and norms and the champion
 * models: influencer scores at the standard offer (with the interval of the posting probability and the
 * reasons behind it) and the incentive recommendation per type ({@link Recommendations}), both at the
 * best send time of the week. {@link ScoreInfluencersJob} only reads, calls this and writes.
 */
public final class InfluencerScoring {
  private InfluencerScoring() {}

  /**
   * The champion models and what was recorded with them.
   *
   * @param spreads the posting model version's spreads by history bucket ({@link PostingUncertainty})
   * @param reasonReferences the posting model version's reference values of the reason-code inputs
   */
  public record Models(PipelineModel posting, PipelineModel conversion, Map<String, Double> spreads,
      Map<String, Object> reasonReferences) {}

  /** What the rules are told by configuration. */
  public record Settings(Recommendation recommendation, double authenticityThreshold, int reasonCodes) {}

  /**
   * Both scored frames (without score date, versions and lineage, which the job adds), and the
   * intermediate frames both read, cached: the week's send times and the expected value of a post.
   */
  public record Scored(Dataset<Row> scores, Dataset<Row> recommendations, java.util.List<Dataset<Row>> cached) {
    /** Frees the cached intermediate frames once both are written. */
    public void release() {
      cached.forEach(Dataset::unpersist);
    }
  }

  /**
   * Scores the influencers of {@code features} (one row each, the score date's) against the {@code norms}
   * of the same date.
   */
  public static Scored score(Dataset<Row> features, Dataset<Row> norms, Models models, Settings settings) {
    Recommendation rule = settings.recommendation();
    Dataset<Row> offers = Candidates.offers(features, norms, rule.incentiveTypes())
        .withColumn("authenticity_flagged", col("authenticity_score").lt(settings.authenticityThreshold()))
        .withColumn(Recommendations.SPREAD, PostingUncertainty.spreadOf(col("offers_resolved"), models.spreads()));
    Dataset<Row> cash = offers.where(col("incentive_type").equalTo("cash").and(col("incentive_norm").isNotNull()));
    Dataset<Row> best = Candidates.bestSendTime(models.posting(), cash).cache();
    Dataset<Row> atBest = Candidates.sentAt(offers.join(best, "influencer_key"), col("best_send_weekday"),
        col("best_send_hour"));
    Dataset<Row> cashAtBest = atBest.where(col("incentive_type").equalTo("cash").and(col("incentive_norm").isNotNull()));
    Dataset<Row> perPost = expectedPerPost(models.conversion(), features, cashAtBest).cache();

    double z = PostingUncertainty.z(rule.confidence());
    Column p = col(PostingModel.PROBABILITY);
    Column spread = col(Recommendations.SPREAD);
    Dataset<Row> scores = models.posting().transform(cashAtBest)
        .join(perPost, "influencer_key")
        .join(ReasonCodes.explain(models.posting(), cashAtBest, Candidates.ID, PostingModel.PROBABILITY,
            models.reasonReferences(), ModelInputs.postingReasons(), settings.reasonCodes()), Candidates.ID)
        .withColumn("posting_probability_lower", PostingUncertainty.bound(p, spread, -z))
        .withColumn("posting_probability_upper", PostingUncertainty.bound(p, spread, z))
        .withColumn("confidence", lit(rule.confidence()))
        .withColumn("standard_incentive_base", col("incentive_norm"))
        .withColumn("expected_engagements_per_post", col("engagements_per_post"))
        .withColumn("reason_1", reasonText(1))
        .withColumn("reason_2", reasonText(2))
        .withColumn("reason_3", reasonText(3));

    // Incentive-response curves at the best send time, the rising influencers' also as if stable.
    Dataset<Row> priced = atBest.join(perPost.select("influencer_key", "expected_revenue_per_post"), "influencer_key")
        .where(col("incentive_norm").isNotNull());
    Dataset<Row> curves = IncentiveResponse.curve(models.posting(), priced, rule.incentiveGrid(), Candidates.ID);
    Dataset<Row> stable = IncentiveResponse.curve(models.posting(), asStable(priced.where(
            col("influence_trend").equalTo("rising"))), rule.incentiveGrid(), Candidates.ID)
        .select(col(Candidates.ID), col(IncentiveResponse.MULTIPLE),
            col(IncentiveResponse.MONOTONE).as(Recommendations.STABLE_PROBABILITY));
    Dataset<Row> recommendations = Recommendations.choose(
            curves.join(stable, new String[] {Candidates.ID, IncentiveResponse.MULTIPLE}, "left"), rule,
            "follower_tier", "best_send_weekday", "best_send_hour")
        .unionByName(unpriced(offers.join(best, "influencer_key"), rule), true);
    return new Scored(scores, recommendations, java.util.List.of(best, perPost));
  }

  /** The same offers had the influencer's trend been stable. */
  static Dataset<Row> asStable(Dataset<Row> offers) {
    return offers.withColumn("influence_trend", lit("stable")).withColumn("trend_strength", lit(0.0))
        .withColumn("trend_started_on", lit(null).cast("date"));
  }

  /**
   * Expected orders and revenue of a standard sponsored post per influencer: the conversion model's
   * orders x the influencer's revenue per order (the market's when the influencer has no orders yet).
   */
  public static Dataset<Row> expectedPerPost(PipelineModel conversion, Dataset<Row> features, Dataset<Row> cashOffers,
      String... carry) {
    Dataset<Row> market = features.agg(sum("revenue_recent").as("_r"), sum("orders_recent").as("_o"));
    Column perOrder = coalesce(when(col("orders_recent").gt(0), col("revenue_recent").divide(col("orders_recent"))),
        when(col("_o").gt(0), col("_r").divide(col("_o"))), lit(0.0));
    return conversion.transform(Candidates.posts(cashOffers))
        .crossJoin(market)
        .select(java.util.stream.Stream.concat(java.util.stream.Stream.of(carry).map(c -> col(c)), java.util.stream.Stream.of(
            col("influencer_key"), col(ConversionModel.EXPECTED).as("expected_orders_per_post"),
            col(ConversionModel.EXPECTED).multiply(perOrder).as("expected_revenue_per_post"))).toArray(Column[]::new));
  }

  /** Types without a norm in the influencer's tier cannot be priced: listed with status no_norm. */
  static Dataset<Row> unpriced(Dataset<Row> offersWithBest, Recommendation settings) {
    return offersWithBest.where(col("incentive_norm").isNull())
        .select(col("influencer_key"), col("incentive_type"), col("follower_tier"), col("best_send_weekday"),
            col("best_send_hour"), col("influence_trend"), col("authenticity_flagged"))
        .withColumn("status", lit("no_norm")).withColumn("recommended", lit(false))
        .withColumn("trend_adjusted", lit(false))
        .withColumn("objective", lit(settings.mode().configName()))
        .withColumn("target_posting_probability", lit(settings.targetPostingProbability()))
        .withColumn("confidence", lit(settings.confidence()))
        .withColumn("gross_margin", lit(settings.grossMargin()));
  }

  private static Column reasonText(int i) {
    Column r = element_at(col("reasons"), i);
    return when(r.isNotNull(), concat(r.getField("reason"), lit(": "),
        when(r.getField("contribution").geq(0), lit("+")).otherwise(lit("")),
        format_number(r.getField("contribution"), 3)));
  }
}
