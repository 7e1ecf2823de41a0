package com.influencelakehouse.jobs.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.format_string;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percent_rank;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * Ranks sponsored posts for reuse in brand channels. Only posts whose influencer consented to content
 * reuse when posting and still does on the score date qualify. A post's value is the mean of its
 * engagement-rate and conversion percentiles among qualifying posts of the same tier and category,
 * decayed by age (a 30-day time constant: content dates).
 */
public final class ContentReuse {
  static final double AGE_DAYS_SCALE = 30.0;

  private ContentReuse() {}

  /**
   * @param posts      silver posts of the window (sponsored and not)
   * @param insights   silver insight captures of those posts
   * @param orders     silver orders attributed to offers, up to the score date
   * @param offers     silver offers (for the campaign of a post's offer)
   * @param influencer each influencer's current profile (is_current rows of dim_influencer)
   */
  public static Dataset<Row> rank(Dataset<Row> posts, Dataset<Row> insights, Dataset<Row> orders,
      Dataset<Row> offers, Dataset<Row> influencer, Date scoreDate) {
    Dataset<Row> latest = insights.groupBy("post_id")
        .agg(max(struct(col("captured_at"), col("engagements"), col("reach"))).as("_l"))
        .select(col("post_id"), col("_l.engagements").as("engagements"), col("_l.reach").as("reach"));
    Dataset<Row> attributed = orders.where(col("offer_id").isNotNull())
        .groupBy("offer_id").agg(count(lit(1)).as("attributed_orders"), sum("revenue_base").as("attributed_revenue"));
    Dataset<Row> qualifying = posts.where(col("is_sponsored").and(col("content_reuse_consent")))
        .select("post_id", "influencer_key", "offer_id", "post_date", "media_type")
        .join(influencer.where(col("content_reuse_consent")).select("influencer_key", "follower_tier", "category"),
            "influencer_key")
        .join(latest, "post_id")
        .join(attributed, new String[] {"offer_id"}, "left")
        .join(offers.select("offer_id", "campaign_id"), new String[] {"offer_id"}, "left")
        .withColumn("attributed_orders", coalesce(col("attributed_orders"), lit(0L)))
        .withColumn("attributed_revenue", coalesce(col("attributed_revenue"), lit(0.0)))
        .withColumn("engagements", coalesce(col("engagements"), lit(0L)))
        .withColumn("reach", coalesce(col("reach"), lit(0L)))
        .withColumn("_rate", when(col("reach").gt(0), col("engagements").divide(col("reach"))).otherwise(0.0));
    var peers = Window.partitionBy("follower_tier", "category");
    Dataset<Row> ranked = qualifying
        .withColumn("engagement_percentile", percent_rank().over(peers.orderBy("_rate")))
        .withColumn("conversion_percentile", percent_rank().over(peers.orderBy("attributed_orders")))
        .withColumn("age_days", datediff(lit(scoreDate), col("post_date")))
        .withColumn("reuse_value", col("engagement_percentile").plus(col("conversion_percentile")).divide(2)
            .multiply(exp(col("age_days").divide(-AGE_DAYS_SCALE))))
        .withColumn("reuse_rank", row_number().over(Window.orderBy(col("reuse_value").desc(), col("post_id"))))
        .withColumn("reason", reason())
        .withColumn("score_date", lit(scoreDate));
    return ranked;
  }

  private static Column reason() {
    return format_string("engagement rate at percentile %.0f and attributed orders at percentile %.0f among "
            + "sponsored %s posts in %s; %d attributed orders; %d days old",
        col("engagement_percentile").multiply(100), col("conversion_percentile").multiply(100), col("follower_tier"),
        col("category"), col("attributed_orders"), col("age_days"));
  }
}
