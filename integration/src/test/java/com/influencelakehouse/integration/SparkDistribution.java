package com.influencelakehouse.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;

/**
 * A Spark installation made of the jars a Spark distribution ships (this build's {@code provided}
 * dependencies, linked, not copied), as STACK.md describes: what {@code spark-submit}, the standalone
 * master and worker, and the executors the worker launches all run from.
 */
final class SparkDistribution {
  static final Path CHECKOUT = Path.of(System.getProperty("checkout.root", "..")).toAbsolutePath().normalize();
  static final Path TOOLS = Path.of(System.getProperty("it.tools", "target/it-tools")).toAbsolutePath();
  static final Path WORK = Path.of(System.getProperty("it.work", "target/it")).toAbsolutePath();
  static final Path JOB_JAR = Path.of(System.getProperty("it.job.jar", "")).toAbsolutePath().normalize();

  private static SparkDistribution instance;

  final Path home;
  /** Spark's JVM flags for Java 17 (conf/jvm.properties), as the launcher would pass them. */
  final List<String> jvmFlags;

  private SparkDistribution(Path home, List<String> jvmFlags) {
    this.home = home;
    this.jvmFlags = jvmFlags;
  }

  static synchronized SparkDistribution get() {
    if (instance == null) {
      instance = build(WORK.resolve("spark-home"));
    }
    return instance;
  }

  private static SparkDistribution build(Path home) {
    try {
      if (!Files.isRegularFile(JOB_JAR)) {
        throw new AssertionError("the job jar is missing (" + JOB_JAR + "): build with mvn verify from the root");
      }
      Path jars = home.resolve("jars");
      Files.createDirectories(jars);
      for (String entry : Files.readString(TOOLS.resolve("spark-classpath.txt")).trim().split(":")) {
        Path jar = Path.of(entry);
        Path link = jars.resolve(jar.getFileName());
        if (!Files.exists(link, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
          Files.createSymbolicLink(link, jar);
        }
      }
      // spark-class and the worker's executor launcher look for these.
      Files.writeString(home.resolve("RELEASE"), "Spark 4.1.0 (jars from this build's provided dependencies)\n");
      Files.createDirectories(home.resolve("conf"));
      Files.writeString(home.resolve("conf/log4j2.properties"), String.join("\n",
          "rootLogger.level = warn", "rootLogger.appenderRef.stdout.ref = console",
          "appender.console.type = Console", "appender.console.name = console",
          "appender.console.target = SYSTEM_ERR", "appender.console.layout.type = PatternLayout",
          "appender.console.layout.pattern = %d{HH:mm:ss} %-5p %c{1}: %m%n%ex",
          "logger.lakehouse.name = com.influencelakehouse", "logger.lakehouse.level = info",
          "logger.master.name = org.apache.spark.deploy", "logger.master.level = info",
          "logger.hive.name = org.apache.hadoop.hive", "logger.hive.level = error", ""));
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(CHECKOUT.resolve("conf/jvm.properties"))) {
        p.load(in);
      }
      return new SparkDistribution(home, Arrays.asList(p.getProperty("spark.jvm.flags").trim().split("\\s+")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String classpath() {
    return home.resolve("conf") + ":" + home.resolve("jars") + "/*";
  }

  /** The environment every Spark process here gets (STACK.md: without SPARK_SCALA_VERSION executors cannot start). */
  Map<String, String> env(Map<String, String> extra) {
    Map<String, String> env = new HashMap<>(extra);
    env.put("SPARK_HOME", home.toString());
    env.put("SPARK_SCALA_VERSION", "2.13");
    env.put("SPARK_LOCAL_IP", "127.0.0.1");
    return env;
  }

  /**
   * Runs {@code spark-submit <args>} as a distribution's script does ({@code org.apache.spark.deploy.SparkSubmit}
   * in a JVM with Spark's flags; in client mode that JVM is the driver), and waits for it.
   */
  Submitted submit(String name, List<String> args, Map<String, String> env, Duration timeout) {
    List<String> jvm = new ArrayList<>(jvmFlags);
    jvm.add("-Xmx3g");
    long started = System.nanoTime();
    try (JavaProcess p = JavaProcess.start(name, jvm, classpath(), "org.apache.spark.deploy.SparkSubmit", args,
        env(env), WORK.resolve("logs").resolve(name + ".log"))) {
      int exit = p.waitFor(timeout);
      return new Submitted(exit, (System.nanoTime() - started) / 1e9, p.output(), p.tail(80));
    }
  }

  /** What a submission printed and how long it took. */
  record Submitted(int exitCode, double seconds, String output, String tail) {}

  /** {@code WORK/name}, emptied of what an earlier run left there. */
  static Path freshDirectory(String name) {
    Path dir = WORK.resolve(name);
    try {
      if (Files.exists(dir)) {
        org.apache.commons.io.file.PathUtils.deleteDirectory(dir);
      }
      return Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
