package com.influencelakehouse.jobs.models;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.ml.feature.SQLTransformer;

/**
 * The inputs each model reads from its training table, and the derived columns the saved pipeline
 * computes itself (so the pipeline scores any frame with the training table's columns: training sets,
 * the scoring job's candidate offers, notebooks).
 */
public final class ModelInputs {
  /** The incentive enters the posting model only through this column (monotone: see {@link PostingModel}). */
  public static final String INCENTIVE = "log_relative_incentive";

  private ModelInputs() {}

  /** Derived columns, one SQL statement: logs of skewed counts, booleans as numbers, bucketed hours. */
  public static SQLTransformer derived() {
    return new SQLTransformer().setStatement("SELECT *, "
        + "ln(1 + coalesce(followers, 0)) AS log_followers, "
        + "ln(cast(deadline_days AS double)) AS log_deadline_days, "
        + "cast(sent_on_preferred_weekday AS double) AS on_preferred_weekday, "
        // Both at once: the sign of a habit found right (weekday and hour estimated from the same posts); the
        // data show more than the sum of the two (posting rate 0.70 vs 0.51, each alone 0.56 and 0.59).
        + "cast(coalesce(sent_on_preferred_weekday AND hours_from_preferred_hour <= 1, false) AS double) "
        + "AS at_preferred_time, "
        + "cast(category_match AS double) AS category_fit, "
        + "CASE WHEN hours_from_preferred_hour IS NULL THEN 'unknown' WHEN hours_from_preferred_hour <= 0 THEN 'h0' "
        + "WHEN hours_from_preferred_hour <= 1 THEN 'h1' WHEN hours_from_preferred_hour <= 2 THEN 'h2' "
        + "WHEN hours_from_preferred_hour <= 4 THEN 'h3_4' ELSE 'h5_plus' END AS hours_from_preferred, "
        + "CASE incentive_type WHEN 'cash' THEN posted_rate_cash WHEN 'product' THEN posted_rate_product "
        + "ELSE posted_rate_commission END AS posted_rate_same_type, "
        + "CASE incentive_type WHEN 'cash' THEN posting_responsiveness_cash "
        + "WHEN 'product' THEN posting_responsiveness_product "
        + "ELSE posting_responsiveness_commission END AS responsiveness_same_type "
        + "FROM __THIS__");
  }

  /** Numeric inputs of the posting model; the incentive first (its coefficient is bounded at 0 from below). */
  public static List<String> postingNumeric() {
    return List.of(INCENTIVE, "log_deadline_days", "on_preferred_weekday", "at_preferred_time", "send_weekday_share",
        "send_hour_share",
        "category_fit",
        "posted_rate_smoothed", "posted_rate_same_type", "posting_responsiveness", "responsiveness_same_type",
        "acceptance_rate", "offers_resolved",
        "median_hours_to_post", "relative_incentive_posted", "relative_incentive_not_posted", "preferred_weekday_share",
        "trend_strength", "authenticity_score", "engagement_rate_reach", "posts_per_week", "sponsored_share",
        "days_since_last_post", "follower_growth_28d", "log_followers");
  }

  /** Categorical inputs of the posting model. */
  public static List<String> postingCategorical() {
    return List.of("incentive_type", "deliverable", "follower_tier", "platform", "category", "campaign_objective",
        "influence_trend", "hours_from_preferred");
  }

  /** Numeric inputs of the conversion model. */
  public static List<String> conversionNumeric() {
    return List.of("log_followers", "category_fit", "label_count", "hashtag_count", "engagement_rate_reach",
        "engagements_per_post", "reach_per_follower", "clicks_per_sponsored_post", "orders_per_sponsored_post",
        "revenue_per_sponsored_post", "conversion_rate", "authenticity_score", "trend_strength",
        "posts_per_week", "relative_incentive");
  }

  /** Categorical inputs of the conversion model. */
  public static List<String> conversionCategorical() {
    return List.of("incentive_type", "deliverable", "media_type", "follower_tier", "platform", "category",
        "campaign_objective", "influence_trend");
  }

  /** Derived columns of the conversion model. */
  public static SQLTransformer conversionDerived() {
    return new SQLTransformer().setStatement("SELECT *, "
        + "ln(1 + coalesce(followers, 0)) AS log_followers, "
        + "cast(category_match AS double) AS category_fit "
        + "FROM __THIS__");
  }

  /** Business names of the inputs reason codes are given for, in the order they are tried. */
  public static List<String[]> postingReasons() {
    List<String[]> r = new ArrayList<>();
    r.add(new String[] {INCENTIVE, "incentive vs the tier's norm"});
    r.add(new String[] {"posted_rate_smoothed", "past posting rate"});
    r.add(new String[] {"posting_responsiveness", "posted more (or less) often than comparable offers predict"});
    r.add(new String[] {"sent_on_preferred_weekday", "sent on the preferred posting weekday"});
    r.add(new String[] {"hours_from_preferred_hour", "hours from the preferred posting hour"});
    r.add(new String[] {"category_match", "brand fits the influencer's category"});
    r.add(new String[] {"deliverable", "deliverable asked for"});
    r.add(new String[] {"deadline_days", "days allowed to post"});
    r.add(new String[] {"influence_trend", "influence trend"});
    r.add(new String[] {"authenticity_score", "authenticity"});
    r.add(new String[] {"follower_tier", "follower tier"});
    return r;
  }
}
