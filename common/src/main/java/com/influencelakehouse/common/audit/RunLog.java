package com.influencelakehouse.common.audit;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.WriteResult;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.sql.Timestamp;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;

/** Appends job runs to {@code audit.run_log}: one row per run, failures included. */
public final class RunLog {
  private RunLog() {}

  public static WriteResult append(Warehouse warehouse, RunRecord r) {
    Row row = RowFactory.create(r.runId(), r.job(), Date.valueOf(r.runDateFrom()), Date.valueOf(r.runDateTo()),
        r.status().name(), r.rowsIn(), r.rowsOut(), r.rowsQuarantined(), r.tableVersions(),
        Timestamp.from(r.startedAt()), Timestamp.from(r.finishedAt()), r.durationMs(), r.env(), r.objectives(),
        r.error(), r.inputsDigest(), r.outputVersions());
    return warehouse.append(Tables.RUN_LOG,
        warehouse.spark().createDataFrame(List.of(row), Tables.RUN_LOG.schema()));
  }
}
