package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code lakehouse run JOB --date D}: one job for a date or a range. */
@Command(name = "run", mixinStandardHelpOptions = true,
    description = "Run one job for a date (or once over a backfill range). `lakehouse jobs` lists the jobs.")
final class RunCommand extends LakehouseCommand {
  @Parameters(index = "0", paramLabel = "JOB", description = "Job name, e.g. ingest_social.")
  String jobName;

  @Mixin
  DateOptions dates;

  @Option(names = "--dry-run", description = "Validate the arguments and configuration, print the plan, run nothing.")
  boolean dryRun;

  @Override
  protected int execute() {
    JobGraph graph = JobGraph.nightly();
    Job job = graph.job(jobName).orElseThrow(() -> new ParameterException(spec.commandLine(),
        "unknown job '" + jobName + "'; the jobs are: " + String.join(", ", graph.names())));
    DateRange range = dates.range();
    config();
    pseudonymiser(); // a missing key stops the run here, dry or not
    if (dryRun) {
      out().printf("would run %s for %s (env %s)%n", job.name(), range, config().env());
      return 0;
    }
    requireLandingZone();
    JobRunner runner = runner();
    RunSummary.print(out(), config(), warehouse(), runner.runId(), range, runner.runAll(List.of(job), range));
    return 0;
  }
}
