package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.gold.FeatureWindows.FEATURE_DATE;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Timestamp;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The training sets: each example joined to the influencer's features as of the end of the day
 * before the event (so strictly before it, whatever the hour), with the event's own attributes and
 * its label. Examples whose influencer has no feature row that day (no analytics consent, or no
 * profile yet) are left out.
 */
public final class TrainingSets {
  private static final String KEY = "influencer_key";

  private TrainingSets() {}

  /**
   * {@code gold.training_posting} rows for the offers whose deadline had passed by {@code labelledBy}.
   *
   * @param offers    silver.fact_offer rows
   * @param features  gold.features_influencer_daily rows covering the day before each offer
   * @param norms     gold.incentive_norms rows for the same days
   * @param campaigns silver.dim_campaign rows
   */
  public static Dataset<Row> posting(Dataset<Row> offers, Dataset<Row> features, Dataset<Row> norms,
      Dataset<Row> campaigns, Timestamp labelledBy) {
    Dataset<Row> labelled = offers.where(col("deadline_at").lt(lit(labelledBy)))
        .withColumn(FEATURE_DATE, date_sub(col("sent_date"), 1))
        .select(col("offer_id"), col("sent_date"), col("sent_at"), col(KEY), col(FEATURE_DATE), col("campaign_id"),
            col("incentive_type"), col("incentive_amount_base"), col("commission_rate_pct"), col("deliverable"),
            col("deadline_days"), col("posted_within_deadline"), col("hours_to_post"));
    Column localSend = localTime(col("sent_at"));
    return sendTime(withCampaign(withNorm(labelled.join(features, new String[] {KEY, FEATURE_DATE}), norms),
            campaigns)
        .withColumn("sent_local_weekday", isoWeekday(localSend))
        .withColumn("sent_local_hour", hour(localSend)))
        .withColumn("label", when(col("posted_within_deadline"), 1.0).otherwise(0.0));
  }

  /**
   * The send-time inputs of an offer from its local send weekday and hour ({@code sent_local_weekday},
   * {@code sent_local_hour}) and the influencer's habits (features): shared by training sets and by
   * the scoring of candidate offers, so both see the same definitions.
   */
  public static Dataset<Row> sendTime(Dataset<Row> offers) {
    return offers
        .withColumn("sent_on_preferred_weekday", col("sent_local_weekday").equalTo(col("preferred_post_weekday")))
        .withColumn("hours_from_preferred_hour", circularHours(col("sent_local_hour"), col("preferred_post_hour")))
        .withColumn("send_weekday_share", expr("try_element_at(weekday_mix, sent_local_weekday)"))
        .withColumn("send_hour_share", expr("aggregate(sequence(-1, 1), 0D, (acc, d) -> acc + "
            + "coalesce(try_element_at(hour_mix, pmod(sent_local_hour + d, 24) + 1), 0D))"));
  }

  /**
   * {@code gold.training_conversion} rows for the sponsored posts published at least 7 days before
   * {@code labelledBy}: clicks on the post and orders attributed to its offer in the 7 days after it.
   */
  public static Dataset<Row> conversion(Dataset<Row> posts, Dataset<Row> offers, Dataset<Row> clicks,
      Dataset<Row> orders, Dataset<Row> features, Dataset<Row> norms, Dataset<Row> campaigns, Timestamp labelledBy) {
    Column weekAfter = expr("posted_at + INTERVAL 7 DAYS");
    Dataset<Row> mature = posts.where(col("is_sponsored").and(weekAfter.leq(lit(labelledBy))))
        .select(col("post_id"), col("post_date"), col("posted_at"), col(KEY), col("offer_id"), col("media_type"),
            size(col("labels")).as("label_count"), size(col("hashtags")).as("hashtag_count"),
            col("posted_local_weekday"), col("posted_local_hour"))
        .withColumn(FEATURE_DATE, date_sub(col("post_date"), 1))
        .join(offers.select(col("offer_id"), col("campaign_id"), col("incentive_type"), col("incentive_amount_base"),
            col("commission_rate_pct"), col("deliverable")), "offer_id");
    Dataset<Row> clicks7 = mature.select(col("post_id"), col("posted_at").as("_at"))
        .join(clicks.select(col("post_id"), col("click_at")), "post_id")
        .where(col("click_at").geq(col("_at")).and(col("click_at").lt(expr("_at + INTERVAL 7 DAYS"))))
        .groupBy("post_id").agg(count(lit(1)).as("clicks_7d"));
    Dataset<Row> orders7 = mature.select(col("post_id"), col("offer_id"), col("posted_at").as("_at"))
        .join(orders.where(col("offer_id").isNotNull()).select(col("offer_id"), col("order_at"), col("revenue_base")),
            "offer_id")
        .where(col("order_at").geq(col("_at")).and(col("order_at").lt(expr("_at + INTERVAL 7 DAYS"))))
        .groupBy("post_id").agg(count(lit(1)).as("orders_7d"), sum("revenue_base").as("revenue_7d"));
    return withCampaign(withNorm(mature.join(features, new String[] {KEY, FEATURE_DATE}), norms), campaigns)
        .join(clicks7, new String[] {"post_id"}, "left")
        .join(orders7, new String[] {"post_id"}, "left")
        .withColumn("clicks_7d", coalesce(col("clicks_7d"), lit(0L)))
        .withColumn("orders_7d", coalesce(col("orders_7d"), lit(0L)))
        .withColumn("revenue_7d", coalesce(col("revenue_7d"), lit(0.0)));
  }

  /** The tier norm of the example's incentive type as of the feature date, and the incentive relative to it. */
  public static Dataset<Row> withNorm(Dataset<Row> examples, Dataset<Row> norms) {
    return examples.join(norms.select(col("as_of_date").as(FEATURE_DATE), col("follower_tier"),
                col("incentive_type"), col("norm_amount").as("incentive_norm")),
            new String[] {FEATURE_DATE, "follower_tier", "incentive_type"}, "left")
        .withColumn("relative_incentive", OfferFeatures.incentiveValue().divide(col("incentive_norm")))
        .withColumn("log_relative_incentive", log(col("relative_incentive")));
  }

  static Dataset<Row> withCampaign(Dataset<Row> examples, Dataset<Row> campaigns) {
    return examples.join(campaigns.select(col("campaign_id"), col("objective").as("campaign_objective"),
            col("brand_category")), new String[] {"campaign_id"}, "left")
        .withColumn("category_match", coalesce(col("brand_category").equalTo(col("category")), lit(false)));
  }

  /** A UTC time in the influencer's local time (their UTC offset at their latest post; UTC if unknown). */
  private static Column localTime(Column utc) {
    return utc.plus(expr("make_dt_interval(0, 0, coalesce(utc_offset_minutes, 0), 0)"));
  }

  /** ISO weekday, 1 = Monday ... 7 = Sunday (Spark's dayofweek starts on Sunday). */
  static Column isoWeekday(Column ts) {
    return dayofweek(ts).plus(5).mod(7).plus(1);
  }

  /** Distance between two hours of the day on the clock (0..12). */
  static Column circularHours(Column a, Column b) {
    Column d = abs(a.minus(b)).mod(24);
    return least(d, lit(24).minus(d));
  }
}
