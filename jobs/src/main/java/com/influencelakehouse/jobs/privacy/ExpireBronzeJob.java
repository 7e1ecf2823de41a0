package com.influencelakehouse.jobs.privacy;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Raw personal data lives only in bronze, and only for {@code lakehouse.privacy.bronze-retention-days}:
 * once silver has conformed the night, bronze partitions older than that (counted back from the last
 * run date) are deleted, and VACUUM removes their files after the configured retention.
 */
public final class ExpireBronzeJob extends BaseJob {
  public ExpireBronzeJob() {
    super("expire_bronze", "Delete bronze partitions past their retention, after silver has used them.",
        // Deleting from bronze puts it after bronze's writers and readers: silver has conformed the night.
        List.of(), List.of(), Tables.inLayer(Layer.BRONZE));
  }

  private static final Logger LOG = LoggerFactory.getLogger(ExpireBronzeJob.class);

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    LocalDate keepFrom = ctx.dates().to().minusDays(ctx.config().privacy().bronzeRetentionDays() - 1L);
    JobResult result = new JobResult();
    for (TableDef t : Tables.inLayer(Layer.BRONZE)) {
      long n = w.delete(t, col(Tables.INGEST_DATE).lt(Date.valueOf(keepFrom)));
      if (n > 0) {
        w.vacuum(t, ctx.config().privacy().vacuumRetentionHours());
        result.addRowsOut(n);
      }
    }
    LOG.info("bronze keeps export dates from {}; {} expired rows deleted", keepFrom, result.rowsOut());
    return result;
  }
}
