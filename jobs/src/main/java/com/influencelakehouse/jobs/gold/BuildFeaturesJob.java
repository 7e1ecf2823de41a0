package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.config.FeatureSettings;
import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Builds {@code gold.features_influencer_daily} and {@code gold.incentive_norms} for the run's dates
 * (one night, or a backfill range in one pass) from the silver facts of the trailing windows only. The
 * row of date D holds what was known by the end of D: events up to D minus the delivery lag.
 * Influencers whose current profile withdraws analytics consent are removed from earlier dates too.
 */
public final class BuildFeaturesJob extends BaseJob {
  public BuildFeaturesJob() {
    super("build_features", "Point-in-time influencer features, incentive norms, influence trend and authenticity.",
        List.of(Tables.DIM_INFLUENCER, Tables.FACT_INFLUENCER_DAILY, Tables.FACT_POST,
            Tables.FACT_POST_INSIGHTS_DAILY, Tables.FACT_OFFER, Tables.FACT_CLICK, Tables.FACT_ORDER),
        List.of(Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    FeatureSettings s = ctx.config().features();
    JobResult result = new JobResult();
    // Computed as of the end of each date minus the delivery lag (known), written under the date itself.
    DateRange known = s.knownBy(dates);
    FollowerSeries followerSeries = new FollowerSeries(s.recentDays(), s.historyDays(), s.trendDays());
    Date since = FeatureWindows.readFrom(known, s.maxLookbackDays());

    Dataset<Row> dim = w.read(Tables.DIM_INFLUENCER);
    try (Cache cache = new Cache()) {
      Dataset<Row> posts = cache.keep(window(w, Tables.FACT_POST, "post_date", since, known));
      Dataset<Row> atAge = cache.keep(PostFeatures.engagementAtAge(posts,
          window(w, Tables.FACT_POST_INSIGHTS_DAILY, "capture_date", since, known), s.engagementAgeHours()));
      Dataset<Row> offers = cache.keep(OfferFeatures.withTierAtSend(
          window(w, Tables.FACT_OFFER, "sent_date", since, known), dim));
      Dataset<Row> norms = cache.keep(OfferFeatures.norms(offers, s.historyDays(), known));

      Dataset<Row> features = InfluencerFeatures.assemble(
          InfluencerFeatures.spine(dim, known),
          followerSeries.features(window(w, Tables.FACT_INFLUENCER_DAILY, "snapshot_date",
              FeatureWindows.readFrom(known, followerSeries.lookbackDays()), known), known),
          PostFeatures.engagement(atAge, s.recentDays(), known),
          PostFeatures.likeBurst(atAge, s.historyDays(), known),
          PostFeatures.activityAndContent(posts, s.recentDays(), s.historyDays(), known),
          OfferFeatures.history(offers, norms, s.historyDays(), known),
          CommerceFeatures.recent(posts, window(w, Tables.FACT_CLICK, "click_date", since, known),
              window(w, Tables.FACT_ORDER, "order_date", since, known), s.recentDays(), known),
          s);
      result.wrote(w.replaceDates(Tables.INCENTIVE_NORMS, FeatureWindows.knownOn(norms, "as_of_date", s), "as_of_date",
          dates));
      result.wrote(w.replaceDates(Tables.FEATURES_INFLUENCER_DAILY,
          FeatureWindows.knownOn(features, FeatureWindows.FEATURE_DATE, s), FeatureWindows.FEATURE_DATE, dates));
    }
    long withdrawn = w.deleteKeys(Tables.FEATURES_INFLUENCER_DAILY, "influencer_key", consentWithdrawn(dim, dates));
    result.metric("rows_removed_consent_withdrawn", withdrawn);
    return result;
  }

  /**
   * Influencers who withdrew analytics consent during the run's dates (their current profile, which
   * withholds it, began then): their earlier gold rows go. Earlier withdrawals were handled on their
   * own night, so a night's deletions depend on that night's changes, not on history.
   */
  public static Dataset<Row> consentWithdrawn(Dataset<Row> dimInfluencer, DateRange dates) {
    return dimInfluencer.where(col("is_current").and(col("analytics_consent").equalTo(false))
            .and(col("valid_from").geq(java.sql.Timestamp.valueOf(dates.from().minusDays(1).atStartOfDay()))))
        .select("influencer_key");
  }

  /** A silver table's rows dated from {@code since} to the end of the run's range. */
  static Dataset<Row> window(Warehouse w, TableDef table, String dateColumn, Date since, DateRange dates) {
    return w.read(table).where(col(dateColumn).between(since, Date.valueOf(dates.to())));
  }
}
