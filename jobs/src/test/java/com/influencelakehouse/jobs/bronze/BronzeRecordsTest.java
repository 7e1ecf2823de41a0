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
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Each way a record can break its contract is recognised, named and located; valid records come out typed. */
@Tag("unit")
class BronzeRecordsTest {
  private static final Date DT = Date.valueOf("2026-09-03");
  private static final String POST = "{\"id\":\"p1\",\"owner\":{\"id\":\"i1\"},\"timestamp\":\"2026-09-03T21:15:00+0900\","
      + "\"media_type\":\"IMAGE\",\"caption\":\"오늘 #패션 ✨\",\"content_labels\":[{\"label\":\"selfie\",\"confidence\":0.9}]}";
  /** A profile snapshot as social/influencers delivers it. */
  private static final String PROFILE = "{\"influencer_id\":\"1784140000000001\",\"handle\":\"liam.paws\","
      + "\"platform\":\"instagram\",\"email\":\"liampaws@mail.example\",\"country\":\"US\",\"language\":\"en\","
      + "\"category\":\"pets\",\"followers_count\":142754,\"following_count\":249,\"media_count\":154,"
      + "\"consent\":{\"analytics\":true,\"content_reuse\":true,\"updated_at\":\"2025-09-22T18:42:16-05:00\"},"
      + "\"snapshot_at\":\"2026-09-03T02:04:53Z\"}";
  private static final String CLICK_HEADER = "click_id,ts,tracking_url,visitor_id,device,country";
  private static final String CLICK = "clk_1a2b3c,2026-09-03T10:00:00-05:00,/c/OFR-1?inf=i1&post=p1,v_0123456789ab,"
      + "mobile,US";
  private static final String OFFER_HEADER =
      "offer_id,campaign_id,influencer_id,sent_at,incentive_type,incentive_amount,currency,deliverable,deadline_days,"
          + "promo_code";

  /** Validates JSON lines of social/posts; returns reason and detail per line number. */
  private static Map<Long, String> jsonReasons(String... lines) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(RowFactory.create("social/posts", DT, "social/posts/dt=2026-09-03/part-00000.jsonl", i + 1L, lines[i],
          null, null, null, null, "canonical", null));
    }
    return reasons(BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.POSTS, 24));
  }

  private static Map<Long, String> csvReasons(String header, String... lines) {
    return reasons(validateCsv(LandingSource.OFFERS, header, lines));
  }

  private static Dataset<Row> validateJson(LandingSource source, String... lines) {
    List<Row> rows = new ArrayList<>();
    for (int i = 0; i < lines.length; i++) {
      rows.add(RowFactory.create(source.path(), DT, source.path() + "/dt=2026-09-03/part-00000.jsonl", i + 1L,
          lines[i], null, null, null, null, "canonical", null));
    }
    return BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES), source, 24);
  }

  private static Dataset<Row> validateCsv(LandingSource source, String header, String... lines) {
    List<Row> rows = new ArrayList<>();
    String[] h = header.split(",", -1);
    for (int i = 0; i < lines.length; i++) {
      String[] f = lines[i].isEmpty() ? null : lines[i].split(",", -1);
      rows.add(RowFactory.create(source.path(), DT, source.path() + "/dt=2026-09-03/part-00000.csv", i + 2L,
          lines[i], f, h, null, null, "canonical", null));
    }
    return BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES), source, 24);
  }

  /** The valid records' value of one field, by line number. */
  private static Map<Long, Object> stored(Dataset<Row> validated, LandingSource source, String field) {
    Map<Long, Object> out = new LinkedHashMap<>();
    for (Row r : BronzeRecords.valid(validated, source, Instant.parse("2026-09-04T06:00:00Z"))
        .orderBy(Tables.LINE_NUMBER).collectAsList()) {
      out.put(r.getAs(Tables.LINE_NUMBER), r.getAs(field));
    }
    return out;
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
    List<Row> rows = List.of(RowFactory.create("social/posts", DT, "f.jsonl", 1L, extra, null, null, null, null, "canonical", null));
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
  void notANumberAndInfinityAreQuarantinedInEveryDoubleFieldNotLoaded() {
    // One NaN revenue would make every sum of its day NaN; -Infinity would pass as merely negative.
    String ok = "OFR-1,CMP-1,i1,2026-09-03T10:00:00+09:00,cash,120.00,USD,post,7,ABC0001";
    Map<Long, String> csv = csvReasons(OFFER_HEADER, ok, ok.replace("120.00", "NaN"), ok.replace("120.00", "Infinity"),
        ok.replace("120.00", "-Infinity"), ok.replace("120.00", "1.5e3"));
    assertEquals(List.of("valid", "non_finite_value:incentive_amount", "non_finite_value:incentive_amount",
        "non_finite_value:incentive_amount", "valid"), List.copyOf(csv.values()));
    Map<Long, String> json = jsonReasons(POST, POST.replace("0.9}", "NaN}"), POST.replace("0.9}", "\"Infinity\"}"),
        POST.replace("0.9}", "-Infinity}"));
    assertEquals(List.of("valid", "non_finite_value:content_labels[].confidence",
        "non_finite_value:content_labels[].confidence", "non_finite_value:content_labels[].confidence"),
        List.copyOf(json.values()));
  }

  @Test
  void anExtraCsvColumnIsRescuedAndColumnsAreFoundByHeaderName() {
    String header = "campaign_id,offer_id,influencer_id,sent_at,incentive_type,incentive_amount,currency,deliverable,"
        + "deadline_days,promo_code,export_batch";
    List<Row> rows = List.of(RowFactory.create("campaigns/offers", DT, "f.csv", 2L, "x",
        "CMP-1,OFR-9,i1,2026-09-03T10:00:00Z,product,80,EUR,story,10,,b7".split(",", -1), header.split(","), null, null, "canonical", null));
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
        "{\"id\":", null, null, null, null, "canonical", null));
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
        "EOFException: Unexpected end of input stream", null, "canonical", null));
    Map<Long, String> r = reasons(BronzeRecords.validate(SharedSpark.get().createDataFrame(rows, LandingFiles.LINES),
        LandingSource.POST_INSIGHTS, 24));
    assertEquals(Map.of(0L, "corrupt_file:EOFException: Unexpected end of input stream"), r);
  }

  @Test
  void aBlankJsonValueCountsAsMissingWhenRequiredAndIsStoredAsNullWhenOptional() {
    Dataset<Row> v = validateJson(LandingSource.INFLUENCERS,
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"\""),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\" \\t \""),
        PROFILE.replace("\"followers_count\":142754", "\"followers_count\":\"\""),
        PROFILE.replace("\"liampaws@mail.example\"", "\"\""),
        PROFILE);
    assertEquals(List.of("missing_required_field:country", "missing_required_field:country",
        "missing_required_field:followers_count", "valid", "valid"), List.copyOf(reasons(v).values()));
    Map<Long, Object> email = stored(v, LandingSource.INFLUENCERS, "email");
    assertNull(email.get(4L), "an empty optional text is stored as null, not as \"\"");
    assertEquals("liampaws@mail.example", email.get(5L));

    Dataset<Row> insights = validateJson(LandingSource.POST_INSIGHTS,
        "{\"post_id\":\"p1\",\"captured_at\":\"2026-09-03T10:00:00Z\",\"like_count\":1,\"comments_count\":0,"
            + "\"impressions\":10,\"reach\":9,\"saved\":0,\"shares\":0,\"video_views\":\"\"}");
    assertEquals(List.of("valid"), List.copyOf(reasons(insights).values()), "a blank optional count is null");
    assertNull(stored(insights, LandingSource.POST_INSIGHTS, "video_views").get(1L));
  }

  @Test
  void aCountryIsAnIsoAlpha2CodeTrimmedAndUpperCased() {
    Dataset<Row> v = validateJson(LandingSource.INFLUENCERS,
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"USA\""),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"Germany\""),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"uk\""),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"de\""),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\" kr \""),
        PROFILE);
    assertEquals(List.of("invalid_country_code:country", "invalid_country_code:country",
        "invalid_country_code:country", "valid", "valid", "valid"), List.copyOf(reasons(v).values()));
    assertEquals(Map.of(4L, "DE", 5L, "KR", 6L, "US"), stored(v, LandingSource.INFLUENCERS, "country"),
        "bronze stores the normalised code");

    Dataset<Row> clicks = validateCsv(LandingSource.CLICKS, CLICK_HEADER,
        CLICK, CLICK.replace(",US", ",usa"), CLICK.replace(",US", ",gb"), CLICK.replace(",US", ","),
        CLICK.replace(",US", ",  "));
    assertEquals(List.of("valid", "invalid_country_code:country", "valid", "valid", "valid"),
        List.copyOf(reasons(clicks).values()));
    Map<Long, Object> country = stored(clicks, LandingSource.CLICKS, "country");
    assertEquals("GB", country.get(4L));
    assertNull(country.get(5L), "an empty optional country is null");
    assertNull(country.get(6L), "a blank optional country is null");
  }

  @Test
  void aRecordWithSeveralBadFieldsNamesThemAllAfterTheFirst() {
    Map<Long, String> r = reasons(validateJson(LandingSource.INFLUENCERS,
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"USA\"")
            .replace("\"followers_count\":142754", "\"followers_count\":\"12.5k\""),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"\"").replace("instagram", "myspace")
            .replace("\"following_count\":249", "\"following_count\":-249")
            .replace("2026-09-03T02:04:53Z", "yesterday"),
        PROFILE.replace("\"country\":\"US\"", "\"country\":\"Germany\""),
        "[1, 2]"));
    assertEquals(List.of("wrong_type:followers_count (also: invalid_country_code country)",
        "missing_required_field:country (also: unknown_enum platform, negative_value following_count, "
            + "unparseable_timestamp snapshot_at)",
        "invalid_country_code:country", "malformed_record"), List.copyOf(r.values()));

    Map<Long, String> posts = jsonReasons(POST.replace("{\"id\":\"i1\"}", "\"i1\"").replace("IMAGE", "LIVE"),
        POST.replace("0.9}]", "\"high\"}]").replace("IMAGE", "LIVE"),
        POST.replace("0.9}]", "\"high\"}]").replace("{\"id\":\"i1\"}", "\"i1\""));
    assertEquals(List.of("wrong_type:owner (also: unknown_enum media_type)",
        "wrong_type:content_labels (also: unknown_enum media_type)",
        "wrong_type:owner (also: wrong_type content_labels)"), List.copyOf(posts.values()));

    String ok = "OFR-1,CMP-1,i1,2026-09-03T10:00:00+09:00,cash,120.00,USD,post,7,ABC0001";
    Map<Long, String> offers = csvReasons(OFFER_HEADER,
        ok.replace("120.00", "N/A").replace("cash", "crypto").replace(",7,", ",-7,"),
        ok.replace("OFR-1", " ").replace("CMP-1", ""));
    assertEquals(List.of("wrong_type:incentive_amount (also: unknown_enum incentive_type, negative_value deadline_days)",
        "missing_required_field:offer_id (also: missing_required_field campaign_id)"), List.copyOf(offers.values()));

    Map<Long, String> campaigns = reasons(validateCsv(LandingSource.CAMPAIGNS,
        "campaign_id,brand_id,brand_category,objective,start_date,end_date,budget,currency,updated_at",
        "CMP-1,BR-1,fashion,awareness,2026-13-01,2026-09-30,1000,USD,2027-09-03T10:00:00Z"));
    assertEquals(List.of("unparseable_timestamp:start_date (also: future_timestamp updated_at)"),
        List.copyOf(campaigns.values()), "dates are checked with the timestamps, before future_timestamp");
  }
}
