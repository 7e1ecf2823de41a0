package com.influencelakehouse.jobs;

import com.influencelakehouse.common.io.RunLock;
import com.influencelakehouse.common.job.DateRange;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.hadoop.fs.FSDataInputStream;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * Runs that died before they ended (SIGKILL, power loss, an evicted pod): each run leaves a marker
 * under {@code <root>/_unfinished_runs/} when it starts and removes it when it ends, failed or not, so a
 * marker left behind names a run that never ended. Until a run covering its dates and jobs succeeds,
 * another run is refused: a later night run before the killed one is redone would read a history with
 * a hole (posts a killed night never conformed make the next night's insights unknown) and re-running
 * the killed night afterwards would not mend the later one. The crash matrix found exactly that.
 */
public final class UnfinishedRuns {
  static final String FOLDER = "_unfinished_runs";

  /** A run as its marker records it. */
  record Marker(String runId, DateRange dates, Set<String> jobs, String host, String pid, Instant started) {
    boolean coveredBy(DateRange other, Set<String> otherJobs) {
      return jobs.isEmpty() || !other.from().isAfter(dates.from()) && !other.to().isBefore(dates.to()) && otherJobs.containsAll(jobs);
    }

    String describe(Set<String> nightly) {
      String what = jobs.equals(nightly) ? "the nightly graph" : "jobs " + String.join(", ", jobs);
      return "run " + runId + " (" + what + " for " + dates + ", started " + started + " by process " + pid + " on "
          + host + ")";
    }

    String command(Set<String> nightly) {
      String range = dates.from().equals(dates.to()) ? "--date " + dates.from()
          : "--from " + dates.from() + " --to " + dates.to();
      return jobs.equals(nightly) ? "bin/lakehouse nightly " + range
          : "bin/lakehouse run " + String.join(" ", jobs) + " " + range;
    }
  }

  private final FileSystem fs;
  private final Path folder;

  UnfinishedRuns(FileSystem fs, Path root) {
    this.fs = fs;
    this.folder = new Path(root, FOLDER);
  }

  /**
   * Fails, naming the runs and the command that redoes them, when a run that never ended is not covered
   * by this one (its dates within this run's, its jobs among this run's).
   */
  void requireCovered(String runId, DateRange dates, Set<String> jobs, Set<String> nightly) {
    List<String> behind = new ArrayList<>();
    for (Marker m : markers()) {
      if (!m.runId().equals(runId) && !m.coveredBy(dates, jobs)) {
        behind.add(m.describe(nightly) + ": run `" + m.command(nightly) + "`");
      }
    }
    if (!behind.isEmpty()) {
      throw new JobFailedException("an earlier run never ended (killed?) and this run does not redo it: "
          + String.join("; ", behind) + " first, or run a range and jobs that include it. To go on without it, "
          + "delete its marker in " + folder + " (its dates then keep whatever it left half-written).", null);
    }
  }

  /** Leaves this run's marker: if the process dies before {@link #ended}, the marker stays. */
  void started(String runId, DateRange dates, Set<String> jobs, Instant now) {
    String text = "run_id=" + runId + "\nfrom=" + dates.from() + "\nto=" + dates.to() + "\njobs="
        + String.join(",", new TreeSet<>(jobs)) + "\nhost=" + RunLock.host() + "\npid="
        + ProcessHandle.current().pid() + "\nstarted=" + now + "\n";
    try {
      fs.mkdirs(folder);
      try (FSDataOutputStream out = fs.create(new Path(folder, runId), true)) {
        out.write(text.getBytes(StandardCharsets.UTF_8));
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the run marker in " + folder, e);
    }
  }

  /** This run ended: its marker goes, and on success so do the markers of the runs it redid. */
  void ended(String runId, DateRange dates, Set<String> jobs, boolean succeeded) {
    try {
      for (Marker m : markers()) {
        if (m.runId().equals(runId) || succeeded && m.coveredBy(dates, jobs)) {
          fs.delete(new Path(folder, m.runId()), false);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot remove a run marker in " + folder, e);
    }
  }

  /** The markers present: runs that have not ended (this one included while it runs). */
  List<Marker> markers() {
    List<Marker> out = new ArrayList<>();
    try {
      if (!fs.exists(folder)) {
        return out;
      }
      for (FileStatus f : fs.listStatus(folder)) {
        if (f.isFile() && !f.getPath().getName().startsWith(".")) {
          out.add(parse(f.getPath()));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the run markers in " + folder, e);
    }
    return out;
  }

  private Marker parse(Path file) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (FSDataInputStream in = fs.open(file)) {
      in.transferTo(bytes);
    }
    Map<String, String> kv = new LinkedHashMap<>();
    for (String line : bytes.toString(StandardCharsets.UTF_8).split("\n")) {
      int eq = line.indexOf('=');
      if (eq > 0) {
        kv.put(line.substring(0, eq), line.substring(eq + 1));
      }
    }
    try {
      return new Marker(kv.get("run_id"), new DateRange(LocalDate.parse(kv.get("from")), LocalDate.parse(kv.get("to"))),
          new TreeSet<>(Arrays.asList(kv.get("jobs").split(","))), kv.get("host"), kv.get("pid"),
          Instant.parse(kv.get("started")));
    } catch (RuntimeException e) {
      // A kill while the marker was written leaves it cut short: the run had not started any job yet.
      return new Marker(file.getName(), DateRange.of(LocalDate.EPOCH), Set.of(), "?", "?", Instant.EPOCH);
    }
  }
}
