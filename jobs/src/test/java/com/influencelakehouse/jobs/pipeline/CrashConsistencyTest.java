package com.influencelakehouse.jobs.pipeline;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.jobs.bench.CrashMatrix;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.sampledata.GenerationReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A nightly JVM killed with SIGKILL, then run again with the same command, leaves every table as a
 * clean run leaves it (the run's own history aside): at two points here, during ingest and during
 * model training; {@code bin/bench crash} kills at a point per job.
 */
@Tag("pipeline")
class CrashConsistencyTest {
  @TempDir
  Path root;

  @Test
  void aRunKilledDuringIngestOrTrainingAndRunAgainLeavesTheTablesOfACleanRun() {
    TestPipeline p = new TestPipeline(root.resolve("generated"));
    GenerationReport g = p.generate(60, 10, p.story(0.02, 0));
    CrashMatrix matrix = new CrashMatrix(root.resolve("runs"), Path.of(p.config().warehouse().landing()),
        List.of("nightly", "--from", g.firstDate().toString(), "--to", g.lastDate().toString(),
            "-Dlakehouse.models.min-examples=50")); // enough to train at this scale
    Map<String, String> clean = matrix.clean();
    assertTrue(clean.size() >= 30, "tables compared: " + clean.keySet());
    for (CrashMatrix.Point point : List.of(CrashMatrix.Point.afterStartOf("ingest_social", 1_500),
        CrashMatrix.Point.afterStartOf("train_posting_model", 1_500))) {
      CrashMatrix.Outcome o = matrix.kill(point, clean, null, List.of());
      System.out.printf("crash at %s: jobs in flight %s; re-run exit %d in %.0f s; differing %s%n", point.label(),
          o.inFlight(), o.rerunExit(), o.rerunSeconds(), o.differing());
      assertTrue(o.killed(), point.label() + ": the run ended before the kill; in flight " + o.inFlight());
      assertTrue(o.equal(), point.label() + ": re-run exit " + o.rerunExit() + ", differing tables "
          + o.differing() + "\n" + o.rerunTail());
    }
  }
}
