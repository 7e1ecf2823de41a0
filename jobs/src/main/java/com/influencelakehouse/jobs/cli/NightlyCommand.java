package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code lakehouse nightly --date D}: every job in dependency order, each once over the dates. */
@Command(name = "nightly", mixinStandardHelpOptions = true,
    description = "Run the whole nightly pipeline for a date, or for a backfill range with each job run once over "
        + "the whole range.")
final class NightlyCommand extends LakehouseCommand {
  @Mixin
  DateOptions dates;

  @Option(names = "--dry-run", description = "Validate the arguments and configuration, print the plan, run nothing.")
  boolean dryRun;

  @Override
  protected int execute() {
    DateRange range = dates.range();
    JobGraph graph = JobGraph.nightly();
    config();
    pseudonymiser(); // a missing key stops the run here, dry or not
    if (dryRun) {
      out().printf("would run %d jobs for %s (env %s): %s%n", graph.names().size(), range, config().env(),
          String.join(" -> ", graph.names()));
      return 0;
    }
    requireLandingZone();
    JobRunner runner = runner();
    RunSummary.print(out(), config(), warehouse(), runner.runId(), range, runner.runAll(graph.inOrder(), range));
    return 0;
  }
}
