package com.influencelakehouse.evaluation.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.evaluation.bench.DecisionQuality;
import com.influencelakehouse.evaluation.bench.ModelQuality;
import com.influencelakehouse.evaluation.bench.PlanQuality;
import com.influencelakehouse.jobs.cli.LakehouseCommand;
import com.influencelakehouse.jobs.planning.PlanCampaignsJob;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import picocli.CommandLine.Command;

/**
 * {@code lakehouse quality}: the models and the decisions of a warehouse built from sample data, against the
 * generator's truth (what the demo prints at its end, for a warehouse that already ran).
 */
@Command(name = "quality", mixinStandardHelpOptions = true,
    description = "Judge the latest models and the latest scored recommendations against the sample-data "
        + "generator's ground truth (only for a warehouse made from generated sample data).")
final class QualityCommand extends LakehouseCommand {
  @Override
  protected int execute() {
    Path truth = groundTruth(config()); // before Spark starts: no truth, no session
    print(out(), warehouse(), pseudonymiser(), config(), truth, true);
    return 0;
  }

  /** The generator's ground truth directory of this configuration, which must exist. */
  static Path groundTruth(LakehouseConfig config) {
    Path truth = Path.of(config.sampleData().groundTruth());
    if (!Files.isDirectory(truth)) {
      throw new IllegalArgumentException("no ground truth at " + truth + " (lakehouse.sample-data.ground-truth): "
          + "quality is judged only on a warehouse made from generated sample data");
    }
    return truth;
  }

  /** Prints model quality and decision quality, each with the seconds it took. */
  static void print(PrintWriter out, Warehouse warehouse, Pseudonymiser pseudonymiser, LakehouseConfig config,
      Path truth, boolean withPlans) {
    long t0 = System.nanoTime();
    out.println("Models against the generator's truth (ground truth no job reads; see docs/models.md):");
    out.println("  " + ModelQuality.evaluate(warehouse, truth, config.features().deliveryLagDays())
        .toString().replace("\n", "\n  "));
    long t1 = System.nanoTime();
    out.println("Decisions against the generator's truth (docs/models.md, \"Decisions against the truth\"):");
    out.println("  " + DecisionQuality.evaluate(warehouse, truth, pseudonymiser,
        config.objectives().recommendation(), config.features().deliveryLagDays()).toString().replace("\n", "\n  "));
    if (withPlans && PlanCampaignsJob.champions(warehouse).isPresent()) {
      out.print(PlanQuality.evaluate(warehouse, truth, pseudonymiser, config.objectives().recommendation(),
          config.features().authenticityThreshold(), DecisionQuality.latestScoreDate(warehouse),
          config.features().deliveryLagDays()).report());
    }
    long t2 = System.nanoTime();
    out.printf(Locale.ROOT, "  (models judged in %.1f s, decisions in %.1f s)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    out.flush();
  }
}
