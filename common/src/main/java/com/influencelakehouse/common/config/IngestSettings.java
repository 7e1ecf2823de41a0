package com.influencelakehouse.common.config;

/**
 * How landing files are read into bronze: what a missing folder or a corrupt file does, how far in
 * the future a timestamp may be, the blocking quarantine share, and silver's look-back window.
 */
public record IngestSettings(
    boolean failOnMissingRequired,
    boolean failOnMissingOptional,
    int futureToleranceHours,
    boolean failOnCorruptFile,
    double maxQuarantineShare,
    int quarantineShareMinRecords,
    int lookbackDays) {}
