package com.influencelakehouse.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.testing.TestWorld;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The tiny-scale world every integration test shares: the jobs module's test world ({@link TestWorld}: tiny
 * landing data, and the whole nightly pipeline run over all its days as one range run), taken as the jobs'
 * tests left it when it is newer than the code and configuration it was built with, otherwise built here once
 * per test JVM. Nothing writes into it: a test that may write works on its own {@link #copy}.
 */
final class TinyWarehouse {
  private static final Pattern CHECKSUM = Pattern.compile("(?m)^((?:bronze|silver|gold|audit)\\.\\S+)\\s+(.+)$");
  /** What the world depends on: when any of these is newer than its {@code _complete}, it is built again. */
  private static final List<Path> BUILT_FROM = List.of(SparkDistribution.CHECKOUT.resolve("jobs/target/classes"),
      SparkDistribution.CHECKOUT.resolve("common/target/classes"),
      SparkDistribution.CHECKOUT.resolve("sample-data/target/classes"), SparkDistribution.CHECKOUT.resolve("conf"));
  private static TinyWarehouse instance;

  /** The range run's warehouse root: the reference a cluster range run must equal. Read only. */
  final Path root;
  final Path landing;
  final LocalDate from;
  final LocalDate to;
  /** The key the world was pseudonymised with; every run compared with it gets it through its environment. */
  final String pseudonymisationKey;
  /** The HOCON overrides (under {@code lakehouse}) the world was run with: the tiny model settings. */
  final String settings;
  private Map<String, String> checksums;

  private TinyWarehouse(Path root, LocalDate from, LocalDate to, String pseudonymisationKey, String settings) {
    this.root = root;
    this.landing = root.resolve("landing");
    this.from = from;
    this.to = to;
    this.pseudonymisationKey = pseudonymisationKey;
    this.settings = settings;
  }

  static synchronized TinyWarehouse get() {
    if (instance == null) {
      instance = load();
    }
    return instance;
  }

  private static TinyWarehouse load() {
    Path dir = TestWorld.DIRECTORY;
    Path complete = dir.resolve("_complete");
    long builtFrom = BUILT_FROM.stream().mapToLong(TinyWarehouse::newestFile).max().orElse(Long.MAX_VALUE);
    if (Files.isRegularFile(complete) && modified(complete) > builtFrom) {
      System.out.println("tiny world: the jobs module's, " + dir);
    } else {
      long started = System.nanoTime();
      TestWorld.get();
      System.out.printf("tiny world: built here (%s), %.1f s%n", Files.isRegularFile(complete)
          ? "it was older than the code or configuration" : "the jobs' tests had not built it",
          (System.nanoTime() - started) / 1e9);
    }
    try {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(dir.resolve("world.properties"))) {
        p.load(in);
      }
      return new TinyWarehouse(dir.resolve("range"), LocalDate.parse(p.getProperty("from")),
          LocalDate.parse(p.getProperty("to")), p.getProperty("pseudonymisation-key"),
          Files.readString(dir.resolve("world.conf")));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * {@code WORK/name}: a fresh copy of the range warehouse (landing, ground truth, tables, models) for a test
   * that writes, without the catalog, which names the original's tables.
   */
  Path copy(String name) {
    Path target = SparkDistribution.freshDirectory(name);
    try {
      Files.walkFileTree(root, new SimpleFileVisitor<>() {
        @Override
        public FileVisitResult preVisitDirectory(Path d, BasicFileAttributes attrs) throws IOException {
          if (d.getParent() != null && d.getParent().equals(root) && d.getFileName().toString().equals("_catalog")) {
            return FileVisitResult.SKIP_SUBTREE;
          }
          Files.createDirectories(target.resolve(root.relativize(d).toString()));
          return FileVisitResult.CONTINUE;
        }

        @Override
        public FileVisitResult visitFile(Path f, BasicFileAttributes attrs) throws IOException {
          Files.copy(f, target.resolve(root.relativize(f).toString()), StandardCopyOption.COPY_ATTRIBUTES);
          return FileVisitResult.CONTINUE;
        }
      });
    } catch (IOException e) {
      throw new UncheckedIOException("cannot copy " + root + " to " + target, e);
    }
    return target;
  }

  /** A run's configuration file: the world's settings, then the warehouse root and {@code extra} (HOCON under lakehouse). */
  Path config(Path file, Path warehouseRoot, String extra) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, "# The tiny world's settings (" + TestWorld.DIRECTORY.resolve("world.conf") + ")\n"
          + settings + "\nlakehouse {\n  warehouse.root = \"" + warehouseRoot + "\"\n  " + extra + "\n}\n");
      return file;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The driver's environment for a run over this world: its pseudonymisation key. */
  Map<String, String> keyEnvironment() {
    return Map.of("LAKEHOUSE_PSEUDONYMISATION_KEY", pseudonymisationKey);
  }

  /**
   * Every table's checksum line of the range warehouse, computed once by the job jar's own
   * {@code tables --checksums} (the deployment doc's checksums line) on the world itself: it only reads (a
   * copy was identical after it, with no catalog created). It is also the proof that the job jar runs under
   * spark-submit in local mode ({@code --env local}, {@code local[2]}): it exits 0 and prints a line for every
   * table the nightly graph writes.
   */
  synchronized Map<String, String> checksums() {
    if (checksums == null) {
      Path config = config(SparkDistribution.WORK.resolve("reference-warehouse.conf"), root, "");
      long started = System.nanoTime();
      checksums = checksums(SparkDistribution.get(), "local-checksums", "local[2]", "local", config, keyEnvironment());
      List<String> missing = JobGraph.nightly().inOrder().stream().flatMap(j -> j.writes().stream()).distinct()
          .map(TableDef::qualifiedName).filter(n -> !checksums.containsKey(n)).toList();
      assertEquals(List.of(), missing, "tables without a checksum line from the job jar in local mode");
      System.out.printf("the range warehouse's checksums by the job jar in local mode: %d tables, %.1f s%n",
          checksums.size(), (System.nanoTime() - started) / 1e9);
    }
    return checksums;
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

  /** A table of a warehouse, read by this JVM's Spark session (through s3a for the object store). */
  static Dataset<Row> read(TableDef t, String root, Map<String, String> hadoop) {
    SparkSession spark = SharedSpark.get();
    hadoop.forEach((k, v) -> spark.sparkContext().hadoopConfiguration().set(k, v));
    WarehouseSettings settings = LakehouseConfig.load("local", null,
        Map.of("lakehouse.warehouse.root", root, "lakehouse.catalog.metastore", "session"))
        .warehouse();
    return new Warehouse(spark, settings).read(t);
  }

  private static long modified(Path p) {
    try {
      return Files.getLastModifiedTime(p).toMillis();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The newest modification time of a file under {@code dir} (0 when there is none). */
  private static long newestFile(Path dir) {
    if (!Files.isDirectory(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(TinyWarehouse::modified).max().orElse(0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
