package com.influencelakehouse.common.job;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import java.time.Clock;
import java.time.Instant;

/**
 * Everything a job run needs, handed in rather than looked up: the warehouse (reads and the one
 * writer), the configuration, the dates to process, the run id, a clock for processing times, and
 * the pseudonymiser holding the key.
 */
public record JobContext(Warehouse warehouse, LakehouseConfig config, DateRange dates, String runId, Clock clock,
    Pseudonymiser pseudonymiser) {

  /** Processing time for this run's rows, truncated to the second. */
  public Instant now() {
    return clock.instant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
  }
}
