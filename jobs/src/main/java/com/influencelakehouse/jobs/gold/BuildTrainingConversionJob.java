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
 * Adds to {@code gold.training_conversion} the sponsored posts that turned 7 days old by the end of the
 * run's last date (and relabels those within the silver look-back, for late orders), merged on the post id.
 */
public final class BuildTrainingConversionJob extends BaseJob {
  static final int LABEL_DAYS = 7;

  public BuildTrainingConversionJob() {
    super("build_training_conversion", "Sponsored posts with features as of the day before and 7-day conversions.",
        List.of(Tables.FACT_POST, Tables.FACT_OFFER, Tables.FACT_CLICK, Tables.FACT_ORDER, Tables.DIM_CAMPAIGN,
            Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS, Tables.DIM_INFLUENCER),
        List.of(Tables.TRAINING_CONVERSION));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    JobResult result = new JobResult();
    Date firstPost = Date.valueOf(dates.from().minusDays(LABEL_DAYS + ctx.config().ingest().lookbackDays()));
    Date firstFeature = Date.valueOf(firstPost.toLocalDate().minusDays(1));
    Timestamp labelledBy = Timestamp.valueOf(dates.to().plusDays(1).atStartOfDay());
    Dataset<Row> rows = TrainingSets.conversion(
        w.read(Tables.FACT_POST).where(col("post_date").geq(firstPost)),
        w.read(Tables.FACT_OFFER).where(col("sent_date").geq(
            Date.valueOf(firstPost.toLocalDate().minusDays(BuildTrainingPostingJob.MAX_DEADLINE_DAYS + 1)))),
        w.read(Tables.FACT_CLICK).where(col("click_date").geq(firstPost)),
        w.read(Tables.FACT_ORDER).where(col("order_date").geq(firstPost)),
        w.read(Tables.FEATURES_INFLUENCER_DAILY).where(col("feature_date").geq(firstFeature)),
        w.read(Tables.INCENTIVE_NORMS).where(col("as_of_date").geq(firstFeature)),
        w.read(Tables.DIM_CAMPAIGN), labelledBy);
    result.wrote(w.upsert(Tables.TRAINING_CONVERSION, Tables.project(Tables.TRAINING_CONVERSION, rows),
        List.of("post_id"), "t.post_date >= '" + firstPost + "'", "true"));
    result.metric("rows_removed_consent_withdrawn", w.deleteKeys(Tables.TRAINING_CONVERSION, "influencer_key",
        BuildFeaturesJob.consentWithdrawn(w.read(Tables.DIM_INFLUENCER), dates)));
    return result;
  }
}
