package com.influencelakehouse.jobs.bronze;

import com.influencelakehouse.common.tables.LandingSource;
import java.util.List;

/** Ingests right-to-erasure requests into bronze. */
public final class IngestPrivacyJob extends IngestJob {
  public IngestPrivacyJob() {
    super("ingest_privacy", "privacy requests", List.of(LandingSource.ERASURE_REQUESTS), false);
  }
}
