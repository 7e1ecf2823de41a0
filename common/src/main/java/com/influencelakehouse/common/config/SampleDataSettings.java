package com.influencelakehouse.common.config;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Parameters of the sample-data generator: seed, dates, named scales and the causal story. */
public record SampleDataSettings(
    long seed,
    LocalDate startDate,
    String demoScale,
    String groundTruth,
    int maxRecordsPerFile,
    Set<String> gzipSources,
    Map<String, Scale> scales,
    Story story) {

  /** Size of a generated world. */
  public record Scale(String name, int influencers, int days, int brands, double offersPerInfluencerPerWeek) {
    public Scale withInfluencers(int n) {
      return new Scale(name, n, days, brands, offersPerInfluencerPerWeek);
    }

    public Scale withDays(int d) {
      return new Scale(name, influencers, d, brands, offersPerInfluencerPerWeek);
    }
  }

  /** Shares and rates of the causal story and of the injected dirty data. */
  public record Story(
      double inauthenticShare,
      double risingShare,
      double decliningShare,
      double analyticsConsentShare,
      double contentReuseConsentShare,
      double consentChangeShare,
      double erasureShare,
      double defectRate,
      double duplicateRate,
      double extraColumnRate,
      int emptyFiles) {

    /** The same story without dirty data, for tests that need only clean records. */
    public Story clean() {
      return new Story(inauthenticShare, risingShare, decliningShare, analyticsConsentShare,
          contentReuseConsentShare, consentChangeShare, erasureShare, 0, 0, 0, 0);
    }
  }

  public Scale scale(String name) {
    Scale s = scales.get(name);
    if (s == null) {
      throw new ConfigError("unknown sample-data scale '" + name + "': known scales are "
          + List.copyOf(scales.keySet()) + " (lakehouse.sample-data.scales)");
    }
    return s;
  }

  public SampleDataSettings withStory(Story newStory) {
    return new SampleDataSettings(seed, startDate, demoScale, groundTruth, maxRecordsPerFile, gzipSources, scales,
        newStory);
  }

  public SampleDataSettings withStartDate(LocalDate newStart) {
    return new SampleDataSettings(seed, newStart, demoScale, groundTruth, maxRecordsPerFile, gzipSources, scales,
        story);
  }

  public SampleDataSettings withSeed(long newSeed) {
    return new SampleDataSettings(newSeed, startDate, demoScale, groundTruth, maxRecordsPerFile, gzipSources, scales,
        story);
  }
}
