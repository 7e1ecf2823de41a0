package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.jobs.bronze.IngestPrivacyJob;
import com.influencelakehouse.jobs.privacy.RegisterErasuresJob;
import com.influencelakehouse.jobs.privacy.ErasedSubjects;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.jobs.testing.TestWorld;
import com.influencelakehouse.jobs.testing.WarehouseTraces;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure request removes its subject from every layer, old Delta files included once vacuumed,
 * the Delta logs once their retention has passed, and others' @mentions of an erased influencer; the
 * subject's later deliveries never get stored. Proved by scanning every file of the warehouse, on a copy of
 * the shared world at its cut-off (models trained, influencers scored, campaigns planned): the request comes
 * with the night after it, which erases, then features, trains, scores and plans without the subject.
 */
@Tag("pipeline")
class ErasureTest {
  /** What the models decide and learn from, per influencer: each must have rows and hold no row of the subject. */
  private static final List<TableDef> DECIDED_FROM_MODELS = List.of(Tables.INFLUENCER_SCORES,
      Tables.INCENTIVE_RECOMMENDATIONS, Tables.CAMPAIGN_PLANS, Tables.TRAINING_POSTING);

  @TempDir
  Path root;

  @Test
  void anErasedInfluencerAndVisitorAreGoneFromEveryFileOfTheWarehouseAndStayGone() throws IOException {
    TestWorld world = TestWorld.get();
    TestPipeline pipeline = world.copyAtCutOff(root.resolve("warehouse"),
        Map.of("lakehouse.privacy.vacuum-retention-hours", "0"));
    LocalDate night = world.cutOff().plusDays(1);
    Warehouse w = pipeline.warehouse();
    for (TableDef scored : DECIDED_FROM_MODELS) {
      assertTrue(w.readOrEmpty(scored).count() > 0, scored.qualifiedName() + " has rows at the cut-off");
    }

    // The subjects: an influencer with an e-mail whom another influencer's caption @mentions (clicked, if
    // any such was), and a visitor who clicked.
    Dataset<Row> profiles = w.read(Tables.BRONZE_INFLUENCERS).where(col("email").isNotNull())
        .select(col("influencer_id"), col("handle"), col("email")).distinct();
    Dataset<Row> mentioned = w.read(Tables.BRONZE_POSTS).select(col("owner.id").as("by"), col("caption"));
    Dataset<Row> clicked = w.read(Tables.BRONZE_CLICKS)
        .select(functions.expr("try_parse_url(tracking_url, 'QUERY', 'inf')").as("clicked_id")).distinct();
    Row subject = profiles.join(mentioned, functions.expr("caption LIKE concat('%@', handle, '%')")
            .and(col("by").notEqual(col("influencer_id"))))
        .join(clicked, col("clicked_id").equalTo(col("influencer_id")), "left")
        .orderBy(col("clicked_id").isNull(), col("influencer_id")).first();
    String influencer = subject.getString(0);
    String handle = subject.getString(1);
    String email = subject.getString(2);
    String visitor = w.read(Tables.BRONZE_CLICKS).orderBy("click_id").first().getAs("visitor_id");
    var p = TestConfigs.pseudonymiser();
    String influencerKey = p.pseudonym(Domain.INFLUENCER, influencer);
    String visitorKey = p.pseudonym(Domain.VISITOR, visitor);
    Map<String, String> traces = new LinkedHashMap<>();
    traces.put("influencer id", influencer);
    traces.put("handle", handle);
    traces.put("e-mail", email);
    traces.put("visitor id", visitor);
    traces.put("influencer pseudonym", influencerKey);
    traces.put("e-mail pseudonym", p.pseudonym(Domain.EMAIL, email.toLowerCase(java.util.Locale.ROOT)));
    traces.put("visitor pseudonym", visitorKey);
    Path warehouse = Path.of(pipeline.config().warehouse().root());
    Path landing = Path.of(pipeline.config().warehouse().landing());
    // Not the lakehouse's to erase from: the exporters' landing zone and the sample world's own truth.
    List<Path> inputs = List.of(landing, warehouse.resolve("ground_truth"));

    assertTrue(w.read(Tables.INFLUENCER_SCORES).where(col("influencer_key").equalTo(influencerKey)).count() > 0,
        "the influencer is scored before the erasure");
    // Before: each trace is somewhere, so the scan below can fail.
    Map<String, List<String>> before = WarehouseTraces.find(warehouse, inputs, traces);
    System.out.printf("erasure scan before: %d files; %s%n", WarehouseTraces.fileCount(warehouse, inputs),
        summary(before));
    before.forEach((what, files) -> assertFalse(files.isEmpty(), what + " is nowhere before the erasure"));

    Path requests = Path.of(pipeline.config().warehouse().landingPath(LandingSource.ERASURE_REQUESTS, night));
    Files.createDirectories(requests);
    Files.writeString(requests.resolve("part-99999.jsonl"),
        "{\"subject_type\":\"influencer\",\"subject_id\":\"" + influencer + "\",\"requested_at\":\"" + night
            + "T01:00:00Z\"}\n{\"subject_type\":\"visitor\",\"subject_id\":\"" + visitor + "\",\"requested_at\":\""
            + night + "T02:00:00+09:00\"}\n");
    // Bronze keeps the requests by pseudonym from the start: no raw id of theirs is stored, even for a night.
    pipeline.run(List.of(new IngestPrivacyJob()), DateRange.of(night));
    assertEquals(List.of(influencerKey, visitorKey), w.read(Tables.BRONZE_ERASURE_REQUESTS).orderBy("subject_type")
        .select("subject_id").as(Encoders.STRING()).collectAsList(), "requests stored by pseudonym");
    Map<String, JobResult> erasureNight = pipeline.nightly(DateRange.of(night));
    for (String job : List.of("train_posting_model", "score_influencers", "plan_campaigns")) {
      assertTrue(erasureNight.get(job).rowsOut() > 0, "the night after the erasure ran " + job + ": "
          + erasureNight.get(job));
    }

    Dataset<Row> log = w.read(Tables.ERASURE_LOG).orderBy("subject_type");
    assertEquals(List.of(influencerKey, visitorKey), log.select("subject_key").as(Encoders.STRING()).collectAsList());
    List<Row> logged = log.collectAsList();
    Map<String, Long> influencerRows = logged.get(0).getJavaMap(logged.get(0).fieldIndex("rows_deleted"));
    Map<String, Long> visitorRows = logged.get(1).getJavaMap(logged.get(1).fieldIndex("rows_deleted"));
    assertTrue(influencerRows.getOrDefault("silver.dim_influencer", 0L) > 0,
        "the influencer's profile: " + influencerRows);
    assertTrue(visitorRows.getOrDefault("silver.fact_click", 0L) > 0, "the visitor's clicks: " + visitorRows);
    assertFalse(visitorRows.containsKey("silver.fact_post"), "each subject's own rows: " + visitorRows);
    assertEquals(p.pseudonym(Domain.HANDLE, handle.toLowerCase(java.util.Locale.ROOT)),
        logged.get(0).getList(logged.get(0).fieldIndex("handle_keys")).get(0), "the handle, by pseudonym");
    assertEquals(0, w.read(Tables.BRONZE_ERASURE_REQUESTS).count(), "raw requests deleted");
    List<String> checked = new java.util.ArrayList<>();
    for (String type : List.of("influencer", "visitor")) {
      String key = type.equals("influencer") ? influencerKey : visitorKey;
      for (var e : Tables.subjectColumns(type)) {
        if (!w.exists(e.getKey())) {
          continue; // a table this world never writes (e.g. a source no exporter delivered): nothing to erase
        }
        assertEquals(0, w.read(e.getKey()).where(col(e.getValue()).equalTo(key)).count(), e.getKey().qualifiedName());
        checked.add(e.getKey().qualifiedName());
      }
    }
    // The scored tables, the plans and the models' training examples were among them, with rows.
    for (TableDef scored : DECIDED_FROM_MODELS) {
      assertTrue(checked.contains(scored.qualifiedName()) && w.read(scored).count() > 0,
          scored.qualifiedName() + " checked with rows: " + checked);
    }
    assertEquals(0, w.read(Tables.FACT_ORDER).where(col("influencer_key").equalTo(influencerKey)).count(),
        "orders kept, influencer detached");
    assertTrue(w.read(Tables.FACT_POST).where(col("caption").contains(ErasedSubjects.ERASED_MENTION)).count() > 0,
        "others' captions keep the mention, without the handle");

    // The generator delivers the influencer's profile that night too: left out at ingest, and counted.
    double erasedLater = w.read(Tables.DQ_RESULTS)
        .where(col("check_name").equalTo("erased").and(col("run_date").equalTo(java.sql.Date.valueOf(night))))
        .agg(functions.sum("observed")).first().getDouble(0);
    assertTrue(erasedLater > 0, "later deliveries of the subject were left out: " + erasedLater);

    // Data files are gone at once (retention 0 h); the log keeps the erasure's own commits until its retention
    // has passed and the day has turned (Delta rounds it down to midnight). Three days pass (the log's files are
    // dated back, as Delta reads their modification times), and register_erasures, which vacuums and purges the
    // logs of the tables it erased from on the nights after, runs again (forced: its inputs did not change).
    Map<String, List<String>> sameNight = WarehouseTraces.find(warehouse, inputs, traces);
    System.out.printf("erasure scan the same night: %s%n", summary(sameNight));
    ageLogs(warehouse, inputs, java.time.Duration.ofDays(3));
    Map<String, String> forced = new LinkedHashMap<>(TestWorld.SETTINGS);
    forced.put("lakehouse.privacy.vacuum-retention-hours", "0");
    forced.put("lakehouse.pipeline.skip-unchanged", "false");
    assertFalse(new TestPipeline(root.resolve("warehouse"), forced).run(List.of(new RegisterErasuresJob()),
        DateRange.of(night)).get("register_erasures").isSkipped());
    Map<String, List<String>> after = WarehouseTraces.find(warehouse, inputs, traces);
    System.out.printf("erasure scan after the purge: %d files; %s%n", WarehouseTraces.fileCount(warehouse, inputs),
        summary(after));
    // Pseudonyms stay in one place only: the erasure log, which leaves the subject's later deliveries out.
    after.forEach((what, files) -> assertEquals(List.of(), files.stream()
        .filter(f -> !(what.endsWith("pseudonym") && f.startsWith("audit/erasure_log/") && f.endsWith(".parquet")))
        .toList(), what + " is still stored"));
    assertTrue(after.get("influencer pseudonym").size() + after.get("visitor pseudonym").size() >= 2,
        "the erasure log keeps both subjects' pseudonyms: " + after);

    // The retention acts: the tables the erasure rewrote keep their files and log for 0 h, as configured, and
    // their commits from before the purge are gone (a checkpoint stands in for them).
    Path factPost = Path.of(w.path(Tables.FACT_POST), "_delta_log");
    assertFalse(Files.exists(factPost.resolve("00000000000000000000.json")), "the first commit is purged");
    try (Stream<Path> logFiles = Files.list(factPost)) {
      assertTrue(logFiles.anyMatch(f -> f.toString().endsWith(".checkpoint.parquet")), "a checkpoint replaces them");
    }
    Map<String, String> properties = new LinkedHashMap<>();
    SharedSpark.get().sql("SHOW TBLPROPERTIES delta.`" + w.path(Tables.FACT_POST) + "`").collectAsList()
        .forEach(r -> properties.put(r.getString(0), r.getString(1)));
    assertEquals("interval 0 hours", properties.get("delta.deletedFileRetentionDuration"));
    assertEquals("interval 0 hours", properties.get("delta.logRetentionDuration"));
  }

  /**
   * Moves every Delta log file's modification time {@code age} back, each by the same amount: how the passing
   * of days looks to Delta. The files keep their order in time; given one instant for all, Delta's log cleanup
   * takes each checkpoint for a file whose time it must correct and never stops at it, so it purges nothing.
   */
  private static void ageLogs(Path warehouse, List<Path> inputs, java.time.Duration age) throws IOException {
    try (Stream<Path> all = Files.walk(warehouse)) {
      for (Path f : all.filter(Files::isRegularFile).filter(f -> inputs.stream().noneMatch(f::startsWith))
          .filter(f -> f.getParent().getFileName().toString().equals("_delta_log")).toList()) {
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.from(
            Files.getLastModifiedTime(f).toInstant().minus(age)));
      }
    }
  }

  private static String summary(Map<String, List<String>> found) {
    StringBuilder out = new StringBuilder();
    found.forEach((what, files) -> out.append(what).append(": ").append(files.size()).append(" file(s)")
        .append(files.isEmpty() ? "" : " e.g. " + files.subList(0, Math.min(3, files.size()))).append("; "));
    return out.toString();
  }
}
