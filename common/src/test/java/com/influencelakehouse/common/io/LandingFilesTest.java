package com.influencelakehouse.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPOutputStream;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Landing files are read whole, line by line, with their place; a truncated file is refused, never half-read. */
@Tag("unit")
class LandingFilesTest {
  private static final LocalDate DAY = LocalDate.parse("2026-09-03");
  @TempDir
  Path tmp;
  private WarehouseSettings warehouse;

  @BeforeEach
  void setUp() {
    warehouse = TestConfigs.local(tmp).warehouse();
  }

  private Path folder(LandingSource s) throws IOException {
    return Files.createDirectories(Path.of(warehouse.landingPath(s, DAY)));
  }

  private List<Row> read(LandingSource s, boolean failOnCorrupt) {
    var listing = LandingFiles.list(SharedSpark.get(), warehouse, s, DateRange.of(DAY));
    return LandingFiles.read(SharedSpark.get(), warehouse, listing, failOnCorrupt)
        .orderBy(Tables.SOURCE_FILE, Tables.LINE_NUMBER).collectAsList();
  }

  private static byte[] gzip(String text) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write(text.getBytes(StandardCharsets.UTF_8));
    }
    return out.toByteArray();
  }

  @Test
  void linesKeepTheirFileAndNumberAcrossPlainAndGzippedFiles() throws IOException {
    Path dir = folder(LandingSource.POSTS);
    Files.writeString(dir.resolve("part-00000.jsonl"), "\uFEFF{\"a\":1}\r\n{\"a\":2}\n\n{\"a\":4}\n");
    Files.write(dir.resolve("part-00001.jsonl.gz"), gzip("{\"b\":1}\n{\"b\":2}"));
    Files.writeString(dir.resolve(".part-00002.jsonl.crc"), "hidden");
    Files.writeString(dir.resolve("_SUCCESS"), "");
    Files.write(dir.resolve("part-00003.jsonl"), new byte[0]);
    List<Row> rows = read(LandingSource.POSTS, true);
    assertEquals(6, rows.size());
    assertEquals(List.of("{\"a\":1}", "{\"a\":2}", "", "{\"a\":4}", "{\"b\":1}", "{\"b\":2}"),
        rows.stream().map(r -> r.<String>getAs("value")).toList(), "BOM and CR dropped; the blank line kept");
    assertEquals(List.of(1L, 2L, 3L, 4L, 1L, 2L), rows.stream().map(r -> r.<Long>getAs(Tables.LINE_NUMBER)).toList());
    assertEquals("social/posts/dt=2026-09-03/part-00001.jsonl.gz", rows.get(4).getAs(Tables.SOURCE_FILE));
    assertEquals(java.sql.Date.valueOf(DAY), rows.get(0).getAs(Tables.INGEST_DATE));
  }

  @Test
  void csvRowsComeParsedWithTheirFilesHeader() throws IOException {
    Files.writeString(folder(LandingSource.FX_RATES).resolve("part-00000.csv"),
        "date,currency,rate_to_base,note\n2026-09-03,EUR,1.08,\"a, quoted \"\"note\"\"\"\n");
    Row r = read(LandingSource.FX_RATES, true).get(0);
    assertEquals(2L, (long) r.getAs(Tables.LINE_NUMBER), "the header is line 1");
    assertEquals(List.of("date", "currency", "rate_to_base", "note"), r.getList(r.fieldIndex("header")));
    assertEquals(List.of("2026-09-03", "EUR", "1.08", "a, quoted \"note\""), r.getList(r.fieldIndex("fields")));
  }

  @Test
  void aTruncatedGzipFailsTheReadNamingTheFile() throws IOException {
    byte[] whole = gzip("{\"b\":1}\n".repeat(2000));
    Files.write(folder(LandingSource.POST_INSIGHTS).resolve("part-00000.jsonl.gz"),
        Arrays.copyOf(whole, whole.length / 2));
    Exception e = assertThrows(Exception.class, () -> read(LandingSource.POST_INSIGHTS, true));
    Throwable root = e;
    while (!(root instanceof CorruptLandingFileException) && root.getCause() != null) {
      root = root.getCause();
    }
    assertTrue(root instanceof CorruptLandingFileException, String.valueOf(e));
    assertTrue(root.getMessage().startsWith("landing file social/post_insights/dt=2026-09-03/part-00000.jsonl.gz cannot "
        + "be read to its end"), root.getMessage());
  }

  @Test
  void aTruncatedGzipCanInsteadBecomeOneRowNamingTheErrorWithNoLinesFromIt() throws IOException {
    byte[] whole = gzip("{\"b\":1}\n".repeat(2000));
    Files.write(folder(LandingSource.POST_INSIGHTS).resolve("part-00000.jsonl.gz"),
        Arrays.copyOf(whole, whole.length / 2));
    List<Row> rows = read(LandingSource.POST_INSIGHTS, false);
    assertEquals(1, rows.size());
    assertTrue(rows.get(0).<String>getAs("file_error").startsWith("EOFException"), rows.get(0).toString());
    assertEquals(0L, (long) rows.get(0).getAs(Tables.LINE_NUMBER));
  }

  @Test
  void missingDateFoldersAreListed() throws IOException {
    folder(LandingSource.CLICKS);
    var listing = LandingFiles.list(SharedSpark.get(), warehouse, LandingSource.CLICKS,
        new DateRange(DAY, DAY.plusDays(2)));
    assertEquals(List.of(DAY.plusDays(1), DAY.plusDays(2)), listing.missingDates());
  }

  /** Regression (issue 15): a Shopify orders export names orders "#1001" and quotes notes with line breaks. */
  @Test
  void csvValuesStartingWithHashAreDataAndQuotedFieldsMaySpanLines() throws IOException {
    Files.writeString(folder(LandingSource.ORDERS).resolve("part-00000.csv"),
        "order_id,ts,visitor_id,revenue,currency,promo_code,click_id,items,Note\n"
            + "#1001,2026-09-03T10:00:00-04:00,v1,49.90,USD,,,1,\"Leave at the door.\r\nRing twice, \"\"please\"\"\"\n"
            + "#1002,2026-09-03T11:00:00-04:00,v2,12.00,USD,,,2,5\" screen\n"
            + "#1003,2026-09-03T12:00:00-04:00,v3,7.50,USD,,,1,\"\"\n");
    List<Row> rows = read(LandingSource.ORDERS, true);
    assertEquals(3, rows.size(), "three records, none taken for a comment, none split at a quoted line break");
    assertEquals(List.of("#1001", "#1002", "#1003"),
        rows.stream().map(r -> r.getList(r.fieldIndex("fields")).get(0)).toList());
    assertEquals("Leave at the door.\nRing twice, \"please\"", rows.get(0).getList(rows.get(0).fieldIndex("fields")).get(8));
    assertEquals("5\" screen", rows.get(1).getList(rows.get(1).fieldIndex("fields")).get(8),
        "a quote inside an unquoted field is a character");
    assertEquals(List.of(2L, 4L, 5L), rows.stream().map(r -> r.<Long>getAs(Tables.LINE_NUMBER)).toList(),
        "a record is numbered by its first line");
  }

  @Test
  void aRecordContinuesOnlyWhileAFieldThatOpenedWithAQuoteIsOpen() {
    assertTrue(LandingFiles.LineIterator.endsInsideQuotes("a,\"b"));
    assertTrue(LandingFiles.LineIterator.endsInsideQuotes("a,\"b\"\"c"));
    assertEquals(false, LandingFiles.LineIterator.endsInsideQuotes("a,\"b\"\"c\""));
    assertEquals(false, LandingFiles.LineIterator.endsInsideQuotes("a,5\" screen"));
    assertEquals(false, LandingFiles.LineIterator.endsInsideQuotes("#1001,x"));
  }
}
