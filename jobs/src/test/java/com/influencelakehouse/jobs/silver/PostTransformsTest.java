package com.influencelakehouse.jobs.silver;

import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.jobs.testing.Rows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Posts: Unicode hashtags, local posting time, labels by confidence; insights: monotone daily counts. */
@Tag("unit")
class PostTransformsTest {
  private static final String BRONZE = "id STRING, owner STRUCT<id: STRING>, timestamp STRING, media_type STRING, "
      + "caption STRING, permalink STRING, offer_id STRING, "
      + "content_labels ARRAY<STRUCT<label: STRING, confidence: DOUBLE>>, "
      + "_ingest_date DATE, _source_file STRING, _line_number BIGINT";

  @Test
  void hashtagsInKoreanAndEnglishEndAtEmojiAndLocalTimeComesFromTheOffset() {
    Dataset<Row> bronze = Rows.of(BRONZE, new Object[] {"p1", RowFactory.create("i1"), "2026-09-06T23:30:00+0900",
        "REELS", "오늘의 코디 💕 w/ @mia.styles\n#데일리룩 #OOTD✨ #광고 #협찬 @brand",
        "https://x", "OFR-1",
        List.of(RowFactory.create("selfie", 0.91), RowFactory.create("pet", 0.3)),
        Rows.date("2026-09-06"), "f", 1L});
    Row p = PostTransforms.posts(bronze, TestConfigs.pseudonymiser()).first();
    assertEquals(List.of("데일리룩", "ootd", "광고", "협찬"), p.getList(p.fieldIndex("hashtags")));
    assertEquals(2, (int) p.getAs("mention_count"));
    assertEquals(ts("2026-09-06T14:30:00Z"), p.getAs("posted_at"));
    assertEquals(540, (int) p.getAs("utc_offset_minutes"));
    assertEquals(7, (int) p.getAs("posted_local_weekday"), "Sunday 23:30 in Seoul");
    assertEquals(23, (int) p.getAs("posted_local_hour"));
    assertEquals(List.of("selfie"), p.getList(p.fieldIndex("labels")), "the 0.3 guess is not a label");
    assertEquals(true, p.getAs("is_sponsored"));
  }

  @Test
  void cumulativeCountsNeverFallFromOneDayToTheNext() {
    String insights = "post_id STRING, influencer_key STRING, posted_at TIMESTAMP, capture_date DATE, "
        + "captured_at TIMESTAMP, like_count BIGINT, comments_count BIGINT, impressions BIGINT, reach BIGINT, "
        + "saved BIGINT, shares BIGINT, video_views BIGINT";
    String stored = "post_id STRING, influencer_key STRING, capture_date DATE, captured_at TIMESTAMP, "
        + "like_count BIGINT, comments_count BIGINT, impressions BIGINT, reach BIGINT, saved BIGINT, shares BIGINT, "
        + "video_views BIGINT";
    Dataset<Row> tonight = Rows.of(insights,
        new Object[] {"p1", "k", ts("2026-09-01T00:00:00Z"), Rows.date("2026-09-03"), ts("2026-09-03T01:00:00Z"),
            90L, 5L, 900L, 700L, 3L, 2L, null},
        new Object[] {"p1", "k", ts("2026-09-01T00:00:00Z"), Rows.date("2026-09-03"), ts("2026-09-03T09:00:00Z"),
            95L, 6L, 950L, 720L, 3L, 2L, null});
    Dataset<Row> before = Rows.of(stored, new Object[] {"p1", "k", Rows.date("2026-09-02"), ts("2026-09-02T01:00:00Z"),
        100L, 4L, 800L, 650L, 4L, 1L, null});
    Row r = PostTransforms.daily(tonight, before).first();
    assertEquals(ts("2026-09-03T09:00:00Z"), r.getAs("captured_at"), "the day's latest snapshot");
    assertEquals(100L, (long) r.getAs("like_count"), "a stored 100 likes cannot become 95");
    assertEquals(6L, (long) r.getAs("comments_count"));
    assertEquals(4L, (long) r.getAs("saved"));
    assertEquals(100L + 6 + 4 + 2, (long) r.getAs("engagements"));
    assertEquals(57.0, (double) r.getAs("hours_since_post"), 1e-9);
  }
}
