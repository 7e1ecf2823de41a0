package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.jobs.JobGraph;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;

/** {@code lakehouse jobs}: the job graph, in run order, with what each job reads, writes and deletes from. */
@Command(name = "jobs", mixinStandardHelpOptions = true,
    description = "List the nightly jobs in run order with their dependencies, inputs and outputs.")
final class JobsCommand extends LakehouseCommand {
  @Override
  protected int execute() {
    JobGraph graph = JobGraph.nightly();
    if (graph.names().isEmpty()) {
      out().println("The job graph is empty.");
    }
    for (Job job : graph.inOrder()) {
      out().printf("%s%n  %s%n", job.name(), job.description());
      out().printf("  after:  %s%n", graph.upstreamOf(job.name()).isEmpty() ? "-"
          : String.join(", ", graph.upstreamOf(job.name())));
      if (!job.readsLanding().isEmpty()) {
        out().printf("  landing: %s%n",
            job.readsLanding().stream().map(LandingSource::path).collect(Collectors.joining(", ")));
      }
      out().printf("  reads:  %s%n", job.reads().isEmpty() ? "-"
          : job.reads().stream().map(TableDef::qualifiedName).collect(Collectors.joining(", ")));
      out().printf("  writes: %s%n", job.writes().isEmpty() ? "-"
          : job.writes().stream().map(TableDef::qualifiedName).collect(Collectors.joining(", ")));
      if (!job.deletesFrom().isEmpty()) {
        out().printf("  deletes from: %s%n",
            job.deletesFrom().stream().map(TableDef::qualifiedName).collect(Collectors.joining(", ")));
      }
    }
    out().flush();
    return 0;
  }
}
