package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.jobs.testing.TestWorld;
import com.influencelakehouse.sampledata.DefectKind;
import com.influencelakehouse.sampledata.LandingManifest;
import com.influencelakehouse.sampledata.SampleDataSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import com.influencelakehouse.common.job.JobResult;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Bronze and silver on the shared world's dirty records: every delivered record is accounted for
 * exactly as the generator's manifest says, and no raw personal identifier reaches silver. On a copy
 * of the world: re-running its last night with every job forced to run changes no table, a re-run with
 * nothing new skips every job, and a changed landing file re-runs what reads it and nothing else.
 */
@Tag("pipeline")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class BronzeSilverPipelineTest {
  private static final List<DefectKind> CONTRACT_KINDS = List.of(DefectKind.MALFORMED_RECORD, DefectKind.WRONG_TYPE,
      DefectKind.MISSING_REQUIRED_FIELD, DefectKind.NEGATIVE_VALUE, DefectKind.FUTURE_TIMESTAMP,
      DefectKind.UNPARSEABLE_TIMESTAMP, DefectKind.UNKNOWN_ENUM);

  @TempDir
  static Path root;
  static TestWorld world;
  static TestPipeline pipeline;
  static DateRange dates;
  /** The copy the re-run tests change, and the nights they re-run. */
  static TestPipeline copy;
  static DateRange lastNights;
  static Map<String, String> fingerprints;

  @BeforeAll
  static void shareTheWorld() {
    world = TestWorld.get();
    pipeline = world.nightly();
    dates = world.dates();
    lastNights = new DateRange(world.cutOff().plusDays(1), world.to());
    copy = world.copy(root.resolve("copy"), Map.of());
    fingerprints = fingerprints(copy);
  }

  /** Observed data-quality counts: (source, date, check) to value. */
  private static Map<String, Long> dq() {
    Map<String, Long> out = new TreeMap<>();
    for (Row r : pipeline.warehouse().read(Tables.DQ_RESULTS).where(col("severity").equalTo("info"))
        .select("table_name", "run_date", "check_name", "observed").collectAsList()) {
      out.merge(r.getString(0) + " " + r.getDate(1) + " " + r.getString(2), (long) r.getDouble(3), Long::sum);
    }
    return out;
  }

  @Test
  void everyDeliveredRecordIsLoadedQuarantinedOrADuplicateExactlyAsTheManifestSays() {
    Map<String, Long> expected = new TreeMap<>();
    for (LandingManifest.Entry e : LandingManifest.read(Path.of(SampleDataSettings.from(pipeline.config()).groundTruth()))) {
      String at = e.source().path() + " " + e.date() + " ";
      expected.merge(at + "delivered_records", e.records(), Long::sum);
      for (DefectKind k : CONTRACT_KINDS) {
        if (e.defects(k) > 0) {
          expected.merge(at + "quarantined:" + k.column(), e.defects(k), Long::sum);
        }
      }
      if (e.defects(DefectKind.UNKNOWN_INFLUENCER) > 0) {
        expected.merge(at + "quarantined:unknown_influencer", e.defects(DefectKind.UNKNOWN_INFLUENCER), Long::sum);
      }
      long duplicates = e.defects(DefectKind.DUPLICATE_RECORD) + e.defects(DefectKind.DUPLICATE_ORDER_POSTBACK);
      expected.merge(at + "duplicates_removed", duplicates, Long::sum);
    }
    Map<String, Long> observed = dq();
    Map<String, Long> comparable = new TreeMap<>();
    expected.keySet().forEach(k -> comparable.put(k, observed.getOrDefault(k, 0L)));
    for (String k : observed.keySet()) {
      if (k.contains(" quarantined:") && !expected.containsKey(k)) {
        comparable.put(k, observed.get(k)); // a reason the generator never injected: must not exist
      }
    }
    assertEquals(expected, comparable);
    assertTrue(expected.entrySet().stream().filter(e -> e.getKey().contains("quarantined:")).count() >= 7,
        "the world holds enough kinds of defect: " + expected);

    // Silver's half: bronze rows = loaded + duplicates + quarantined, per source and date.
    for (LandingSource s : LandingSource.values()) {
      if (s == LandingSource.ERASURE_REQUESTS) {
        continue;
      }
      for (LocalDate d : dates.list()) {
        String at = s.path() + " " + d + " ";
        assertEquals(observed.get(at + "bronze_loaded"), observed.get(at + "silver_loaded")
            + observed.get(at + "duplicates_removed") + observed.get(at + "silver_quarantined"), at);
      }
    }
  }

  @Test
  @Order(1)
  void reRunningTheLastNightsWithEveryJobForcedToRunLeavesEveryTableTheSame() {
    // Every job really runs again (no skipping of unchanged inputs): the jobs themselves are idempotent.
    Map<String, JobResult> rerun = new TestPipeline(root.resolve("copy"),
        withWorldSettings("lakehouse.pipeline.skip-unchanged", "false")).nightly(lastNights);
    assertTrue(rerun.values().stream().noneMatch(JobResult::isSkipped));
    assertTrue(rerun.get("train_posting_model").rowsOut() > 0, "a model was trained again: " + rerun);
    assertEquals(fingerprints, fingerprints(copy));
    assertTrue(fingerprints.get("silver.fact_offer").matches("[1-9]\\d* rows.*"), fingerprints.toString());
    assertTrue(fingerprints.get("gold.influencer_scores").matches("[1-9]\\d* rows.*"), fingerprints.toString());
  }

  @Test
  @Order(2)
  void reRunningWithNothingNewSkipsEveryJobAndChangesNoTable() {
    Map<String, JobResult> rerun = copy.nightly(lastNights);
    rerun.forEach((job, r) -> assertTrue(r.isSkipped(), job + " was not skipped: " + r.notes()));
    assertEquals(fingerprints, fingerprints(copy));
  }

  @Test
  @Order(3)
  void aChangedLandingFileReRunsTheJobsThatReadItAndNoOthers() throws IOException {
    LocalDate last = dates.to();
    Path posts = Path.of(copy.config().warehouse().landingPath(LandingSource.POSTS, last));
    Path file;
    try (Stream<Path> files = Files.list(posts)) {
      file = files.filter(f -> f.getFileName().toString().endsWith(".jsonl")).sorted().findFirst().orElseThrow();
    }
    // A late record appended to the night's delivery (a re-sent copy of its first line).
    Files.writeString(file, Files.readAllLines(file).get(0) + "\n", java.nio.file.StandardOpenOption.APPEND);
    long before = copy.warehouse().read(Tables.bronzeOf(LandingSource.POSTS))
        .where(col(Tables.INGEST_DATE).equalTo(java.sql.Date.valueOf(last))).count();

    // Bronze and silver only: what reads the changed file and what must not, without a night of models after it.
    Map<String, JobResult> rerun = copy.run(TestPipeline.bronzeAndSilverJobs(), lastNights);

    assertTrue(!rerun.get("ingest_social").isSkipped(), "ingest_social read a changed file");
    assertTrue(!rerun.get("conform_posts").isSkipped(), "conform_posts reads bronze posts, which changed");
    for (String untouched : List.of("ingest_privacy", "register_erasures", "ingest_reference", "ingest_campaigns",
        "ingest_conversions", "conform_reference", "conform_campaigns")) {
      assertTrue(rerun.get(untouched).isSkipped(),
          untouched + " reads nothing that changed: " + rerun.get(untouched).notes());
    }
    assertEquals(before + 1, copy.warehouse().read(Tables.bronzeOf(LandingSource.POSTS))
        .where(col(Tables.INGEST_DATE).equalTo(java.sql.Date.valueOf(last))).count());
  }

  private static Map<String, String> withWorldSettings(String key, String value) {
    Map<String, String> all = new LinkedHashMap<>(TestWorld.SETTINGS);
    all.put(key, value);
    return all;
  }

  private static Map<String, String> fingerprints(TestPipeline p) {
    Map<String, String> now = new LinkedHashMap<>();
    for (TableDef t : Tables.all()) {
      if (t != Tables.RUN_LOG) {
        now.put(t.qualifiedName(), p.fingerprint(t));
      }
    }
    return now;
  }

  @Test
  void noRawEmailHandleOrVisitorIdIsInAnySilverFileOfAnyVersion() throws IOException {
    SparkSession spark = SharedSpark.get();
    Dataset<Row> bronze = pipeline.warehouse().read(Tables.BRONZE_INFLUENCERS);
    List<String> emails = bronze.select("email").where(col("email").isNotNull()).distinct()
        .as(Encoders.STRING()).collectAsList();
    List<String> ids = bronze.select("influencer_id").distinct().as(Encoders.STRING()).collectAsList();
    List<String> visitors = pipeline.warehouse().read(Tables.BRONZE_CLICKS).select("visitor_id").distinct().limit(200)
        .as(Encoders.STRING()).collectAsList();
    assertTrue(emails.size() > 50 && visitors.size() > 50);
    String pattern = String.join("|", Stream.of(emails, ids, visitors).flatMap(List::stream)
        .map(java.util.regex.Pattern::quote).toList());
    Path silver = Path.of(pipeline.config().warehouse().layerRoot(Layer.SILVER));
    int files = 0;
    try (Stream<Path> dirs = Files.list(silver)) {
      for (Path table : dirs.toList()) {
        // Every Parquet file, current or from an older version, read as text.
        Dataset<Row> all = spark.read().option("recursiveFileLookup", "true").option("pathGlobFilter", "*.parquet")
            .parquet(table.toString());
        files += all.inputFiles().length;
        long leaks = all.select(org.apache.spark.sql.functions.to_json(org.apache.spark.sql.functions.struct("*"))
            .as("row")).where(col("row").rlike(pattern)).count();
        assertEquals(0, leaks, "raw identifiers in " + table.getFileName());
      }
    }
    assertTrue(files > 10, "files scanned: " + files);
  }

  @Test
  void silverOffersAgreeWithTheGroundTruthOnWhoPostedInTime() {
    SparkSession spark = SharedSpark.get();
    Path truthDir = Path.of(SampleDataSettings.from(pipeline.config()).groundTruth());
    Dataset<Row> truth = spark.read().option("header", "true").csv(truthDir.resolve("offers.csv").toString())
        .select(col("offer_id"), col("posted_within_deadline").equalTo("true").as("truly_posted"));
    // The post of an offer is observable once its post time falls within the generated days.
    Dataset<Row> observablePosts = spark.read().option("header", "true").csv(truthDir.resolve("posts.csv").toString())
        .where(col("offer_id").isNotNull().and(col("posted_at").lt(dates.to().plusDays(1).toString())))
        .select(col("offer_id")).distinct();
    Dataset<Row> offers = pipeline.warehouse().read(Tables.FACT_OFFER);
    Dataset<Row> joined = offers.join(truth, "offer_id");
    assertEquals(offers.count(), joined.count(), "every silver offer is a real offer");
    assertEquals(0, joined.where(col("posted_within_deadline").and(col("truly_posted").unary_$bang())).count(),
        "no offer is posted in silver that was not posted");
    Dataset<Row> observable = joined.join(observablePosts, "offer_id").where(col("truly_posted"));
    assertTrue(observable.count() > 10, "observable posted offers: " + observable.count());
    assertEquals(0, observable.where(col("posted_within_deadline").unary_$bang()).count(),
        "every observable post within the deadline is in silver");
  }

  @Test
  void eachInfluencerHasExactlyOneCurrentVersion() {
    Dataset<Row> dim = pipeline.warehouse().read(Tables.DIM_INFLUENCER);
    // No one in this world asks for erasure (ErasureTest's copy does): the log is absent or holds no influencer.
    long erased = pipeline.warehouse().readOrEmpty(Tables.ERASURE_LOG).where(col("subject_type").equalTo("influencer"))
        .count();
    long generated = world.generated().influencers();
    assertTrue(generated > 100, "influencers generated: " + generated);
    assertEquals(generated - erased, dim.where(col("is_current")).count());
    assertEquals(generated - erased, dim.select("influencer_key").distinct().count());
  }
}
