package com.influencelakehouse.jobs.bronze;

import com.influencelakehouse.common.tables.LandingSource;
import java.util.List;

/** Ingests campaigns, campaign briefs (optional), offers and offer responses into bronze. */
public final class IngestCampaignsJob extends IngestJob {
  public IngestCampaignsJob() {
    super("ingest_campaigns", "campaign data",
        List.of(LandingSource.CAMPAIGNS, LandingSource.BRIEFS, LandingSource.OFFERS, LandingSource.OFFER_RESPONSES),
        true);
  }
}
