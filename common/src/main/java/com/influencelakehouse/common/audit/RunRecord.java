package com.influencelakehouse.common.audit;

import java.time.Instant;
import java.time.LocalDate;
import java.util.Map;

/**
 * One row of {@code audit.run_log}: what one job did for one date range. {@code inputsDigest} and
 * {@code outputVersions} (null for failures) let a later run tell that nothing changed since.
 */
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
    String error,
    String inputsDigest,
    Map<String, Long> outputVersions) {

  /** Outcome of a job run. */
  public enum Status {
    SUCCEEDED,
    FAILED,
    /** Not run: inputs, outputs, settings and code as at its last success for the same dates. */
    SKIPPED
  }

  public long durationMs() {
    return finishedAt.toEpochMilli() - startedAt.toEpochMilli();
  }
}
