package com.influencelakehouse.common.job;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import java.time.Clock;

/**
 * Everything a job run needs, handed in rather than looked up: the warehouse (reads and the one
 * writer), the configuration, the dates to process, the run id and a clock for ingest times.
 */
public record JobContext(Warehouse warehouse, LakehouseConfig config, DateRange dates, String runId, Clock clock) {}
