package com.influencelakehouse.jobs;

import com.influencelakehouse.common.audit.RunLog;
import com.influencelakehouse.common.audit.RunRecord;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs for a date range: times each one, tags its Delta commits with the run, and appends one
 * row per job to {@code audit.run_log}, failures included. One line of log per job.
 */
public final class JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);
  /** Delta stores this session setting in every commit's userMetadata: which run and job wrote it. */
  static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private final Warehouse warehouse;
  private final LakehouseConfig config;
  private final Clock clock;
  private final String runId;

  public JobRunner(Warehouse warehouse, LakehouseConfig config, Clock clock) {
    this.warehouse = warehouse;
    this.config = config;
    this.clock = clock;
    this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String runId() {
    return runId;
  }

  /** Runs the jobs in the given order; stops at the first failure. Returns each job's result. */
  public Map<String, JobResult> runAll(List<Job> jobs, DateRange dates) {
    Map<String, JobResult> results = new LinkedHashMap<>();
    for (Job job : jobs) {
      results.put(job.name(), run(job, dates));
    }
    return results;
  }

  /** Runs one job over the whole date range at once. */
  public JobResult run(Job job, DateRange dates) {
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    warehouse.spark().conf().set(COMMIT_METADATA, "run_id=" + runId + ";job=" + job.name() + ";dates=" + dates);
    warehouse.spark().sparkContext().setJobGroup(job.name(), job.name() + " " + dates, false);
    try {
      JobResult result = job.run(new JobContext(warehouse, config, dates, runId, clock));
      result.finishedIn((System.nanoTime() - t0) / 1_000_000);
      double seconds = result.durationMs() / 1e3;
      record(job, dates, RunRecord.Status.SUCCEEDED, result, started, null);
      LOG.info(String.format(Locale.ROOT, "%-28s %s  in %,d  out %,d  quarantined %,d  %.1f s", job.name(), dates,
          result.rowsIn(), result.rowsOut(), result.rowsQuarantined(), seconds));
      return result;
    } catch (RuntimeException e) {
      String why = e.getMessage() == null ? e.getClass().getName() : e.getMessage();
      try {
        record(job, dates, RunRecord.Status.FAILED, new JobResult(), started, why);
      } catch (RuntimeException logFailure) {
        e.addSuppressed(logFailure);
      }
      throw new JobFailedException("job " + job.name() + " failed for " + dates + ": " + why, e);
    } finally {
      warehouse.spark().conf().unset(COMMIT_METADATA);
      warehouse.spark().sparkContext().clearJobGroup();
    }
  }

  private void record(Job job, DateRange dates, RunRecord.Status status, JobResult result, Instant started,
      String error) {
    RunLog.append(warehouse, new RunRecord(runId, job.name(), dates.from(), dates.to(), status, result.rowsIn(),
        result.rowsOut(), result.rowsQuarantined(), result.tableVersions(), started, clock.instant(), config.env(),
        config.objectivesJson(), error));
  }
}
