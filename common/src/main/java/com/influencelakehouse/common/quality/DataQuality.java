package com.influencelakehouse.common.quality;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.WriteResult;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/**
 * Writes a job's data-quality results to {@code audit.dq_results}, replacing that job's results for
 * the dates (re-running a date leaves one set), and turns failed blocking checks into an error.
 */
public final class DataQuality {
  private DataQuality() {}

  public static WriteResult write(Warehouse warehouse, String job, String runId, DateRange dates, Instant checkedAt,
      List<DqCheck> checks) {
    List<Row> rows = new ArrayList<>(checks.size());
    for (DqCheck c : checks) {
      rows.add(RowFactory.create(runId, job, Date.valueOf(c.date()), c.checkName(), c.tableName(),
          c.severity().name().toLowerCase(Locale.ROOT), c.status().name().toLowerCase(Locale.ROOT), c.observed(),
          c.expected(), c.detail(), Timestamp.from(checkedAt)));
    }
    String slice = String.format("job = '%s' AND run_date >= '%s' AND run_date <= '%s'", job, dates.from(), dates.to());
    return warehouse.replaceWhere(Tables.DQ_RESULTS,
        warehouse.spark().createDataFrame(rows, Tables.DQ_RESULTS.schema()), slice);
  }

  /** Throws when a blocking check failed, listing each failure. */
  public static void requireNoBlockingFailure(List<DqCheck> checks) {
    List<DqCheck> failed = checks.stream().filter(DqCheck::failed).toList();
    if (!failed.isEmpty()) {
      throw new DataQualityException("blocking data-quality checks failed (see audit.dq_results):\n  "
          + failed.stream().map(c -> c.tableName() + " " + c.date() + " " + c.checkName() + ": " + c.detail())
              .collect(Collectors.joining("\n  ")));
    }
  }
}
