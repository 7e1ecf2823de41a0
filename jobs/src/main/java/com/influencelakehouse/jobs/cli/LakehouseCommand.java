package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.spark.SparkSessions;
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
