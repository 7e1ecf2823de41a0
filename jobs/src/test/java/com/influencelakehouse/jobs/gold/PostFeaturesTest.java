package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Post features with known answers: engagement at age and when it is known, activity, habits, content. */
@Tag("unit")
class PostFeaturesTest {
  static final String POSTS = "post_id STRING, influencer_key STRING, posted_at TIMESTAMP, post_date DATE, "
      + "is_sponsored BOOLEAN, media_type STRING, labels ARRAY<STRING>, hashtags ARRAY<STRING>, caption STRING, "
      + "posted_local_weekday INT, posted_local_hour INT, utc_offset_minutes INT";
  static final String INSIGHTS = "post_id STRING, hours_since_post DOUBLE, like_count BIGINT, comments_count BIGINT, "
      + "reach BIGINT, engagements BIGINT";

  static Object[] post(String id, String at, boolean sponsored, List<String> labels, int weekday, int hour) {
    return new Object[] {id, "k1", ts(at), date(at.substring(0, 10)), sponsored, "IMAGE", labels,
        List.of("ootd", "서울"), "오늘 코디 💕 #ootd #서울", weekday, hour, 540};
  }

  @Test
  void engagementIsReadAtItsAgeAndCountsOnlyFromTheDayThatAgeIsReached() {
    Dataset<Row> posts = Rows.of(POSTS,
        post("p1", "2026-03-01T10:00:00Z", false, List.of("food"), 3, 19),
        post("p2", "2026-03-09T10:00:00Z", false, List.of("food"), 3, 19));
    Dataset<Row> insights = Rows.of(INSIGHTS,
        new Object[] {"p1", 6.0, 30L, 3L, 200L, 35L},
        new Object[] {"p1", 72.0, 100L, 10L, 1000L, 120L},
        new Object[] {"p1", 168.0, 110L, 11L, 1100L, 130L},
        new Object[] {"p2", 20.0, 50L, 5L, 500L, 60L});
    Dataset<Row> atAge = PostFeatures.engagementAtAge(posts, insights, 80);
    Row p1 = atAge.where("post_id = 'p1'").first();
    assertEquals(120L, (long) p1.getAs("engagements"), "the 72 h capture, not the later one");
    assertEquals(date("2026-03-04"), p1.getAs("available_date"), "10:00 + 80 h");
    assertEquals(0.3, (double) p1.getAs("early_like_share"), 1e-12);
    assertEquals(1, atAge.where("post_id = 'p2'").count() == 0 ? 1 : 0, "20 h is too young to stand for 80 h");

    DateRange days = new DateRange(LocalDate.of(2026, 3, 3), LocalDate.of(2026, 3, 4));
    List<Row> e = Rows.sorted(PostFeatures.engagement(atAge, 28, days), "feature_date");
    assertEquals(1, e.size(), "on 3 March the 80 h engagement was not known yet");
    assertEquals(date("2026-03-04"), e.get(0).getAs("feature_date"));
    assertEquals(120.0, (double) e.get(0).getAs("engagements_per_post"), 1e-12);
    assertEquals(0.12, (double) e.get(0).getAs("engagement_rate_reach"), 1e-12);
    assertEquals(0.1, (double) e.get(0).getAs("comments_per_like"), 1e-12);
    assertNull(e.get(0).getAs("engagement_trend"), "no earlier window to compare with");
  }

  @Test
  void habitsAndContentComeFromTheHistoryWindowPublishedByTheFeatureDate() {
    Dataset<Row> posts = Rows.of(POSTS,
        post("p1", "2026-03-02T10:00:00Z", false, List.of("food", "coffee"), 1, 19),
        post("p2", "2026-03-09T10:00:00Z", false, List.of("food"), 1, 19),
        post("p3", "2026-03-10T10:00:00Z", false, List.of("gym"), 2, 20),
        post("p4", "2026-03-11T10:00:00Z", true, List.of("gym"), 5, 12),
        post("p5", "2026-03-20T10:00:00Z", false, List.of("pet"), 5, 12));
    Row r = PostFeatures.activityAndContent(posts, 28, 90, DateRange.of(LocalDate.of(2026, 3, 12))).first();
    assertEquals(4L, (long) r.getAs("posts_recent"), "p5 is after the feature date");
    assertEquals(1.0, (double) r.getAs("posts_per_week"), 1e-12);
    assertEquals(0.25, (double) r.getAs("sponsored_share"), 1e-12);
    assertEquals(1, (int) r.getAs("days_since_last_post"));
    assertEquals(1, (int) r.getAs("preferred_post_weekday"), "Monday, from organic posts only");
    assertEquals(2.0 / 3, (double) r.getAs("preferred_weekday_share"), 1e-6);
    assertEquals(19, (int) r.getAs("preferred_post_hour"), "circular mean of 19, 19 and 20");
    assertEquals(List.of(2.0 / 3, 1.0 / 3, 0.0, 0.0, 0.0, 0.0, 0.0), r.getList(r.fieldIndex("weekday_mix")));
    assertEquals(2.0 / 3, (double) r.<Double>getList(r.fieldIndex("hour_mix")).get(19), 1e-12);
    assertEquals(540, (int) r.getAs("utc_offset_minutes"));
    Map<String, Double> mix = r.getJavaMap(r.fieldIndex("content_mix"));
    assertEquals(Map.of("coffee", 0.25, "food", 0.5, "gym", 0.5), mix);
    assertEquals(List.of("ootd", "서울"), r.getList(r.fieldIndex("top_hashtags")));
    assertEquals(2.0, (double) r.getAs("caption_words_per_post"), 1e-12, "오늘, 코디: emoji and hashtags are no words");
  }

  static Object[] tagged(String id, String key, String at, List<String> hashtags) {
    return new Object[] {id, key, ts(at), date(at.substring(0, 10)), false, "IMAGE", List.of(), hashtags,
        "caption", 1, 19, 540};
  }

  @Test
  void topHashtagsNeedTwoPostsAndTiesGoToTheMostRecentlyUsed() {
    Dataset<Row> posts = Rows.of(POSTS,
        tagged("s1", "solo", "2026-03-05T10:00:00Z", List.of("zeta", "alpha", "beta")),
        tagged("p1", "k1", "2026-03-02T10:00:00Z", List.of("cafe", "ootd", "zzz")),
        tagged("p2", "k1", "2026-03-05T10:00:00Z", List.of("ootd", "cafe", "서울")),
        tagged("p3", "k1", "2026-03-08T10:00:00Z", List.of("서울", "ootd")),
        tagged("p4", "k1", "2026-03-09T10:00:00Z", List.of("brunch", "dup", "dup")));
    List<Row> r = Rows.sorted(PostFeatures.activityAndContent(posts, 28, 90, DateRange.of(LocalDate.of(2026, 3, 12))),
        "influencer_key");
    assertEquals("k1", r.get(0).getAs("influencer_key"));
    assertEquals(List.of("ootd", "서울", "cafe"), r.get(0).getList(r.get(0).fieldIndex("top_hashtags")),
        "ootd in 3 posts; 서울 and cafe in 2 each, 서울 used last (8 March); zzz, brunch and dup (twice in one post) "
            + "in one post only");
    assertEquals("solo", r.get(1).getAs("influencer_key"));
    assertNull(r.get(1).getAs("top_hashtags"), "one post: no hashtag is used twice, so none is a top hashtag");
  }

  @Test
  void commentsDisabledPostsAreLeftOutOfCommentsPerLikeInsteadOfCountingAsZero() {
    Dataset<Row> posts = Rows.of(POSTS,
        post("p1", "2026-03-01T10:00:00Z", false, List.of(), 7, 19),
        post("p2", "2026-03-02T10:00:00Z", false, List.of(), 1, 19),
        post("p3", "2026-03-03T10:00:00Z", false, List.of(), 2, 19));
    Dataset<Row> insights = Rows.of(INSIGHTS,
        new Object[] {"p1", 72.0, 1500L, 0L, 20000L, 1600L}, // comments disabled: 0 comments on 1 500 likes
        new Object[] {"p2", 72.0, 200L, 6L, 3000L, 220L},
        new Object[] {"p3", 72.0, 50L, 0L, 800L, 55L}); // 0 comments on 50 likes: a real zero
    Dataset<Row> atAge = PostFeatures.engagementAtAge(posts, insights, 80);
    assertEquals(List.of(false, true, true),
        Rows.sorted(atAge, "post_id").stream().map(x -> (Boolean) x.getAs("comments_known")).toList());
    Row e = PostFeatures.engagement(atAge, 28, DateRange.of(LocalDate.of(2026, 3, 10))).first();
    assertEquals(3L, (long) e.getAs("engaged_posts_recent"), "the post still counts for engagement");
    assertEquals(6.0 / 250, (double) e.getAs("comments_per_like"), 1e-12, "(6 + 0) / (200 + 50), not 6 / 1 750");
    assertEquals(2L, (long) e.getAs("_comment_posts_recent"));
  }

  @Test
  void anInfluencerWhoseEveryPostHasCommentsDisabledHasNoCommentsPerLike() {
    Dataset<Row> posts = Rows.of(POSTS,
        post("p1", "2026-03-01T10:00:00Z", false, List.of(), 7, 19),
        post("p2", "2026-03-02T10:00:00Z", false, List.of(), 1, 19));
    Dataset<Row> insights = Rows.of(INSIGHTS,
        new Object[] {"p1", 72.0, 1500L, 0L, 20000L, 1600L},
        new Object[] {"p2", 72.0, 100L, 0L, 2000L, 110L});
    Row e = PostFeatures.engagement(PostFeatures.engagementAtAge(posts, insights, 80), 28,
        DateRange.of(LocalDate.of(2026, 3, 10))).first();
    assertEquals(2L, (long) e.getAs("engaged_posts_recent"));
    assertNull(e.getAs("comments_per_like"), "unknown, not 0");
    assertEquals(0L, (long) e.getAs("_comment_posts_recent"));
  }

  @Test
  void thePreferredHourWrapsAroundMidnight() {
    Dataset<Row> posts = Rows.of(POSTS,
        post("p1", "2026-03-02T10:00:00Z", false, List.of(), 1, 23),
        post("p2", "2026-03-03T10:00:00Z", false, List.of(), 2, 1));
    Row r = PostFeatures.activityAndContent(posts, 28, 90, DateRange.of(LocalDate.of(2026, 3, 12))).first();
    assertEquals(0, (int) r.getAs("preferred_post_hour"), "23:00 and 01:00 average to midnight, not noon");
  }

  @Test
  void likesArrivingEarlierThanTheMarketsShowAsABurst() {
    String atAge = "post_id STRING, influencer_key STRING, available_date DATE, early_like_share DOUBLE, "
        + "early_bucket STRING";
    Dataset<Row> rows = Rows.of(atAge,
        new Object[] {"a1", "honest", date("2026-03-01"), 0.30, "first_12h"},
        new Object[] {"a2", "honest", date("2026-03-02"), 0.28, "first_12h"},
        new Object[] {"b1", "other", date("2026-03-01"), 0.29, "first_12h"},
        new Object[] {"b2", "other", date("2026-03-02"), 0.31, "first_12h"},
        new Object[] {"c1", "bought", date("2026-03-01"), 0.70, "first_12h"},
        new Object[] {"c2", "bought", date("2026-03-02"), 0.75, "first_12h"});
    List<Row> r = Rows.sorted(PostFeatures.likeBurst(rows, 90, DateRange.of(LocalDate.of(2026, 3, 5))),
        "influencer_key");
    assertEquals("bought", r.get(0).getAs("influencer_key"));
    assertTrue((double) r.get(0).getAs("early_like_excess") > 0.35);
    assertTrue(Math.abs((double) r.get(1).getAs("early_like_excess")) < 0.03);
  }
}
