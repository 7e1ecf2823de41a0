package com.influencelakehouse.evaluation.cli;

import com.influencelakehouse.jobs.cli.LakehouseCli;
import picocli.CommandLine;

/**
 * The local command line (bin/lakehouse, bin/demo): the job jar's commands plus the ones that need the
 * sample-data generator and its ground truth (demo, generate, quality), which the job jar does not carry.
 */
public final class EvaluationCli {
  private EvaluationCli() {}

  /** {@link LakehouseCli#commandLine()} with demo, generate and quality added: same options, errors and exit codes. */
  public static CommandLine commandLine() {
    CommandLine cli = LakehouseCli.commandLine();
    // help stays last in the listing
    CommandLine help = cli.getCommandSpec().removeSubcommand("help");
    cli.addSubcommand(new GenerateCommand());
    cli.addSubcommand(new DemoCommand());
    cli.addSubcommand(new QualityCommand());
    cli.addSubcommand(help);
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
