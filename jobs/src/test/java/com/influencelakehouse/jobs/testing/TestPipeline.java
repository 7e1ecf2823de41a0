package com.influencelakehouse.jobs.testing;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.sampledata.SampleDataSettings;
import com.influencelakehouse.sampledata.SampleDataSettings.Scale;
import com.influencelakehouse.sampledata.SampleDataSettings.Story;
import com.influencelakehouse.common.io.TableChecksum;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import com.influencelakehouse.sampledata.GenerationReport;
import com.influencelakehouse.sampledata.SampleDataGenerator;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/** A warehouse under a temporary directory, sample data in its landing zone, and the pipeline run on it. */
public final class TestPipeline {

  private final LakehouseConfig config;
  private final Warehouse warehouse;

  public TestPipeline(Path root) {
    this(root, Map.of());
  }

  public TestPipeline(Path root, Map<String, String> overrides) {
    this.config = TestConfigs.local(root, overrides);
    this.warehouse = new Warehouse(SharedSpark.get(), config.warehouse());
  }

  public LakehouseConfig config() {
    return config;
  }

  public Warehouse warehouse() {
    return warehouse;
  }

  /** Generates a small world: {@code influencers} x {@code days}, with the given story. */
  public GenerationReport generate(int influencers, int days, Story story) {
    SampleDataSettings s = SampleDataSettings.from(config).withStory(story);
    Scale scale = s.scale("tiny").withInfluencers(influencers).withDays(days);
    return SampleDataGenerator.generate(s, scale, config.objectives().baseCurrency(),
        Path.of(config.warehouse().landing()), Path.of(s.groundTruth()));
  }

  /** Generates one of the configured scales (tiny, small ...) with the configured story. */
  public GenerationReport generateScale(String scaleName) {
    SampleDataSettings s = SampleDataSettings.from(config);
    return SampleDataGenerator.generate(s, s.scale(scaleName), config.objectives().baseCurrency(),
        Path.of(config.warehouse().landing()), Path.of(s.groundTruth()));
  }

  /** The configured story with another defect rate and erasure share (duplicates and the rest as configured). */
  public Story story(double defectRate, double erasureShare) {
    Story d = SampleDataSettings.from(config).story();
    return new Story(d.inauthenticShare(), d.risingShare(), d.decliningShare(), d.analyticsConsentShare(),
        d.contentReuseConsentShare(), d.consentChangeShare(), erasureShare, defectRate, d.duplicateRate(),
        d.extraColumnRate(), d.emptyFiles());
  }

  /** Runs the whole nightly graph once over the dates. */
  public Map<String, JobResult> nightly(DateRange dates) {
    return run(JobGraph.nightly().inOrder(), dates);
  }

  /**
   * The nightly graph's bronze and silver jobs, in order: those that write or delete from bronze or silver
   * and write nothing in gold (ingest, erasure, conform, bronze expiry), without features, models or plans.
   */
  public static List<Job> bronzeAndSilverJobs() {
    return JobGraph.nightly().inOrder().stream()
        .filter(j -> j.writes().stream().noneMatch(t -> t.layer() == Layer.GOLD))
        .filter(j -> java.util.stream.Stream.concat(j.writes().stream(), j.deletesFrom().stream())
            .anyMatch(t -> t.layer() == Layer.BRONZE || t.layer() == Layer.SILVER))
        .toList();
  }

  public Map<String, JobResult> run(List<Job> jobs, DateRange dates) {
    return new JobRunner(warehouse, config, Clock.systemUTC(), TestConfigs.pseudonymiser()).runAll(jobs, dates);
  }

  /** The table's content checksum ({@link TableChecksum}), or "absent": equal fingerprints, equal tables. */
  public String fingerprint(TableDef table) {
    return warehouse.exists(table) ? TableChecksum.of(warehouse.read(table)) : "absent";
  }
}
