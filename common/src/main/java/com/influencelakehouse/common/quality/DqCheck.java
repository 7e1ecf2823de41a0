package com.influencelakehouse.common.quality;

import java.time.LocalDate;

/**
 * One data-quality result: a count recorded for reconciliation (info), or a check that passed,
 * warned, or failed (blocking checks fail the run).
 */
public record DqCheck(LocalDate date, String checkName, String tableName, Severity severity, Status status,
    Double observed, Double expected, String detail) {

  /** How much a failure matters. */
  public enum Severity {
    BLOCKING,
    WARNING,
    INFO
  }

  /** Outcome. */
  public enum Status {
    PASS,
    WARN,
    FAIL,
    INFO
  }

  /** A count kept for reconciliation. */
  public static DqCheck count(LocalDate date, String check, String table, long value) {
    return new DqCheck(date, check, table, Severity.INFO, Status.INFO, (double) value, null, null);
  }

  /** A check that must hold: pass, or fail (blocking) / warn (warning). */
  public static DqCheck expect(LocalDate date, String check, String table, Severity severity, boolean ok,
      double observed, Double expected, String detail) {
    Status status = ok ? Status.PASS : severity == Severity.BLOCKING ? Status.FAIL : Status.WARN;
    return new DqCheck(date, check, table, severity, status, observed, expected, ok ? null : detail);
  }

  public boolean failed() {
    return status == Status.FAIL;
  }
}
