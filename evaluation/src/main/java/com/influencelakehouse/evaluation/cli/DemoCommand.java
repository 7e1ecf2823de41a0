package com.influencelakehouse.evaluation.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobRunner;
import com.influencelakehouse.jobs.cli.LakehouseCommand;
import com.influencelakehouse.jobs.cli.RunSummary;
import com.influencelakehouse.sampledata.GenerationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lakehouse demo}: sample data, then the whole pipeline over every generated day, on the local default. */
@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Generate sample data (small scale by default), run the whole nightly pipeline once over all "
        + "generated days on a fresh local warehouse, and print where the scored tables are.")
final class DemoCommand extends LakehouseCommand {
  @Mixin
  SampleDataRequest request;

  @Override
  protected int execute() {
    long t0 = System.nanoTime();
    LakehouseConfig config = config();
    if (!config.warehouse().isLocal()) {
      throw new IllegalArgumentException("the demo runs on a local warehouse; " + config.warehouse().root()
          + " is not local (use --env local)");
    }
    pseudonymiser();
    out().printf("Demo on a fresh local warehouse at %s%n", config.warehouse().root());
    clearDerivedLayers(config);
    GenerationReport generated = request.generate(config);
    out().println(generated.describe());
    out().flush();

    DateRange dates = new DateRange(generated.firstDate(), generated.lastDate());
    JobRunner runner = runner();
    Map<String, JobResult> results = runner.runAll(JobGraph.nightly().inOrder(), dates);
    RunSummary.print(out(), config, warehouse(), runner.runId(), dates, results);
    long q0 = System.nanoTime();
    // The plans of test briefs against the oracles' take minutes: bin/lakehouse quality judges them.
    QualityCommand.print(out(), warehouse(), pseudonymiser(), config, QualityCommand.groundTruth(config), false);
    long qualityMs = (System.nanoTime() - q0) / 1_000_000;

    out().println("Elapsed per stage:");
    out().printf("  %-28s %7.1f s%n", "generate sample data", generated.elapsedMs() / 1e3);
    results.forEach((job, r) -> out().printf("  %-28s %7.1f s%n", job, r.durationMs() / 1e3));
    out().printf("  %-28s %7.1f s%n", "models and decisions judged", qualityMs / 1e3);
    out().printf("  %-28s %7.1f s%n", "demo total", (System.nanoTime() - t0) / 1e9);
    out().flush();
    return 0;
  }

  /** Tables derived from earlier landing data would not match the new data: start each demo clean. */
  private void clearDerivedLayers(LakehouseConfig config) {
    WarehouseSettings w = config.warehouse();
    for (String dir : List.of(w.layerRoot(Layer.BRONZE), w.layerRoot(Layer.SILVER), w.layerRoot(Layer.GOLD),
        w.layerRoot(Layer.AUDIT), w.models())) {
      Path p = Path.of(dir);
      if (!Files.exists(p)) {
        continue;
      }
      try (Stream<Path> walk = Files.walk(p)) {
        for (Path f : walk.sorted(Comparator.reverseOrder()).toList()) {
          Files.delete(f);
        }
      } catch (IOException e) {
        throw new UncheckedIOException("cannot clear " + p, e);
      }
    }
  }
}
