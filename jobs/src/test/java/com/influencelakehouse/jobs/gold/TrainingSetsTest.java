package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.jobs.testing.Rows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Training examples take the features of the day before, only labelled examples, local send times. */
@Tag("unit")
class TrainingSetsTest {
  static final String FEATURES = "influencer_key STRING, feature_date DATE, follower_tier STRING, category STRING, "
      + "utc_offset_minutes INT, preferred_post_weekday INT, preferred_post_hour INT, posted_rate DOUBLE, "
      + "weekday_mix ARRAY<DOUBLE>, hour_mix ARRAY<DOUBLE>";
  static final List<Double> WEEKDAYS = List.of(0.4, 0.1, 0.1, 0.1, 0.1, 0.1, 0.1);
  /** A tenth of organic posts at each of 9:00, 10:00 and 11:00, the rest at 19:00. */
  static final List<Double> HOURS = java.util.stream.IntStream.range(0, 24)
      .mapToObj(h -> h >= 9 && h <= 11 ? 0.1 : h == 19 ? 0.7 : 0.0).toList();
  static final String NORMS = "as_of_date DATE, follower_tier STRING, incentive_type STRING, norm_amount DOUBLE";
  static final String CAMPAIGNS = "campaign_id STRING, objective STRING, brand_category STRING";

  @Test
  void anOfferGetsTheFeaturesOfTheDayBeforeAndALabelOnlyOnceItsDeadlinePassed() {
    String offers = "offer_id STRING, sent_date DATE, sent_at TIMESTAMP, influencer_key STRING, campaign_id STRING, "
        + "incentive_type STRING, incentive_amount_base DOUBLE, commission_rate_pct DOUBLE, deliverable STRING, "
        + "deadline_days INT, deadline_at TIMESTAMP, posted_within_deadline BOOLEAN, hours_to_post DOUBLE";
    Dataset<Row> o = Rows.of(offers,
        new Object[] {"o1", date("2026-03-02"), ts("2026-03-02T01:00:00Z"), "k1", "c1", "cash", 300.0, null, "post", 7,
            ts("2026-03-09T01:00:00Z"), true, 30.0},
        new Object[] {"o2", date("2026-03-05"), ts("2026-03-05T01:00:00Z"), "k1", "c1", "cash", 100.0, null, "post", 7,
            ts("2026-03-12T01:00:00Z"), false, null});
    Dataset<Row> f = Rows.of(FEATURES,
        new Object[] {"k1", date("2026-03-01"), "micro", "food", 540, 1, 19, 0.25, WEEKDAYS, HOURS},
        new Object[] {"k1", date("2026-03-02"), "micro", "food", 540, 1, 19, 0.99, WEEKDAYS, HOURS});
    Dataset<Row> n = Rows.of(NORMS, new Object[] {date("2026-03-01"), "micro", "cash", 150.0});
    Dataset<Row> c = Rows.of(CAMPAIGNS, new Object[] {"c1", "traffic", "food"});
    List<Row> rows = TrainingSets.posting(o, f, n, c, ts("2026-03-10T00:00:00Z")).collectAsList();
    assertEquals(1, rows.size(), "o2's deadline has not passed by the end of 9 March");
    Row r = rows.get(0);
    assertEquals(date("2026-03-01"), r.getAs("feature_date"));
    assertEquals(0.25, (double) r.getAs("posted_rate"), 1e-12, "not the 2 March value, which saw the send day");
    assertEquals(2.0, (double) r.getAs("relative_incentive"), 1e-12);
    assertEquals(Math.log(2), (double) r.getAs("log_relative_incentive"), 1e-12);
    assertEquals(1, (int) r.getAs("sent_local_weekday"), "01:00 UTC Monday is 10:00 Monday in Seoul");
    assertEquals(10, (int) r.getAs("sent_local_hour"));
    assertEquals(true, r.getAs("sent_on_preferred_weekday"));
    assertEquals(9, (int) r.getAs("hours_from_preferred_hour"));
    assertEquals(0.4, (double) r.getAs("send_weekday_share"), 1e-12, "Monday's share");
    assertEquals(0.3, (double) r.getAs("send_hour_share"), 1e-12, "9:00 to 11:00 around the 10:00 send");
    assertEquals(true, r.getAs("category_match"));
    assertEquals(1.0, (double) r.getAs("label"), 1e-12);
  }

  @Test
  void aSponsoredPostIsLabelledWithTheClicksAndOrdersOfItsFirstSevenDays() {
    String posts = "post_id STRING, post_date DATE, posted_at TIMESTAMP, influencer_key STRING, offer_id STRING, "
        + "media_type STRING, labels ARRAY<STRING>, hashtags ARRAY<STRING>, posted_local_weekday INT, "
        + "posted_local_hour INT, is_sponsored BOOLEAN";
    Dataset<Row> p = Rows.of(posts,
        new Object[] {"p1", date("2026-03-02"), ts("2026-03-02T10:00:00Z"), "k1", "o1", "IMAGE", List.of("food"),
            List.of(), 1, 19, true},
        new Object[] {"p2", date("2026-03-06"), ts("2026-03-06T10:00:00Z"), "k1", "o2", "IMAGE", List.of(), List.of(),
            5, 19, true});
    Dataset<Row> o = Rows.of("offer_id STRING, campaign_id STRING, incentive_type STRING, incentive_amount_base "
            + "DOUBLE, commission_rate_pct DOUBLE, deliverable STRING",
        new Object[] {"o1", "c1", "commission", null, 10.0, "post"},
        new Object[] {"o2", "c1", "cash", 100.0, null, "post"});
    Dataset<Row> clicks = Rows.of("post_id STRING, click_at TIMESTAMP",
        new Object[] {"p1", ts("2026-03-02T11:00:00Z")},
        new Object[] {"p1", ts("2026-03-09T09:59:00Z")},
        new Object[] {"p1", ts("2026-03-09T10:00:00Z")});
    Dataset<Row> orders = Rows.of("offer_id STRING, order_at TIMESTAMP, revenue_base DOUBLE",
        new Object[] {"o1", ts("2026-03-03T00:00:00Z"), 40.0},
        new Object[] {"o1", ts("2026-03-04T00:00:00Z"), 60.0},
        new Object[] {"o1", ts("2026-03-10T00:00:00Z"), 99.0});
    Dataset<Row> f = Rows.of(FEATURES, new Object[] {"k1", date("2026-03-01"), "micro", "beauty", 0, 1, 19, 0.5,
        WEEKDAYS, HOURS});
    Dataset<Row> n = Rows.of(NORMS, new Object[] {date("2026-03-01"), "micro", "commission", 8.0});
    Dataset<Row> c = Rows.of(CAMPAIGNS, new Object[] {"c1", "conversions", "food"});
    List<Row> rows = TrainingSets.conversion(p, o, clicks, orders, f, n, c, ts("2026-03-10T00:00:00Z"))
        .collectAsList();
    assertEquals(1, rows.size(), "p2 is not 7 days old yet");
    Row r = rows.get(0);
    assertEquals(2L, (long) r.getAs("clicks_7d"), "the click at exactly 7 days is outside");
    assertEquals(2L, (long) r.getAs("orders_7d"));
    assertEquals(100.0, (double) r.getAs("revenue_7d"), 1e-12);
    assertEquals(1.25, (double) r.getAs("relative_incentive"), 1e-12, "10 % against an 8 % norm");
    assertEquals(false, r.getAs("category_match"));
    assertEquals(1, (int) r.getAs("label_count"));
  }
}
