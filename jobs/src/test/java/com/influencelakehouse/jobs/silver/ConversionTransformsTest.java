package com.influencelakehouse.jobs.silver;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.jobs.testing.Rows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Attribution: the reported click wins, else the promo code's offer, else the order is organic. */
@Tag("unit")
class ConversionTransformsTest {
  private static final String ORDERS = "order_id STRING, click_id STRING, promo_code STRING";
  private static final Dataset<Row> CLICKS = Rows.of("click_id STRING, offer_id STRING, influencer_key STRING, "
      + "post_id STRING", new Object[] {"c1", "OFR-1", "inf-1", "p1"});
  private static final Dataset<Row> OFFERS = Rows.of("offer_id STRING, campaign_id STRING, influencer_key STRING, "
      + "promo_code STRING, post_id STRING",
      new Object[] {"OFR-1", "CMP-1", "inf-1", "ONE0001", "p1"},
      new Object[] {"OFR-2", "CMP-2", "inf-2", "TWO0002", "p2"});

  @Test
  void theClickBeatsThePromoCodeWhichBeatsOrganic() {
    Dataset<Row> orders = Rows.of(ORDERS,
        new Object[] {"o1", "c1", "TWO0002"}, // click of offer 1, promo code of offer 2: the click wins
        new Object[] {"o2", null, "TWO0002"}, // promo code only
        new Object[] {"o3", null, "WELCOME10"}, // a code of no offer
        new Object[] {"o4", "c-unknown", "ONE0001"}, // a click we never saw: the promo code decides
        new Object[] {"o5", null, null});
    List<Row> r = Rows.sorted(ConversionTransforms.attribute(orders, CLICKS, OFFERS), "order_id");
    assertAttribution(r.get(0), "click", "OFR-1", "CMP-1", "inf-1", "p1");
    assertAttribution(r.get(1), "promo_code", "OFR-2", "CMP-2", "inf-2", "p2");
    assertAttribution(r.get(2), "organic", null, null, null, null);
    assertAttribution(r.get(3), "promo_code", "OFR-1", "CMP-1", "inf-1", "p1");
    assertEquals(true, r.get(3).getAs("_unknown_click"));
    assertAttribution(r.get(4), "organic", null, null, null, null);
  }

  @Test
  void aTrackingLinkNamesOfferInfluencerAndPost() {
    Dataset<Row> bronze = Rows.of("click_id STRING, ts STRING, tracking_url STRING, visitor_id STRING, device STRING, "
            + "country STRING, _ingest_date DATE, _source_file STRING, _line_number BIGINT",
        new Object[] {"c1", "2026-09-03T10:00:00+09:00",
            "https://go.influencelakehouse.example/c/OFR-00000042?inf=1784140000000007&post=17900000000000099",
            "v_abc", "Mobile", "kr", Rows.date("2026-09-03"), "f", 2L},
        new Object[] {"c2", "2026-09-03T10:00:00Z", "not a url", "v_def", null, null, Rows.date("2026-09-03"), "f", 3L});
    var p = TestConfigs.pseudonymiser();
    List<Row> r = Rows.sorted(ConversionTransforms.clicks(bronze, p), "click_id");
    assertEquals("OFR-00000042", r.get(0).getAs("offer_id"));
    assertEquals("17900000000000099", r.get(0).getAs("post_id"));
    assertEquals(p.pseudonym(com.influencelakehouse.common.privacy.Pseudonymiser.Domain.INFLUENCER,
        "1784140000000007"), r.get(0).getAs("influencer_key"));
    assertEquals("mobile", r.get(0).getAs("device"));
    assertEquals("KR", r.get(0).getAs("country"));
    assertEquals(Rows.ts("2026-09-03T01:00:00Z"), r.get(0).getAs("click_at"));
    assertNull(r.get(1).getAs("offer_id"), "an unreadable link names no offer (and is quarantined)");
  }

  @Test
  void aResentPostbackIsADuplicateOfTheFirstDelivery() {
    Dataset<Row> orders = Rows.of("order_id STRING, _ingest_date DATE, _source_file STRING, _line_number BIGINT",
        new Object[] {"o1", Rows.date("2026-09-04"), "conversions/orders/dt=2026-09-04/part-00000.csv", 7L},
        new Object[] {"o1", Rows.date("2026-09-03"), "conversions/orders/dt=2026-09-03/part-00000.csv", 99L},
        new Object[] {"o2", Rows.date("2026-09-03"), "conversions/orders/dt=2026-09-03/part-00000.csv", 100L});
    List<Row> r = Rows.sorted(Outcomes.loadedRest(Outcomes.mark(orders, Outcomes.duplicateOf("order_id"),
        Outcomes.DUPLICATE)), "order_id", "_ingest_date");
    assertEquals(List.of("loaded", "duplicate", "loaded"), r.stream().map(x -> (String) x.getAs("_outcome")).toList());
  }

  private static void assertAttribution(Row r, String how, String offer, String campaign, String influencer,
      String post) {
    assertEquals(how, r.getAs("attribution"), String.valueOf(r));
    assertEquals(offer, r.getAs("offer_id"));
    assertEquals(campaign, r.getAs("campaign_id"));
    assertEquals(influencer, r.getAs("influencer_key"));
    assertEquals(post, r.getAs("post_id"));
  }
}
