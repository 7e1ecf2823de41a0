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
  /** Hour tried for the weekday search when an influencer's posting hour is unknown. */
  static final int DEFAULT_HOUR = 12;

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
   * The best local weekday and hour to send each offer: the weekday with the highest posting
   * probability at the influencer's usual posting hour, then the best hour on that weekday (a
   * coordinate search over 7 + 24 sends instead of 168; the inputs a send time changes are additive
   * in the logistic model and nearly so in the trees). Ties go to the earlier weekday and hour.
   *
   * @return {@code candidate_id, best_send_weekday, best_send_hour}
   */
  public static Dataset<Row> bestSendTime(PipelineModel posting, Dataset<Row> offers) {
    Column usualHour = coalesce(col("preferred_post_hour"), lit(DEFAULT_HOUR));
    Dataset<Row> byWeekday = posting.transform(sentAt(offers.withColumn("_weekday", explode(range(1, 7))),
            col("_weekday"), usualHour))
        .groupBy(ID).agg(max_by(col("_weekday"), tieBreak(col("_weekday"))).as("best_send_weekday"));
    Dataset<Row> withWeekday = offers.join(byWeekday, ID);
    Dataset<Row> byHour = posting.transform(sentAt(withWeekday.withColumn("_hour", explode(range(0, 23))),
            col("best_send_weekday"), col("_hour")))
        .groupBy(ID).agg(max_by(col("_hour"), tieBreak(col("_hour"))).as("best_send_hour"));
    return byWeekday.join(byHour, ID);
  }

  /**
   * The model's uncalibrated probability first (calibration is a step function that ties most send
   * times; its order is the same), then the earlier value (max_by keeps the largest key).
   */
  private static Column tieBreak(Column value) {
    Column raw = org.apache.spark.ml.functions.vector_to_array(col("probability"), "float64").getItem(1);
    return struct(round(raw, 12), value.multiply(-1));
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
