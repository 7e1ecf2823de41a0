package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.dayofweek;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.hour;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.row_number;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Timestamps;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/** Posts and their insight snapshots, conformed: UTC and local time, hashtags, labels, monotone counts. */
public final class PostTransforms {
  /** A vision label counts as present from this confidence. */
  public static final double LABEL_CONFIDENCE = 0.5;
  /** Cumulative counts of an insight snapshot. */
  public static final List<String> COUNTS =
      List.of("like_count", "comments_count", "impressions", "reach", "saved", "shares", "video_views");

  private PostTransforms() {}

  /** Bronze posts, conformed; hashtags are Unicode words after '#', so Korean tags work and emoji end a tag. */
  public static Dataset<Row> posts(Dataset<Row> bronze, Pseudonymiser p) {
    Column offerId = when(trim(col("offer_id")).notEqual(""), trim(col("offer_id")));
    Column empty = expr("cast(array() as array<string>)");
    Dataset<Row> timed = bronze
        .withColumn("posted_at", Timestamps.parse(col("timestamp")))
        .withColumn("utc_offset_minutes", coalesce(Timestamps.offsetMinutes(col("timestamp")), lit(0)))
        .withColumn("_local", expr("timestampadd(MINUTE, utc_offset_minutes, posted_at)"));
    return timed.select(
        trim(col("id")).as("post_id"),
        p.pseudonymise(Domain.INFLUENCER, col("owner.id")).as("influencer_key"),
        col("posted_at"),
        to_date(col("posted_at")).as("post_date"),
        col("utc_offset_minutes"),
        dayofweek(col("_local")).plus(5).mod(7).plus(1).as("posted_local_weekday"),
        hour(col("_local")).as("posted_local_hour"),
        col("media_type"),
        col("caption"),
        coalesce(transform(regexp_extract_all(col("caption"), lit("#([\\p{L}\\p{N}_]+)"), lit(1)), t -> lower(t)),
            empty).as("hashtags"),
        coalesce(size(regexp_extract_all(col("caption"), lit("@([A-Za-z0-9._]+)"), lit(1))), lit(0))
            .as("mention_count"),
        col("content_labels"),
        coalesce(transform(filter(col("content_labels"), l -> l.getField("confidence").geq(LABEL_CONFIDENCE)),
            l -> l.getField("label")), empty).as("labels"),
        offerId.as("offer_id"),
        offerId.isNotNull().as("is_sponsored"),
        col("permalink"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /**
   * The author's content-reuse consent in force when each post was published: the dimension version
   * valid at that time (or the first version, for a post older than the first snapshot).
   */
  public static Dataset<Row> withConsentAtPosting(Dataset<Row> posts, Dataset<Row> dim) {
    Dataset<Row> versions = dim.select(col("influencer_key").as("_k"), col("valid_from"), col("valid_to"),
        col("version"), col("content_reuse_consent"));
    Dataset<Row> joined = posts.join(broadcast(versions), col("influencer_key").equalTo(col("_k"))
        .and(col("valid_from").leq(col("posted_at")).or(col("version").equalTo(1)))
        .and(col("valid_to").isNull().or(col("valid_to").gt(col("posted_at")))), "left");
    WindowSpec w = Window.partitionBy("post_id").orderBy(col("valid_from").desc());
    return joined.withColumn("_rn", row_number().over(w)).where(col("_rn").equalTo(1))
        .withColumn("content_reuse_consent", coalesce(col("content_reuse_consent"), lit(false)))
        .drop("_rn", "_k", "valid_from", "valid_to", "version");
  }

  /** Bronze insight snapshots with their capture time (UTC) and day. */
  public static Dataset<Row> insights(Dataset<Row> bronze) {
    Column capturedAt = Timestamps.parse(col("captured_at"));
    return bronze.select(col("post_id"), capturedAt.as("captured_at"), to_date(capturedAt).as("capture_date"),
        col("like_count"), col("comments_count"), col("impressions"), col("reach"), col("saved"), col("shares"),
        col("video_views"), col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /**
   * The latest snapshot per post and day, with counts made monotone over the post's life: each count
   * is at least the highest seen before (in this batch or stored), since cumulative metrics cannot fall.
   *
   * @param snapshots loaded snapshots of the batch, joined with their post (influencer_key, posted_at)
   * @param previous  stored daily rows of the same posts before the batch (may be empty)
   */
  public static Dataset<Row> daily(Dataset<Row> snapshots, Dataset<Row> previous) {
    WindowSpec perDay = Window.partitionBy("post_id", "capture_date").orderBy(col("captured_at").desc());
    Dataset<Row> latest = snapshots.withColumn("_rn", row_number().over(perDay)).where(col("_rn").equalTo(1))
        .select(col("post_id"), col("influencer_key"), col("posted_at"), col("capture_date"), col("captured_at"),
            col("like_count"), col("comments_count"), col("impressions"), col("reach"), col("saved"),
            col("shares"), col("video_views"), lit(false).as("_seed"));
    Dataset<Row> seed = previous.select(col("post_id"), col("influencer_key"), lit(null).cast("timestamp")
            .as("posted_at"), col("capture_date"), col("captured_at"), col("like_count"), col("comments_count"),
        col("impressions"), col("reach"), col("saved"), col("shares"), col("video_views"), lit(true).as("_seed"));
    WindowSpec upTo = Window.partitionBy("post_id").orderBy("captured_at")
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> all = latest.unionByName(seed);
    for (String c : COUNTS) {
      all = all.withColumn(c, when(col(c).isNotNull(), max(col(c)).over(upTo)));
    }
    Column engagements = col("like_count").plus(col("comments_count")).plus(col("saved")).plus(col("shares"));
    return all.where(col("_seed").unary_$bang()).select(col("post_id"), col("influencer_key"), col("capture_date"),
        col("captured_at"),
        expr("(unix_timestamp(captured_at) - unix_timestamp(posted_at)) / 3600.0D").as("hours_since_post"),
        col("like_count"), col("comments_count"), col("impressions"), col("reach"), col("saved"), col("shares"),
        col("video_views"), engagements.as("engagements"));
  }
}
