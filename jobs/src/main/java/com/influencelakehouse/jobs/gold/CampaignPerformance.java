package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.job.DateRange;
import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Campaign economics from silver facts, per campaign and day and per influencer in a campaign.
 * Spend is booked when it is owed: a cash or product incentive on the day its post is published
 * (nothing is paid for an offer that was not fulfilled), a commission on the day of each attributed
 * order (rate × its revenue). Reach and engagements of a day are the gains of the campaign's posts
 * between their last capture before that day and their last capture on it.
 */
public final class CampaignPerformance {
  private static final String DAY = "activity_date";
  private static final String[] GRAIN = {"influencer_key", "campaign_id", DAY};

  private CampaignPerformance() {}

  /**
   * Per influencer, campaign and day of {@code dates}: offers sent, accepted and posted, spend, reach,
   * engagements, clicks, attributed orders and revenue.
   *
   * @param offers      silver offers sent early enough for a response or post to fall in the dates
   * @param offerLookup every silver offer (id, campaign, influencer, incentive): clicks and orders can
   *                    come long after their offer
   * @param insights    captures of the dates and of the look-back before them (gains need the previous one)
   */
  public static Dataset<Row> influencerDays(Dataset<Row> offers, Dataset<Row> offerLookup, Dataset<Row> insights,
      Dataset<Row> clicks, Dataset<Row> orders, DateRange dates) {
    Column inRange = col(DAY).between(Date.valueOf(dates.from()), Date.valueOf(dates.to()));
    Dataset<Row> o = offers.select(col("offer_id"), col("campaign_id"), col("influencer_key"), col("sent_date"),
        col("accepted_at"), col("posted_at"), col("post_id"), col("incentive_type"), col("incentive_amount_base"),
        col("commission_rate_pct"));
    Dataset<Row> sent = o.select(col("influencer_key"), col("campaign_id"), col("sent_date").as(DAY))
        .groupBy(GRAIN[0], GRAIN[1], GRAIN[2]).agg(count(lit(1)).as("offers_sent"));
    Dataset<Row> accepted = o.where(col("accepted_at").isNotNull())
        .select(col("influencer_key"), col("campaign_id"), to_date(col("accepted_at")).as(DAY))
        .groupBy(GRAIN[0], GRAIN[1], GRAIN[2]).agg(count(lit(1)).as("offers_accepted"));
    Dataset<Row> posted = o.where(col("posted_at").isNotNull())
        .select(col("influencer_key"), col("campaign_id"), to_date(col("posted_at")).as(DAY),
            when(col("incentive_type").notEqual("commission"), col("incentive_amount_base")).as("_fee"))
        .groupBy(GRAIN[0], GRAIN[1], GRAIN[2])
        .agg(count(lit(1)).as("offers_posted"), coalesce(sum("_fee"), lit(0.0)).as("_fees"));
    Dataset<Row> attributed = orders.where(col("offer_id").isNotNull())
        .select(col("offer_id"), col("order_date").as(DAY), col("revenue_base"))
        .join(offerLookup.select("offer_id", "campaign_id", "influencer_key", "incentive_type",
            "commission_rate_pct"), "offer_id")
        .groupBy(GRAIN[0], GRAIN[1], GRAIN[2])
        .agg(count(lit(1)).as("attributed_orders"), sum("revenue_base").as("attributed_revenue"),
            sum(when(col("incentive_type").equalTo("commission"),
                col("commission_rate_pct").divide(100).multiply(col("revenue_base"))).otherwise(0.0))
                .as("_commissions"));
    Dataset<Row> clicked = clicks.select(col("offer_id"), col("click_date").as(DAY))
        .join(offerLookup.select("offer_id", "campaign_id", "influencer_key"), "offer_id")
        .groupBy(GRAIN[0], GRAIN[1], GRAIN[2]).agg(count(lit(1)).as("clicks"));
    Dataset<Row> gains = insightGains(insights)
        .join(offerLookup.where(col("post_id").isNotNull()).select("post_id", "campaign_id", "influencer_key"),
            "post_id")
        .groupBy(GRAIN[0], GRAIN[1], GRAIN[2])
        .agg(sum("_reach_gain").as("reach"), sum("_engagement_gain").as("engagements"));

    Dataset<Row> days = sent.join(accepted, GRAIN, "full").join(posted, GRAIN, "full")
        .join(attributed, GRAIN, "full").join(clicked, GRAIN, "full").join(gains, GRAIN, "full")
        .where(inRange);
    for (String c : new String[] {"offers_sent", "offers_accepted", "offers_posted", "attributed_orders", "clicks",
        "reach", "engagements"}) {
      days = days.withColumn(c, coalesce(col(c), lit(0L)));
    }
    return days.withColumn("attributed_revenue", coalesce(col("attributed_revenue"), lit(0.0)))
        .withColumn("spend", coalesce(col("_fees"), lit(0.0)).plus(coalesce(col("_commissions"), lit(0.0))))
        .drop("_fees", "_commissions");
  }

  /** Per campaign and day: the sums over its influencers, with ROAS and CPA (null when undefined). */
  public static Dataset<Row> campaignDays(Dataset<Row> influencerDays) {
    return withRatios(influencerDays.groupBy(col("campaign_id"), col(DAY)).agg(
        sum("offers_sent").as("offers_sent"), sum("offers_accepted").as("offers_accepted"),
        sum("offers_posted").as("offers_posted"), countDistinct(when(col("offers_posted").gt(0),
            col("influencer_key"))).as("influencers_posting"),
        sum("spend").as("spend"), sum("reach").as("reach"), sum("engagements").as("engagements"),
        sum("clicks").as("clicks"), sum("attributed_orders").as("attributed_orders"),
        sum("attributed_revenue").as("attributed_revenue")));
  }

  /**
   * Per influencer and campaign, to {@code scoreDate}: the sums of their days, ROAS, CPA and ROI =
   * (revenue × gross margin − spend) / spend.
   */
  public static Dataset<Row> influencerRoi(Dataset<Row> influencerDays, Date scoreDate, double grossMargin) {
    Dataset<Row> totals = influencerDays.where(col(DAY).leq(scoreDate))
        .groupBy(col("influencer_key"), col("campaign_id")).agg(
            min(DAY).as("first_activity_date"), max(DAY).as("last_activity_date"),
            sum("offers_sent").as("offers_sent"), sum("offers_posted").as("offers_posted"),
            sum("spend").as("spend"), sum("reach").as("reach"), sum("engagements").as("engagements"),
            sum("clicks").as("clicks"), sum("attributed_orders").as("attributed_orders"),
            sum("attributed_revenue").as("attributed_revenue"))
        .withColumn("score_date", lit(scoreDate))
        .withColumn("gross_margin", lit(grossMargin));
    return withRatios(totals).withColumn("roi", when(col("spend").gt(0),
        col("attributed_revenue").multiply(grossMargin).minus(col("spend")).divide(col("spend"))));
  }

  private static Dataset<Row> withRatios(Dataset<Row> rows) {
    return rows.withColumn("roas", when(col("spend").gt(0), col("attributed_revenue").divide(col("spend"))))
        .withColumn("cpa", when(col("attributed_orders").gt(0), col("spend").divide(col("attributed_orders"))));
  }

  /**
   * Each capture's gain over the post's previous capture (the first capture's gain is its value), by
   * capture date; counters that fall back (deleted likes, a platform correction) gain 0, not less.
   */
  static Dataset<Row> insightGains(Dataset<Row> insights) {
    var byPost = Window.partitionBy("post_id").orderBy("captured_at");
    Dataset<Row> lastOfDay = insights.groupBy(col("post_id"), col("capture_date").as(DAY))
        .agg(max(org.apache.spark.sql.functions.struct(col("captured_at"), col("reach"), col("engagements")))
            .as("_last"))
        .select(col("post_id"), col(DAY), col("_last.captured_at").as("captured_at"),
            coalesce(col("_last.reach"), lit(0L)).as("_reach"),
            coalesce(col("_last.engagements"), lit(0L)).as("_engagements"));
    return lastOfDay
        .withColumn("_reach_gain", greatest(lit(0L), col("_reach").minus(coalesce(lag("_reach", 1).over(byPost),
            lit(0L)))))
        .withColumn("_engagement_gain", greatest(lit(0L), col("_engagements").minus(
            coalesce(lag("_engagements", 1).over(byPost), lit(0L)))));
  }
}
