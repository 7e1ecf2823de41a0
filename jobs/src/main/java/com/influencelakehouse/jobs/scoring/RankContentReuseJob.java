package com.influencelakehouse.jobs.scoring;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.gold.BuildTrainingPostingJob;
import java.sql.Date;
import java.util.List;

/**
 * {@code gold.content_reuse_candidates} for the run's last date: the sponsored posts of the history
 * window that may be reused, ranked (replaced, so re-runs leave the same rows).
 */
public final class RankContentReuseJob extends BaseJob {
  public RankContentReuseJob() {
    super("rank_content_reuse", "Consented sponsored posts ranked by reuse value.",
        List.of(Tables.FACT_POST, Tables.FACT_POST_INSIGHTS_DAILY, Tables.FACT_ORDER, Tables.FACT_OFFER,
            Tables.DIM_INFLUENCER),
        List.of(Tables.CONTENT_REUSE_CANDIDATES));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    Date to = Date.valueOf(dates.to());
    Date from = Date.valueOf(dates.to().minusDays(ctx.config().features().historyDays() - 1));
    JobResult result = new JobResult();
    result.wrote(w.replaceDates(Tables.CONTENT_REUSE_CANDIDATES, Tables.project(Tables.CONTENT_REUSE_CANDIDATES,
            ContentReuse.rank(
                w.read(Tables.FACT_POST).where(col("post_date").between(from, to)),
                w.read(Tables.FACT_POST_INSIGHTS_DAILY).where(col("capture_date").between(from, to)),
                w.read(Tables.FACT_ORDER).where(col("order_date").between(from, to)),
                // A post of the window fulfils an offer sent at most the longest deadline before it.
                w.read(Tables.FACT_OFFER).where(col("sent_date").geq(Date.valueOf(from.toLocalDate().minusDays(
                    BuildTrainingPostingJob.MAX_DEADLINE_DAYS)))),
                w.read(Tables.DIM_INFLUENCER).where(col("is_current")), to)),
        "score_date", new DateRange(dates.to(), dates.to())));
    return result;
  }
}
