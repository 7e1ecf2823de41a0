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
 * 1 a job failed, 2 bad arguments or configuration. The sample-data commands (demo, generate, quality)
 * are added by the evaluation module's {@code EvaluationCli}, outside the job jar.
 */
@Command(name = "lakehouse", mixinStandardHelpOptions = true, version = "Influence Lakehouse 0.1.0",
    description = "Nightly Spark jobs turning influencer-marketing data into a Delta Lake warehouse, models and "
        + "scored tables.",
    subcommands = {NightlyCommand.class, RunCommand.class, JobsCommand.class, TablesCommand.class, SqlCommand.class,
        DocsCommand.class, UnlockCommand.class, CommandLine.HelpCommand.class})
public final class LakehouseCli implements Runnable {
  /** Written to the log file only (conf/log4j2.properties): the console shows the one FAILED line. */
  private static final Logger FILE_LOG = LoggerFactory.getLogger("lakehouse.failures");
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
        FILE_LOG.error("{} failed: {}", cmd.getCommandName(), e.getMessage(), e);
        cmd.getErr().println(cmd.getColorScheme().errorText("FAILED: " + e.getMessage()));
        return JOB_FAILED;
      }
      // Anything else (a read-only or full disk, a missing file, an unreachable store, or a defect): one
      // line naming what failed and why; the stack trace goes to the log file only.
      FILE_LOG.error("{} failed: {}", cmd.getCommandName(), describe(e), e);
      cmd.getErr().println(cmd.getColorScheme().errorText("FAILED: " + describe(e)
          + " (the stack trace is in " + LOG_FILE_HINT + ")"));
      return JOB_FAILED;
    });
    return cli;
  }

  /** Where conf/log4j2.properties writes the log file (bin/lakehouse runs in the checkout). */
  static final String LOG_FILE_HINT = System.getProperty("log.lakehouse.file", "logs/lakehouse.log");

  /**
   * An exception and its causes as one line: each distinct message once, with the exception's
   * simple name where the message alone says little ({@code NoSuchFileException: queries.sql}).
   */
  static String describe(Throwable e) {
    java.util.LinkedHashSet<String> parts = new java.util.LinkedHashSet<>();
    for (Throwable t = e; t != null && parts.size() < 4; t = t.getCause() == t ? null : t.getCause()) {
      String m = t.getMessage() == null ? "" : t.getMessage().strip();
      int nl = m.indexOf('\n');
      m = nl < 0 ? m : m.substring(0, nl);
      String name = t.getClass().getSimpleName();
      String part = m.isEmpty() ? name : m.contains(" ") && !(t instanceof java.nio.file.FileSystemException) ? m
          : name + ": " + m;
      if (parts.stream().noneMatch(p -> p.contains(part))) {
        parts.add(part);
      }
    }
    return String.join(": ", parts);
  }

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }
}
