package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.max;

import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conforms profile snapshots into {@code silver.dim_influencer} (SCD type 2) and
 * {@code silver.fact_influencer_daily}.
 */
public final class ConformInfluencersJob extends BaseJob {
  public ConformInfluencersJob() {
    super("conform_influencers", "Influencer dimension (versions) and daily audience counts, pseudonymised.",
        List.of(Tables.BRONZE_INFLUENCERS),
        List.of(Tables.DIM_INFLUENCER, Tables.FACT_INFLUENCER_DAILY, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    JobResult result = new JobResult();
    Dataset<Row> bronze = w.readDates(Tables.BRONZE_INFLUENCERS, Tables.INGEST_DATE, ctx.dates());
    Dataset<Row> snapshots = InfluencerTransforms.snapshots(bronze, ctx.pseudonymiser(),
        ctx.config().privacy().pseudonymiseHandle());
    try (Cache cache = new Cache()) {
      Dataset<Row> labelled = cache.keep(Outcomes.loadedRest(Outcomes.mark(snapshots,
          Outcomes.duplicateOf("influencer_key", "snapshot_at"), Outcomes.DUPLICATE)));
      List<DqCheck> checks = Outcomes.count(labelled, LandingSource.INFLUENCERS, ctx.dates(), result);
      Dataset<Row> loaded = Outcomes.loaded(labelled);

      Dataset<Row> daily = InfluencerTransforms.daily(loaded);
      Row span = daily.agg(min("snapshot_date"), max("snapshot_date")).first();
      String prune = span.isNullAt(0) ? null
          : String.format("t.snapshot_date BETWEEN '%s' AND '%s'", span.getDate(0), span.getDate(1));
      result.wrote(w.upsert(Tables.FACT_INFLUENCER_DAILY, daily, List.of("influencer_key", "snapshot_date"), prune,
          "s.snapshot_at >= t.snapshot_at"));

      Dataset<Row> current = w.readOrEmpty(Tables.DIM_INFLUENCER).where(col("is_current"));
      result.wrote(w.upsert(Tables.DIM_INFLUENCER, InfluencerTransforms.versions(loaded, current),
          List.of("influencer_key", "valid_from"), null, "true"));
      result.wrote(DataQuality.write(w, name(), ctx.runId(), ctx.dates(), ctx.now(), checks));
    }
    return result;
  }
}
