package com.influencelakehouse.common.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/** One row of {@code audit.run_log}: what one job did for one date range. */
public record RunRecord(
    String runId,
    String job,
    LocalDate runDateFrom,
    LocalDate runDateTo,
    Status status,
    long rowsIn,
    long rowsOut,
    long rowsQuarantined,
    Map<String, Long> tableVersions,
    Instant startedAt,
    Instant finishedAt,
    String env,
    String objectives,
    String error) {

  /** Outcome of a job run. */
  public enum Status {
    SUCCEEDED,
    FAILED
  }

  public long durationMs() {
    return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
