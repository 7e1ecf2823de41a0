package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conforms posts into {@code silver.fact_post} and their insight snapshots into
 * {@code silver.fact_post_insights_daily}. A post's author must be a known influencer; an insight's
 * post must be known (in all of fact_post); both are quarantined otherwise. A post or capture
 * re-delivered however late meets its stored row (the MERGE reads the partitions of tonight's dates).
 */
public final class ConformPostsJob extends BaseJob {
  public ConformPostsJob() {
    super("conform_posts", "Posts with hashtags, labels and consent; daily engagement per post, counts monotone.",
        List.of(Tables.BRONZE_POSTS, Tables.BRONZE_POST_INSIGHTS, Tables.DIM_INFLUENCER),
        List.of(Tables.FACT_POST, Tables.FACT_POST_INSIGHTS_DAILY, Tables.QUARANTINE, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    JobResult result = new JobResult();
    List<DqCheck> checks = new ArrayList<>();
    try (Cache cache = new Cache()) {
      Dataset<Row> tonight = cache.keep(PostTransforms.posts(
          w.readDates(Tables.BRONZE_POSTS, Tables.INGEST_DATE, dates), ctx.pseudonymiser()));
      // The stored posts tonight's can repeat: those of the same publication dates, however old.
      List<LocalDate> postDates = Outcomes.datesOf(tonight, "post_date");
      Dataset<Row> posts = cache.keep(labelPosts(tonight, w, postDates));
      checks.addAll(Outcomes.count(posts, LandingSource.POSTS, dates, result));
      Outcomes.removeStaleCopies(w, Tables.FACT_POST, posts, "post_id", "post_date", postDates, result);
      Dataset<Row> loaded = PostTransforms.withConsentAtPosting(Outcomes.loaded(posts), w.read(Tables.DIM_INFLUENCER));
      result.wrote(w.upsert(Tables.FACT_POST, Tables.project(Tables.FACT_POST, loaded), List.of("post_id"),
          Outcomes.dateIn("t.post_date", postDates), null));

      // Written posts first: tonight's insights may be about tonight's posts.
      Dataset<Row> insights = cache.keep(labelInsights(ctx));
      checks.addAll(Outcomes.count(insights, LandingSource.POST_INSIGHTS, dates, result));
      result.wrote(Outcomes.writeQuarantine(w, Map.of(LandingSource.POSTS, posts, LandingSource.POST_INSIGHTS,
          insights), dates, ctx.now()));
      Dataset<Row> loadedInsights = Outcomes.loaded(insights);
      Dataset<Row> previous = w.readOrEmpty(Tables.FACT_POST_INSIGHTS_DAILY)
          .where(col("capture_date").geq(lookbackStart(ctx)).and(col("capture_date").lt(Date.valueOf(dates.from()))))
          .join(loadedInsights.select("post_id").distinct(), "post_id", "left_semi");
      Dataset<Row> daily = cache.keep(PostTransforms.daily(loadedInsights, previous));
      result.wrote(w.upsert(Tables.FACT_POST_INSIGHTS_DAILY, daily, List.of("post_id", "capture_date"),
          Outcomes.dateIn("t.capture_date", Outcomes.datesOf(daily, "capture_date")), "s.captured_at >= t.captured_at"));
    }
    result.wrote(DataQuality.write(w, name(), ctx.runId(), dates, ctx.now(), checks));
    return result;
  }

  /** Tonight's posts with their outcome: duplicate (of tonight's or of a stored post), unknown author, or loaded. */
  private static Dataset<Row> labelPosts(Dataset<Row> posts, Warehouse w, List<LocalDate> postDates) {
    Dataset<Row> labelled = Outcomes.markStored(
            Outcomes.mark(posts, Outcomes.duplicateOf("post_id"), Outcomes.DUPLICATE),
            w.readOrEmpty(Tables.FACT_POST).where(Outcomes.dateIn("post_date", postDates)), "post_id");
    labelled = labelled.join(broadcast(w.read(Tables.DIM_INFLUENCER).select(col("influencer_key").as("_known")).distinct()),
            col("influencer_key").equalTo(col("_known")), "left");
    return Outcomes.loadedRest(Outcomes.mark(labelled, col("_known").isNull(),
        Outcomes.QUARANTINED + "unknown_influencer").drop("_known"));
  }

  /**
   * Tonight's insight snapshots with their post and outcome. The post is looked up in all of
   * {@code fact_post}, not only the look-back: exporters keep capturing old posts (a creator's export
   * covers every post), and the lookup reads three columns of one row per post.
   */
  private static Dataset<Row> labelInsights(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    Dataset<Row> knownPosts = w.read(Tables.FACT_POST)
        .select(col("post_id").as("_post"), col("influencer_key"), col("posted_at"));
    Dataset<Row> insights = Outcomes.mark(PostTransforms.insights(
            w.readDates(Tables.BRONZE_POST_INSIGHTS, Tables.INGEST_DATE, ctx.dates())),
        Outcomes.duplicateOf("post_id", "captured_at"), Outcomes.DUPLICATE)
        .join(knownPosts, col("post_id").equalTo(col("_post")), "left");
    return Outcomes.loadedRest(Outcomes.mark(insights, col("_post").isNull(),
        Outcomes.QUARANTINED + "unknown_post").drop("_post"));
  }

  private static Date lookbackStart(JobContext ctx) {
    return Date.valueOf(ctx.dates().from().minusDays(ctx.config().ingest().lookbackDays()));
  }
}
