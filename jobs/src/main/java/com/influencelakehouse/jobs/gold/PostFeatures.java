package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.gold.FeatureWindows.FEATURE_DATE;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.map_from_entries;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.transform.CaptionTokens;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;

/**
 * Features from an influencer's posts: engagement at a fixed age (so young and old posts compare),
 * activity and posting habits, content mix and caption signals, and the early-like burst that
 * bought likes leave. Pure functions of silver frames and the run's dates.
 */
public final class PostFeatures {
  /** A first capture within this many hours of posting shows how fast likes arrived. */
  static final int EARLY_HOURS = 30;
  /** Fewer posts than this leave ratio features of a window undefined. */
  static final int MIN_POSTS = 2;
  /**
   * A post with no comment at all but at least this many likes is taken to have comments disabled
   * (the Graph API then reports {@code comments_count} 0 and no flag says so): its comments are unknown,
   * not zero. At the typical 3.5 % comments per like an open post of 100 likes expects 3.5 comments and
   * shows none with probability e^-3.5, about 3 %.
   */
  static final long COMMENTS_UNKNOWN_MIN_LIKES = 100;
  /** A hashtag used in fewer posts of the history window than this is no "top" hashtag. */
  static final int MIN_TOP_HASHTAG_POSTS = 2;
  private static final String KEY = "influencer_key";

  private PostFeatures() {}

  /**
   * One row per post with its engagement at {@code ageHours} (the latest capture no older than that,
   * at least half that age) and its first capture within {@link #EARLY_HOURS}; {@code available_date}
   * is the day the engagement became known (publication + age), the only day features may use it from;
   * {@code comments_known} is false when the post looks comments-disabled ({@link #COMMENTS_UNKNOWN_MIN_LIKES}).
   */
  public static Dataset<Row> engagementAtAge(Dataset<Row> posts, Dataset<Row> insightsDaily, int ageHours) {
    Dataset<Row> atAge = insightsDaily
        .where(col("hours_since_post").leq(ageHours).and(col("hours_since_post").geq(ageHours / 2.0)))
        .groupBy("post_id")
        .agg(max_by(struct(col("like_count"), col("comments_count"), col("reach"), col("engagements")),
            col("hours_since_post")).as("a"))
        .select(col("post_id"), col("a.like_count").as("likes"), col("a.comments_count").as("comments"),
            col("a.reach").as("reach"), col("a.engagements").as("engagements"));
    Dataset<Row> early = insightsDaily.where(col("hours_since_post").leq(EARLY_HOURS))
        .groupBy("post_id")
        .agg(min_by(struct(col("like_count"), col("hours_since_post")), col("hours_since_post")).as("e"))
        .select(col("post_id"), col("e.like_count").as("early_likes"), col("e.hours_since_post").as("early_hours"));
    return posts.select(col("post_id"), col(KEY), col("posted_at"), col("post_date"), col("is_sponsored"),
            col("media_type"), col("labels"))
        .join(atAge, "post_id")
        .join(early, new String[] {"post_id"}, "left")
        .withColumn("available_date",
            to_date(col("posted_at").plus(expr("make_dt_interval(0, " + ageHours + ", 0, 0)"))))
        .withColumn("comments_known",
            col("comments").gt(0).or(col("likes").lt(COMMENTS_UNKNOWN_MIN_LIKES)))
        .withColumn("early_like_share", when(col("likes").gt(0), col("early_likes").divide(col("likes"))))
        .withColumn("early_bucket", when(col("early_hours").leq(12), lit("first_12h")).otherwise(lit("first_30h")));
  }

  /**
   * Engagement per post, rates and its trend over the recent window (posts by the day their engagement
   * was known). Comments per like pools only the posts whose comments are known; null when there is
   * none. {@code _comment_posts_recent} counts those posts.
   */
  public static Dataset<Row> engagement(Dataset<Row> atAge, int recentDays, DateRange dates) {
    Column known = col("comments_known");
    Dataset<Row> recent = FeatureWindows.trailing(atAge, col("available_date"), recentDays, dates)
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(count(lit(1)).as("engaged_posts_recent"),
            avg("engagements").as("engagements_per_post"),
            ratio(sum("engagements"), sum("reach")).as("engagement_rate_reach"),
            ratio(sum(when(known, col("comments"))), sum(when(known, col("likes")))).as("comments_per_like"),
            count(when(known, lit(1))).as("_comment_posts_recent"),
            avg("reach").as("_reach_per_post"));
    Dataset<Row> before = FeatureWindows.trailing(atAge, col("available_date"), recentDays, recentDays, dates)
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(count(lit(1)).as("_posts_before"), avg("engagements").as("_engagements_before"));
    return recent.join(before, new String[] {KEY, FEATURE_DATE}, "left")
        .withColumn("engagement_trend", when(col("engaged_posts_recent").geq(MIN_POSTS)
                .and(col("_posts_before").geq(MIN_POSTS)).and(col("_engagements_before").gt(0))
                .and(col("engagements_per_post").gt(0)),
            log(col("engagements_per_post").divide(col("_engagements_before")))))
        .drop("_posts_before", "_engagements_before");
  }

  /**
   * How much earlier than usual likes arrive: per post, the share of its likes already there at the
   * first capture minus the market's median share at the same age (first 12 h or first 30 h); per
   * influencer, the median over the history window's posts. Near 0 normally; bought likes arrive in
   * a burst and push it up.
   */
  public static Dataset<Row> likeBurst(Dataset<Row> atAge, int historyDays, DateRange dates) {
    Dataset<Row> window = FeatureWindows.trailing(atAge.where(col("early_like_share").isNotNull()),
        col("available_date"), historyDays, dates);
    Dataset<Row> market = window.groupBy(col(FEATURE_DATE), col("early_bucket"))
        .agg(percentile_approx(col("early_like_share"), lit(0.5), lit(10_000)).as("_market_share"));
    return window.join(market, new String[] {FEATURE_DATE, "early_bucket"})
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(count(lit(1)).as("_burst_posts"),
            median(col("early_like_share").minus(col("_market_share"))).as("early_like_excess"))
        .where(col("_burst_posts").geq(MIN_POSTS))
        .drop("_burst_posts");
  }

  /**
   * Activity (recent window: posts, cadence, sponsored share; history window: days since the last
   * post, preferred weekday and hour of organic posts, UTC offset) and content (history window: label
   * mix, top hashtags, hashtags and words per caption).
   */
  public static Dataset<Row> activityAndContent(Dataset<Row> posts, int recentDays, int historyDays,
      DateRange dates) {
    Dataset<Row> recent = FeatureWindows.trailing(posts, col("post_date"), recentDays, dates)
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(count(lit(1)).as("posts_recent"),
            avg(when(col("is_sponsored"), 1.0).otherwise(0.0)).as("sponsored_share"))
        .withColumn("posts_per_week", col("posts_recent").multiply(7.0 / recentDays));
    Dataset<Row> history = FeatureWindows.trailing(posts, col("post_date"), historyDays, dates)
        .withColumn("_words", size(CaptionTokens.words(col("caption"))));
    Dataset<Row> overall = history.groupBy(col(KEY), col(FEATURE_DATE))
        .agg(count(lit(1)).as("_history_posts"),
            datediff(col(FEATURE_DATE), max("post_date")).as("_days_since"),
            max_by(col("utc_offset_minutes"), col("posted_at")).as("utc_offset_minutes"),
            avg(size(col("hashtags"))).as("hashtags_per_post"),
            avg(col("_words")).as("caption_words_per_post"))
        .withColumnRenamed("_days_since", "days_since_last_post");
    Dataset<Row> organic = history.where(col("is_sponsored").equalTo(false));
    Dataset<Row> weekday = mode(organic, "posted_local_weekday", "preferred_post_weekday", "preferred_weekday_share");
    Dataset<Row> hour = habits(organic);
    Dataset<Row> labels = history.select(col(KEY), col(FEATURE_DATE), explode(col("labels")).as("label"))
        .groupBy(col(KEY), col(FEATURE_DATE), col("label")).agg(count(lit(1)).as("_n"));
    Dataset<Row> mix = labels.join(overall.select(col(KEY), col(FEATURE_DATE), col("_history_posts")),
            new String[] {KEY, FEATURE_DATE})
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(map_from_entries(expr("array_sort(collect_list(struct(label, _n / _history_posts)))"))
            .as("content_mix"));
    // Top hashtags: used in at least MIN_TOP_HASHTAG_POSTS posts; most posts first, then the most
    // recently used, then alphabetical. None qualifying: null, like an influencer without hashtags.
    Dataset<Row> tags = history.select(col(KEY), col(FEATURE_DATE), col("posted_at"),
            explode(array_distinct(col("hashtags"))).as("tag"))
        .groupBy(col(KEY), col(FEATURE_DATE), col("tag"))
        .agg(count(lit(1)).as("_n"), max("posted_at").as("_last"))
        .where(col("_n").geq(MIN_TOP_HASHTAG_POSTS))
        .groupBy(col(KEY), col(FEATURE_DATE))
        .agg(expr("transform(slice(array_sort(collect_list(struct(-_n AS n, -unix_micros(_last) AS r, tag))), "
            + "1, 3), x -> x.tag)").as("top_hashtags"));
    String[] on = {KEY, FEATURE_DATE};
    return overall.drop("_history_posts")
        .join(recent, on, "left").join(weekday, on, "left").join(hour, on, "left").join(mix, on, "left")
        .join(tags, on, "left");
  }

  /**
   * When organic posts go out: the share of them on each local weekday (Monday first) and at each local
   * hour, and the preferred hour as their circular mean (23:00 and 01:00 average to midnight), which
   * is steadier than the most frequent hour when posts scatter around a habit.
   */
  private static Dataset<Row> habits(Dataset<Row> organic) {
    return organic.groupBy(col(KEY), col(FEATURE_DATE))
        .agg(count(lit(1)).as("_n"),
            expr("collect_list(posted_local_weekday)").as("_weekdays"),
            expr("collect_list(posted_local_hour)").as("_hours"),
            avg(expr("sin(2 * pi() * posted_local_hour / 24)")).as("_sin"),
            avg(expr("cos(2 * pi() * posted_local_hour / 24)")).as("_cos"))
        .withColumn("weekday_mix", expr("transform(sequence(1, 7), d -> "
            + "size(filter(_weekdays, w -> w = d)) / cast(_n AS double))"))
        .withColumn("hour_mix", expr("transform(sequence(0, 23), h -> "
            + "size(filter(_hours, x -> x = h)) / cast(_n AS double))"))
        .withColumn("preferred_post_hour", expr("CASE WHEN _sin = 0 AND _cos = 0 THEN NULL ELSE "
            + "cast(pmod(round(atan2(_sin, _cos) * 24 / (2 * pi())), 24) AS INT) END"))
        .select(col(KEY), col(FEATURE_DATE), col("preferred_post_hour"), col("weekday_mix"), col("hour_mix"));
  }

  /** n / of, null when {@code of} is 0 (Spark's ANSI mode fails a division by zero). */
  private static Column ratio(Column n, Column of) {
    return when(of.gt(0), n.divide(of));
  }

  /** The most frequent value of a column per influencer and feature date (ties: the smallest), with its share. */
  private static Dataset<Row> mode(Dataset<Row> rows, String column, String as, String shareAs) {
    WindowSpec byInfluencer = Window.partitionBy(KEY, FEATURE_DATE);
    Dataset<Row> counts = rows.groupBy(col(KEY), col(FEATURE_DATE), col(column)).agg(count(lit(1)).as("_n"))
        .withColumn("_share", col("_n").divide(sum("_n").over(byInfluencer)))
        .withColumn("_rank", expr("row_number() OVER (PARTITION BY " + KEY + ", " + FEATURE_DATE
            + " ORDER BY _n DESC, " + column + ")"))
        .where(col("_rank").equalTo(1));
    Dataset<Row> out = counts.select(col(KEY), col(FEATURE_DATE), col(column).as(as), round(col("_share"), 6)
        .as("_share"));
    return shareAs == null ? out.drop("_share") : out.withColumnRenamed("_share", shareAs);
  }
}
