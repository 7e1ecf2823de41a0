package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.spark.SparkSessions;
import com.influencelakehouse.jobs.JobRunner;
import java.time.Clock;
import java.util.concurrent.Callable;
import org.apache.spark.sql.SparkSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/**
 * Base of the subcommands: loads and validates the configuration once, and creates the Spark
 * session only for the commands that touch the warehouse.
 */
abstract class LakehouseCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LakehouseCommand.class);

  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  private LakehouseConfig config;
  private Warehouse warehouse;
  private Pseudonymiser pseudonymiser;

  LakehouseConfig config() {
    if (config == null) {
      config = LakehouseConfig.load(global.env, global.configFile, global.overrides);
      LOG.info("configuration: {}", config.summary());
    }
    return config;
  }

  Warehouse warehouse() {
    if (warehouse == null) {
      SparkSession spark = SparkSessions.create(config().spark());
      warehouse = new Warehouse(spark, config().warehouse());
    }
    return warehouse;
  }

  /** The pseudonymisation key from the environment: resolved before any job runs, so a missing key stops the run first. */
  Pseudonymiser pseudonymiser() {
    if (pseudonymiser == null) {
      pseudonymiser = Pseudonymiser.fromEnvironment(config().privacy(), System::getenv);
      LOG.info("pseudonymisation key fingerprint {}", pseudonymiser.fingerprint());
    }
    return pseudonymiser;
  }

  /** A runner for this command's jobs. */
  JobRunner runner() {
    return new JobRunner(warehouse(), config(), Clock.systemUTC(), pseudonymiser());
  }

  java.io.PrintWriter out() {
    return spec.commandLine().getOut();
  }

  @Override
  public final Integer call() {
    try {
      config(); // bad configuration stops every command at start-up, naming the key
      return execute();
    } finally {
      if (warehouse != null) {
        warehouse.spark().stop();
      }
    }
  }

  abstract int execute();
}
