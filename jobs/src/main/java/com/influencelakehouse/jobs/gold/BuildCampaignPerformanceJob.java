package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * {@code gold.campaign_performance} for the run's dates and the ingest look-back before them (replaced,
 * so re-runs leave the same rows and late records are counted) and
 * the {@code gold.influencer_roi} snapshot of the run's last date (influencer and campaign totals over
 * the history window).
 */
public final class BuildCampaignPerformanceJob extends BaseJob {
  /** Offers allow at most 60 days to post; a response or post of an older offer no longer arrives. */
  static final int OFFER_LOOKBACK_DAYS = 120;
  /** Posts are captured for 14 days: a day's gain needs the post's previous capture, at most that far back. */
  static final int INSIGHT_LOOKBACK_DAYS = 16;

  public BuildCampaignPerformanceJob() {
    super("build_campaign_performance", "Campaign spend, reach, engagement, orders, ROAS and CPA; influencer ROI.",
        List.of(Tables.FACT_OFFER, Tables.FACT_POST_INSIGHTS_DAILY, Tables.FACT_CLICK, Tables.FACT_ORDER),
        List.of(Tables.CAMPAIGN_PERFORMANCE, Tables.INFLUENCER_ROI));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    int historyDays = ctx.config().features().historyDays();
    JobResult result = new JobResult();
    Date to = Date.valueOf(dates.to());
    // Silver takes late records for the look-back window; so do the campaign days, whose sums would
    // otherwise miss an order that arrived a day late.
    DateRange replaced = new DateRange(dates.from().minusDays(ctx.config().ingest().lookbackDays()), dates.to());
    // Those days plus, for the ROI snapshot, the history window before the last date.
    DateRange days = new DateRange(min(replaced.from(), dates.to().minusDays(historyDays - 1)), dates.to());
    Date from = Date.valueOf(days.from());
    Dataset<Row> offers = w.read(Tables.FACT_OFFER);
    Dataset<Row> perInfluencer = CampaignPerformance.influencerDays(
        offers.where(col("sent_date").geq(Date.valueOf(days.from().minusDays(OFFER_LOOKBACK_DAYS)))),
        offers,
        w.read(Tables.FACT_POST_INSIGHTS_DAILY).where(col("capture_date")
            .between(Date.valueOf(days.from().minusDays(INSIGHT_LOOKBACK_DAYS)), to)),
        w.read(Tables.FACT_CLICK).where(col("click_date").between(from, to)),
        w.read(Tables.FACT_ORDER).where(col("order_date").between(from, to)),
        days).cache();
    try {
      result.wrote(w.replaceDates(Tables.CAMPAIGN_PERFORMANCE, Tables.project(Tables.CAMPAIGN_PERFORMANCE,
          CampaignPerformance.campaignDays(perInfluencer)
              .where(col("activity_date").between(Date.valueOf(replaced.from()), to))), "activity_date", replaced));
      result.wrote(w.replaceDates(Tables.INFLUENCER_ROI, Tables.project(Tables.INFLUENCER_ROI,
              CampaignPerformance.influencerRoi(perInfluencer, to,
                  ctx.config().objectives().recommendation().grossMargin())),
          "score_date", new DateRange(dates.to(), dates.to())));
    } finally {
      perInfluencer.unpersist();
    }
    return result;
  }

  private static java.time.LocalDate min(java.time.LocalDate a, java.time.LocalDate b) {
    return a.isBefore(b) ? a : b;
  }
}
