package com.influencelakehouse.jobs.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.io.LandingFiles;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import java.sql.Date;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Test;

/** Each way a record can break its contract is recognised, named and located; valid records come out typed. */
class BronzeRecordsTest {
  private static final Date DT = Date.valueOf("2026-09-03");
  private static final String POST = "{\"id\":\"p1\",\"owner\":{\"id\":\"i1\"},\"timestamp\":\"2026-09-03T21:15:00+0900\","
      + "\"media_type\":\"IMAGE\",\"caption\":\"오늘 #패션 ✨\",\"content_labels\":[{\"label\":\"selfie\",\"confidence\":0.9}]}";
  private static final String OFFER_HEADER =
      "offer_id,campaign_id,influencer_id,sent_at,incentive_type,incentive_amount,currency,deliverable,deadline_days,"
          + "promo_code";

  /** Validates JSON lines of social/posts; returns reason and detail per line number. */
  private static Map<Long, String> jsonReasons(String... lines) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(RowFactory.create("social/posts", DT, "social/posts/dt=2026-09-03/part-00000.jsonl", i + 1L, lines[i],
          null, null, null));
    }
    return reasons(BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.POSTS, 24));
  }

  private static Map<Long, String> csvReasons(String header, String... lines) {
    List<Row> rows = new ArrayList<>();
    String[] h = header.split(",", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] f = lines[i].isEmpty() ? null : lines[i].split(",", -1);
      rows.add(RowFactory.create("campaigns/offers", DT, "campaigns/offers/dt=2026-09-03/part-00000.csv", i + 2L,
          lines[i], f, h, null));
    }
    return reasons(BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.OFFERS, 24));
  }

  private static Map<Long, String> reasons(Dataset<Row> validated) {
    Map<Long, String> out = new LinkedHashMap<>();
    for (Row r : validated.orderBy(Tables.LINE_NUMBER).collectAsList()) {
      String reason = r.getAs("reason");
      String detail = r.getAs("reason_detail");
      out.put(r.getAs(Tables.LINE_NUMBER), reason == null ? "valid" : detail == null ? reason : reason + ":" + detail);
    }
    return out;
  }

  @Test
  void eachContractViolationOfAJsonRecordHasItsReasonAndField() {
    Map<Long, String> r = jsonReasons(
        POST,
        POST.substring(0, 40),
        "",
        "[1, 2]",
        POST.replace("\"id\":\"p1\",", ""),
        POST.replace("{\"id\":\"i1\"}", "\"i1\""),
        POST.replace("IMAGE", "LIVE"),
        POST.replace("2026-09-03T21:15:00+0900", "yesterday"),
        POST.replace("2026-09-03T21:15:00+0900", "2027-01-01T00:00:00Z"),
        POST.replace("0.9}]", "\"high\"}]"));
    assertEquals(List.of("valid", "malformed_record", "malformed_record", "malformed_record",
        "missing_required_field:id", "wrong_type:owner", "unknown_enum:media_type",
        "unparseable_timestamp:timestamp", "future_timestamp:timestamp", "wrong_type:content_labels"),
        List.copyOf(r.values()));
  }

  @Test
  void aTimestampWithinTheExportDayPlusTheToleranceIsNotInTheFuture() {
    Map<Long, String> r = jsonReasons(
        POST.replace("2026-09-03T21:15:00+0900", "2026-09-04T23:59:00Z"),
        POST.replace("2026-09-03T21:15:00+0900", "2026-09-05T00:00:01Z"),
        POST.replace("2026-09-03T21:15:00+0900", "2026-09-02T22:00:00-05:00"));
    assertEquals(List.of("valid", "future_timestamp:timestamp", "valid"), List.copyOf(r.values()));
  }

  @Test
  void aValidJsonRecordIsTypedAndItsUndeclaredFieldsAreRescued() {
    String extra = POST.replace("{\"id\":\"p1\",", "{\"id\":\"p1\",\"client_version\":\"5.2.1\",\"debug\":{\"a\":1},");
    List<Row> rows = List.of(RowFactory.create("social/posts", DT, "f.jsonl", 1L, extra, null, null, null));
    Dataset<Row> validated = BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.POSTS, 24);
    Row bronze = BronzeRecords.valid(validated, LandingSource.POSTS, Instant.parse("2026-09-04T06:00:00Z")).first();
    assertEquals("i1", bronze.<Row>getAs("owner").getString(0));
    assertEquals(0.9, bronze.<scala.collection.Seq<Row>>getAs("content_labels").apply(0).getDouble(1));
    assertEquals(Map.of("client_version", "5.2.1", "debug", "{\"a\":1}"),
        bronze.getJavaMap(bronze.fieldIndex(Tables.RESCUED)));
    assertEquals(DT, bronze.getAs(Tables.INGEST_DATE));
    assertEquals(1L, (long) bronze.getAs(Tables.LINE_NUMBER));
  }

  @Test
  void eachContractViolationOfACsvRowHasItsReasonAndField() {
    String ok = "OFR-1,CMP-1,i1,2026-09-03T10:00:00+09:00,cash,120.00,USD,post,7,ABC0001";
    Map<Long, String> r = csvReasons(OFFER_HEADER,
        ok,
        "OFR-1,CMP-1,i1",
        "",
        ok.replace("OFR-1", ""),
        ok.replace("120.00", "N/A"),
        ok.replace("120.00", "-120.00"),
        ok.replace("cash", "crypto"),
        ok.replace(",7,", ",-7,"),
        ok.replace("2026-09-03T10:00:00+09:00", "03/09/2026 10:00"),
        ok.replace(",ABC0001", ","));
    assertEquals(List.of("valid", "malformed_record", "malformed_record", "missing_required_field:offer_id",
        "wrong_type:incentive_amount", "negative_value:incentive_amount", "unknown_enum:incentive_type",
        "negative_value:deadline_days", "unparseable_timestamp:sent_at", "valid"), List.copyOf(r.values()));
  }

  @Test
  void anExtraCsvColumnIsRescuedAndColumnsAreFoundByHeaderName() {
    String header = "campaign_id,offer_id,influencer_id,sent_at,incentive_type,incentive_amount,currency,deliverable,"
        + "deadline_days,promo_code,export_batch";
    List<Row> rows = List.of(RowFactory.create("campaigns/offers", DT, "f.csv", 2L, "x",
        "CMP-1,OFR-9,i1,2026-09-03T10:00:00Z,product,80,EUR,story,10,,b7".split(",", -1), header.split(","), null));
    Dataset<Row> validated = BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.OFFERS, 24);
    Row bronze = BronzeRecords.valid(validated, LandingSource.OFFERS, Instant.now()).first();
    assertEquals("OFR-9", bronze.getAs("offer_id"));
    assertEquals(80.0, (double) bronze.getAs("incentive_amount"));
    assertEquals(10, (int) bronze.getAs("deadline_days"));
    assertNull(bronze.getAs("promo_code"), "an empty optional field is null");
    assertEquals(Map.of("export_batch", "b7"), bronze.getJavaMap(bronze.fieldIndex(Tables.RESCUED)));
  }

  @Test
  void aQuarantinedRecordKeepsItsRawTextFileAndLine() {
    List<Row> rows = List.of(RowFactory.create("social/posts", DT, "social/posts/dt=2026-09-03/part-00001.jsonl", 42L,
        "{\"id\":", null, null, null));
    Row q = BronzeRecords.quarantined(BronzeRecords.validate(
        SharedSpark.get().createDataFrame(rows, LandingFiles.LINES), LandingSource.POSTS, 24),
        Instant.parse("2026-09-04T06:00:00Z")).first();
    assertEquals("social/posts", q.getAs("source"));
    assertEquals("bronze", q.getAs("stage"));
    assertEquals("social/posts/dt=2026-09-03/part-00001.jsonl", q.getAs(Tables.SOURCE_FILE));
    assertEquals(42L, (long) q.getAs(Tables.LINE_NUMBER));
    assertEquals("{\"id\":", q.getAs("raw"));
    assertEquals("malformed_record", q.getAs("reason"));
    assertTrue(q.isNullAt(q.fieldIndex("reason_detail")));
  }

  @Test
  void anUnreadableFileBecomesOneQuarantinedRecordNamingTheError() {
    List<Row> rows = List.of(RowFactory.create("social/post_insights", DT, "x.jsonl.gz", 0L, null, null, null,
        "EOFException: Unexpected end of input stream"));
    Map<Long, String> r = reasons(BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.POST_INSIGHTS, 24));
    assertEquals(Map.of(0L, "corrupt_file:EOFException: Unexpected end of input stream"), r);
  }
}
