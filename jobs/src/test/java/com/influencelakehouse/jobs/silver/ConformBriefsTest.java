package com.influencelakehouse.jobs.silver;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Briefs are parsed into lists and fairness floors, each invalid version quarantined with its reason, latest wins. */
@Tag("unit")
class ConformBriefsTest {
  private static final String BRONZE = "campaign_id STRING, brand_id STRING, brand_category STRING, objective STRING, "
      + "budget DOUBLE, currency STRING, start_date STRING, end_date STRING, max_offers INT, allowed_tiers STRING, "
      + "allowed_platforms STRING, allowed_countries STRING, min_group_shares STRING, updated_at STRING, "
      + "_ingest_date DATE, _source_file STRING, _line_number BIGINT";
  private static final List<String> GROUPS = List.of("follower_tier", "platform", "country", "category");

  /** A valid brief; {@code changes} maps field names to other values. */
  private static Object[] brief(String id, long line, Map<String, Object> changes) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("campaign_id", id);
    f.put("brand_id", "BR-0001");
    f.put("brand_category", "beauty");
    f.put("objective", "orders");
    f.put("budget", 5000.0);
    f.put("currency", "EUR");
    f.put("start_date", "2026-09-10");
    f.put("end_date", "2026-09-30");
    f.put("max_offers", null);
    f.put("allowed_tiers", null);
    f.put("allowed_platforms", null);
    f.put("allowed_countries", null);
    f.put("min_group_shares", null);
    f.put("updated_at", "2026-09-01T10:00:00+02:00");
    f.putAll(changes);
    List<Object> values = new ArrayList<>(f.values());
    values.add(date("2026-09-01"));
    values.add("campaigns/briefs/dt=2026-09-01/part-00000.csv");
    values.add(line);
    return values.toArray();
  }

  private static Dataset<Row> rates() {
    return Rows.of("rate_date DATE, currency STRING, rate_to_base DOUBLE",
        new Object[] {date("2026-08-31"), "EUR", 1.1}, new Object[] {date("2026-08-31"), "USD", 1.0});
  }

  private static Dataset<Row> labelled(Object[]... rows) {
    return BriefTransforms.labelled(Rows.of(BRONZE, rows), rates(), "USD", GROUPS);
  }

  /** Outcome per campaign id. */
  private static Map<String, String> outcomes(Dataset<Row> labelled) {
    Map<String, String> out = new LinkedHashMap<>();
    for (Row r : labelled.orderBy(Tables.LINE_NUMBER).collectAsList()) {
      out.put(r.getAs("campaign_id"), r.getAs(Outcomes.OUTCOME));
    }
    return out;
  }

  @Test
  void listsAreTrimmedNormalisedAndAnEmptyListIsNoRestriction() {
    Row r = BriefTransforms.latest(labelled(
        brief(" C1 ", 2, Map.of("allowed_tiers", " Nano | micro|| MICRO ", "allowed_platforms", "TikTok",
            "allowed_countries", " kr|us ", "max_offers", 40, "objective", " Revenue ")),
        brief("C2", 3, Map.of("allowed_tiers", "", "allowed_platforms", " | ", "allowed_countries", "  ")))).orderBy(
            "campaign_id").collectAsList().get(0);
    assertEquals("C1", r.getAs("campaign_id"));
    assertEquals(List.of("nano", "micro"), r.getList(r.fieldIndex("allowed_tiers")));
    assertEquals(List.of("tiktok"), r.getList(r.fieldIndex("allowed_platforms")));
    assertEquals(List.of("KR", "US"), r.getList(r.fieldIndex("allowed_countries")));
    assertEquals(40, (int) r.getAs("max_offers"));
    assertEquals("revenue", r.getAs("objective"));
    assertEquals(5500.0, (double) r.getAs("budget_base"), 1e-9);
    assertEquals(date("2026-09-10"), r.getAs("start_date"));
    assertEquals(ts("2026-09-01T08:00:00Z"), r.getAs("updated_at"));
    assertNull(r.getAs("min_group_shares"));

    Row empty = BriefTransforms.latest(labelled(
        brief("C2", 3, Map.of("allowed_tiers", "", "allowed_platforms", " | ", "allowed_countries", "  ")))).first();
    assertNull(empty.getAs("allowed_tiers"));
    assertNull(empty.getAs("allowed_platforms"));
    assertNull(empty.getAs("allowed_countries"));
    assertNull(empty.getAs("max_offers"));
  }

  @Test
  void groupSharesAreParsedIntoGroupValueAndShare() {
    Row r = BriefTransforms.latest(labelled(brief("C1", 2,
        Map.of("min_group_shares", " follower_tier = Nano:0.2 | platform=youtube:0.1|country=kr:1")))).first();
    List<Row> shares = r.getList(r.fieldIndex("min_group_shares"));
    assertEquals(3, shares.size());
    assertEquals(List.of("follower_tier", "nano", 0.2), List.of(shares.get(0).get(0), shares.get(0).get(1),
        shares.get(0).get(2)));
    assertEquals(List.of("platform", "youtube", 0.1), List.of(shares.get(1).get(0), shares.get(1).get(1),
        shares.get(1).get(2)));
    assertEquals(List.of("country", "KR", 1.0), List.of(shares.get(2).get(0), shares.get(2).get(1),
        shares.get(2).get(2)));
  }

  @Test
  void eachInvalidBriefIsQuarantinedWithItsReasonAndADetail() {
    Dataset<Row> labelled = labelled(
        brief("ok", 2, Map.of("allowed_tiers", "mid|macro", "min_group_shares", "follower_tier=mid:0.3|"
            + "follower_tier=macro:0.7")),
        brief("budget", 3, Map.of("budget", 0.0)),
        brief("dates", 4, Map.of("start_date", "2026-09-30", "end_date", "2026-09-10")),
        brief("max", 5, Map.of("max_offers", 0)),
        brief("tier", 6, Map.of("allowed_tiers", "nano|huge")),
        brief("platform", 7, Map.of("allowed_platforms", "instagram|myspace")),
        brief("country", 8, Map.of("allowed_countries", "US|XX")),
        brief("form", 9, Map.of("min_group_shares", "follower_tier:nano=0.2")),
        brief("share", 10, Map.of("min_group_shares", "platform=tiktok:1.5")),
        brief("zero", 11, Map.of("min_group_shares", "platform=tiktok:0")),
        brief("text", 12, Map.of("min_group_shares", "platform=tiktok:lots")),
        brief("group", 13, Map.of("min_group_shares", "gender=female:0.5")),
        brief("value", 14, Map.of("min_group_shares", "follower_tier=giant:0.2")),
        brief("sum", 15, Map.of("min_group_shares", "platform=tiktok:0.6|platform=youtube:0.5")),
        brief("fx", 16, Map.of("currency", "KRW")),
        brief("first", 17, Map.of("budget", -0.0, "max_offers", 0)));
    Map<String, String> expected = new LinkedHashMap<>();
    expected.put("ok", Outcomes.LOADED);
    expected.put("budget", Outcomes.QUARANTINED + "non_positive_budget");
    expected.put("dates", Outcomes.QUARANTINED + "dates_out_of_order");
    expected.put("max", Outcomes.QUARANTINED + "non_positive_max_offers");
    expected.put("tier", Outcomes.QUARANTINED + "unknown_tier");
    expected.put("platform", Outcomes.QUARANTINED + "unknown_platform");
    expected.put("country", Outcomes.QUARANTINED + "unknown_country");
    for (String k : List.of("form", "share", "zero", "text", "group", "value", "sum")) {
      expected.put(k, Outcomes.QUARANTINED + "bad_group_share");
    }
    expected.put("fx", Outcomes.QUARANTINED + "missing_fx_rate");
    expected.put("first", Outcomes.QUARANTINED + "non_positive_budget"); // the first reason that applies
    assertEquals(expected, outcomes(labelled));

    Map<String, String> details = new LinkedHashMap<>();
    for (Row q : Outcomes.quarantine(labelled, LandingSource.BRIEFS,
        Instant.parse("2026-09-02T00:00:00Z")).collectAsList()) {
      details.put(q.getAs("reason"), q.getAs("reason_detail"));
      assertTrue(q.<String>getAs("raw").contains("\"campaign_id\""), q.<String>getAs("raw"));
    }
    assertEquals("allowed_tiers has huge: allowed are nano|micro|mid|macro|mega, separated by |",
        details.get("unknown_tier"));
    assertTrue(details.get("unknown_country").startsWith("allowed_countries has XX: "), details.toString());
    assertTrue(details.get("dates_out_of_order").startsWith("end_date 2026-09-10 is before start_date 2026-09-30"),
        details.toString());
    assertTrue(details.get("missing_fx_rate").startsWith("no exchange rate for KRW on or before 2026-09-01"),
        details.toString());
    assertTrue(details.values().stream().allMatch(d -> d != null && !d.isBlank()), details.toString());
    assertEquals(1, BriefTransforms.latest(labelled).count(), "only the valid brief is conformed");
  }

  @Test
  void theLatestVersionWinsWhateverTheDeliveryOrderAndAnExactRepeatIsADuplicate() {
    Dataset<Row> labelled = labelled(
        brief("C1", 2, Map.of("budget", 9000.0, "updated_at", "2026-09-01T12:00:00Z")),
        brief("C1", 3, Map.of("budget", 5000.0, "updated_at", "2026-09-01T09:00:00Z")),
        brief("C1", 4, Map.of("budget", 5000.0, "updated_at", "2026-09-01T09:00:00Z")),
        brief("C1", 5, Map.of("budget", -1.0, "max_offers", 0, "updated_at", "2026-09-01T13:00:00Z")));
    assertEquals(List.of(Outcomes.LOADED, Outcomes.LOADED, Outcomes.DUPLICATE,
            Outcomes.QUARANTINED + "non_positive_budget"),
        labelled.orderBy(Tables.LINE_NUMBER).select(Outcomes.OUTCOME).as(Encoders.STRING())
            .collectAsList());
    List<Row> latest = BriefTransforms.latest(labelled).collectAsList();
    assertEquals(1, latest.size());
    assertEquals(9000.0, (double) latest.get(0).getAs("budget"), 1e-9);
    assertEquals(ts("2026-09-01T12:00:00Z"), latest.get(0).getAs("updated_at"));
    assertEquals(0, labelled.where(col(Outcomes.OUTCOME).isNull()).count(), "every version has an outcome");
  }

  @Test
  void theConformedRowsMatchTheDeclaredTable() {
    Dataset<Row> rows = BriefTransforms.latest(labelled(brief("C1", 2, Map.of("allowed_tiers", "nano",
        "min_group_shares", "follower_tier=nano:0.5"))));
    assertEquals(List.of(Tables.DIM_CAMPAIGN_BRIEF.schema().fieldNames()), List.of(rows.columns()));
    for (StructField f : Tables.DIM_CAMPAIGN_BRIEF.schema().fields()) {
      assertEquals(f.dataType().catalogString(), rows.schema().apply(f.name()).dataType().catalogString(), f.name());
    }
  }
}
