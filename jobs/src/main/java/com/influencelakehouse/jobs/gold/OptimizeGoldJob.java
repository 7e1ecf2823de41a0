package com.influencelakehouse.jobs.gold;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.util.List;

/**
 * Keeps gold fast to query after many nights: compacts (Delta OPTIMIZE) the partitions the run touched,
 * Z-ordered by each table's cluster columns where lakehouse.maintenance.z-order is set. Training sets
 * are merged into every night (relabelled offers), so their recent partitions gather small files;
 * replaced tables are written one sorted file per partition and compact to nothing.
 */
public final class OptimizeGoldJob extends BaseJob {
  /** Gold tables and the partition column a run's dates select. */
  static final List<Object[]> MAINTAINED = List.of(
      new Object[] {Tables.FEATURES_INFLUENCER_DAILY, "feature_date"},
      new Object[] {Tables.TRAINING_POSTING, "sent_date"},
      new Object[] {Tables.TRAINING_CONVERSION, "post_date"},
      new Object[] {Tables.INFLUENCER_SCORES, "score_date"},
      new Object[] {Tables.INCENTIVE_RECOMMENDATIONS, "score_date"},
      new Object[] {Tables.CONTENT_REUSE_CANDIDATES, "score_date"},
      new Object[] {Tables.CAMPAIGN_PERFORMANCE, "activity_date"},
      new Object[] {Tables.INFLUENCER_ROI, "score_date"});

  public OptimizeGoldJob() {
    super("optimize_gold", "Compacts (and Z-orders) the gold partitions the run touched.",
        MAINTAINED.stream().map(m -> (TableDef) m[0]).toList(), List.of());
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    boolean zOrder = ctx.config().zOrder();
    // Merges reach back to the earliest send whose label can still change (ingest look-back + deadline).
    DateRange merged = new DateRange(dates.from().minusDays(ctx.config().ingest().lookbackDays()
        + BuildTrainingPostingJob.MAX_DEADLINE_DAYS + 1L), dates.to());
    JobResult result = new JobResult();
    long removed = 0;
    for (Object[] m : MAINTAINED) {
      TableDef t = (TableDef) m[0];
      boolean isMerged = t.equals(Tables.TRAINING_POSTING) || t.equals(Tables.TRAINING_CONVERSION);
      if (!isMerged && !zOrder) {
        continue; // replaced partitions are written as one sorted file (Warehouse.laidOut): nothing to compact
      }
      removed += w.optimize(t, (String) m[1], isMerged ? merged : dates, zOrder);
    }
    return result.metric("files_compacted", removed);
  }
}
