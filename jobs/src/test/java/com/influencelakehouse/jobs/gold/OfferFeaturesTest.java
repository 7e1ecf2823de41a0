package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Offer history as known at the end of the feature date, and the market's incentive norms. */
@Tag("unit")
class OfferFeaturesTest {
  static final String OFFERS = "offer_id STRING, influencer_key STRING, follower_tier STRING, sent_at TIMESTAMP, "
      + "sent_date DATE, incentive_type STRING, incentive_amount_base DOUBLE, commission_rate_pct DOUBLE, "
      + "deadline_at TIMESTAMP, status STRING, responded_at TIMESTAMP, accepted_at TIMESTAMP, posted_at TIMESTAMP, "
      + "posted_within_deadline BOOLEAN, hours_to_post DOUBLE, deliverable STRING";

  static Object[] offer(String id, String sent, String type, double amount, String deadline, String status,
      String responded, String accepted, String posted) {
    return offerTo("k1", id, sent, type, amount, deadline, status, responded, accepted, posted);
  }

  static Object[] offerTo(String key, String id, String sent, String type, double amount, String deadline,
      String status, String responded, String accepted, String posted) {
    boolean within = posted != null && posted.compareTo(deadline) <= 0;
    Double hours = posted == null ? null
        : (ts(posted).getTime() - ts(sent).getTime()) / 3_600_000.0;
    return new Object[] {id, key, "micro", ts(sent), date(sent.substring(0, 10)), type,
        type.equals("commission") ? null : amount, type.equals("commission") ? amount : null, ts(deadline), status,
        responded == null ? null : ts(responded), accepted == null ? null : ts(accepted),
        posted == null ? null : ts(posted), within, hours, "post"};
  }

  @Test
  void outcomesAreThoseKnownAtTheEndOfTheFeatureDate() {
    Dataset<Row> offers = Rows.of(OFFERS,
        // posted on 3 March: resolved and posted from 3 March on
        offer("o1", "2026-03-01T09:00:00Z", "cash", 200, "2026-03-11T09:00:00Z", "accepted",
            "2026-03-03T12:00:00Z", "2026-03-01T20:00:00Z", "2026-03-03T12:00:00Z"),
        // declined on 2 March
        offer("o2", "2026-03-01T09:00:00Z", "cash", 100, "2026-03-11T09:00:00Z", "declined",
            "2026-03-02T08:00:00Z", null, null),
        // no answer: resolved only when the deadline passes on 5 March
        offer("o3", "2026-03-01T09:00:00Z", "product", 300, "2026-03-05T09:00:00Z", "expired",
            "2026-03-05T09:00:00Z", null, null));
    Dataset<Row> norms = OfferFeatures.norms(offers, 90, new DateRange(LocalDate.of(2026, 3, 2),
        LocalDate.of(2026, 3, 5)));
    Row cashNorm = norms.where("as_of_date = '2026-03-02' AND incentive_type = 'cash'").first();
    assertEquals(150.0, (double) cashNorm.getAs("norm_amount"), 1e-12, "median of 200 and 100");

    List<Row> h = Rows.sorted(OfferFeatures.history(offers, norms, 90,
        new DateRange(LocalDate.of(2026, 3, 2), LocalDate.of(2026, 3, 5))), "feature_date");
    Row mar2 = h.get(0);
    assertEquals(3L, (long) mar2.getAs("offers_received"));
    assertEquals(1L, (long) mar2.getAs("offers_resolved"), "only the decline is known on 2 March");
    assertEquals(0.0, (double) mar2.getAs("posted_rate"), 1e-12);
    Row mar3 = h.get(1);
    assertEquals(2L, (long) mar3.getAs("offers_resolved"));
    assertEquals(0.5, (double) mar3.getAs("posted_rate"), 1e-12);
    assertEquals(0.5, (double) mar3.getAs("acceptance_rate"), 1e-12);
    assertEquals(51.0, (double) mar3.getAs("median_hours_to_post"), 1e-9);
    assertEquals(200.0 / 150, (double) mar3.getAs("relative_incentive_posted"), 1e-9);
    assertEquals(100.0 / 150, (double) mar3.getAs("relative_incentive_not_posted"), 1e-9);
    Row mar5 = h.get(3);
    assertEquals(3L, (long) mar5.getAs("offers_resolved"), "the deadline of o3 passed on 5 March");
    assertEquals(1L, (long) mar5.getAs("offers_product"));
    double market = 1.0 / 3;
    assertEquals((0 + 3 * market) / (1 + 3), (double) mar5.getAs("posted_rate_product"), 1e-9,
        "shrunk towards the market's rate");
  }

  @Test
  void responsivenessIsHowFarAnInfluencersOutcomesBeatComparableOffers() {
    // The same offer (cash, post, at the norm) to two influencers: k1 posts both, k2 declines both.
    Dataset<Row> offers = Rows.of(OFFERS,
        offerTo("k1", "a1", "2026-03-01T09:00:00Z", "cash", 100, "2026-03-11T09:00:00Z", "accepted",
            "2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z", "2026-03-02T12:00:00Z"),
        offerTo("k1", "a2", "2026-03-01T10:00:00Z", "cash", 100, "2026-03-11T09:00:00Z", "accepted",
            "2026-03-01T12:00:00Z", "2026-03-01T12:00:00Z", "2026-03-02T13:00:00Z"),
        offerTo("k2", "b1", "2026-03-01T09:00:00Z", "cash", 100, "2026-03-11T09:00:00Z", "declined",
            "2026-03-02T08:00:00Z", null, null),
        offerTo("k2", "b2", "2026-03-01T10:00:00Z", "cash", 100, "2026-03-11T09:00:00Z", "declined",
            "2026-03-02T08:00:00Z", null, null));
    DateRange day = new DateRange(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 3));
    List<Row> h = Rows.sorted(OfferFeatures.history(offers, OfferFeatures.norms(offers, 90, day), 90, day),
        "influencer_key");
    // Each offer is expected to post at the rate of the other three, shrunk to the market's 0.5 by 3
    // pseudo-offers: a1 (1 + 1.5) / 6, so a surprise of 7/12 and information 5/12 * 7/12 per offer.
    double surprise = 2 * (7.0 / 12);
    double information = 2 * (5.0 / 12) * (7.0 / 12);
    assertEquals(surprise / (information + 1), (double) h.get(0).getAs("posting_responsiveness"), 1e-9);
    assertEquals(-surprise / (information + 1), (double) h.get(1).getAs("posting_responsiveness"), 1e-9);
    assertEquals(surprise / (information + 1), (double) h.get(0).getAs("posting_responsiveness_cash"), 1e-9);
    assertEquals(0.0, (double) h.get(0).getAs("posting_responsiveness_product"), 1e-12, "no product offers");
  }
}
