package com.influencelakehouse.common.config;

/**
 * Windows and thresholds of the gold features: how far back each feature family looks, when a
 * post's engagement is read, and the thresholds of the influence trend and authenticity flags.
 */
public record FeatureSettings(
    int deliveryLagDays,
    int historyDays,
    int recentDays,
    int engagementAgeHours,
    int trendDays,
    double risingGrowthPct,
    double decliningGrowthPct,
    double engagementTrendThreshold,
    double authenticityThreshold,
    int minLabelPosts) {

  /** The dates whose events the features of {@code dates} use: each date minus the delivery lag. */
  public com.influencelakehouse.common.job.DateRange knownBy(com.influencelakehouse.common.job.DateRange dates) {
    return new com.influencelakehouse.common.job.DateRange(dates.from().minusDays(deliveryLagDays),
        dates.to().minusDays(deliveryLagDays));
  }

  /** The longest look-back any feature needs, in days before the feature date. */
  public int maxLookbackDays() {
    return deliveryLagDays + Math.max(historyDays, Math.max(2 * recentDays, trendDays))
        + (engagementAgeHours + 23) / 24;
  }
}
