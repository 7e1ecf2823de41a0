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
 * session only for the commands that touch the warehouse. Public for the evaluation module's commands
 * (demo, generate, quality), which the job jar does not carry.
 */
public abstract class LakehouseCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(LakehouseCommand.class);

  @Mixin
  GlobalOptions global;

  @Spec
  CommandSpec spec;

  private LakehouseConfig config;
  private Warehouse warehouse;
  private Pseudonymiser pseudonymiser;

  protected LakehouseConfig config() {
    if (config == null) {
      config = LakehouseConfig.load(global.env, global.configFile, global.overrides);
      LOG.info("configuration: {}", config.summary());
    }
    return config;
  }

  protected Warehouse warehouse() {
    if (warehouse == null) {
      SparkSession spark = SparkSessions.create(config().spark());
      warehouse = new Warehouse(spark, config().warehouse());
    }
    return warehouse;
  }

  /** The pseudonymisation key from the environment: resolved before any job runs, so a missing key stops the run first. */
  protected Pseudonymiser pseudonymiser() {
    if (pseudonymiser == null) {
      pseudonymiser = Pseudonymiser.fromEnvironment(config().privacy(), System::getenv);
      LOG.info("pseudonymisation key fingerprint {}", pseudonymiser.fingerprint());
    }
    return pseudonymiser;
  }

  /** The Hadoop settings Spark would pass (spark.hadoop.*), without starting Spark. */
  org.apache.hadoop.conf.Configuration hadoopConfiguration() {
    org.apache.hadoop.conf.Configuration conf = new org.apache.hadoop.conf.Configuration();
    config().spark().conf().forEach((k, v) -> {
      if (k.startsWith("spark.hadoop.") && v != null) {
        conf.set(k.substring("spark.hadoop.".length()), v);
      }
    });
    // spark-submit's --conf settings reach the driver as system properties, and win over the files.
    System.getProperties().stringPropertyNames().stream().filter(k -> k.startsWith("spark.hadoop."))
        .forEach(k -> conf.set(k.substring("spark.hadoop.".length()), System.getProperty(k)));
    return conf;
  }

  /**
   * Stops before anything is created when the landing zone is not there: a mistyped warehouse root
   * would otherwise get a new empty warehouse (catalog, run log) before the run fails.
   */
  void requireLandingZone() {
    String landing = config().warehouse().landing();
    boolean exists;
    try {
      org.apache.hadoop.fs.Path dir = new org.apache.hadoop.fs.Path(landing);
      exists = dir.getFileSystem(hadoopConfiguration()).exists(dir);
    } catch (java.io.IOException | RuntimeException e) {
      // Not a verdict: the run itself reaches the store with Spark's full settings and says what is wrong.
      LOG.warn("could not check that the landing zone {} exists: {}", landing, e.toString());
      return;
    }
    if (!exists) {
      throw new IllegalArgumentException("the landing zone " + landing + " does not exist: is "
          + "lakehouse.warehouse.root (" + config().warehouse().root() + ") right? Deliver files there, or "
          + "generate sample data with bin/lakehouse generate");
    }
  }

  /** A runner for this command's jobs. */
  protected JobRunner runner() {
    return new JobRunner(warehouse(), config(), Clock.systemUTC(), pseudonymiser());
  }

  protected java.io.PrintWriter out() {
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

  protected abstract int execute();
}
