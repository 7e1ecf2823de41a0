package com.influencelakehouse.jobs.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.TestPipeline;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;

/**
 * A corpus of bad inputs, each a small fixture with its expected outcome (quarantine reason and
 * field, a load, or a warning in the run summary), ingested in one run of the social and
 * conversions ingest jobs over two nights. Counts reconcile whatever the input: every delivered
 * record is loaded or quarantined. Silver-level kinds (unknown ids, duplicates across nights, an
 * unknown currency's missing_fx_rate) are proved by BronzeSilverPipelineTest and the conform tests.
 */
@Tag("pipeline")
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputCorpusTest {
  private static final LocalDate D1 = LocalDate.parse("2026-09-03");
  private static final LocalDate D2 = D1.plusDays(1);
  private static final String ORDER_HEADER = String.join(",", LandingSource.ORDERS.fieldNames());
  private static final String ORDER = "O-ok,2026-09-03T10:00:00+02:00,v_1,25.00,EUR,,clk_1,1";
  private static final String CLICK = "clk_1,2026-09-03T09:59:00+02:00,/c/OFR-1?inf=i1&post=p1,v_1,mobile,DE";
  private static final String PROFILE = "{\"influencer_id\":\"i1\",\"handle\":\"liam.paws\",\"platform\":\"instagram\","
      + "\"email\":\"liampaws@mail.example\",\"country\":\"US\",\"language\":\"en\",\"category\":\"pets\","
      + "\"followers_count\":142754,\"following_count\":249,\"media_count\":154,\"consent\":{\"analytics\":true,"
      + "\"content_reuse\":true,\"updated_at\":\"2025-09-22T18:42:16-05:00\"},\"snapshot_at\":\"2026-09-03T02:04:53Z\"}";
  private static final String POST = "{\"id\":\"p1\",\"owner\":{\"id\":\"i1\"},\"timestamp\":\"2026-09-03T21:15:00+0900\","
      + "\"media_type\":\"IMAGE\",\"caption\":\"hi #fashion\",\"content_labels\":[{\"label\":\"selfie\",\"confidence\":0.9}]}";

  @TempDir
  static Path root;
  TestPipeline pipeline;
  Map<String, JobResult> results;
  /** Quarantine rows by source file and line: "reason:detail". */
  final Map<String, String> quarantined = new LinkedHashMap<>();
  /** The outcome of each kind, printed as the corpus table. */
  final Map<String, String> outcomes = new LinkedHashMap<>();

  private Path folder(LandingSource s, LocalDate d) throws IOException {
    return Files.createDirectories(Path.of(pipeline.config().warehouse().landingPath(s, d)));
  }

  private static String rel(LandingSource s, LocalDate d, String file) {
    return s.path() + "/dt=" + d + "/" + file;
  }

  @BeforeAll
  void ingestTheCorpus() throws IOException {
    pipeline = new TestPipeline(root);
    Path orders = folder(LandingSource.ORDERS, D1);
    Files.writeString(orders.resolve("part-00000.csv"), String.join("\n", ORDER_HEADER,
        ORDER,
        ORDER.replace("O-ok", "O-nan").replace("25.00", "NaN"),
        ORDER.replace("O-ok", "O-inf").replace("25.00", "Infinity"),
        ORDER.replace("O-ok", "O-exp").replace("25.00", "1.5e3"),
        ORDER.replace("O-ok", "O-comma").replace("25.00", "\"1,234\""),
        ORDER.replace("O-ok", "O-ccy").replace("EUR", "XYZ"),
        ORDER.replace("O-ok", "O-future").replace("2026-09-03T10", "2027-01-01T10"),
        ORDER.replace("O-ok", "O-ancient").replace("2026-09-03T10:00:00+02:00", "1970-01-01T00:00:00Z"),
        ORDER.replace("O-ok", "O-neg").replace("25.00", "-5")) + "\n");
    // A UTF-8 byte-order mark, Windows line ends, columns in another order and one the contract lacks.
    Files.writeString(orders.resolve("part-00001.csv"), "\uFEFFitems,order_id,revenue,ts,visitor_id,currency,gift_note\r\n"
        + "2,O-bom,10.0,2026-09-03T11:00:00Z,v_2,USD,hello\r\n");
    Files.writeString(orders.resolve("part-00002.csv"), ORDER_HEADER + "\n");
    Files.write(orders.resolve("part-00003.csv"), (ORDER_HEADER + "\n" + ORDER.replace("O-ok", "O-utf16") + "\n")
        .getBytes(StandardCharsets.UTF_16));
    Files.writeString(orders.resolve("part-00004.csv"), ORDER_HEADER.replace(",revenue", "") + "\n"
        + ORDER.replace(",25.00", "") + "\n");
    byte[] binary = new byte[4096];
    new java.util.Random(7).nextBytes(binary);
    binary[10] = 0;
    binary[20] = 0;
    Files.write(orders.resolve("part-00005.csv"), binary);
    Files.writeString(orders.resolve("part-00006.csv"), "{\"order_id\":\"O-json\",\"revenue\":1}\n");
    Files.writeString(orders.resolve("part-00007.csv"), ORDER_HEADER + "\n"
        + ORDER.replace("O-ok", "O-huge").replace(",,clk_1", "," + "x".repeat(5 << 20) + ",clk_1") + "\n");
    Files.writeString(orders.resolve("part-00008.csv"), "");
    Files.createDirectories(orders.resolve("nested")).resolve("part-00000.csv");
    Files.writeString(orders.resolve("nested").resolve("part-00000.csv"), ORDER_HEADER + "\n" + ORDER + "\n");
    Path badDate = Files.createDirectories(orders.getParent().resolve("dt=2026-13-45"));
    Files.writeString(badDate.resolve("part-00000.csv"), ORDER_HEADER + "\n" + ORDER + "\n");
    folder(LandingSource.ORDERS, D2); // delivered empty
    Files.writeString(folder(LandingSource.CLICKS, D1).resolve("part-00000.csv"),
        String.join(",", LandingSource.CLICKS.fieldNames()) + "\n" + CLICK + "\n");
    Files.writeString(folder(LandingSource.CLICKS, D2).resolve("part-00000.csv"),
        String.join(",", LandingSource.CLICKS.fieldNames()) + "\n" + CLICK.replace("clk_1", "clk_2") + "\n");
    Files.writeString(folder(LandingSource.CLICKS, D1).getParent().resolve("clicks-export.csv"), "stray\n");

    Files.writeString(folder(LandingSource.INFLUENCERS, D1).resolve("part-00000.jsonl"), PROFILE + "\n");
    Path posts = folder(LandingSource.POSTS, D1);
    Files.writeString(posts.resolve("part-00000.jsonl"), String.join("\n", POST,
        "{\"id\":\"p2\",",
        POST.replace("p1", "p3").replace("0.9}", "NaN}"),
        POST.replace("p1", "p4").replace("hi #fashion", "y".repeat(5 << 20))) + "\n");
    Files.writeString(posts.resolve("part-00001.jsonl"), "{\n  \"id\": \"p5\",\n  \"owner\": {\"id\": \"i1\"}\n}\n");
    Files.writeString(posts.resolve("part-00002.jsonl"), "id,owner,timestamp\np6,i1,2026-09-03T10:00:00Z\n");
    Files.writeString(folder(LandingSource.POST_INSIGHTS, D1).resolve("part-00000.jsonl"), "");
    for (LandingSource s : List.of(LandingSource.INFLUENCERS, LandingSource.POSTS, LandingSource.POST_INSIGHTS)) {
      Files.writeString(folder(s, D2).resolve("part-00000.jsonl"), "");
    }

    results = pipeline.run(List.of(new IngestSocialJob(), new IngestConversionsJob()), new DateRange(D1, D2));
    for (Row r : pipeline.warehouse().read(Tables.QUARANTINE).collectAsList()) { // a few dozen rows
      quarantined.put(r.<String>getAs(Tables.SOURCE_FILE) + ":" + r.<Long>getAs(Tables.LINE_NUMBER),
          r.<String>getAs("reason") + ":" + r.<String>getAs("reason_detail"));
    }
  }

  private String quarantine(String file, long line) {
    return quarantined.get(file + ":" + line);
  }

  private List<String> warnings() {
    return results.values().stream().flatMap(r -> r.warnings().stream()).toList();
  }

  private void expectQuarantine(String kind, String file, long line, String reason, String detailContains) {
    String got = quarantine(file, line);
    outcomes.put(kind, String.valueOf(got));
    assertTrue(got != null && got.startsWith(reason + ":") && got.contains(detailContains),
        kind + ": expected " + reason + " naming " + detailContains + " at " + file + ":" + line + ", got " + got
            + "\nall: " + quarantined);
  }

  private Row order(String id) {
    List<Row> rows = pipeline.warehouse().read(Tables.bronzeOf(LandingSource.ORDERS))
        .where(org.apache.spark.sql.functions.col("order_id").equalTo(id)).collectAsList();
    return rows.isEmpty() ? null : rows.get(0);
  }

  private void expectLoadedOrder(String kind, String id) {
    Row r = order(id);
    outcomes.put(kind, r == null ? "not loaded" : "loaded");
    assertTrue(r != null, kind + ": order " + id + " not loaded; quarantine: " + quarantined);
  }

  private void expectWarning(String kind, String contains) {
    String w = warnings().stream().filter(x -> x.contains(contains)).findFirst().orElse(null);
    outcomes.put(kind, "warning: " + w);
    assertTrue(w != null, kind + ": no warning containing '" + contains + "' in " + warnings());
  }

  @Test
  void everyKindOfBadInputHasItsOutcome() {
    String o = "part-00000.csv";
    expectQuarantine("NaN in a double field (CSV)", rel(LandingSource.ORDERS, D1, o), 3, "non_finite_value", "revenue");
    expectQuarantine("Infinity in a double field (CSV)", rel(LandingSource.ORDERS, D1, o), 4, "non_finite_value",
        "revenue");
    expectLoadedOrder("1.5e3 (exponent notation)", "O-exp");
    assertEquals(1500.0, order("O-exp").<Double>getAs("revenue"));
    expectQuarantine("\"1,234\" (thousands separator)", rel(LandingSource.ORDERS, D1, o), 6, "wrong_type", "revenue");
    expectLoadedOrder("unknown currency XYZ (bronze; silver: missing_fx_rate)", "O-ccy");
    expectQuarantine("future timestamp", rel(LandingSource.ORDERS, D1, o), 8, "future_timestamp", "ts");
    expectQuarantine("ancient timestamp (1970)", rel(LandingSource.ORDERS, D1, o), 9, "implausible_timestamp", "ts");
    expectQuarantine("negative amount", rel(LandingSource.ORDERS, D1, o), 10, "negative_value", "revenue");
    expectLoadedOrder("UTF-8 byte-order mark, CRLF, reordered and extra columns", "O-bom");
    assertEquals(Map.of("gift_note", "hello"), order("O-bom").getJavaMap(order("O-bom").fieldIndex(Tables.RESCUED)));
    outcomes.put("header-only CSV", "nothing to load, nothing quarantined");
    assertTrue(quarantined.keySet().stream().noneMatch(k -> k.contains("part-00002.csv")));
    expectQuarantine("UTF-16 file", rel(LandingSource.ORDERS, D1, "part-00003.csv"), 0, "wrong_file_format", "UTF-16");
    expectQuarantine("CSV missing a required column", rel(LandingSource.ORDERS, D1, "part-00004.csv"), 0,
        "wrong_file_format", "revenue");
    expectQuarantine("binary garbage", rel(LandingSource.ORDERS, D1, "part-00005.csv"), 0, "wrong_file_format",
        "binary");
    expectQuarantine("JSON in a CSV source", rel(LandingSource.ORDERS, D1, "part-00006.csv"), 0, "wrong_file_format",
        "JSON");
    expectQuarantine("a 5 MB CSV line", rel(LandingSource.ORDERS, D1, "part-00007.csv"), 2, "malformed_record", "");
    outcomes.put("empty file", "nothing to load, nothing quarantined");
    assertTrue(quarantined.keySet().stream().noneMatch(k -> k.contains("part-00008.csv")));
    expectQuarantine("a folder inside a date folder", rel(LandingSource.ORDERS, D1, "nested"), 0, "bad_folder_name",
        "a folder inside a date folder");
    expectQuarantine("a dt= folder that is not a date", "conversions/orders/dt=2026-13-45", 0, "bad_folder_name",
        "'2026-13-45' is not a date");
    expectQuarantine("a file outside any date folder", "conversions/clicks/clicks-export.csv", 0, "bad_folder_name",
        "outside any date folder");
    expectWarning("an empty date folder", "conversions/orders/dt=" + D2 + " holds no file");
    outcomes.put("the same file name on two dates", "both loaded");
    assertEquals(List.of(rel(LandingSource.CLICKS, D1, o), rel(LandingSource.CLICKS, D2, o)),
        pipeline.warehouse().read(Tables.bronzeOf(LandingSource.CLICKS)).select(Tables.SOURCE_FILE).orderBy(
            Tables.SOURCE_FILE).collectAsList().stream().map(r -> r.getString(0)).toList());
    String p = "part-00000.jsonl";
    expectQuarantine("a truncated JSON line", rel(LandingSource.POSTS, D1, p), 2, "malformed_record", "");
    expectQuarantine("NaN in a nested double (JSON)", rel(LandingSource.POSTS, D1, p), 3, "non_finite_value",
        "content_labels[].confidence");
    outcomes.put("a 5 MB JSON line (a long caption)", pipeline.warehouse().read(Tables.bronzeOf(LandingSource.POSTS))
        .where("id = 'p4'").count() == 1 ? "loaded" : "not loaded: " + quarantine(rel(LandingSource.POSTS, D1, p), 4));
    assertEquals("loaded", outcomes.get("a 5 MB JSON line (a long caption)"));
    expectQuarantine("pretty-printed JSON", rel(LandingSource.POSTS, D1, "part-00001.jsonl"), 0, "wrong_file_format",
        "pretty-printed");
    expectQuarantine("CSV in a JSON-lines source", rel(LandingSource.POSTS, D1, "part-00002.jsonl"), 0,
        "wrong_file_format", "CSV");
    expectWarning("a day losing more than the quarantine share (below the blocking size)",
        "conversions/orders on " + D1 + ":");
    expectWarning("a stray folder is a warning too", "dt=2026-13-45");
    System.out.println("bad-input corpus (kind | outcome):");
    outcomes.forEach((k, v) -> System.out.println("  " + k + " | " + v));
  }

  @Test
  void countsReconcileWhateverTheInput() {
    Map<String, Double> dq = new LinkedHashMap<>();
    for (Row r : pipeline.warehouse().read(Tables.DQ_RESULTS).where("check_name IN ('delivered_records', "
        + "'bronze_loaded', 'bronze_quarantined', 'erased')").collectAsList()) {
      dq.merge(r.<String>getAs("table_name") + "/" + r.<String>getAs("check_name"), r.<Double>getAs("observed"),
          Double::sum);
    }
    for (LandingSource s : List.of(LandingSource.ORDERS, LandingSource.CLICKS, LandingSource.POSTS)) {
      double delivered = dq.get(s.path() + "/delivered_records");
      assertEquals(delivered, dq.get(s.path() + "/bronze_loaded") + dq.get(s.path() + "/bronze_quarantined")
          + dq.get(s.path() + "/erased"), s.path() + ": " + dq);
      assertEquals((long) (double) dq.get(s.path() + "/bronze_loaded"),
          pipeline.warehouse().read(Tables.bronzeOf(s)).count(), s.path());
    }
    List<String> failed = new ArrayList<>();
    pipeline.warehouse().read(Tables.DQ_RESULTS).where("check_name = "
        + "'delivered_equals_loaded_plus_quarantined_plus_erased' AND status <> 'pass'").collectAsList()
        .forEach(r -> failed.add(r.toString()));
    assertTrue(failed.isEmpty(), failed.stream().collect(Collectors.joining("\n")));
  }
}
