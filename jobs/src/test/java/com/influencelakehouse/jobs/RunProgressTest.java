package com.influencelakehouse.jobs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class RunProgressTest {
  private static final DateRange NIGHT = DateRange.of(LocalDate.parse("2026-08-23"));

  /** The clock the progress reads: moved by the test only. */
  private long nanos;
  private final List<String> lines = new ArrayList<>();

  private void at(double seconds) {
    nanos = (long) (seconds * 1e9);
  }

  private RunProgress progress(List<String> jobs, int parallelism, Map<String, Long> expectedMs) {
    return new RunProgress(jobs, parallelism, expectedMs, () -> nanos, lines::add);
  }

  private static JobResult took(long ms) {
    return new JobResult().addRowsIn(1200).addRowsOut(1100).addQuarantined(3).finishedIn(ms);
  }

  @Test
  void withPastDurationsTheEstimateIsWhatTheUnfinishedJobsTookLastTime() {
    at(0);
    RunProgress p = progress(List.of("a", "b", "c"), 1, Map.of("a", 10_000L, "b", 20_000L, "c", 30_000L));
    assertEquals("[0/3] elapsed 0:00, about 1:00 left", p.summary());

    p.started("a");
    at(12);
    p.succeeded("a", NIGHT, took(12_000));
    p.started("b");

    assertEquals(List.of(
        "[0/3] start a (running: a)",
        "[1/3] done  a                            2026-08-23  in 1,200  out 1,100  quarantined 3  12.0 s"
            + "  (elapsed 0:12, about 0:50 left)", // b + c = 20 s + 30 s
        "[1/3] start b (running: b)"), lines);
    // b has spent 5 of its 20 s: 15 s of b and 30 s of c remain.
    at(17);
    assertEquals("[1/3] elapsed 0:17, about 0:45 left  running: b", p.summary());
    // A job slower than last time counts as about to end, not as negative time.
    at(45);
    assertEquals("[1/3] elapsed 0:45, about 0:30 left  running: b", p.summary());
    p.close();
  }

  @Test
  void withoutPastDurationsTheEstimateWaitsForAFinishedJobThenUsesTheMean() {
    at(0);
    RunProgress p = progress(List.of("ingest_social", "ingest_campaigns", "conform"), 2, Map.of());
    p.started("ingest_social");
    p.started("ingest_campaigns");
    assertEquals("[0/3] start ingest_campaigns (running: ingest_social, ingest_campaigns)", lines.get(1));
    at(4);
    assertEquals("[0/3] elapsed 0:04, estimate unknown  running: ingest_social, ingest_campaigns", p.summary());

    at(10);
    p.succeeded("ingest_social", NIGHT, took(10_000));
    // Mean 10 s: ingest_campaigns has spent it all (0 s left), conform has 10 s; over 2 at a time, 5 s.
    assertTrue(lines.get(2).startsWith("[1/3] done  ingest_social "), lines.get(2));
    assertTrue(lines.get(2).endsWith("10.0 s  (elapsed 0:10, about 0:05 left)"), lines.get(2));
    assertEquals("[1/3] elapsed 0:10, about 0:05 left  running: ingest_campaigns", p.summary());
    p.close();
  }

  @Test
  void aFailureCountsAsFinishedAndSaysHowLongTheJobRan() {
    at(0);
    RunProgress p = progress(List.of("a", "b"), 1, Map.of("a", 1_000L, "b", 2_000L));
    p.started("a");
    at(3.5);
    p.failed("a", NIGHT);
    assertEquals("[1/2] FAILED a                           2026-08-23  after 3.5 s  (elapsed 0:03, about 0:02 left)",
        lines.get(1));
    assertEquals("[1/2] elapsed 0:03, about 0:02 left", p.summary());
    p.close();
  }

  @Test
  void countsArePaddedToTheTotalsWidth() {
    at(0);
    List<String> jobs = IntStream.range(0, 23).mapToObj(i -> "job" + i).toList();
    RunProgress p = progress(jobs, 4, Map.of());
    p.started("job0");
    assertEquals("[ 0/23] start job0 (running: job0)", lines.get(0));
    p.close();
  }

  @Test
  void eventsFromManyThreadsAtOnceAreAllCounted() throws InterruptedException {
    List<String> jobs = IntStream.range(0, 200).mapToObj(i -> "job" + i).toList();
    List<String> seen = Collections.synchronizedList(new ArrayList<>());
    RunProgress p = new RunProgress(jobs, 8, Map.of(), System::nanoTime, seen::add);
    ExecutorService pool = Executors.newFixedThreadPool(8);
    CountDownLatch go = new CountDownLatch(1);
    for (String job : jobs) {
      pool.submit(() -> {
        go.await();
        p.started(job);
        p.succeeded(job, NIGHT, took(1));
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertTrue(pool.awaitTermination(30, TimeUnit.SECONDS));

    assertEquals(400, seen.size());
    assertEquals(IntStream.rangeClosed(1, 200).boxed().toList(),
        seen.stream().filter(l -> l.contains("] done ")).map(l -> Integer.parseInt(l.substring(1, 4).trim())).toList());
    assertTrue(p.summary().startsWith("[200/200] elapsed "), p.summary());
    assertFalse(p.summary().contains("running"), p.summary());
    p.close();
  }

  @Test
  void aStatusLineOnlyOnATerminalThatCanDrawOneAndIsNotTurnedOff() {
    assertTrue(RunProgress.interactive(true, Map.of("TERM", "xterm-256color")));
    assertFalse(RunProgress.interactive(false, Map.of("TERM", "xterm-256color")));
    assertFalse(RunProgress.interactive(true, Map.of()));
    assertFalse(RunProgress.interactive(true, Map.of("TERM", "dumb")));
    assertFalse(RunProgress.interactive(true, Map.of("TERM", "xterm", "LAKEHOUSE_PROGRESS", "plain")));
  }

  @Test
  void timesReadAsMinutesAndSecondsThenHours() {
    assertEquals("0:00", RunProgress.clock(999));
    assertEquals("1:30", RunProgress.clock(90_000));
    assertEquals("1:02:05", RunProgress.clock(3_725_000));
  }
}
