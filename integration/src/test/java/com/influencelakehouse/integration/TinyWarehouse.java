package com.influencelakehouse.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.sampledata.SampleDataSettings;
import com.influencelakehouse.evaluation.cli.EvaluationCli;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The tiny-scale world every integration test shares, built once per test JVM: sample landing data,
 * and the whole nightly pipeline run over all its days with the job jar in Spark's local mode (the
 * reference the cluster run is compared with, and the warehouse the notebooks read).
 */
final class TinyWarehouse {
  /**
   * Model settings for the tiny world (HOCON under lakehouse): a few hundred offers resolve, enough to train
   * both models with a floor of 50 examples; one boosted-trees depth with 10 iterations, since these tests
   * check that training runs and reproduces everywhere, not how good it is (the small-scale tests do).
   */
  static final String TINY_MODELS = "models { min-examples = 50, gbt-iterations = 10, gbt-depths = [3] }";
  /** The run's pseudonymisation key: made up per test JVM, the same for every run compared. */
  static final String PSEUDONYMISATION_KEY = "it-" + UUID.randomUUID();
  private static final Pattern CHECKSUM = Pattern.compile("(?m)^((?:bronze|silver|gold|audit)\\.\\S+)\\s+(.+)$");
  private static TinyWarehouse instance;

  final Path root;
  final Path landing;
  final LocalDate from;
  final LocalDate to;
  final double localSeconds;
  final Map<String, String> checksums;

  private TinyWarehouse(Path root, LocalDate from, LocalDate to, double localSeconds, Map<String, String> checksums) {
    this.root = root;
    this.landing = root.resolve("landing");
    this.from = from;
    this.to = to;
    this.localSeconds = localSeconds;
    this.checksums = checksums;
  }

  static synchronized TinyWarehouse get() {
    if (instance == null) {
      instance = build(SparkDistribution.freshDirectory("local-warehouse"));
    }
    return instance;
  }

  private static TinyWarehouse build(Path root) {
    try {
      StringWriter generated = new StringWriter();
      int exit = EvaluationCli.commandLine().setOut(new PrintWriter(generated))
          .execute("generate", "--scale", "tiny", "-Dlakehouse.warehouse.root=" + root);
      assertEquals(0, exit, "sample data generation: " + generated);
      SampleDataSettings sample = SampleDataSettings.from(LakehouseConfig.load("local", null, Map.of()));
      LocalDate from = sample.startDate();
      LocalDate to = from.plusDays(sample.scale("tiny").days() - 1L);

      Path config = root.resolveSibling("local-run.conf");
      Files.writeString(config, "lakehouse {\n  warehouse.root = \"" + root + "\"\n  " + TINY_MODELS + "\n}\n");
      SparkDistribution spark = SparkDistribution.get();
      SparkDistribution.Submitted run = spark.submit("local-nightly", DeploymentDoc.sparkSubmitArgs("local",
          variables(Map.of("FROM", from.toString(), "TO", to.toString(), "LAKEHOUSE_CONFIG", config.toString()))),
          Map.of("LAKEHOUSE_PSEUDONYMISATION_KEY", PSEUDONYMISATION_KEY), Duration.ofMinutes(20));
      assertEquals(0, run.exitCode(), "the local run failed\n" + run.tail());
      Map<String, String> sums = checksums(spark, "local-checksums", "local[2]", "local", config, Map.of());
      return new TinyWarehouse(root, from, to, run.seconds(), sums);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The doc's variables every block may use, with these added. */
  static Map<String, String> variables(Map<String, String> extra) {
    Map<String, String> v = new HashMap<>(extra);
    v.put("JOB_JAR", SparkDistribution.JOB_JAR.toString());
    return v;
  }

  /** Every table's checksum line, computed by the job jar's own {@code tables --checksums}. */
  static Map<String, String> checksums(SparkDistribution spark, String name, String master, String env, Path config,
      Map<String, String> environment) {
    Map<String, String> vars = new HashMap<>(Map.of("SPARK_MASTER", master, "LAKEHOUSE_ENV", env,
        "LAKEHOUSE_CONFIG", config.toString()));
    SparkDistribution.Submitted r = spark.submit(name, DeploymentDoc.sparkSubmitArgs("checksums", variables(vars)),
        environment, Duration.ofMinutes(10));
    assertEquals(0, r.exitCode(), name + " failed\n" + r.tail());
    Map<String, String> out = new LinkedHashMap<>();
    Matcher m = CHECKSUM.matcher(r.output());
    while (m.find()) {
      out.put(m.group(1), m.group(2).strip());
    }
    return out;
  }
}
