package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.gold.FeatureWindows.FEATURE_DATE;
import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_compact;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.percentile_approx;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.FeatureSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Assembles {@code gold.features_influencer_daily} from the feature families and derives the two
 * judgements made from them: the influence trend and the authenticity score (see docs/features.md).
 */
public final class InfluencerFeatures {
  private static final String KEY = "influencer_key";
  private static final String[] ON = {KEY, FEATURE_DATE};
  /**
   * Fewer engaged posts with known comments (comments-disabled posts are left out, see
   * {@link PostFeatures#COMMENTS_UNKNOWN_MIN_LIKES}) than this leave the tier comparison of comments per
   * like undefined (null: no evidence either way).
   */
  static final int MIN_TIER_POSTS = 3;

  private InfluencerFeatures() {}

  /**
   * Who gets features on which day: every influencer whose dimension version in force at the end of
   * the day grants analytics consent, with that version's attributes.
   */
  public static Dataset<Row> spine(Dataset<Row> dimInfluencer, DateRange dates) {
    Date from = Date.valueOf(dates.from());
    Date to = Date.valueOf(dates.to());
    Column first = greatest(to_date(col("valid_from")), lit(from));
    Column last = least(coalesce(to_date(col("valid_to")), lit(to)), lit(to));
    return dimInfluencer.where(first.leq(last))
        .withColumn(FEATURE_DATE, explode(sequence(first, last)))
        .where(col("valid_from").lt(FeatureWindows.endOfFeatureDate())
            .and(col("valid_to").isNull().or(col("valid_to").geq(FeatureWindows.endOfFeatureDate()))))
        .where(col("analytics_consent"))
        .select(col(KEY), col(FEATURE_DATE), col("platform"), col("country"), col("language"), col("category"),
            col("follower_tier"));
  }

  /** The feature families joined on the spine, counts defaulting to 0, with trend and authenticity. */
  public static Dataset<Row> assemble(Dataset<Row> spine, Dataset<Row> followers, Dataset<Row> engagement,
      Dataset<Row> likeBurst, Dataset<Row> activity, Dataset<Row> offers, Dataset<Row> commerce,
      FeatureSettings settings) {
    Dataset<Row> market = offers.groupBy(col(FEATURE_DATE)).agg(max("_market_rate").as("_market"));
    Dataset<Row> f = spine
        .join(followers, ON, "left")
        .join(engagement, ON, "left")
        .join(likeBurst, ON, "left")
        .join(activity, ON, "left")
        .join(offers, ON, "left")
        .join(commerce, ON, "left")
        .join(market, new String[] {FEATURE_DATE}, "left");
    for (String c : new String[] {"engaged_posts_recent", "posts_recent", "offers_received", "offers_resolved",
        "offers_cash", "offers_product", "offers_commission", "sponsored_posts_recent", "clicks_recent",
        "orders_recent"}) {
      f = f.withColumn(c, coalesce(col(c), lit(0L)));
    }
    Column marketRate = coalesce(col("_market"), lit(0.5));
    f = f.withColumn("posts_per_week", coalesce(col("posts_per_week"), lit(0.0)))
        .withColumn("revenue_recent", coalesce(col("revenue_recent"), lit(0.0)))
        .withColumn("posted_rate_smoothed", coalesce(col("posted_rate_smoothed"), marketRate))
        .withColumn("posting_responsiveness", coalesce(col("posting_responsiveness"), lit(0.0)));
    for (String type : OfferFeatures.INCENTIVE_TYPES) {
      f = f.withColumn("posted_rate_" + type, coalesce(col("posted_rate_" + type), marketRate))
          .withColumn("posting_responsiveness_" + type, coalesce(col("posting_responsiveness_" + type), lit(0.0)));
    }
    f = f.withColumn("engagement_rate_followers", ratio(col("engagements_per_post"), col("followers")))
        .withColumn("reach_per_follower", ratio(col("_reach_per_post"), col("followers")));

    return Tables.project(Tables.FEATURES_INFLUENCER_DAILY, authenticity(trend(commentsVsTier(f), settings), settings));
  }

  /**
   * {@code comments_per_like_vs_tier}: comments per like / the median of the influencer's tier that day,
   * both over influencers with at least {@link #MIN_TIER_POSTS} recent posts whose comments are known
   * ({@code _comment_posts_recent}); null otherwise, and null when comments per like is unknown.
   */
  static Dataset<Row> commentsVsTier(Dataset<Row> f) {
    Column enoughComments = coalesce(col("_comment_posts_recent"), lit(0L)).geq(MIN_TIER_POSTS);
    Dataset<Row> tierNorm = f.where(enoughComments)
        .groupBy(col(FEATURE_DATE), col("follower_tier"))
        .agg(percentile_approx(col("comments_per_like"), lit(0.5), lit(10_000)).as("_tier_comments_per_like"));
    return f.join(tierNorm, new String[] {FEATURE_DATE, "follower_tier"}, "left")
        .withColumn("comments_per_like_vs_tier", when(enoughComments,
            ratio(col("comments_per_like"), col("_tier_comments_per_like"))));
  }

  /**
   * Influence trend. Rising: the median daily follower growth of the recent window (spikes left out)
   * is at least the rising threshold. Declining: it is at most the declining threshold, unless a
   * bought-follower spike in the history window explains a decline (fake accounts are purged); then,
   * and when followers are unknown, engagement per post must have fallen by the engagement threshold.
   * The trend started at the change point of the follower curve.
   */
  static Dataset<Row> trend(Dataset<Row> f, FeatureSettings s) {
    Column growth = col("follower_growth_median_pct");
    Column engagement = col("engagement_trend");
    Column growthUntrusted = growth.isNull().or(col("follower_spike_recent"));
    Column risingByGrowth = growth.geq(s.risingGrowthPct());
    Column decliningByGrowth = growth.leq(s.decliningGrowthPct()).and(growthUntrusted.equalTo(false));
    Column risingByEngagement = growth.isNull().and(engagement.geq(s.engagementTrendThreshold()));
    Column decliningByEngagement = growthUntrusted.and(engagement.leq(-s.engagementTrendThreshold()));
    Column trend = when(coalesce(risingByGrowth, lit(false)), lit("rising"))
        .when(coalesce(decliningByGrowth, lit(false)), lit("declining"))
        .when(coalesce(risingByEngagement, lit(false)), lit("rising"))
        .when(coalesce(decliningByEngagement, lit(false)), lit("declining"))
        .otherwise(lit("stable"));
    Column strength = when(coalesce(risingByGrowth, lit(false)), growth.divide(s.risingGrowthPct()))
        .when(coalesce(decliningByGrowth, lit(false)), growth.divide(s.decliningGrowthPct()))
        .when(col("influence_trend").notEqual("stable"), abs(engagement).divide(s.engagementTrendThreshold()))
        .otherwise(lit(0.0));
    return f.withColumn("influence_trend", trend)
        .withColumn("trend_strength", strength)
        .withColumn("trend_started_on", when(col("influence_trend").notEqual("stable"),
            col("follower_change_date")));
  }

  /**
   * Authenticity score = the product over three suspicion signals s of (1 - s), each s in 0..1:
   * a one-day follower jump (0 below 5 %, 1 from 20 %), likes arriving early (median excess share
   * 0 -> 0, 0.2 -> 1) and few comments per like for the tier (ratio 0.5 -> 0, 0.3 -> 1). A signal of
   * 0.5 or more is named in the flags; a score below the threshold marks the influencer as suspicious.
   * An unknown measure (null: e.g. every recent post comments-disabled) is no evidence: its signal is 0.
   */
  static Dataset<Row> authenticity(Dataset<Row> f, FeatureSettings s) {
    Column spike = clamp(coalesce(col("max_follower_jump"), lit(0.0)).minus(0.05).divide(0.15));
    Column burst = clamp(coalesce(col("early_like_excess"), lit(0.0)).divide(0.2));
    Column fewComments = clamp(lit(0.5).minus(coalesce(col("comments_per_like_vs_tier"), lit(1.0))).divide(0.2));
    return f.withColumn("_s_spike", spike).withColumn("_s_burst", burst).withColumn("_s_comments", fewComments)
        .withColumn("authenticity_score", lit(1.0).minus(col("_s_spike")).multiply(lit(1.0).minus(col("_s_burst")))
            .multiply(lit(1.0).minus(col("_s_comments"))))
        .withColumn("authenticity_flags", array_compact(array(
            when(col("_s_spike").geq(0.5), lit("follower_spike")),
            when(col("_s_burst").geq(0.5), lit("like_burst")),
            when(col("_s_comments").geq(0.5), lit("few_comments_per_like")))));
  }

  /** Whether a feature row's authenticity score marks the influencer as suspicious. */
  public static Column isSuspicious(FeatureSettings s) {
    return col("authenticity_score").lt(s.authenticityThreshold());
  }

  private static Column clamp(Column c) {
    return least(greatest(c, lit(0.0)), lit(1.0));
  }

  private static Column ratio(Column n, Column of) {
    return when(of.gt(0), n.divide(of));
  }
}
