package com.influencelakehouse.jobs.bronze;

import com.influencelakehouse.common.tables.LandingSource;
import java.util.List;

/** Ingests influencer profile snapshots, posts and engagement insights into bronze. */
public final class IngestSocialJob extends IngestJob {
  public IngestSocialJob() {
    super("ingest_social", "social data",
        List.of(LandingSource.INFLUENCERS, LandingSource.POSTS, LandingSource.POST_INSIGHTS), true);
  }
}
