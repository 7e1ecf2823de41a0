package com.influencelakehouse.integration;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/** A Spark standalone master and one worker on 127.0.0.1, each in its own JVM (STACK.md's recipe). */
final class StandaloneCluster implements AutoCloseable {
  private final JavaProcess master;
  private final JavaProcess worker;
  final String masterUrl;

  private StandaloneCluster(JavaProcess master, JavaProcess worker, String masterUrl) {
    this.master = master;
    this.worker = worker;
    this.masterUrl = masterUrl;
  }

  /**
   * Starts both and waits until the worker has registered. {@code workerEnv} is what the worker's machine
   * provides to the executors it launches (e.g. the cloud credentials an instance role would give).
   */
  static StandaloneCluster start(SparkDistribution spark, int cores, String memory, Map<String, String> workerEnv) {
    int port = SparkDistribution.freePort();
    String url = "spark://127.0.0.1:" + port;
    List<String> daemonJvm = new java.util.ArrayList<>(spark.jvmFlags);
    daemonJvm.add("-Xmx512m");
    JavaProcess master = JavaProcess.start("spark-master", daemonJvm, spark.classpath(),
        "org.apache.spark.deploy.master.Master",
        List.of("--host", "127.0.0.1", "--port", String.valueOf(port), "--webui-port",
            String.valueOf(SparkDistribution.freePort())),
        spark.env(Map.of()), SparkDistribution.WORK.resolve("logs/spark-master.log"));
    JavaProcess worker = null;
    try {
      master.awaitLog("I have been elected leader", Duration.ofSeconds(60));
      worker = JavaProcess.start("spark-worker", daemonJvm, spark.classpath(), "org.apache.spark.deploy.worker.Worker",
          List.of("--host", "127.0.0.1", "--cores", String.valueOf(cores), "--memory", memory, "--webui-port",
              String.valueOf(SparkDistribution.freePort()), "--work-dir",
              SparkDistribution.WORK.resolve("worker").toString(), url),
          spark.env(workerEnv), SparkDistribution.WORK.resolve("logs/spark-worker.log"));
      worker.awaitLog("Successfully registered with master", Duration.ofSeconds(60));
      return new StandaloneCluster(master, worker, url);
    } catch (RuntimeException | AssertionError e) {
      if (worker != null) {
        worker.close();
      }
      master.close();
      throw e;
    }
  }

  /** How many executors the worker launched, from its log. */
  long executorsLaunched() {
    return worker.output().lines().filter(l -> l.contains("Asked to launch executor")).count();
  }

  @Override
  public void close() {
    worker.close();
    master.close();
  }
}
