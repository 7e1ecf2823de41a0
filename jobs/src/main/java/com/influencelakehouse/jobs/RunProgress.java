package com.influencelakehouse.jobs;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Tables;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** How far a run of jobs has got: jobs running, done of total, elapsed time and an estimate of what remains. */
public final class RunProgress implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunProgress.class);

  private final List<String> jobs;
  private final int parallelism;
  /** Each job's duration in its latest successful run (audit.run_log): the best guess of its next one. */
  private final Map<String, Long> expectedMs;
  private final LongSupplier nanoTime;
  private final Consumer<String> lines;
  /** Null off a terminal; there, start lines take its place, since nothing else shows what is running. */
  private final StatusLine status;
  private final String counter;
  private final long runStart;
  /** Running jobs and when each started, in start order. */
  private final Map<String, Long> running = new LinkedHashMap<>();
  private final Set<String> finished = new HashSet<>();
  /** Successes only feed the mean: a failure's time says little about how long the other jobs take. */
  private long succeededMs;
  private int succeeded;
  private ScheduledExecutorService ticker;
  private boolean closed;

  /**
   * Progress as plain lines, one per job start and one per job end, written to {@code lines}.
   *
   * @param expectedMs expected duration per job (ms), for the estimate; others get the mean of this run's finished jobs
   * @param nanoTime the clock: nanoseconds, as {@link System#nanoTime()}
   */
  public RunProgress(Collection<String> jobs, int parallelism, Map<String, Long> expectedMs, LongSupplier nanoTime,
      Consumer<String> lines) {
    this(jobs, parallelism, expectedMs, nanoTime, lines, null);
  }

  private RunProgress(Collection<String> jobs, int parallelism, Map<String, Long> expectedMs, LongSupplier nanoTime,
      Consumer<String> lines, StatusLine status) {
    this.jobs = List.copyOf(jobs);
    this.parallelism = Math.max(1, parallelism);
    this.expectedMs = Map.copyOf(expectedMs);
    this.nanoTime = nanoTime;
    this.lines = lines;
    this.status = status;
    int width = String.valueOf(this.jobs.size()).length();
    this.counter = "[%" + width + "d/" + this.jobs.size() + "]";
    this.runStart = nanoTime.getAsLong();
    if (status != null) {
      show();
      // Events can be minutes apart: a tick keeps the elapsed time moving.
      ticker = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "lakehouse-progress");
        t.setDaemon(true);
        return t;
      });
      ticker.scheduleAtFixedRate(this::refresh, 1, 1, TimeUnit.SECONDS);
    }
  }

  /**
   * Progress for a run of these jobs: a status line at the bottom of an interactive terminal (and a log line per
   * job end), else log lines. Expected durations come from {@code audit.run_log}, read once here.
   */
  public static RunProgress forRun(Warehouse warehouse, Collection<String> jobs, int parallelism) {
    Map<String, Long> expected = lastSucceededDurations(warehouse, jobs);
    Consumer<String> log = LOG::info;
    if (interactive(hasTerminal(), System.getenv())) {
      try {
        return new RunProgress(jobs, parallelism, expected, System::nanoTime, log, new StatusLine());
      } catch (Exception | LinkageError e) { // no usable terminal, or JLine missing from a cluster's classpath
        LOG.debug("no status line, plain progress lines instead: {}", e.toString());
      }
    }
    return new RunProgress(jobs, parallelism, expected, System::nanoTime, log);
  }

  /** A status line only where someone watches it: a terminal that can draw one, unless turned off. */
  static boolean interactive(boolean terminal, Map<String, String> env) {
    String term = env.get("TERM");
    return terminal && term != null && !term.isBlank() && !term.equals("dumb")
        && !"plain".equalsIgnoreCase(env.get("LAKEHOUSE_PROGRESS"));
  }

  private static boolean hasTerminal() {
    java.io.Console console = System.console();
    if (console == null) {
      return false;
    }
    // From Java 22 a console exists even when output is redirected; isTerminal() then tells.
    try {
      return (Boolean) java.io.Console.class.getMethod("isTerminal").invoke(console);
    } catch (ReflectiveOperationException e) {
      return true; // before Java 22, a console means a terminal
    }
  }

  /** Each job's duration (ms) in its most recent successful run, from one small aggregate query. */
  static Map<String, Long> lastSucceededDurations(Warehouse warehouse, Collection<String> jobs) {
    try {
      if (jobs.isEmpty() || !warehouse.exists(Tables.RUN_LOG)) {
        return Map.of();
      }
      Map<String, Long> last = new HashMap<>();
      for (Row r : warehouse.read(Tables.RUN_LOG)
          .where(functions.col("status").equalTo("SUCCEEDED").and(functions.col("job").isin(jobs.toArray())))
          .groupBy("job").agg(functions.max_by(functions.col("duration_ms"), functions.col("finished_at")))
          .collectAsList()) {
        last.put(r.getString(0), r.getLong(1));
      }
      return last;
    } catch (RuntimeException e) { // an estimate is not worth failing a run for
      LOG.debug("no past durations for the estimate: {}", e.toString());
      return Map.of();
    }
  }

  /** A job has started. */
  public synchronized void started(String job) {
    running.put(job, nanoTime.getAsLong());
    if (status == null) {
      lines.accept(String.format(Locale.ROOT, counter + " start %s (running: %s)", finished.size(), job,
          String.join(", ", running.keySet())));
    }
    show();
  }

  /** A job has succeeded: one line with its counts and duration, the run's elapsed time and estimate. */
  public synchronized void succeeded(String job, DateRange dates, JobResult result) {
    running.remove(job);
    finished.add(job);
    succeeded++;
    succeededMs += result.durationMs();
    lines.accept(String.format(Locale.ROOT, counter + " done  %-28s %s  in %,d  out %,d  quarantined %,d  %.1f s  (%s)",
        finished.size(), job, dates, result.rowsIn(), result.rowsOut(), result.rowsQuarantined(),
        result.durationMs() / 1e3, timing()));
    show();
  }

  /** A job was skipped, its inputs unchanged: one line saying why; it does not count towards the estimate. */
  public synchronized void skipped(String job, DateRange dates, String why) {
    running.remove(job);
    finished.add(job);
    lines.accept(String.format(Locale.ROOT, counter + " skip  %-28s %s  %s  (%s)", finished.size(), job, dates, why,
        timing()));
    show();
  }

  /** A job has failed (its error is reported by whoever catches it). */
  public synchronized void failed(String job, DateRange dates) {
    Long start = running.remove(job);
    finished.add(job);
    long ms = start == null ? 0 : (nanoTime.getAsLong() - start) / 1_000_000;
    lines.accept(String.format(Locale.ROOT, counter + " FAILED %-27s %s  after %.1f s  (%s)", finished.size(), job,
        dates, ms / 1e3, timing()));
    show();
  }

  /** What the status line shows: done of total, elapsed, estimate and the running jobs. */
  public synchronized String summary() {
    String now = String.format(Locale.ROOT, counter + " %s", finished.size(), timing());
    return running.isEmpty() ? now : now + "  running: " + String.join(", ", running.keySet());
  }

  /** The run has ended, well or not: clears the status line. Safe to call twice. */
  @Override
  public void close() {
    synchronized (this) {
      if (closed) {
        return;
      }
      closed = true;
    }
    if (ticker != null) {
      ticker.shutdownNow();
    }
    if (status != null) {
      synchronized (this) { // not while the ticker draws
        try {
          status.close();
        } catch (RuntimeException e) { // the run's own outcome matters more than the terminal's
          LOG.debug("clearing the status line: {}", e.toString());
        }
      }
    }
  }

  private String timing() {
    long now = nanoTime.getAsLong();
    OptionalLong left = remainingMs(now);
    return "elapsed " + clock((now - runStart) / 1_000_000)
        + (left.isPresent() ? ", about " + clock(left.getAsLong()) + " left" : ", estimate unknown");
  }

  /**
   * Sum of the unfinished jobs' expected durations, less what running ones have already spent, spread over the
   * parallelism; empty while some unfinished job has no basis (no past run and nothing finished yet).
   */
  private OptionalLong remainingMs(long now) {
    long sum = 0;
    for (String job : jobs) {
      if (finished.contains(job)) {
        continue;
      }
      Long expected = expectedMs.get(job);
      if (expected == null) {
        if (succeeded == 0) {
          return OptionalLong.empty();
        }
        expected = succeededMs / succeeded;
      }
      Long start = running.get(job);
      sum += start == null ? expected : Math.max(0, expected - (now - start) / 1_000_000);
    }
    return OptionalLong.of(sum / parallelism);
  }

  /** m:ss, or h:mm:ss from an hour. */
  static String clock(long ms) {
    long s = ms / 1000;
    return s >= 3600 ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  private void show() {
    if (status != null && !closed) {
      try {
        status.show(summary());
      } catch (RuntimeException e) { // a broken terminal must not break the run
        LOG.debug("status line failed: {}", e.toString());
      }
    }
  }

  private synchronized void refresh() {
    show();
  }

  /**
   * The line at the bottom of the terminal (JLine). Only this class names JLine, so a classpath without it (a
   * cluster's) fails in {@link #forRun} and gets plain lines.
   */
  private static final class StatusLine {
    private final org.jline.terminal.Terminal terminal;
    private final org.jline.utils.Status status;
    private org.jline.terminal.Size size;

    StatusLine() throws java.io.IOException {
      // No native signal handlers: JLine's default would make Ctrl-C kill the JVM without its shutdown hooks.
      terminal = org.jline.terminal.TerminalBuilder.builder().system(true).dumb(false).nativeSignals(false).build();
      // Checked before creating the Status, which the terminal would otherwise close (and fail on) with it.
      org.jline.utils.Status created = canDraw(terminal) ? org.jline.utils.Status.getStatus(terminal) : null;
      if (created == null) {
        terminal.close();
        throw new IllegalStateException("terminal " + terminal.getType() + " cannot keep a status line");
      }
      status = created;
    }

    /** What Status needs; without it Status draws nothing, and plain lines serve better. */
    private static boolean canDraw(org.jline.terminal.Terminal t) {
      org.jline.terminal.Size s = t.getSize();
      for (org.jline.utils.InfoCmp.Capability c : List.of(org.jline.utils.InfoCmp.Capability.change_scroll_region,
          org.jline.utils.InfoCmp.Capability.save_cursor, org.jline.utils.InfoCmp.Capability.restore_cursor,
          org.jline.utils.InfoCmp.Capability.cursor_address)) {
        if (t.getStringCapability(c) == null) {
          return false;
        }
      }
      return s.getRows() > 1 && s.getColumns() > 1;
    }

    void show(String text) {
      // Without native signals there is no resize event: look at the size on every update instead.
      org.jline.terminal.Size now = terminal.getSize();
      if (!now.equals(size)) {
        size = now;
        status.resize(now);
      }
      int width = Math.max(1, now.getColumns() - 1);
      List<org.jline.utils.AttributedString> shown = new ArrayList<>();
      shown.add(new org.jline.utils.AttributedString(text.length() > width ? text.substring(0, width) : text));
      status.update(shown);
      // Status leaves its cursor restore buffered: flushed now, or log lines would print on the status row.
      terminal.flush();
    }

    void close() {
      try {
        status.hide();
        terminal.flush();
      } finally {
        try {
          terminal.close(); // also resets the scroll region Status set
        } catch (java.io.IOException e) {
          LOG.debug("closing the terminal: {}", e.toString());
        }
      }
    }
  }
}
