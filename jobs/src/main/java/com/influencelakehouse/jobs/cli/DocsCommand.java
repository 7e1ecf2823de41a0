package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobGraphJson;
import com.influencelakehouse.jobs.docs.CatalogDocs;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakehouse docs}: regenerates the registry-derived blocks of docs/. */
@Command(name = "docs", mixinStandardHelpOptions = true,
    description = "Regenerate the parts of docs/ that come from the table registry (data contracts, table catalog) "
        + "and airflow-dags/job_graph.json.")
final class DocsCommand extends LakehouseCommand {
  @Option(names = "--root", paramLabel = "DIR", defaultValue = ".", description = "Checkout root (default: .).")
  Path root;

  @Override
  protected int execute() {
    List<String> changed = new java.util.ArrayList<>(CatalogDocs.write(root, JobGraph.nightly()));
    // The orchestrator's copy of the job graph (the Airflow DAG builds its tasks from it).
    Path graphFile = root.resolve(JobGraphJson.FILE);
    String graph = JobGraphJson.render(JobGraph.nightly());
    try {
      if (!java.nio.file.Files.exists(graphFile) || !java.nio.file.Files.readString(graphFile).equals(graph)) {
        java.nio.file.Files.writeString(graphFile, graph);
        changed.add(JobGraphJson.FILE);
      }
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException("cannot write " + graphFile, e);
    }
    out().println(changed.isEmpty() ? "docs are up to date" : "updated " + String.join(", ", changed));
    out().flush();
    return 0;
  }
}
