package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.JobGraph;
import picocli.CommandLine.Command;

/** {@code lakehouse tables}: every table in the registry with its grain, partitioning, path and producer. */
@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "List every warehouse table: grain, key, partitioning, location and producing job.")
final class TablesCommand extends LakehouseCommand {
  @Override
  int execute() {
    JobGraph graph = JobGraph.nightly();
    for (TableDef t : Tables.all()) {
      out().printf("%-36s %s%n", t.qualifiedName(), t.description());
      out().printf("    grain: %s; key: %s; partitioned by: %s%n", t.grain(), String.join(", ", t.key()),
          t.partitionBy().isEmpty() ? "-" : String.join(", ", t.partitionBy()));
      out().printf("    at %s; produced by %s%n", config().warehouse().pathOf(t),
          graph.producersOf(t).isEmpty() ? "(not built yet)"
              : graph.producersOf(t).stream().map(j -> j.name()).collect(java.util.stream.Collectors.joining(", ")));
    }
    out().flush();
    return 0;
  }
}
