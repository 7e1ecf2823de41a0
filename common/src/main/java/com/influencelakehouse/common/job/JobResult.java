package com.influencelakehouse.common.job;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What a job did, returned by {@link Job#run} and recorded in {@code audit.run_log}: records read,
 * rows written, records quarantined, and the Delta version written per table.
 */
public final class JobResult {
  private long rowsIn;
  private long rowsOut;
  private long rowsQuarantined;
  private final Map<String, Long> tableVersions = new LinkedHashMap<>();
  private final Map<String, Double> metrics = new LinkedHashMap<>();
  private final java.util.List<String> notes = new java.util.ArrayList<>();
  private final java.util.List<String> warnings = new java.util.ArrayList<>();
  private long durationMs;
  private boolean skipped;

  public JobResult addRowsIn(long n) {
    rowsIn += n;
    return this;
  }

  public JobResult addRowsOut(long n) {
    rowsOut += n;
    return this;
  }

  public JobResult addQuarantined(long n) {
    rowsQuarantined += n;
    return this;
  }

  /** Records the version a write produced; rows written count towards rows out. */
  public JobResult wrote(WriteResult write) {
    tableVersions.put(write.table(), write.version());
    rowsOut += write.rowsWritten();
    return this;
  }

  /** A named figure worth keeping with the run (a model metric, a ratio). */
  public JobResult metric(String name, double value) {
    metrics.put(name, value);
    return this;
  }

  /** A sentence for the run summary: why the job did less than usual (no model yet, too few examples). */
  public JobResult note(String text) {
    notes.add(text);
    return this;
  }

  /**
   * Something the operator must see although the job succeeded (a day that lost most of a source to
   * quarantine, a landing folder never read): printed in the run summary and logged as a warning.
   */
  public JobResult warning(String text) {
    warnings.add(text);
    return this;
  }

  public java.util.List<String> warnings() {
    return java.util.List.copyOf(warnings);
  }

  /** Set by the runner for a job it did not run, its inputs unchanged ({@code why} becomes a note). */
  public JobResult skipped(String why) {
    skipped = true;
    return note("skipped: " + why);
  }

  /** Whether the runner skipped the job (status SKIPPED in {@code audit.run_log}). */
  public boolean isSkipped() {
    return skipped;
  }

  public java.util.List<String> notes() {
    return java.util.List.copyOf(notes);
  }

  /** Set by the runner when the job ends. */
  public JobResult finishedIn(long ms) {
    durationMs = ms;
    return this;
  }

  public long durationMs() {
    return durationMs;
  }

  public long rowsIn() {
    return rowsIn;
  }

  public long rowsOut() {
    return rowsOut;
  }

  public long rowsQuarantined() {
    return rowsQuarantined;
  }

  public Map<String, Long> tableVersions() {
    return Map.copyOf(tableVersions);
  }

  public Map<String, Double> metrics() {
    return Map.copyOf(metrics);
  }

  @Override
  public String toString() {
    return "rows in " + rowsIn + ", out " + rowsOut + ", quarantined " + rowsQuarantined + ", versions "
        + tableVersions;
  }
}
