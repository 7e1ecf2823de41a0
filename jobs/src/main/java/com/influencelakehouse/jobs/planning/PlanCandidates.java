package com.influencelakehouse.jobs.planning;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.BusinessObjectives.Recommendation;
import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.models.PostingUncertainty;
import com.influencelakehouse.jobs.scoring.Candidates;
import com.influencelakehouse.jobs.scoring.InfluencerScoring;
import com.influencelakehouse.jobs.scoring.Recommendations;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Every offer a plan may make, per brief and influencer: each incentive type at each grid multiple of the
 * tier norm, sent at the influencer's best time of the week, with its monotone posting probability and
 * interval, the expected posts, reach, orders and revenue, and the cost it commits. The offers are those of
 * the brief: the campaign objective the brief's objective implies, and whether the brand's category is the
 * influencer's own.
 */
public final class PlanCandidates {
  /** The option columns {@link CampaignPlanner} reads, per (campaign_id, influencer_key, incentive_type, multiple). */
  public static final String[] COLUMNS = {"campaign_id", "influencer_key", "follower_tier", "platform", "country",
      "category", "incentive_type", IncentiveResponse.MULTIPLE, "incentive_norm", "incentive_amount",
      "send_weekday", "send_hour", "expected_posting_probability", "posting_probability_lower",
      "posting_probability_upper", "committed_cost", "expected_cost", "expected_posts", "expected_reach",
      "expected_orders", "expected_revenue"};

  private PlanCandidates() {}

  /** The campaign objective of the training data that a brief's objective implies. */
  static Column campaignObjective(Column briefObjective) {
    return when(briefObjective.isin("orders", "revenue"), lit("conversions"))
        .when(briefObjective.equalTo("posts"), lit("traffic")).otherwise(lit("awareness"));
  }

  /**
   * @param features the plan date's influencer features (one row each; consent already applied)
   * @param norms the plan date's incentive norms
   * @param briefs {@code campaign_id, brand_category, objective} of the briefs to plan
   * @param intervalZ the normal quantile of the intervals' two-sided confidence
   */
  public static Dataset<Row> of(Dataset<Row> features, Dataset<Row> norms, Dataset<Row> briefs,
      InfluencerScoring.Models models, Recommendation rule, double authenticityThreshold, double intervalZ) {
    Dataset<Row> eligible = features.where(coalesce(col("authenticity_score"), lit(1.0)).geq(authenticityThreshold));
    Dataset<Row> offers = Candidates.offers(eligible, norms, rule.incentiveTypes())
        .withColumn(Recommendations.SPREAD, PostingUncertainty.spreadOf(col("offers_resolved"), models.spreads()));
    Dataset<Row> cash = offers.where(col("incentive_type").equalTo("cash").and(col("incentive_norm").isNotNull()));
    // The best send time does not depend on the brief: the time-of-week terms are the influencer's own.
    Dataset<Row> best = Candidates.bestSendTime(models.posting(), cash);
    Dataset<Row> perBrief = Candidates.sentAt(offers.where(col("incentive_norm").isNotNull()).join(best, "influencer_key")
            .crossJoin(briefs.select(col("campaign_id"), lower(col("brand_category")).as("_brand_category"),
                col("objective").as("_brief_objective"))), col("best_send_weekday"), col("best_send_hour"))
        .withColumn("campaign_objective", campaignObjective(col("_brief_objective")))
        .withColumn("category_match", coalesce(lower(col("category")).equalTo(col("_brand_category")), lit(false)))
        .withColumn(Candidates.ID, concat_ws(":", col("campaign_id"), col("influencer_key"), col("incentive_type")));
    Dataset<Row> perPost = InfluencerScoring.expectedPerPost(models.conversion(), features,
        perBrief.where(col("incentive_type").equalTo("cash")), "campaign_id");
    Dataset<Row> curves = IncentiveResponse.curve(models.posting(), perBrief, rule.incentiveGrid(), Candidates.ID)
        .join(perPost, new String[] {"campaign_id", "influencer_key"});
    Column p = col(IncentiveResponse.MONOTONE);
    Column amount = col("incentive_norm").multiply(col(IncentiveResponse.MULTIPLE));
    Column revenue = coalesce(col("expected_revenue_per_post"), lit(0.0));
    Column committed = when(col("incentive_type").equalTo("commission"), amount.divide(100).multiply(revenue))
        .otherwise(amount);
    Column reachPerPost = coalesce(col("reach_per_follower"), lit(0.0)).multiply(coalesce(col("followers"), lit(0L)));
    return curves
        .withColumn("incentive_amount", amount)
        .withColumn("send_weekday", col("best_send_weekday"))
        .withColumn("send_hour", col("best_send_hour"))
        .withColumn("expected_posting_probability", p)
        .withColumn("posting_probability_lower", PostingUncertainty.bound(p, col(Recommendations.SPREAD), -intervalZ))
        .withColumn("posting_probability_upper", PostingUncertainty.bound(p, col(Recommendations.SPREAD), intervalZ))
        .withColumn("committed_cost", committed)
        .withColumn("expected_cost", p.multiply(committed))
        .withColumn("expected_posts", p)
        .withColumn("expected_reach", p.multiply(reachPerPost))
        .withColumn("expected_orders", p.multiply(coalesce(col("expected_orders_per_post"), lit(0.0))))
        .withColumn("expected_revenue", p.multiply(revenue))
        .select(java.util.Arrays.stream(COLUMNS).map(org.apache.spark.sql.functions::col).toArray(Column[]::new));
  }
}
