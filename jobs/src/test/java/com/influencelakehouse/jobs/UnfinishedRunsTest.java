package com.influencelakehouse.jobs;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileSystem;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A run that died before it ended holds back every later run that does not redo it, and only those. */
@Tag("unit")
class UnfinishedRunsTest {
  private static final Set<String> NIGHTLY = Set.of("ingest_social", "conform_posts", "build_features");
  private static final DateRange KILLED = new DateRange(LocalDate.parse("2026-08-03"), LocalDate.parse("2026-08-22"));
  private static final DateRange NEXT = DateRange.of(LocalDate.parse("2026-08-23"));

  @TempDir
  Path root;

  private UnfinishedRuns runs() throws Exception {
    return new UnfinishedRuns(FileSystem.getLocal(new Configuration()),
        new org.apache.hadoop.fs.Path(root.toUri()));
  }

  @Test
  void theNextNightIsRefusedNamingTheKilledRunAndTheCommandThatRedoesIt() throws Exception {
    UnfinishedRuns u = runs();
    u.started("killed-run", KILLED, NIGHTLY, Instant.parse("2026-08-23T02:00:00Z")); // never ended: SIGKILL

    JobFailedException e = assertThrows(JobFailedException.class,
        () -> u.requireCovered("next-run", NEXT, NIGHTLY, NIGHTLY));
    assertTrue(e.getMessage().contains("run killed-run (the nightly graph for " + KILLED), e.getMessage());
    assertTrue(e.getMessage().contains("`bin/lakehouse nightly --from 2026-08-03 --to 2026-08-22`"), e.getMessage());
    // A part of the graph, or part of the dates, does not redo it either.
    assertThrows(JobFailedException.class, () -> u.requireCovered("r", KILLED, Set.of("ingest_social"), NIGHTLY));
    assertThrows(JobFailedException.class, () -> u.requireCovered("r",
        new DateRange(LocalDate.parse("2026-08-04"), LocalDate.parse("2026-08-23")), NIGHTLY, NIGHTLY));
  }

  @Test
  void aRunCoveringTheKilledDatesAndJobsMayRunAndItsSuccessClearsTheMarker() throws Exception {
    UnfinishedRuns u = runs();
    u.started("killed-run", KILLED, Set.of("conform_posts"), Instant.now());
    DateRange both = new DateRange(KILLED.from(), NEXT.to());

    assertDoesNotThrow(() -> u.requireCovered("rerun", both, NIGHTLY, NIGHTLY));
    u.started("rerun", both, NIGHTLY, Instant.now());
    assertEquals(2, u.markers().size());
    u.ended("rerun", both, NIGHTLY, false); // a failed re-run redoes nothing: the killed run's marker stays
    assertEquals(List.of("killed-run"), u.markers().stream().map(UnfinishedRuns.Marker::runId).toList());
    u.started("rerun2", both, NIGHTLY, Instant.now());
    u.ended("rerun2", both, NIGHTLY, true);
    assertEquals(List.of(), u.markers());
    assertDoesNotThrow(() -> u.requireCovered("next-run", NEXT, NIGHTLY, NIGHTLY));
  }

  @Test
  void aMarkerCutShortByTheKillHoldsNothingBack() throws Exception {
    Files.createDirectories(root.resolve(UnfinishedRuns.FOLDER));
    Files.writeString(root.resolve(UnfinishedRuns.FOLDER).resolve("cut-run"), "run_id=cut-run\nfrom=2026-0");
    UnfinishedRuns u = runs();
    assertDoesNotThrow(() -> u.requireCovered("next-run", NEXT, NIGHTLY, NIGHTLY));
    u.ended("next-run", NEXT, NIGHTLY, true);
    assertEquals(List.of(), u.markers());
  }
}
