package com.influencelakehouse.jobs.bronze;

import com.influencelakehouse.common.tables.LandingSource;
import java.util.List;

/** Ingests tracking-link clicks and order postbacks into bronze. */
public final class IngestConversionsJob extends IngestJob {
  public IngestConversionsJob() {
    super("ingest_conversions", "conversion data", List.of(LandingSource.CLICKS, LandingSource.ORDERS), true);
  }
}
