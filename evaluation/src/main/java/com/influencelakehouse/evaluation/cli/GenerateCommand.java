package com.influencelakehouse.evaluation.cli;

import com.influencelakehouse.jobs.cli.LakehouseCommand;
import com.influencelakehouse.sampledata.GenerationReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code lakehouse generate}: realistic landing data with a known ground truth. */
@Command(name = "generate", mixinStandardHelpOptions = true,
    description = "Generate sample landing data for a scale into the configured landing zone, and its ground truth "
        + "beside it (the pipeline never reads the ground truth). Replaces earlier generated data.")
final class GenerateCommand extends LakehouseCommand {
  @Mixin
  SampleDataRequest request;

  @Override
  protected int execute() {
    GenerationReport report = request.generate(config());
    out().println(report.describe());
    out().flush();
    return 0;
  }
}
