package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.jobs.testing.TestWorld;
import com.influencelakehouse.common.job.JobResult;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Property (issue 15): for every landing contract, a real record of the sample world with any one
 * field null, absent or empty, at any nesting depth, never crashes the night and is accounted for:
 * a required field's gap is quarantined naming the field, an optional one's loads, and every
 * source reconciles (delivered = loaded + quarantined + erased). An erasure request is present, so
 * the erased-subject checks see the same nulls. The variants are delivered with the first night after the
 * shared world's cut-off, run again on a copy of the world as it stood then (models trained, so the night
 * scores and plans with them too).
 */
@Tag("pipeline")
class NullFieldsPropertyTest {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String VARIANTS = "part-99999.";

  @TempDir
  Path root;

  /** One mutated copy of a record: what was done to which field, and whether the contract requires it. */
  private record Variant(String field, String change, boolean required, String line) {}

  @Test
  void anyOneFieldNullAbsentOrEmptyIsQuarantinedNamingItOrLoadedAndNothingCrashes() throws IOException {
    TestWorld world = TestWorld.get();
    TestPipeline p = world.copyAtCutOff(root.resolve("warehouse"), Map.of("lakehouse.ingest.max-quarantine-share", "1.0"));
    LocalDate day = world.cutOff().plusDays(1);
    Map<LandingSource, List<Variant>> written = new LinkedHashMap<>();
    // A subject who owns none of the mutated records, so each variant is checked, not erased.
    String erasedInfluencer = "17841499999999999";
    String request = "{\"subject_type\":\"influencer\",\"subject_id\":\"" + erasedInfluencer
        + "\",\"requested_at\":\"" + day + "T01:00:00Z\"}";
    for (LandingSource s : LandingSource.values()) {
      Path dir = Files.createDirectories(Path.of(p.config().warehouse().landingPath(s, day)));
      // The base record: the source's latest delivery in the world (a source need not deliver every day).
      List<String> base = List.of();
      for (LocalDate d = day; base.isEmpty() && !d.isBefore(world.from()); d = d.minusDays(1)) {
        base = firstRecords(Path.of(p.config().warehouse().landingPath(s, d)), s);
      }
      if (base.isEmpty() && s == LandingSource.ERASURE_REQUESTS) {
        // Another subject than the one erased: a quarantined request naming an erased subject is itself erased.
        base = List.of(request.replace(erasedInfluencer, "17841400000000077"));
      }
      assertTrue(!base.isEmpty(), "the world delivers " + s.path());
      List<Variant> variants = s.format() == LandingSource.Format.CSV ? csvVariants(s, base) : jsonVariants(s, base);
      StringBuilder file = new StringBuilder(s.format() == LandingSource.Format.CSV ? base.get(0) + "\n" : "");
      variants.forEach(v -> file.append(v.line()).append('\n'));
      Files.writeString(dir.resolve(VARIANTS + s.format().extension()), file);
      written.put(s, variants);
    }
    Files.writeString(Path.of(p.config().warehouse().landingPath(LandingSource.ERASURE_REQUESTS, day))
        .resolve("part-99998.jsonl"), request + "\n");

    Map<String, JobResult> night = p.nightly(DateRange.of(day)); // a crash fails the test here
    assertTrue(night.get("score_influencers").rowsOut() > 0, "the night scored: " + night.get("score_influencers"));

    List<Row> quarantine = p.warehouse().read(Tables.QUARANTINE).where(col("stage").equalTo("bronze")
        .and(col(Tables.SOURCE_FILE).contains(VARIANTS))).collectAsList();
    Map<String, Row> byPlace = new LinkedHashMap<>();
    quarantine.forEach(r -> byPlace.put(r.getAs(Tables.SOURCE_FILE) + ":" + r.getAs(Tables.LINE_NUMBER), r));
    List<String> wrong = new ArrayList<>();
    int checked = 0;
    for (Map.Entry<LandingSource, List<Variant>> e : written.entrySet()) {
      LandingSource s = e.getKey();
      String file = s.path() + "/dt=" + day + "/" + VARIANTS + s.format().extension();
      int offset = s.format() == LandingSource.Format.CSV ? 2 : 1;
      for (int i = 0; i < e.getValue().size(); i++) {
        Variant v = e.getValue().get(i);
        Row q = byPlace.get(file + ":" + (i + offset));
        checked++;
        if (v.required() && (q == null || q.getAs("reason_detail") == null
            || !q.<String>getAs("reason_detail").contains(v.field()))) {
          wrong.add(s.path() + " " + v.field() + " " + v.change() + ": " + (q == null ? "loaded"
              : q.getAs("reason") + " (" + q.getAs("reason_detail") + ")"));
        } else if (!v.required() && q != null) {
          wrong.add(s.path() + " optional " + v.field() + " " + v.change() + ": quarantined " + q.getAs("reason")
              + " (" + q.getAs("reason_detail") + ")");
        }
      }
    }
    System.out.printf("null-field property: %d variants of %d sources (%d of them required gaps) checked%n", checked,
        written.size(), written.values().stream().flatMap(List::stream).filter(Variant::required).count());
    assertEquals(LandingSource.values().length, written.size(), "every contract is exercised");
    assertTrue(checked > 100, "variants checked: " + checked);
    assertEquals(List.of(), wrong, "a required gap is quarantined naming the field, an optional one loads");
    assertEquals(0, p.warehouse().read(Tables.DQ_RESULTS)
        .where(col("check_name").startsWith("delivered_equals").and(col("status").notEqual("pass"))).count());
  }

  /** The header (CSV) and the first two records of the day's first part file of a source. */
  private static List<String> firstRecords(Path dir, LandingSource s) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    Path first;
    try (Stream<Path> files = Files.list(dir)) {
      first = files.filter(f -> f.getFileName().toString().startsWith("part-")).sorted().findFirst().orElse(null);
    }
    if (first == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    try (InputStream raw = Files.newInputStream(first);
        BufferedReader in = new BufferedReader(new InputStreamReader(
            first.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw, StandardCharsets.UTF_8))) {
      for (String line = in.readLine(); line != null && out.size() < (s.format() == LandingSource.Format.CSV ? 3 : 2);
          line = in.readLine()) {
        if (!line.isBlank()) {
          out.add(line);
        }
      }
    }
    return s.format() == LandingSource.Format.CSV && out.size() < 2 ? List.of() : out;
  }

  /** Each field, and each member of a struct or of an array's first element, set to null, removed and "". */
  private static List<Variant> jsonVariants(LandingSource s, List<String> base) throws IOException {
    List<Variant> out = new ArrayList<>();
    ObjectNode record = (ObjectNode) JSON.readTree(base.get(0));
    for (StructField f : s.contract().fields()) {
      boolean required = s.isRequired(f.name());
      out.add(new Variant(f.name(), "null", required, with(record, n -> n.putNull(f.name()))));
      out.add(new Variant(f.name(), "absent", required, with(record, n -> n.remove(f.name()))));
      if (f.dataType() instanceof StructType st && record.get(f.name()) instanceof ObjectNode) {
        for (StructField inner : st.fields()) {
          boolean innerRequired = required && !inner.nullable();
          out.add(new Variant(f.name() + "." + inner.name(), "null", innerRequired,
              with(record, n -> ((ObjectNode) n.get(f.name())).putNull(inner.name()))));
        }
      } else if (f.dataType() instanceof ArrayType at && at.elementType() instanceof StructType st
          && record.get(f.name()) instanceof ArrayNode a && !a.isEmpty()) {
        for (StructField inner : st.fields()) {
          out.add(new Variant(f.name() + "[]." + inner.name(), "null in the first element", !inner.nullable(),
              with(record, n -> ((ObjectNode) n.get(f.name()).get(0)).putNull(inner.name()))));
        }
      } else if (f.dataType().typeName().equals("string")) {
        out.add(new Variant(f.name(), "empty", required, with(record, n -> n.put(f.name(), ""))));
      }
    }
    return out;
  }

  /** Each column of the first record emptied. */
  private static List<Variant> csvVariants(LandingSource s, List<String> base) {
    CsvParserSettings settings = new CsvParserSettings();
    settings.getFormat().setComment('\0');
    CsvParser parser = new CsvParser(settings);
    String[] header = parser.parseLine(base.get(0));
    String[] record = parser.parseLine(base.get(1));
    List<Variant> out = new ArrayList<>();
    for (int i = 0; i < header.length; i++) {
      if (!s.fieldNames().contains(header[i])) {
        continue;
      }
      String[] v = record.clone();
      v[i] = null;
      StringBuilder line = new StringBuilder();
      for (int j = 0; j < v.length; j++) {
        line.append(j == 0 ? "" : ",").append(v[j] == null ? "" : "\"" + v[j].replace("\"", "\"\"") + "\"");
      }
      out.add(new Variant(header[i], "empty", s.isRequired(header[i]), line.toString()));
    }
    return out;
  }

  private static String with(ObjectNode record, java.util.function.Consumer<ObjectNode> change) {
    ObjectNode copy = record.deepCopy();
    change.accept(copy);
    return copy.toString();
  }
}
