package com.influencelakehouse.common.io.formats;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influencelakehouse.common.tables.LandingSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Exporter formats shaped after the platforms' API documentation (fixtures in resources/formats, README there). */
@Tag("unit")
class SourceFormatsTest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private static String fixture(String name) throws IOException {
    try (InputStream in = SourceFormatsTest.class.getResourceAsStream("/formats/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** Detects the fixture's format for the source and adapts the whole file. */
  private static List<AdaptedRecord> adapt(LandingSource source, String text, String expectedFormat)
      throws IOException {
    SourceFormat f = SourceFormats.detect(source, text).orElse(null);
    assertNotNull(f, "no format detected");
    assertEquals(expectedFormat, f.name());
    List<AdaptedRecord> out = new ArrayList<>();
    Iterator<AdaptedRecord> it = f.adapt(source, new BufferedReader(new StringReader(text)));
    it.forEachRemaining(out::add);
    return out;
  }

  private static JsonNode canonical(AdaptedRecord r) throws IOException {
    assertNull(r.errorReason(), r.errorDetail());
    return JSON.readTree(r.canonical());
  }

  private static String field(AdaptedRecord r, String name) {
    return r.fields()[Arrays.asList(r.header()).indexOf(name)];
  }

  @Test
  void graphMediaEnvelopeBecomesPostsWithReelsAndChildrenKept() throws IOException {
    List<AdaptedRecord> posts = adapt(LandingSource.POSTS, fixture("instagram-media-envelope.json"),
        "instagram-graph-media");
    assertEquals(3, posts.size());
    JsonNode image = canonical(posts.get(0));
    assertEquals("17918920912340654", image.get("id").asText());
    assertEquals("17841405822304914", image.path("owner").path("id").asText());
    assertTrue(image.get("timestamp").asText().endsWith("+0000"));
    JsonNode carousel = canonical(posts.get(1));
    assertEquals("CAROUSEL_ALBUM", carousel.get("media_type").asText());
    assertTrue(carousel.has("children"), "children kept for bronze's _rescued");
    assertEquals("REELS", canonical(posts.get(2)).get("media_type").asText());
    assertTrue(posts.get(2).payload().contains("media_product_type"), "payload as delivered");
  }

  @Test
  void userNodeExportGivesEveryMediaItsAccountAsOwner() throws IOException {
    List<AdaptedRecord> posts = adapt(LandingSource.POSTS, fixture("instagram-user-media.json"),
        "instagram-graph-media");
    assertTrue(posts.size() >= 2);
    for (AdaptedRecord r : posts) {
      assertEquals("17841405822304914", canonical(r).path("owner").path("id").asText());
    }
  }

  @Test
  void mediaWithoutOwnerIsRejectedSayingHowToExportIt() throws IOException {
    List<AdaptedRecord> posts = adapt(LandingSource.POSTS, fixture("instagram-media-no-owner.jsonl"),
        "instagram-graph-media");
    assertTrue(posts.size() >= 2);
    for (AdaptedRecord r : posts) {
      assertEquals("missing_required_field", r.errorReason());
      assertTrue(r.errorDetail().startsWith("owner.id") && r.errorDetail().contains("fields=id,owner"),
          r.errorDetail());
      assertNotNull(r.payload());
    }
  }

  @Test
  void insightsNeedTheExportersCaptureTimeAndMapMetricNames() throws IOException {
    String documented = fixture("instagram-insights.jsonl");
    List<AdaptedRecord> plain = adapt(LandingSource.POST_INSIGHTS, documented, "instagram-graph-insights");
    assertEquals(2, plain.size());
    assertTrue(plain.get(0).errorDetail().contains("captured_at"), plain.get(0).errorDetail());
    // The same responses with the capture time an exporter records.
    StringBuilder stamped = new StringBuilder();
    for (String line : documented.split("\n")) {
      if (!line.isBlank()) {
        stamped.append(line, 0, line.length() - 1).append(",\"captured_at\":\"2024-03-06T08:00:00Z\"}\n");
      }
    }
    List<AdaptedRecord> rows = adapt(LandingSource.POST_INSIGHTS, stamped.toString(), "instagram-graph-insights");
    JsonNode image = canonical(rows.get(0));
    assertEquals("17918920912340654", image.get("post_id").asText());
    assertEquals(3870, image.get("reach").asLong());
    assertEquals(412, image.get("like_count").asLong());
    assertEquals("2024-03-06T08:00:00Z", image.get("captured_at").asText());
    JsonNode reel = canonical(rows.get(1));
    assertEquals("17889498072083520", reel.get("post_id").asText());
    assertTrue(reel.has("impressions"), "views stands in for the deprecated impressions: " + reel);
  }

  @Test
  void youTubeVideosTakeChannelAsOwnerAndNormaliseFractionalTimes() throws IOException {
    List<AdaptedRecord> videos = adapt(LandingSource.POSTS, fixture("youtube-videos-list.json"), "youtube-videos");
    assertEquals(2, videos.size());
    for (AdaptedRecord r : videos) {
      JsonNode v = canonical(r);
      assertEquals("VIDEO", v.get("media_type").asText());
      assertTrue(v.get("timestamp").asText().matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\dZ"), v.toString());
      assertTrue(v.path("owner").path("id").asText().startsWith("UC"), v.toString());
      assertTrue(v.get("statistics").get("viewCount").isTextual(), "statistics rescued as delivered");
    }
  }

  @Test
  void tikTokEpochSecondsBecomeUtcTimestamps() throws IOException {
    List<AdaptedRecord> items = adapt(LandingSource.POSTS, fixture("tiktok-items.jsonl"), "tiktok-videos");
    JsonNode first = canonical(items.get(0));
    assertEquals("7342143918203456789", first.get("id").asText());
    assertEquals("6912345678901234567", first.path("owner").path("id").asText());
    assertEquals("2024-03-05T15:02:10Z", first.get("timestamp").asText());
    assertEquals("https://www.tiktok.com/@anna.outdoors/video/7342143918203456789", first.get("permalink").asText());
    // The Display API names no author: quarantined with the fix.
    List<AdaptedRecord> display = adapt(LandingSource.POSTS, fixture("tiktok-display-api-videos.json"),
        "tiktok-videos");
    assertEquals("missing_required_field", display.get(0).errorReason());
  }

  @Test
  void shopifyLineItemsBecomeOneOrderWithSummedItemsAndNoteAttributes() throws IOException {
    List<AdaptedRecord> orders = adapt(LandingSource.ORDERS, fixture("shopify-orders-export.csv"), "shopify-orders");
    assertEquals(2, orders.size());
    AdaptedRecord two = orders.get(0);
    assertNull(two.errorReason(), two.errorDetail());
    assertTrue(field(two, "ts").matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d[+-]\\d\\d:\\d\\d"), field(two, "ts"));
    assertTrue(Integer.parseInt(field(two, "items")) >= 2, "line items summed");
    assertTrue(orders.stream().anyMatch(o -> "c-123".equals(field(o, "click_id"))
        || "c-456".equals(field(o, "click_id"))), "click from Note Attributes");
    assertTrue(orders.stream().anyMatch(o -> field(o, "promo_code") != null), "discount code");
  }

  @Test
  void utmClicksResolveOfferFromUtmContentOrAreQuarantined() throws IOException {
    List<AdaptedRecord> clicks = adapt(LandingSource.CLICKS, fixture("utm-clicks.csv"), "utm-clicks");
    assertEquals(3, clicks.size());
    assertEquals("https://shop.example.com/c/reel_17889498072083520?post=trail+mix", field(clicks.get(0), "tracking_url"));
    assertEquals("c-123", field(clicks.get(0), "click_id"));
    AdaptedRecord untagged = clicks.stream().filter(c -> c.errorReason() != null).findFirst().orElseThrow();
    assertEquals("unresolvable_link", untagged.errorReason());
    assertTrue(untagged.errorDetail().contains("utm_content"), untagged.errorDetail());
  }

  @Test
  void airbyteRecordsUnwrapToTheContractInJsonAndCsv() throws IOException {
    List<AdaptedRecord> json = adapt(LandingSource.OFFERS, fixture("airbyte-records.jsonl"), "airbyte");
    List<AdaptedRecord> csv = adapt(LandingSource.OFFERS, fixture("airbyte-records.csv"), "airbyte");
    assertEquals(json.size(), csv.size());
    for (int i = 0; i < json.size(); i++) {
      assertNull(json.get(i).errorReason(), json.get(i).errorDetail());
      assertEquals(field(json.get(i), "offer_id"), field(csv.get(i), "offer_id"));
      assertEquals(field(json.get(i), "incentive_type"), field(csv.get(i), "incentive_type"));
    }
    // A record of another stream is named as such.
    List<AdaptedRecord> other = adapt(LandingSource.OFFERS,
        "{\"_airbyte_ab_id\":\"x\",\"_airbyte_emitted_at\":1,\"_airbyte_data\":{\"order_id\":\"o1\"}}\n", "airbyte");
    assertEquals("unknown_stream", other.get(0).errorReason());
  }

  @Test
  void canonicalPostsStayCanonicalEvenWhenTheirFirstRecordIsTruncated() {
    String line = "{\"id\":\"p1\",\"owner\":{\"id\":\"i1\"},\"timestamp\":\"2026-09-01T10:00:00+09:00\","
        + "\"media_type\":\"IMAGE\"}";
    assertTrue(SourceFormats.detect(LandingSource.POSTS, line + "\n" + line + "\n").isEmpty());
    assertTrue(SourceFormats.detect(LandingSource.POSTS, "{\"id\":\"p0\",\"media_type\n" + line + "\n").isEmpty());
    assertTrue(SourceFormats.detect(LandingSource.OFFERS, String.join(",", LandingSource.OFFERS.fieldNames())).isEmpty());
    assertTrue(SourceFormats.detect(LandingSource.CLICKS, String.join(",", LandingSource.CLICKS.fieldNames())).isEmpty());
    assertTrue(SourceFormats.detect(LandingSource.ORDERS, String.join(",", LandingSource.ORDERS.fieldNames())).isEmpty());
  }

  @Test
  void canonicalFilesOfTheWrongShapeGetOneVerdict() {
    assertTrue(SourceFormats.wrongShape(LandingSource.POSTS, "{\n  \"id\": \"1\",\n  \"owner\": {}\n}\n")
        .startsWith("pretty-printed JSON"));
    assertTrue(SourceFormats.wrongShape(LandingSource.POSTS, "id,owner,timestamp\n1,2,3\n").startsWith("CSV text"));
    assertTrue(SourceFormats.wrongShape(LandingSource.OFFERS, "{\"offer_id\":\"1\"}\n").startsWith("JSON in a CSV"));
    assertTrue(SourceFormats.wrongShape(LandingSource.OFFERS, "offer_id,campaign_id\n1,2\n")
        .contains("lacks required column(s) [influencer_id"));
    assertTrue(SourceFormats.wrongShape(LandingSource.OFFERS, "\uFFFD\uFFFDo\u0000f\u0000f\u0000").startsWith("UTF-16"));
    assertTrue(SourceFormats.wrongShape(LandingSource.POSTS, "{\"a\":1}".repeat(20) + "\u0000\u0001\u0002\u0000").startsWith("binary"));
    assertNull(SourceFormats.wrongShape(LandingSource.POSTS, "{\"id\":\"1\"}\n{\"id\":"));
    assertNull(SourceFormats.wrongShape(LandingSource.OFFERS, String.join(",", LandingSource.OFFERS.fieldNames())
        + "\n"));
  }
}
