package com.influencelakehouse.common.config;

/**
 * How landing files are read into bronze: what a missing folder or a corrupt file does, how far in
 * the future a timestamp may be, the blocking quarantine share, silver's look-back window, and the
 * format each source's files arrive in.
 */
public record IngestSettings(
    boolean failOnMissingRequired,
    boolean failOnMissingOptional,
    int futureToleranceHours,
    java.time.LocalDate earliestTimestamp,
    boolean failOnCorruptFile,
    double maxQuarantineShare,
    int quarantineShareMinRecords,
    int lookbackDays,
    java.util.Map<String, String> formats) {

  /** The format a source's files arrive in: auto (detect per file), canonical, or an adapter's name. */
  public String formatOf(com.influencelakehouse.common.tables.LandingSource source) {
    return formats.getOrDefault(source.path(), "auto");
  }
}
