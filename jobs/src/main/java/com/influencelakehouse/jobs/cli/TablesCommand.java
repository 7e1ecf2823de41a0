package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.io.TableChecksum;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.JobGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakehouse tables}: every table in the registry with its grain, partitioning, path and producer. */
@Command(name = "tables", mixinStandardHelpOptions = true,
    description = "List every warehouse table: grain, key, partitioning, location and producing job; "
        + "or (--checksums) each table's row count and content checksum.")
final class TablesCommand extends LakehouseCommand {
  @Option(names = "--checksums", description = "Instead, print each existing table's row count and content "
      + "checksum (order-independent; run times and ids left out): equal lines, equal tables, e.g. after a "
      + "migration or between a local and a cluster run.")
  boolean checksums;

  @Option(names = "--layer", paramLabel = "LAYER", description = "With --checksums: only this layer (bronze, silver, gold, audit).")
  String layer;

  @Override
  protected int execute() {
    if (checksums) {
      for (TableDef t : Tables.all()) {
        if ((layer == null || t.layer().name().equalsIgnoreCase(layer)) && warehouse().exists(t)) {
          out().printf("%-36s %s%n", t.qualifiedName(), TableChecksum.of(warehouse().read(t)));
        }
      }
      out().flush();
      return 0;
    }
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
