package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.jobs.bench.DecisionQuality;
import com.influencelakehouse.jobs.bench.ModelQuality;
import com.influencelakehouse.jobs.bench.PlanQuality;
import com.influencelakehouse.jobs.planning.PlanCampaignsJob;
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
  int execute() {
    print(this, config(), true);
    return 0;
  }

  /** Prints model quality and decision quality, each with the seconds it took. */
  static void print(LakehouseCommand c, LakehouseConfig config, boolean withPlans) {
    Path truth = Path.of(config.sampleData().groundTruth());
    if (!Files.isDirectory(truth)) {
      throw new IllegalArgumentException("no ground truth at " + truth + " (lakehouse.sample-data.ground-truth): "
          + "quality is judged only on a warehouse made from generated sample data");
    }
    long t0 = System.nanoTime();
    c.out().println("Models against the generator's truth (ground truth no job reads; see docs/models.md):");
    c.out().println("  " + ModelQuality.evaluate(c.warehouse(), truth, config.features().deliveryLagDays())
        .toString().replace("\n", "\n  "));
    long t1 = System.nanoTime();
    c.out().println("Decisions against the generator's truth (docs/models.md, \"Decisions against the truth\"):");
    c.out().println("  " + DecisionQuality.evaluate(c.warehouse(), truth, c.pseudonymiser(),
        config.objectives().recommendation(), config.features().deliveryLagDays()).toString().replace("\n", "\n  "));
    if (withPlans && PlanCampaignsJob.champions(c.warehouse()).isPresent()) {
      c.out().print(PlanQuality.evaluate(c.warehouse(), truth, c.pseudonymiser(), config.objectives().recommendation(),
          config.features().authenticityThreshold(), DecisionQuality.latestScoreDate(c.warehouse()),
          config.features().deliveryLagDays()).report());
    }
    long t2 = System.nanoTime();
    c.out().printf(Locale.ROOT, "  (models judged in %.1f s, decisions in %.1f s)%n", (t1 - t0) / 1e9, (t2 - t1) / 1e9);
    c.out().flush();
  }
}
