package com.influencelakehouse.sampledata;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.SettingsReader;
import com.influencelakehouse.common.tables.LandingSource;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigValue;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Parameters of the sample-data generator: seed, dates, named scales and the causal story, read from
 * the {@code lakehouse.sample-data} block of the configuration, which this module owns (the product's
 * {@link LakehouseConfig} checks only that its key names are declared).
 */
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

  private static final String BLOCK = "lakehouse.sample-data.";
  private static final Set<String> SCALE_PARAMETERS =
      Set.of("influencers", "days", "brands", "offers-per-influencer-per-week");

  /**
   * The validated {@code lakehouse.sample-data} block of a loaded configuration (every layer: files,
   * {@code --config}, {@code -D}); call it at start-up, before any work.
   *
   * @throws ConfigError naming every missing or malformed key of the block and where it came from
   */
  public static SampleDataSettings from(LakehouseConfig config) {
    SettingsReader r = new SettingsReader(config.raw());
    SampleDataSettings settings = read(r, config.raw());
    if (!r.problems().isEmpty()) {
      throw new ConfigError(r.problems(), config.layers());
    }
    return settings;
  }

  private static SampleDataSettings read(SettingsReader r, Config c) {
    String p = BLOCK;
    Map<String, Scale> scales = new LinkedHashMap<>();
    Config sc = r.subConfig(p + "scales");
    if (sc != null) {
      for (String name : new TreeSet<>(sc.root().keySet())) {
        String sp = p + "scales." + name + ".";
        ConfigValue v = sc.root().get(name);
        if (!(v instanceof ConfigObject o)) {
          r.fail(p + "scales." + name, "a scale is an object of " + new TreeSet<>(SCALE_PARAMETERS));
          continue;
        }
        Scale s = new Scale(name,
            r.intIn(sp + "influencers", 10, 10_000_000),
            r.intIn(sp + "days", 1, 3650),
            r.intIn(sp + "brands", 1, 1_000_000),
            r.doubleIn(sp + "offers-per-influencer-per-week", 0, 50));
        scales.put(name, s);
        for (String k : o.keySet()) {
          if (!SCALE_PARAMETERS.contains(k)) {
            r.fail(sp + k, "is not a known scale parameter (influencers, days, brands, offers-per-influencer-per-week)");
          }
        }
      }
    }
    String demoScale = r.string(p + "demo-scale");
    if (demoScale != null && !scales.isEmpty()) {
      r.check(scales.containsKey(demoScale), p + "demo-scale", "must name one of the scales " + scales.keySet());
    }
    List<String> gzipList = r.stringList(p + "gzip-sources");
    Set<String> gzip = gzipList == null ? Set.of() : new LinkedHashSet<>(gzipList);
    for (String g : gzip) {
      if (LandingSource.byPath(g).isEmpty()) {
        r.fail(p + "gzip-sources", "'" + g + "' is not a landing source; known: "
            + Arrays.stream(LandingSource.values()).map(LandingSource::path).toList());
      }
    }
    String s = p + "story.";
    Story story = new Story(
        r.doubleIn(s + "inauthentic-share", 0, 1),
        r.doubleIn(s + "rising-share", 0, 1),
        r.doubleIn(s + "declining-share", 0, 1),
        r.doubleIn(s + "analytics-consent-share", 0, 1),
        r.doubleIn(s + "content-reuse-consent-share", 0, 1),
        r.doubleIn(s + "consent-change-share", 0, 1),
        r.doubleIn(s + "erasure-share", 0, 1),
        r.doubleIn(s + "defect-rate", 0, 0.5),
        r.doubleIn(s + "duplicate-rate", 0, 0.5),
        r.doubleIn(s + "extra-column-rate", 0, 0.5),
        r.intIn(s + "empty-files", 0, 1000));
    r.check(story.risingShare() + story.decliningShare() <= 1, s + "rising-share",
        "rising-share + declining-share must not exceed 1");
    return new SampleDataSettings(r.longValue(p + "seed"), r.date(p + "start-date"), demoScale,
        r.location(p + "ground-truth"), r.intIn(p + "max-records-per-file", 1, 100_000_000), gzip, scales, story);
  }
}
