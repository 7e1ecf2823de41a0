package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.config.FeatureSettings;
import com.influencelakehouse.common.io.Cache;
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
 * Estimates {@code gold.content_label_lift} as of each run date (what was known by its end: posts whose
 * engagement was known by the date minus the delivery lag) from the history window's posts of
 * influencers who currently consent to analytics (see {@link ContentLift}).
 */
public final class EstimateContentLiftJob extends BaseJob {
  public EstimateContentLiftJob() {
    super("estimate_content_lift", "Engagement lift per content label, within-influencer regression.",
        List.of(Tables.FACT_POST, Tables.FACT_POST_INSIGHTS_DAILY, Tables.DIM_INFLUENCER),
        List.of(Tables.CONTENT_LABEL_LIFT));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    FeatureSettings s = ctx.config().features();
    JobResult result = new JobResult();
    DateRange known = s.knownBy(dates);
    Date since = FeatureWindows.readFrom(known, s.historyDays() + (s.engagementAgeHours() + 23) / 24);
    Dataset<Row> consenting = w.read(Tables.DIM_INFLUENCER).where(col("is_current").and(col("analytics_consent")))
        .select("influencer_key");
    try (Cache cache = new Cache()) {
      Dataset<Row> posts = BuildFeaturesJob.window(w, Tables.FACT_POST, "post_date", since, known)
          .join(consenting, "influencer_key", "left_semi");
      Dataset<Row> atAge = cache.keep(PostFeatures.engagementAtAge(posts,
          BuildFeaturesJob.window(w, Tables.FACT_POST_INSIGHTS_DAILY, "capture_date", since, known),
          s.engagementAgeHours()));
      List<String> labels = ContentLift.vocabulary(atAge, s.minLabelPosts());
      List<Row> lifts = ContentLift.estimate(atAge, labels, s.minLabelPosts(), s.historyDays(), known);
      // Rows in: the posts of the last as-of date's window (the largest).
      result.addRowsIn(lifts.stream().mapToLong(r -> r.getLong(10)).max().orElse(0));
      Dataset<Row> frame = FeatureWindows.knownOn(w.spark().createDataFrame(lifts, Tables.CONTENT_LABEL_LIFT.schema()),
          "as_of_date", s);
      result.wrote(w.replaceDates(Tables.CONTENT_LABEL_LIFT, frame, "as_of_date", dates));
    }
    return result;
  }
}
