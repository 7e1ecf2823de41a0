package com.influencelakehouse.jobs.bronze;

import com.influencelakehouse.common.tables.LandingSource;
import java.util.List;

/** Ingests daily exchange rates into bronze. */
public final class IngestReferenceJob extends IngestJob {
  public IngestReferenceJob() {
    super("ingest_reference", "reference data", List.of(LandingSource.FX_RATES), true);
  }
}
