package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Adds to {@code gold.training_posting} the offers whose deadline passed by the end of the run's last
 * date; offers whose deadline passed within the silver look-back are relabelled, since a late response
 * or post can still arrive for them. Rows are merged on the offer id: re-runs leave the same rows.
 */
public final class BuildTrainingPostingJob extends BaseJob {
  /** Offers allow at most this many days to post; older sends cannot still be waiting for their label. */
  public static final int MAX_DEADLINE_DAYS = 60;

  public BuildTrainingPostingJob() {
    super("build_training_posting", "Labelled offers with features as of the day before sending.",
        List.of(Tables.FACT_OFFER, Tables.DIM_CAMPAIGN, Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS,
            Tables.DIM_INFLUENCER),
        List.of(Tables.TRAINING_POSTING));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    JobResult result = new JobResult();
    Date firstDeadline = Date.valueOf(dates.from().minusDays(ctx.config().ingest().lookbackDays()));
    Date firstSend = Date.valueOf(firstDeadline.toLocalDate().minusDays(MAX_DEADLINE_DAYS + 1));
    Timestamp labelledBy = Timestamp.valueOf(dates.to().plusDays(1).atStartOfDay());
    Dataset<Row> offers = w.read(Tables.FACT_OFFER)
        .where(col("sent_date").geq(firstSend).and(col("deadline_at").geq(new Timestamp(firstDeadline.getTime()))));
    Date firstFeature = Date.valueOf(firstSend.toLocalDate().minusDays(1));
    Dataset<Row> rows = TrainingSets.posting(offers,
        w.read(Tables.FEATURES_INFLUENCER_DAILY).where(col("feature_date").geq(firstFeature)),
        w.read(Tables.INCENTIVE_NORMS).where(col("as_of_date").geq(firstFeature)),
        w.read(Tables.DIM_CAMPAIGN), labelledBy);
    result.wrote(w.upsert(Tables.TRAINING_POSTING, Tables.project(Tables.TRAINING_POSTING, rows),
        List.of("offer_id"), "t.sent_date >= '" + firstSend + "'", "true"));
    result.metric("rows_removed_consent_withdrawn", w.deleteKeys(Tables.TRAINING_POSTING, "influencer_key",
        BuildFeaturesJob.consentWithdrawn(w.read(Tables.DIM_INFLUENCER), dates)));
    return result;
  }
}
