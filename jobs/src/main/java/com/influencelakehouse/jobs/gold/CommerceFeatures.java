package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.gold.FeatureWindows.FEATURE_DATE;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.job.DateRange;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Commerce features over the recent window: sponsored posts, clicks, attributed orders and revenue. */
public final class CommerceFeatures {
  private static final String KEY = "influencer_key";

  private CommerceFeatures() {}

  /**
   * Per influencer and feature date, from events dated in the recent window.
   *
   * @param posts  silver.fact_post rows ({@code influencer_key, post_date, is_sponsored})
   * @param clicks silver.fact_click rows ({@code influencer_key, click_date})
   * @param orders silver.fact_order rows ({@code influencer_key, order_date, attribution, revenue_base})
   */
  public static Dataset<Row> recent(Dataset<Row> posts, Dataset<Row> clicks, Dataset<Row> orders, int recentDays,
      DateRange dates) {
    Dataset<Row> events = posts.where(col("is_sponsored"))
        .select(col(KEY), col("post_date").as("_date"), lit(1L).as("_sponsored"), lit(0L).as("_click"),
            lit(0L).as("_order"), lit(0L).as("_click_order"), lit(0.0).as("_revenue"))
        .unionByName(clicks.select(col(KEY), col("click_date").as("_date"), lit(0L).as("_sponsored"),
            lit(1L).as("_click"), lit(0L).as("_order"), lit(0L).as("_click_order"), lit(0.0).as("_revenue")))
        .unionByName(orders.where(col("attribution").notEqual("organic").and(col(KEY).isNotNull()))
            .select(col(KEY), col("order_date").as("_date"), lit(0L).as("_sponsored"), lit(0L).as("_click"),
                lit(1L).as("_order"), when(col("attribution").equalTo("click"), 1L).otherwise(0L).as("_click_order"),
                col("revenue_base").as("_revenue")));
    return FeatureWindows.trailing(events, col("_date"), recentDays, dates)
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(sum("_sponsored").as("sponsored_posts_recent"), sum("_click").as("clicks_recent"),
            sum("_order").as("orders_recent"), sum("_revenue").as("revenue_recent"),
            sum("_click_order").as("_click_orders"), count(lit(1)).as("_events"))
        .withColumn("clicks_per_sponsored_post", perPost("clicks_recent"))
        .withColumn("orders_per_sponsored_post", perPost("orders_recent"))
        .withColumn("revenue_per_sponsored_post", perPost("revenue_recent"))
        .withColumn("conversion_rate", when(col("clicks_recent").gt(0),
            col("_click_orders").divide(col("clicks_recent"))))
        .drop("_click_orders", "_events");
  }

  private static org.apache.spark.sql.Column perPost(String column) {
    return when(col("sponsored_posts_recent").gt(0), col(column).divide(col("sponsored_posts_recent")));
  }
}
