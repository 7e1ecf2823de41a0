package com.influencelakehouse.jobs.testing;

import com.influencelakehouse.sampledata.SampleDataSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.sampledata.GenerationReport;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The shared test world: one tiny generated world (120 influencers x 21 days, 2 % dirty records, late
 * deliveries) whose models train (tiny model settings), built once per test JVM and read by every pipeline
 * test that needs a warehouse. It is built twice from the same landing files, as production runs it:
 * <ul>
 *   <li>{@link #range()}: one backfill over every day (what {@code nightly --from --to} does);</li>
 *   <li>{@link #nightly()}: a backfill up to {@link #cutOff()}, the version of every table recorded there
 *   ({@link #atCutOff}), then each remaining night one at a time.</li>
 * </ul>
 * Both are read-only: a test that changes data works on {@link #copy}. On disk under
 * {@code jobs/target/test-world/} with {@code world.properties} and {@code world.conf} (the settings) and a
 * {@code _complete} marker, so the integration tests take the same world instead of building their own.
 */
public final class TestWorld {
  /** Where the world is built: {@code target/test-world} of the jobs module, whoever loads this class. */
  public static final Path DIRECTORY = jobsTarget().resolve("test-world");
  /**
   * The world's settings beside the local configuration: a few hundred offers resolve, enough to train both
   * models with a floor of 50 examples; one boosted-trees depth with 10 iterations, since these tests check
   * that training runs, reproduces and is traced, not how good it is (the quality layer does). Both models
   * retrain every run and a challenger at least as good as the champion replaces it, so that both builds
   * score their last night with a model trained that night (with the default weekly retraining, the nightly
   * build would still score with the cut-off's model, by design).
   */
  public static final Map<String, String> SETTINGS = Map.of(
      "lakehouse.models.min-examples", "50",
      "lakehouse.models.gbt-iterations", "10",
      "lakehouse.models.gbt-depths", "[3]",
      "lakehouse.objectives.models.posting.retrain-every-days", "0",
      "lakehouse.objectives.models.posting.champion-margin", "0",
      "lakehouse.objectives.models.conversion.retrain-every-days", "0",
      "lakehouse.objectives.models.conversion.champion-margin", "0");
  /**
   * Nights run one at a time after the cut-off backfill: one night on a backfilled warehouse is the step
   * production repeats (a second one cost about 200 s and proved nothing the first does not).
   */
  public static final int NIGHTS_AFTER_CUT_OFF = 1;
  /** The nightly build's warehouse as it stood at the cut-off, under {@link #DIRECTORY}. */
  private static final String AT_CUT_OFF = "nightly-at-cut-off";
  private static final int INFLUENCERS = 120;
  private static final int DAYS = 21;
  private static final double DEFECT_RATE = 0.02;
  private static TestWorld instance;

  private final TestPipeline range;
  private final TestPipeline nightly;
  private final GenerationReport generated;
  private final LocalDate cutOff;
  private final Map<TableDef, Long> cutOffVersions;
  private final Map<String, JobResult> rangeResults;
  private final Map<LocalDate, Map<String, JobResult>> nightResults;

  private TestWorld(TestPipeline range, TestPipeline nightly, GenerationReport generated, LocalDate cutOff,
      Map<TableDef, Long> cutOffVersions, Map<String, JobResult> rangeResults,
      Map<LocalDate, Map<String, JobResult>> nightResults) {
    this.range = range;
    this.nightly = nightly;
    this.generated = generated;
    this.cutOff = cutOff;
    this.cutOffVersions = cutOffVersions;
    this.rangeResults = rangeResults;
    this.nightResults = nightResults;
  }

  /** The world, built on first call in this JVM (an older one on disk is deleted first). */
  public static synchronized TestWorld get() {
    if (instance == null) {
      instance = build();
    }
    return instance;
  }

  private static TestWorld build() {
    long start = System.nanoTime();
    delete(DIRECTORY);
    TestPipeline range = new TestPipeline(DIRECTORY.resolve("range"), SETTINGS);
    TestPipeline nightly = new TestPipeline(DIRECTORY.resolve("nightly"), SETTINGS);
    // No erasure requests of the generator's: an erased subject's later records are left out at ingest
    // instead of loaded or quarantined, which the manifest cannot foresee; NullFieldsPropertyTest delivers
    // its own on a copy, and ErasureTest its own on a copy at the cut-off.
    GenerationReport g = range.generate(INFLUENCERS, DAYS, range.story(DEFECT_RATE, 0));
    copyTree(DIRECTORY.resolve("range/landing"), DIRECTORY.resolve("nightly/landing"));
    copyTree(DIRECTORY.resolve("range/ground_truth"), DIRECTORY.resolve("nightly/ground_truth"));
    LocalDate cutOff = g.lastDate().minusDays(NIGHTS_AFTER_CUT_OFF);

    Map<String, JobResult> rangeResults = range.nightly(new DateRange(g.firstDate(), g.lastDate()));
    nightly.nightly(new DateRange(g.firstDate(), cutOff));
    Map<TableDef, Long> versions = new LinkedHashMap<>();
    for (TableDef t : Tables.all()) {
      versions.put(t, nightly.warehouse().version(t));
    }
    // The warehouse as the backfill left it, files and all: a copy at the cut-off is a copy of this (a second),
    // not a Delta RESTORE of every table (about 100 s, and a commit no real cut-off has).
    copyTree(DIRECTORY.resolve("nightly"), DIRECTORY.resolve(AT_CUT_OFF));
    Map<LocalDate, Map<String, JobResult>> nights = new LinkedHashMap<>();
    for (LocalDate day = cutOff.plusDays(1); !day.isAfter(g.lastDate()); day = day.plusDays(1)) {
      nights.put(day, nightly.nightly(DateRange.of(day)));
    }
    TestWorld world = new TestWorld(range, nightly, g, cutOff, Map.copyOf(versions), rangeResults, nights);
    world.describeOnDisk();
    System.out.printf("TestWorld: %d influencers x %d days, range and nightly builds in %.0f s%n", INFLUENCERS, DAYS,
        (System.nanoTime() - start) / 1e9);
    return world;
  }

  /** The warehouse of one backfill over every day. */
  public TestPipeline range() {
    return range;
  }

  /** The warehouse of a backfill to the cut-off, then one night at a time: the world most tests read. */
  public TestPipeline nightly() {
    return nightly;
  }

  public GenerationReport generated() {
    return generated;
  }

  public LocalDate from() {
    return generated.firstDate();
  }

  public LocalDate to() {
    return generated.lastDate();
  }

  public DateRange dates() {
    return new DateRange(from(), to());
  }

  /** The last date of the backfill the nightly build began with. */
  public LocalDate cutOff() {
    return cutOff;
  }

  public Path rangeRoot() {
    return DIRECTORY.resolve("range");
  }

  public Path nightlyRoot() {
    return DIRECTORY.resolve("nightly");
  }

  public Path groundTruth() {
    return Path.of(SampleDataSettings.from(nightly.config()).groundTruth());
  }

  /** The job results of the range build's one backfill. */
  public Map<String, JobResult> rangeResults() {
    return rangeResults;
  }

  /** The job results of each night run one at a time after the cut-off. */
  public Map<LocalDate, Map<String, JobResult>> nightResults() {
    return nightResults;
  }

  /** The table as the nightly build left it at the end of the cut-off backfill (time travel); absent then: null. */
  public Dataset<Row> atCutOff(TableDef table) {
    long version = cutOffVersions.getOrDefault(table, -1L);
    return version < 0 ? null : nightly.warehouse().readVersion(table, version);
  }

  /**
   * A writable copy of the nightly build (landing, ground truth, tables, models) under {@code root}, with the
   * world's settings and these overrides. Delta tables hold relative paths, so the copy is a warehouse of its
   * own; models are shared read-only.
   */
  public TestPipeline copy(Path root, Map<String, String> overrides) {
    return copyOf(nightlyRoot(), root, overrides);
  }

  /**
   * A writable copy of the nightly build as it stood at the end of its backfill to the cut-off (its files as
   * they were then, taken during the build). The nights after the cut-off can then be run again on it, with
   * something added to their landing files.
   */
  public TestPipeline copyAtCutOff(Path root, Map<String, String> overrides) {
    return copyOf(DIRECTORY.resolve(AT_CUT_OFF), root, overrides);
  }

  private static TestPipeline copyOf(Path from, Path root, Map<String, String> overrides) {
    copyTree(from, root);
    Map<String, String> all = new LinkedHashMap<>(SETTINGS);
    all.putAll(overrides);
    return new TestPipeline(root, all);
  }

  private void describeOnDisk() {
    try {
      Files.writeString(DIRECTORY.resolve("world.properties"), String.join("\n",
          "from=" + from(), "to=" + to(), "cut-off=" + cutOff,
          "pseudonymisation-key=" + com.influencelakehouse.common.testing.TestConfigs.PSEUDONYMISATION_KEY,
          "influencers=" + INFLUENCERS, "days=" + DAYS, ""), StandardCharsets.UTF_8);
      Files.writeString(DIRECTORY.resolve("world.conf"), "lakehouse {\n" + SETTINGS.entrySet().stream()
          .sorted(Map.Entry.comparingByKey())
          .map(e -> "  " + e.getKey().substring("lakehouse.".length()) + " = " + e.getValue())
          .collect(Collectors.joining("\n")) + "\n}\n", StandardCharsets.UTF_8);
      Files.writeString(DIRECTORY.resolve("_complete"), "", StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Copies a directory tree (files and folders; nothing of it may exist at {@code to}). */
  public static void copyTree(Path from, Path to) {
    try (Stream<Path> files = Files.walk(from)) {
      for (Path f : files.toList()) {
        Path target = to.resolve(from.relativize(f).toString());
        if (Files.isDirectory(f)) {
          Files.createDirectories(target);
        } else {
          Files.copy(f, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Deletes a directory tree, if there is one. */
  public static void delete(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> files = Files.walk(root)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The jobs module's target folder: where this class was loaded from (test-classes or the test jar). */
  private static Path jobsTarget() {
    try {
      Path source = Path.of(TestWorld.class.getProtectionDomain().getCodeSource().getLocation().toURI());
      return source.getParent();
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Every table the nightly graph writes, for proofs that go over all of them. */
  public static List<TableDef> writtenTables() {
    return com.influencelakehouse.jobs.JobGraph.nightly().inOrder().stream().flatMap(j -> j.writes().stream())
        .distinct().toList();
  }
}
