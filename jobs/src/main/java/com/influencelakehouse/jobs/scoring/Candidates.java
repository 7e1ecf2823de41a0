package com.influencelakehouse.jobs.scoring;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat_ws;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.jobs.gold.TrainingSets;
import com.influencelakehouse.jobs.models.PostingModel;
import java.util.stream.IntStream;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Hypothetical offers and posts to score, built from an influencer's features of the score date so
 * that they carry exactly the columns of the training sets. The standard offer: cash at the tier's
 * norm, the platform's usual deliverable (a post on Instagram, a video on TikTok and YouTube), 14
 * days to post, a conversions campaign of a brand in the influencer's own category.
 */
public final class Candidates {
  public static final String ID = "candidate_id";
  static final int STANDARD_DEADLINE_DAYS = 14;

  private Candidates() {}

  /**
   * One offer per influencer and incentive type at the norm of the type (features joined with the
   * norms of the same date; {@code incentive_norm} is null where the tier has no offers of the type).
   */
  public static Dataset<Row> offers(Dataset<Row> features, Dataset<Row> norms, java.util.List<String> types) {
    Dataset<Row> typed = features
        .withColumn("incentive_type", explode(array(types.stream().map(t -> lit(t)).toArray(Column[]::new))))
        .withColumn("deliverable", standardDeliverable())
        .withColumn("deadline_days", lit(STANDARD_DEADLINE_DAYS))
        .withColumn("campaign_objective", lit("conversions"))
        .withColumn("category_match", lit(true))
        .withColumn("commission_rate_pct", lit(null).cast("double"))
        .withColumn("incentive_amount_base", lit(null).cast("double"));
    Dataset<Row> normed = TrainingSets.withNorm(typed, norms);
    return normed.withColumn("incentive_amount_base", when(col("incentive_type").notEqual("commission"),
            col("incentive_norm")))
        .withColumn("commission_rate_pct", when(col("incentive_type").equalTo("commission"), col("incentive_norm")))
        .withColumn("relative_incentive", lit(1.0))
        .withColumn("log_relative_incentive", lit(0.0))
        .withColumn(ID, concat_ws(":", col("influencer_key"), col("incentive_type")));
  }

  /** The offers sent at a given local weekday and hour (columns), with the send-time inputs derived. */
  public static Dataset<Row> sentAt(Dataset<Row> offers, Column weekday, Column hour) {
    return TrainingSets.sendTime(offers.withColumn("sent_local_weekday", weekday).withColumn("sent_local_hour", hour));
  }

  /**
   * The best local weekday and hour to send each influencer's offer: all 7 x 24 send times scored in one
   * pass, the highest calibrated posting probability wins (the model's own probability breaks ties the
   * calibration's interpolation leaves, then the earlier weekday and hour). The spread of an
   * influencer's willingness does not depend on the send time and every bound is increasing in the
   * probability, so the same send time is best for the lower bound the recommendations use.
   *
   * @param offers one offer per influencer ({@code influencer_key})
   * @return {@code influencer_key, best_send_weekday, best_send_hour}
   */
  public static Dataset<Row> bestSendTime(PipelineModel posting, Dataset<Row> offers) {
    Dataset<Row> week = offers.withColumn("_weekday", explode(range(1, 7))).withColumn("_hour", explode(range(0, 23)));
    Column raw = org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").getItem(1);
    // max_by keeps the largest key: probability first, then the earlier weekday and hour.
    Column key = struct(round(col(PostingModel.PROBABILITY), 12), round(raw, 12), col("_weekday").multiply(-1),
        col("_hour").multiply(-1));
    return posting.transform(sentAt(week, col("_weekday"), col("_hour")))
        .groupBy("influencer_key")
        .agg(max_by(struct(col("_weekday").as("w"), col("_hour").as("h")), key).as("_best"))
        .select(col("influencer_key"), col("_best.w").as("best_send_weekday"), col("_best.h").as("best_send_hour"));
  }

  private static Column range(int from, int to) {
    return array(IntStream.rangeClosed(from, to).mapToObj(i -> lit(i)).toArray(Column[]::new));
  }

  /**
   * One standard sponsored post per influencer, fulfilling the standard cash offer, for the conversion
   * model: the platform's usual media type, one content label and the influencer's usual hashtags.
   */
  public static Dataset<Row> posts(Dataset<Row> cashOffers) {
    return cashOffers
        .withColumn("media_type", when(col("platform").equalTo("instagram"), lit("IMAGE")).otherwise(lit("VIDEO")))
        .withColumn("label_count", lit(1))
        .withColumn("hashtag_count", coalesce(round(col("hashtags_per_post")).cast("int"), lit(0)));
  }

  private static Column standardDeliverable() {
    return when(col("platform").equalTo("instagram"), lit("post")).otherwise(lit("video"));
  }
}
