package com.influencelakehouse.evaluation.testing;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.sampledata.GenerationReport;
import com.influencelakehouse.sampledata.SampleDataSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo's small scale (2 500 influencers, 60 days, dirty data and erasures included) generated and
 * run through the whole nightly pipeline as one backfill, once per test JVM, for the tests that judge
 * quality against the generator's ground truth. Built fresh under target/ on first use.
 */
public final class SmallScaleWarehouse {
  private static SmallScaleWarehouse instance;
  private final TestPipeline pipeline;
  private final GenerationReport generated;
  private final Map<String, JobResult> results;

  private SmallScaleWarehouse(Path root) {
    pipeline = new TestPipeline(root);
    generated = pipeline.generateScale("small");
    results = pipeline.nightly(dates());
  }

  /** The shared warehouse, built on first call. */
  public static synchronized SmallScaleWarehouse get() {
    if (instance == null) {
      Path root = Path.of("target", "small-scale-warehouse").toAbsolutePath();
      com.influencelakehouse.jobs.testing.TestWorld.delete(root);
      instance = new SmallScaleWarehouse(root);
    }
    return instance;
  }

  public TestPipeline pipeline() {
    return pipeline;
  }

  public GenerationReport generated() {
    return generated;
  }

  /** The job results of the backfill (durations, rows). */
  public Map<String, JobResult> results() {
    return results;
  }

  public DateRange dates() {
    return new DateRange(generated.firstDate(), generated.lastDate());
  }

  public Path groundTruth() {
    return Path.of(SampleDataSettings.from(pipeline.config()).groundTruth());
  }

}
