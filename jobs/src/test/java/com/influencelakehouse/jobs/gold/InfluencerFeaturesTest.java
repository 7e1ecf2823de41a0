package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.apache.spark.sql.functions.lit;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.common.config.FeatureSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Influence trend and authenticity rules, and who gets features at all (consent in force that day). */
@Tag("unit")
class InfluencerFeaturesTest {
  static final FeatureSettings SETTINGS = new FeatureSettings(1, 90, 28, 80, 56, 0.2, -0.1, 0.25, 0.5, 30);

  @Test
  void trendFollowsFollowerGrowthUnlessASpikeExplainsTheDecline() {
    String ddl = "id STRING, follower_growth_median_pct DOUBLE, follower_spike_recent BOOLEAN, "
        + "engagement_trend DOUBLE, follower_change_date DATE";
    Dataset<Row> f = Rows.of(ddl,
        new Object[] {"rising", 0.5, false, 0.0, date("2026-03-01")},
        new Object[] {"stable", 0.05, false, 0.1, date("2026-03-01")},
        new Object[] {"declining", -0.3, false, 0.0, date("2026-03-02")},
        new Object[] {"purge_only", -0.3, true, 0.0, date("2026-03-02")},
        new Object[] {"purge_and_falling", -0.3, true, -0.4, date("2026-03-02")},
        new Object[] {"no_followers_rising", null, false, 0.5, null});
    List<Row> r = Rows.sorted(InfluencerFeatures.trend(f, SETTINGS), "id");
    assertEquals("declining", r.get(0).getAs("influence_trend"));
    assertEquals(3.0, (double) r.get(0).getAs("trend_strength"), 1e-9, "-0.3 %/day is 3x the threshold");
    assertEquals(date("2026-03-02"), r.get(0).getAs("trend_started_on"));
    assertEquals("rising", r.get(1).getAs("influence_trend"), "no follower data: engagement decides");
    assertEquals("declining", r.get(2).getAs("influence_trend"), "purged fakes plus falling engagement");
    assertEquals("stable", r.get(3).getAs("influence_trend"), "a purge of bought followers is no decline");
    assertEquals("rising", r.get(4).getAs("influence_trend"));
    assertEquals(2.5, (double) r.get(4).getAs("trend_strength"), 1e-9);
    assertEquals("stable", r.get(5).getAs("influence_trend"));
    assertEquals(0.0, (double) r.get(5).getAs("trend_strength"), 1e-9);
    assertNull(r.get(5).getAs("trend_started_on"));
  }

  @Test
  void authenticityMultipliesTheSignalsAndNamesTheStrongOnes() {
    String ddl = "id STRING, max_follower_jump DOUBLE, early_like_excess DOUBLE, comments_per_like_vs_tier DOUBLE";
    Dataset<Row> f = Rows.of(ddl,
        new Object[] {"a_clean", 0.01, 0.0, 1.0},
        new Object[] {"b_spike", 0.35, 0.0, 1.0},
        new Object[] {"c_bought_likes", 0.0, 0.3, 0.25},
        new Object[] {"d_two_weak", 0.095, 0.06, 0.44},
        new Object[] {"e_unknown", null, null, null});
    List<Row> r = Rows.sorted(InfluencerFeatures.authenticity(f, SETTINGS), "id");
    assertEquals(1.0, (double) r.get(0).getAs("authenticity_score"), 1e-12);
    assertEquals(0.0, (double) r.get(1).getAs("authenticity_score"), 1e-12);
    assertEquals(List.of("follower_spike"), r.get(1).getList(r.get(1).fieldIndex("authenticity_flags")));
    assertEquals(List.of("like_burst", "few_comments_per_like"),
        r.get(2).getList(r.get(2).fieldIndex("authenticity_flags")));
    assertEquals(0.7 * 0.7 * 0.7, (double) r.get(3).getAs("authenticity_score"), 1e-9,
        "three weak signals (0.3 each) together fall below 0.5");
    assertEquals(List.of(), r.get(3).getList(r.get(3).fieldIndex("authenticity_flags")));
    assertEquals(1.0, (double) r.get(4).getAs("authenticity_score"), 1e-12, "no evidence, no suspicion");
  }

  @Test
  void aChannelWithCommentsDisabledIsNotSuspectedOfFewCommentsButOneWithFewCommentsStillIs() {
    List<Object[]> posts = new ArrayList<>();
    List<Object[]> insights = new ArrayList<>();
    // Three honest micro accounts (3 comments per 100 likes), one that bought likes (0.6 per 100) and one
    // with comments disabled on every post (0 comments on thousands of likes).
    String[] keys = {"a_honest", "b_honest", "c_honest", "d_bought_likes", "e_comments_disabled"};
    long[] comments = {60, 60, 60, 12, 0};
    for (int i = 0; i < keys.length; i++) {
      for (int p = 1; p <= 3; p++) {
        String id = keys[i] + "_" + p;
        posts.add(new Object[] {id, keys[i], ts("2026-03-0" + p + "T10:00:00Z"), date("2026-03-0" + p), false,
            "IMAGE", List.of(), List.of(), "", 1, 19, 540});
        insights.add(new Object[] {id, 72.0, 2000L, comments[i], 30000L, 2100L + comments[i]});
      }
    }
    Dataset<Row> atAge = PostFeatures.engagementAtAge(Rows.of(PostFeaturesTest.POSTS, posts.toArray(Object[][]::new)),
        Rows.of(PostFeaturesTest.INSIGHTS, insights.toArray(Object[][]::new)), 80);
    Dataset<Row> f = PostFeatures.engagement(atAge, 28, DateRange.of(LocalDate.of(2026, 3, 10)))
        .withColumn("follower_tier", lit("micro"))
        .withColumn("max_follower_jump", lit(null).cast("double"))
        .withColumn("early_like_excess", lit(null).cast("double"));
    List<Row> r = Rows.sorted(InfluencerFeatures.authenticity(InfluencerFeatures.commentsVsTier(f), SETTINGS),
        "influencer_key");
    assertEquals(1.0, (double) r.get(0).getAs("comments_per_like_vs_tier"), 1e-9, "the tier median is 0.03");
    assertEquals(1.0, (double) r.get(0).getAs("authenticity_score"), 1e-12);
    assertEquals(0.2, (double) r.get(3).getAs("comments_per_like_vs_tier"), 1e-9, "0.006 / 0.03");
    assertEquals(0.0, (double) r.get(3).getAs("authenticity_score"), 1e-12, "0.2 is past 0.3: full suspicion");
    assertEquals(List.of("few_comments_per_like"), r.get(3).getList(r.get(3).fieldIndex("authenticity_flags")));
    Row disabled = r.get(4);
    assertEquals("e_comments_disabled", disabled.getAs("influencer_key"));
    assertNull(disabled.getAs("comments_per_like"), "no post with known comments");
    assertNull(disabled.getAs("comments_per_like_vs_tier"));
    assertEquals(1.0, (double) disabled.getAs("authenticity_score"), 1e-12, "unknown is no evidence (was 0.0)");
    assertEquals(List.of(), disabled.getList(disabled.fieldIndex("authenticity_flags")));
  }

  @Test
  void onlyDaysWhoseProfileInForceGrantsAnalyticsConsentGetFeatures() {
    String ddl = "influencer_key STRING, platform STRING, country STRING, language STRING, category STRING, "
        + "follower_tier STRING, analytics_consent BOOLEAN, valid_from TIMESTAMP, valid_to TIMESTAMP";
    Dataset<Row> dim = Rows.of(ddl,
        new Object[] {"k1", "instagram", "KR", "ko", "food", "micro", true, ts("2026-03-01T05:00:00Z"),
            ts("2026-03-03T07:00:00Z")},
        new Object[] {"k1", "instagram", "KR", "ko", "food", "micro", false, ts("2026-03-03T07:00:00Z"), null});
    List<Row> s = Rows.sorted(InfluencerFeatures.spine(dim, new DateRange(LocalDate.of(2026, 2, 28),
        LocalDate.of(2026, 3, 4))), "feature_date");
    assertEquals(List.of(date("2026-03-01"), date("2026-03-02")), s.stream().map(r -> r.getAs("feature_date")).toList(),
        "no profile before 1 March; consent withdrawn during 3 March");
  }
}
