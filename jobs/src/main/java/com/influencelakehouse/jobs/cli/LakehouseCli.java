package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.jobs.JobFailedException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * The command-line entry point (local launcher, spark-submit and Airflow alike). Exit codes: 0 done,
 * 1 a job failed, 2 bad arguments or configuration.
 */
@Command(name = "lakehouse", mixinStandardHelpOptions = true, version = "Influence Lakehouse 0.1.0",
    description = "Nightly Spark jobs turning influencer-marketing data into a Delta Lake warehouse, models and "
        + "scored tables.",
    subcommands = {NightlyCommand.class, RunCommand.class, JobsCommand.class, TablesCommand.class, SqlCommand.class,
        GenerateCommand.class, DemoCommand.class, QualityCommand.class, DocsCommand.class, UnlockCommand.class,
        CommandLine.HelpCommand.class})
public final class LakehouseCli implements Runnable {
  private static final Logger LOG = LoggerFactory.getLogger(LakehouseCli.class);
  static final int JOB_FAILED = 1;
  static final int BAD_INPUT = 2;

  @Spec
  CommandSpec spec;

  @Override
  public void run() {
    throw new ParameterException(spec.commandLine(), "a subcommand is required");
  }

  /** The configured command line: clean one-line errors for expected failures, stack traces only for bugs. */
  public static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new LakehouseCli());
    cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
      if (e instanceof ConfigError || e instanceof IllegalArgumentException) {
        cmd.getErr().println(cmd.getColorScheme().errorText("error: " + e.getMessage()));
        return BAD_INPUT;
      }
      if (e instanceof JobFailedException) {
        LOG.debug("job failure", e);
        cmd.getErr().println(cmd.getColorScheme().errorText("FAILED: " + e.getMessage()));
        return JOB_FAILED;
      }
      throw e;
    });
    return cli;
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
