package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.bronze.IngestConversionsJob;
import com.influencelakehouse.jobs.bronze.IngestPrivacyJob;
import com.influencelakehouse.jobs.bronze.IngestSocialJob;
import com.influencelakehouse.jobs.privacy.RegisterErasuresJob;
import com.influencelakehouse.jobs.silver.ConformInfluencersJob;
import com.influencelakehouse.jobs.silver.ConformPostsJob;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.jobs.testing.TestWorld;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regressions from real exports (issue 15): records shaped as the platforms document them that once
 * crashed a night or were duplicated or dropped. Each test replays the nights that exposed the defect.
 */
@Tag("pipeline")
class RealShapedRecordsTest {
  @TempDir
  Path root;

  private static void deliver(TestPipeline p, LandingSource source, LocalDate day, String text) throws IOException {
    Path dir = Files.createDirectories(Path.of(p.config().warehouse().landingPath(source, day)));
    Files.writeString(dir.resolve("part-00000." + (source.format() == LandingSource.Format.CSV ? "csv" : "jsonl")),
        text);
  }

  /** An influencer profile snapshot in the contract's shape, taken on the day. */
  private static String profile(String id, LocalDate day) {
    return "{\"influencer_id\":\"" + id + "\",\"handle\":\"creator_" + id + "\",\"platform\":\"instagram\","
        + "\"country\":\"DE\",\"language\":\"de\",\"category\":\"beauty\",\"followers_count\":48210,"
        + "\"following_count\":512,\"media_count\":733,\"consent\":{\"analytics\":true,\"content_reuse\":true,"
        + "\"updated_at\":\"2026-01-05T08:00:00+0000\"},\"snapshot_at\":\"" + day + "T06:00:00+0000\"}\n";
  }

  /** A Graph API media object (the exporter asked for owner), published on 2026-08-01. */
  private static final String MEDIA = "{\"id\":\"17895695668004550\",\"owner\":{\"id\":\"17841405822304914\"},"
      + "\"timestamp\":\"2026-08-01T18:04:11+0000\",\"media_type\":\"CAROUSEL_ALBUM\",\"caption\":\"Fall looks #ootd\","
      + "\"permalink\":\"https://www.instagram.com/p/CxYz123AbC/\"}\n";

  private static String insight(LocalDate day, long likes) {
    return "{\"post_id\":\"17895695668004550\",\"captured_at\":\"" + day + "T05:00:00+0000\",\"like_count\":" + likes
        + ",\"comments_count\":31,\"impressions\":9120,\"reach\":7004,\"saved\":88,\"shares\":12}\n";
  }

  private static void socialNight(TestPipeline p, LocalDate day, String posts, String insights) throws IOException {
    deliver(p, LandingSource.INFLUENCERS, day, profile("17841405822304914", day));
    deliver(p, LandingSource.POSTS, day, posts);
    deliver(p, LandingSource.POST_INSIGHTS, day, insights);
    p.run(List.of(new IngestSocialJob(), new ConformInfluencersJob(), new ConformPostsJob()), DateRange.of(day));
  }

  private static double dq(TestPipeline p, LocalDate day, String check, String table) {
    List<Row> rows = p.warehouse().read(Tables.DQ_RESULTS).where(col("check_name").equalTo(check)
        .and(col("table_name").equalTo(table)).and(col("run_date").equalTo(java.sql.Date.valueOf(day))))
        .collectAsList();
    assertEquals(1, rows.size(), check + " of " + table + " on " + day);
    return rows.get(0).<Double>getAs("observed");
  }

  @Test
  void aPostReDeliveredWeeksLaterStaysOneRowAndItsOldInsightsResolve() throws IOException {
    TestPipeline p = new TestPipeline(root);
    LocalDate published = LocalDate.parse("2026-08-01");
    socialNight(p, published, MEDIA, insight(published, 120));
    // The exporter re-sends the media object 22 days later (its like count changed) with a new capture.
    LocalDate resent = LocalDate.parse("2026-08-23");
    socialNight(p, resent, MEDIA, insight(resent, 950));
    // 50 days after publication, beyond the 35-day look-back, a creator's export still captures the post.
    LocalDate late = LocalDate.parse("2026-09-20");
    socialNight(p, late, "", insight(late, 1204));
    // A warehouse written before the fix holds the re-delivery as a second row: re-running its night repairs it.
    Dataset<Row> stale = p.warehouse().read(Tables.FACT_POST)
        .withColumn(Tables.SOURCE_FILE, lit("social/posts/dt=" + resent + "/part-00000.jsonl"))
        .withColumn(Tables.LINE_NUMBER, lit(1L));
    stale.write().format("delta").mode("append").save(p.warehouse().path(Tables.FACT_POST));
    assertEquals(2, p.warehouse().read(Tables.FACT_POST).count());
    p.run(List.of(new IngestSocialJob(), new ConformInfluencersJob(), new ConformPostsJob()), DateRange.of(resent));
    assertEquals(1, p.warehouse().read(Tables.FACT_POST).count(), "one row per post");
    assertEquals("social/posts/dt=" + published + "/part-00000.jsonl",
        p.warehouse().read(Tables.FACT_POST).first().getAs(Tables.SOURCE_FILE), "the first delivery's row is kept");
    // Re-running the first night keeps it too.
    p.run(List.of(new IngestSocialJob(), new ConformInfluencersJob(), new ConformPostsJob()), DateRange.of(published));
    assertEquals(1, p.warehouse().read(Tables.FACT_POST).count(), "one row per post");
    assertEquals(1.0, dq(p, resent, "duplicates_removed", LandingSource.POSTS.path()));
    assertEquals(List.of(120L, 950L, 1204L), p.warehouse().read(Tables.FACT_POST_INSIGHTS_DAILY).orderBy("capture_date")
        .select("like_count").collectAsList().stream().map(r -> r.getLong(0)).toList(), "every capture resolved");
    assertEquals(0, p.warehouse().readOrEmpty(Tables.QUARANTINE).count(), "nothing quarantined as unknown_post");
  }

  @Test
  void aUtmTaggedClickWithoutInfluencerIsQuarantinedNotACrashOnceAnErasureExistsAndShopifyOrdersLoad() throws IOException {
    TestPipeline p = new TestPipeline(root);
    LocalDate day = LocalDate.parse("2026-09-03");
    deliver(p, LandingSource.ERASURE_REQUESTS, day,
        "{\"subject_type\":\"influencer\",\"subject_id\":\"17841400000000001\",\"requested_at\":\"2026-09-02T09:00:00Z\"}\n");
    deliver(p, LandingSource.CLICKS, day, "click_id,ts,tracking_url,visitor_id,device,country\n"
        // A GA4-style UTM link: no inf= parameter, so no influencer id can be read from it.
        + "c1,2026-09-03T10:00:00+02:00,https://shop.example.com/products/serum?utm_source=instagram"
        + "&utm_medium=social&utm_campaign=fall_launch&utm_content=17895695668004550,v-9f2,mobile,DE\n"
        + "c2,2026-09-03T10:05:00+02:00,https://go.example.com/c/o-17?inf=17841400000000001&post=p1,v-118,desktop,DE\n"
        + "c3,2026-09-03T10:09:00+02:00,https://go.example.com/c/o-18?inf=17841400000000002&post=p2,v-204,tablet,FR\n");
    // Orders named as a Shopify export names them ("#1001"), one with a note spanning lines.
    deliver(p, LandingSource.ORDERS, day, "order_id,ts,visitor_id,revenue,currency,promo_code,click_id,items,note\n"
        + "#1001,2026-09-03T10:20:00+02:00,v-9f2,49.90,EUR,,,1,\"Gift wrap, please.\r\nLeave at the door\"\n"
        + "#1002,2026-09-03T11:00:00+02:00,v-204,19.00,EUR,FALL10,c3,2,\n");
    p.run(List.of(new IngestPrivacyJob(), new RegisterErasuresJob(), new IngestConversionsJob()), DateRange.of(day));

    String clicks = LandingSource.CLICKS.path();
    assertEquals(3.0, dq(p, day, "delivered_records", clicks));
    assertEquals(1.0, dq(p, day, "erased", clicks), "the erased influencer's click is left out");
    assertEquals(List.of("c1", "c3"), p.warehouse().read(Tables.BRONZE_CLICKS).orderBy("click_id").select("click_id")
        .collectAsList().stream().map(r -> r.getString(0)).toList(), "the UTM click reaches bronze (silver "
            + "quarantines it as unparseable_tracking_url)");
    assertEquals(2.0, dq(p, day, "delivered_records", LandingSource.ORDERS.path()));
    assertEquals(List.of("#1001", "#1002"), p.warehouse().read(Tables.BRONZE_ORDERS).orderBy("order_id")
        .select("order_id").collectAsList().stream().map(r -> r.getString(0)).toList(),
        "'#' starts no comment, and the quoted note's line break does not split the record");
  }

  @Test
  void aResponseToAnOfferOlderThanTheLookBackSaysSoAndNamesTheKeyThatWidensIt() throws IOException {
    // A copy of the shared world: its offers were sent over its 21 days.
    TestWorld world = TestWorld.get();
    TestPipeline p = world.copy(root.resolve("warehouse"), java.util.Map.of());
    Row offer = p.warehouse().read(Tables.FACT_OFFER).orderBy("offer_id").first();
    LocalDate late = world.to().plusDays(40);
    deliver(p, LandingSource.CAMPAIGNS, late,
        "campaign_id,brand_id,brand_category,objective,start_date,end_date,budget,currency,updated_at\n");
    deliver(p, LandingSource.OFFERS, late, "offer_id,campaign_id,influencer_id,sent_at,incentive_type,"
        + "incentive_amount,currency,deliverable,deadline_days,promo_code\n");
    deliver(p, LandingSource.OFFER_RESPONSES, late, "offer_id,status,responded_at,post_id\n"
        + offer.getAs("offer_id") + ",declined," + late + "T09:00:00+00:00,\n");
    p.run(List.of(new com.influencelakehouse.jobs.bronze.IngestCampaignsJob(),
        new com.influencelakehouse.jobs.silver.ConformOffersJob()), DateRange.of(late));

    Row q = p.warehouse().read(Tables.QUARANTINE).where(col("stage").equalTo("silver")
        .and(col(Tables.INGEST_DATE).equalTo(java.sql.Date.valueOf(late)))).first();
    assertEquals("offer_older_than_lookback", q.getAs("reason"));
    assertEquals("offer sent " + offer.getAs("sent_date") + ", before the look-back of 35 days from " + late
        + ": raise lakehouse.ingest.lookback-days to merge it", q.getAs("reason_detail"));
  }
}
