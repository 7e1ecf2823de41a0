package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Campaign spend, gains, ROAS, CPA and ROI on hand-made rows. */
@Tag("unit")
class CampaignPerformanceTest {
  @Test
  void spendIsBookedWhenOwedAndRatiosFollowFromTheDaysSums() {
    Dataset<Row> offers = Rows.of("offer_id STRING, campaign_id STRING, influencer_key STRING, sent_date DATE, "
            + "accepted_at TIMESTAMP, posted_at TIMESTAMP, post_id STRING, incentive_type STRING, "
            + "incentive_amount_base DOUBLE, commission_rate_pct DOUBLE",
        new Object[] {"o1", "C", "k1", date("2026-03-01"), ts("2026-03-01T10:00:00Z"), ts("2026-03-02T09:00:00Z"),
            "p1", "cash", 200.0, null},
        new Object[] {"o2", "C", "k2", date("2026-03-01"), ts("2026-03-02T10:00:00Z"), ts("2026-03-03T09:00:00Z"),
            "p2", "commission", null, 10.0});
    Dataset<Row> insights = Rows.of("post_id STRING, capture_date DATE, captured_at TIMESTAMP, reach BIGINT, "
            + "engagements BIGINT",
        new Object[] {"p1", date("2026-03-02"), ts("2026-03-02T10:00:00Z"), 100L, 10L},
        new Object[] {"p1", date("2026-03-02"), ts("2026-03-02T20:00:00Z"), 150L, 20L},
        // reach corrected downwards by the platform: no negative gain
        new Object[] {"p1", date("2026-03-03"), ts("2026-03-03T20:00:00Z"), 140L, 30L});
    Dataset<Row> clicks = Rows.of("offer_id STRING, click_date DATE",
        new Object[] {"o1", date("2026-03-02")}, new Object[] {"o1", date("2026-03-02")},
        new Object[] {"o2", date("2026-03-03")});
    Dataset<Row> orders = Rows.of("offer_id STRING, order_date DATE, revenue_base DOUBLE",
        new Object[] {"o1", date("2026-03-02"), 50.0}, new Object[] {"o1", date("2026-03-03"), 70.0},
        new Object[] {"o2", date("2026-03-03"), 100.0}, new Object[] {null, date("2026-03-03"), 999.0});
    DateRange dates = new DateRange(LocalDate.of(2026, 3, 1), LocalDate.of(2026, 3, 3));
    Dataset<Row> perInfluencer = CampaignPerformance.influencerDays(offers, offers, insights, clicks, orders, dates);

    List<Row> days = Rows.sorted(CampaignPerformance.campaignDays(perInfluencer), "activity_date");
    assertEquals(3, days.size());
    Row d1 = days.get(0);
    assertEquals(2L, (long) d1.getAs("offers_sent"));
    assertEquals(1L, (long) d1.getAs("offers_accepted"));
    assertEquals(0.0, (double) d1.getAs("spend"), 1e-12);
    assertNull(d1.getAs("roas"), "no spend, no ROAS");
    Row d2 = days.get(1);
    assertEquals(200.0, (double) d2.getAs("spend"), 1e-9, "the cash fee, on the day of the post");
    assertEquals(150L, (long) d2.getAs("reach"));
    assertEquals(20L, (long) d2.getAs("engagements"));
    assertEquals(2L, (long) d2.getAs("clicks"));
    assertEquals(50.0 / 200, (double) d2.getAs("roas"), 1e-12);
    assertEquals(200.0, (double) d2.getAs("cpa"), 1e-9);
    Row d3 = days.get(2);
    assertEquals(0.10 * 100, (double) d3.getAs("spend"), 1e-9, "10 % commission on the attributed order");
    assertEquals(0L, (long) d3.getAs("reach"));
    assertEquals(10L, (long) d3.getAs("engagements"));
    assertEquals(2L, (long) d3.getAs("attributed_orders"), "the unattributed order is not the campaign's");
    assertEquals(170.0 / 10, (double) d3.getAs("roas"), 1e-9);
    assertEquals(10.0 / 2, (double) d3.getAs("cpa"), 1e-9);

    List<Row> roi = Rows.sorted(CampaignPerformance.influencerRoi(perInfluencer, date("2026-03-03"), 0.5),
        "influencer_key");
    assertEquals((120 * 0.5 - 200) / 200, (double) roi.get(0).getAs("roi"), 1e-12);
    assertEquals((100 * 0.5 - 10) / 10, (double) roi.get(1).getAs("roi"), 1e-12);
    assertEquals(120.0 / 200, (double) roi.get(0).getAs("roas"), 1e-12);
  }
}
