package com.influencelakehouse.jobs.silver;

import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conforms campaign brief versions into {@code silver.dim_campaign_brief}: the latest valid version wins,
 * budget also in the base currency, constraints parsed ({@link BriefTransforms}); invalid versions are
 * quarantined with a reason, so a bad update leaves the previous brief in force.
 */
public final class ConformBriefsJob extends BaseJob {
  public ConformBriefsJob() {
    super("conform_briefs", "Campaign briefs, latest version, budget in the base currency, constraints parsed.",
        List.of(Tables.BRONZE_BRIEFS, Tables.FX_RATE_DAILY),
        List.of(Tables.DIM_CAMPAIGN_BRIEF, Tables.QUARANTINE, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    JobResult result = new JobResult();
    Dataset<Row> bronze = w.readDates(Tables.BRONZE_BRIEFS, Tables.INGEST_DATE, ctx.dates());
    try (Cache cache = new Cache()) {
      Dataset<Row> labelled = cache.keep(BriefTransforms.labelled(bronze, w.read(Tables.FX_RATE_DAILY),
          ctx.config().objectives().baseCurrency(), ctx.config().objectives().fairness().groups()));
      List<DqCheck> checks = Outcomes.count(labelled, LandingSource.BRIEFS, ctx.dates(), result);
      result.wrote(Outcomes.writeQuarantine(w, Map.of(LandingSource.BRIEFS, labelled), ctx.dates(), ctx.now()));
      // A version older than the stored one (a late re-delivery) leaves the stored one in place.
      result.wrote(w.upsert(Tables.DIM_CAMPAIGN_BRIEF, BriefTransforms.latest(labelled), List.of("campaign_id"), null,
          "s.updated_at >= t.updated_at"));
      result.wrote(DataQuality.write(w, name(), ctx.runId(), ctx.dates(), ctx.now(), checks));
    }
    return result;
  }
}
