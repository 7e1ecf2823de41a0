package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.docs.CatalogDocs;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakehouse docs}: regenerates the registry-derived blocks of docs/. */
@Command(name = "docs", mixinStandardHelpOptions = true,
    description = "Regenerate the parts of docs/ that come from the table registry (data contracts, table catalog).")
final class DocsCommand extends LakehouseCommand {
  @Option(names = "--root", paramLabel = "DIR", defaultValue = ".", description = "Checkout root (default: .).")
  Path root;

  @Override
  int execute() {
    List<String> changed = CatalogDocs.write(root, JobGraph.nightly());
    out().println(changed.isEmpty() ? "docs are up to date" : "updated " + String.join(", ", changed));
    out().flush();
    return 0;
  }
}
