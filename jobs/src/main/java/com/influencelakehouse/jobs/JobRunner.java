package com.influencelakehouse.jobs;

import com.influencelakehouse.common.audit.RunLog;
import com.influencelakehouse.common.audit.RunRecord;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.RunLock;
import com.influencelakehouse.common.io.TableCatalog;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.apache.hadoop.fs.FileSystem;

/**
 * Runs jobs for a date range: times each one, tags its Delta commits with the run, and appends one
 * row per job to {@code audit.run_log}, failures included. Progress (one line per job end) goes
 * through {@link RunProgress}.
 */
public final class JobRunner {
  private static final org.slf4j.Logger LOG = org.slf4j.LoggerFactory.getLogger(JobRunner.class);
  /** Delta stores this session setting in every commit's userMetadata: which run and job wrote it. */
  static final String COMMIT_METADATA = "spark.databricks.delta.commitInfo.userMetadata";

  private final Warehouse warehouse;
  private final LakehouseConfig config;
  private final Clock clock;
  private final Pseudonymiser pseudonymiser;
  private final String runId;

  public JobRunner(Warehouse warehouse, LakehouseConfig config, Clock clock, Pseudonymiser pseudonymiser) {
    this.warehouse = warehouse;
    this.config = config;
    this.clock = clock;
    this.pseudonymiser = pseudonymiser;
    this.runId = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC).format(clock.instant())
        + "-" + UUID.randomUUID().toString().substring(0, 8);
  }

  public String runId() {
    return runId;
  }

  /**
   * Runs the jobs, each once over the whole date range, in dependency order: a job starts when the
   * jobs it depends on (among these) have finished, up to {@code lakehouse.pipeline.parallelism} at
   * a time. After a failure no new job starts; the first failure is rethrown once running jobs end.
   *
   * @return each job's result, in the order the jobs were given
   */
  public Map<String, JobResult> runAll(List<Job> jobs, DateRange dates) {
    try (RunLock lock = lock()) {
      return untilEnded(jobs, dates, () -> runAllHoldingTheLock(jobs, dates));
    }
  }

  /**
   * Runs {@code body} with this run's marker in place ({@link UnfinishedRuns}): refused while an earlier
   * run that never ended is not redone by this one; the marker stays only if the process dies.
   */
  private <T> T untilEnded(List<Job> jobs, DateRange dates, java.util.function.Supplier<T> body) {
    UnfinishedRuns unfinished = unfinishedRuns();
    Set<String> names = new java.util.TreeSet<>(jobs.stream().map(Job::name).toList());
    Set<String> nightly = new java.util.TreeSet<>(JobGraph.nightly().inOrder().stream().map(Job::name).toList());
    unfinished.requireCovered(runId, dates, names, nightly);
    unfinished.started(runId, dates, names, clock.instant());
    boolean succeeded = false;
    try {
      T out = body.get();
      succeeded = true;
      return out;
    } finally {
      unfinished.ended(runId, dates, names, succeeded);
    }
  }

  private UnfinishedRuns unfinishedRuns() {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(config.warehouse().root());
    try {
      return new UnfinishedRuns(warehouseFileSystem(root), root);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot reach the warehouse root " + root, e);
    }
  }

  /** The file system the warehouse root lives on (local, s3a ...), as Spark's Hadoop settings reach it. */
  private FileSystem warehouseFileSystem(org.apache.hadoop.fs.Path root) throws java.io.IOException {
    return root.getFileSystem(warehouse.spark().sparkContext().hadoopConfiguration());
  }

  /**
   * The warehouse run lock for this run: one writing run per warehouse at a time, across processes
   * (Delta on S3 is safe only with a single writer per table; docs/deployment.md).
   */
  private RunLock lock() {
    org.apache.hadoop.fs.Path root = new org.apache.hadoop.fs.Path(config.warehouse().root());
    org.apache.hadoop.fs.Path file = new org.apache.hadoop.fs.Path(root, RunLock.FILE_NAME);
    try {
      FileSystem fs = warehouseFileSystem(root);
      fs.mkdirs(root);
      return RunLock.acquire(fs, file, runId, config.runLockLease(), config.runLockWait(), clock);
    } catch (RunLock.RunLockedException e) {
      throw new JobFailedException(e.getMessage(), e);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot reach the warehouse root " + root, e);
    }
  }

  private Map<String, JobResult> runAllHoldingTheLock(List<Job> jobs, DateRange dates) {
    Map<String, Set<String>> deps = JobGraph.dependenciesAmong(jobs);
    Map<String, JobResult> results = new ConcurrentHashMap<>();
    int parallelism = Math.max(1, Math.min(config.parallelism(), jobs.size()));
    ExecutorService pool = Executors.newFixedThreadPool(parallelism, r -> {
      Thread t = new Thread(r, "lakehouse-job");
      t.setDaemon(true);
      return t;
    });
    CompletionService<String> done = new ExecutorCompletionService<>(pool);
    Set<String> started = new HashSet<>();
    Set<String> finished = new HashSet<>();
    JobFailedException failure = null;
    UnchangedInputs unchanged = UnchangedInputs.load(warehouse, config, pseudonymiser, jobs, dates);
    try (RunProgress progress = RunProgress.forRun(warehouse, jobs.stream().map(Job::name).toList(), parallelism)) {
      int running = 0;
      while (true) {
        if (failure == null) {
          for (Job job : jobs) {
            if (running < parallelism && !started.contains(job.name())
                && finished.containsAll(deps.get(job.name()))) {
              started.add(job.name());
              running++;
              done.submit(() -> {
                results.put(job.name(), run(job, dates, warehouse.newSession(), progress, unchanged));
                return job.name();
              });
            }
          }
        }
        if (running == 0) {
          break;
        }
        try {
          finished.add(done.take().get());
        } catch (ExecutionException e) {
          if (failure == null) {
            failure = e.getCause() instanceof JobFailedException f ? f
                : new JobFailedException(String.valueOf(e.getCause()), e.getCause());
          }
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          throw new IllegalStateException("interrupted while running jobs", e);
        }
        running--;
      }
    } finally {
      pool.shutdownNow();
    }
    if (failure != null) {
      throw failure;
    }
    Map<String, JobResult> ordered = new LinkedHashMap<>();
    jobs.forEach(j -> ordered.put(j.name(), results.get(j.name())));
    // Analysts and notebooks query tables by name: keep the catalog in step with what was written.
    java.util.Set<TableDef> written = new java.util.LinkedHashSet<>();
    jobs.forEach(j -> written.addAll(j.writes()));
    written.add(Tables.RUN_LOG);
    TableCatalog.register(warehouse, written);
    return ordered;
  }

  /** Runs one job over the whole date range at once, holding the warehouse run lock. */
  public JobResult run(Job job, DateRange dates) {
    try (RunLock lock = lock(); RunProgress progress = RunProgress.forRun(warehouse, List.of(job.name()), 1)) {
      return untilEnded(List.of(job), dates, () -> run(job, dates, warehouse, progress,
          UnchangedInputs.load(warehouse, config, pseudonymiser, List.of(job), dates)));
    }
  }

  private JobResult run(Job job, DateRange dates, Warehouse warehouse, RunProgress progress,
      UnchangedInputs unchanged) {
    progress.started(job.name());
    Instant started = clock.instant();
    long t0 = System.nanoTime();
    // Taken before the job runs: what it is about to read.
    String digest = unchanged.digest(job, dates);
    Optional<String> skip = config.skipUnchanged() ? unchanged.whySkip(job, digest) : Optional.empty();
    if (skip.isPresent()) {
      JobResult result = new JobResult().skipped(skip.get());
      result.finishedIn((System.nanoTime() - t0) / 1_000_000);
      record(warehouse, job, dates, RunRecord.Status.SKIPPED, result, started, null, digest,
          unchanged.outputVersions(job));
      progress.skipped(job.name(), dates, skip.get());
      return result;
    }
    warehouse.spark().conf().set(COMMIT_METADATA, "run_id=" + runId + ";job=" + job.name() + ";dates=" + dates);
    warehouse.spark().sparkContext().setJobGroup(job.name(), job.name() + " " + dates, false);
    try {
      JobResult result = job.run(new JobContext(warehouse, config, dates, runId, clock, pseudonymiser));
      result.finishedIn((System.nanoTime() - t0) / 1_000_000);
      result.warnings().forEach(w -> LOG.warn("{}: {}", job.name(), w));
      record(warehouse, job, dates, RunRecord.Status.SUCCEEDED, result, started, null, digest,
          unchanged.outputVersions(job));
      progress.succeeded(job.name(), dates, result);
      return result;
    } catch (Exception e) { // Spark throws its checked SparkException from Scala code, undeclared
      String why = reason(e);
      try {
        record(warehouse, job, dates, RunRecord.Status.FAILED, new JobResult(), started, why, null, null);
      } catch (Exception logFailure) {
        e.addSuppressed(logFailure);
      }
      progress.failed(job.name(), dates);
      throw new JobFailedException("job " + job.name() + " failed for " + dates + ": " + why, e);
    } finally {
      warehouse.spark().conf().unset(COMMIT_METADATA);
      warehouse.spark().sparkContext().clearJobGroup();
    }
  }

  /**
   * The message worth showing: the project's own errors (a corrupt file, a failed blocking check)
   * arrive wrapped in Spark's task-failure exceptions; show theirs, not the wrapper's.
   */
  static String reason(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t.getClass().getName().startsWith("com.influencelakehouse.")) {
        return t.getMessage();
      }
    }
    // A task failure reaches the driver as text: "... com.influencelakehouse.X: message\n...".
    for (Throwable t = e; t != null; t = t.getCause()) {
      java.util.regex.Matcher m = PROJECT_ERROR.matcher(String.valueOf(t.getMessage()));
      if (m.find()) {
        return m.group(1);
      }
    }
    return e.getMessage() == null ? e.getClass().getName() : e.getMessage();
  }

  private static final java.util.regex.Pattern PROJECT_ERROR =
      java.util.regex.Pattern.compile("com\\.influencelakehouse\\.[\\w.$]+: ([^\\n]+)");

  private void record(Warehouse warehouse, Job job, DateRange dates, RunRecord.Status status, JobResult result,
      Instant started, String error, String inputsDigest, Map<String, Long> outputVersions) {
    RunLog.append(warehouse, new RunRecord(runId, job.name(), dates.from(), dates.to(), status, result.rowsIn(),
        result.rowsOut(), result.rowsQuarantined(), result.tableVersions(), started, clock.instant(), config.env(),
        config.objectivesJson(), error, inputsDigest, outputVersions));
  }
}
