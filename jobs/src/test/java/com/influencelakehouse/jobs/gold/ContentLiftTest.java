package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Content-label lift recovers known multipliers even when big influencers favour one label. */
@Tag("unit")
class ContentLiftTest {
  @Test
  void liftsAreEstimatedWithinInfluencersSoSizeDoesNotMasqueradeAsContent() {
    SplittableRandom r = new SplittableRandom(7);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double size = Math.exp(i / 3.0); // influencers differ 10 000-fold in size ...
      double sunsetShare = i / 30.0; // ... and the big ones post more sunsets
      for (int p = 0; p < 30; p++) {
        boolean sunset = r.nextDouble() < sunsetShare;
        boolean text = r.nextDouble() < 0.4;
        boolean dog = r.nextDouble() < 0.3;
        double eng = 100 * size * (sunset ? 2.0 : 1) * (text ? 0.5 : 1) * Math.exp(0.1 * r.nextGaussian());
        List<String> labels = new ArrayList<>();
        if (sunset) {
          labels.add("sunset");
        }
        if (text) {
          labels.add("text_overlay");
        }
        if (dog) {
          labels.add("dog");
        }
        rows.add(new Object[] {"k" + i, date("2026-03-01"), labels, p % 3 == 0 ? "VIDEO" : "IMAGE", p % 5 == 0,
            Math.max(1L, Math.round(eng))});
      }
    }
    Dataset<Row> atAge = Rows.of("influencer_key STRING, available_date DATE, labels ARRAY<STRING>, "
        + "media_type STRING, is_sponsored BOOLEAN, engagements BIGINT", rows.toArray(Object[][]::new));
    List<String> labels = ContentLift.vocabulary(atAge, 30);
    assertEquals(List.of("dog", "sunset", "text_overlay"), labels);
    List<Row> lifts = ContentLift.estimate(atAge, labels, 30, 90, DateRange.of(LocalDate.of(2026, 3, 10)));
    assertEquals(3, lifts.size());
    Row sunset = lifts.get(0);
    assertEquals("sunset", sunset.getString(1));
    assertEquals(2.0, sunset.getDouble(2), 0.05);
    assertTrue(sunset.getDouble(3) < 2.0 * 1.03 && 2.0 / 1.03 < sunset.getDouble(4),
        "interval " + sunset.getDouble(3) + ".." + sunset.getDouble(4) + " is near the truth");
    assertTrue(sunset.getDouble(4) / sunset.getDouble(3) < 1.1, "and narrow with 900 posts");
    assertEquals(1, sunset.getInt(9), "ranked first");
    Row dog = lifts.get(1);
    assertEquals("dog", dog.getString(1));
    assertEquals(1.0, dog.getDouble(2), 0.03);
    assertEquals(0.5, lifts.get(2).getDouble(2), 0.02);
    assertEquals(900L, sunset.getLong(10), "every post of the window");
  }
  @Test
  void labelsRankByTheirConservativeLiftAndOnlyWithEnoughInfluencers() {
    SplittableRandom r = new SplittableRandom(11);
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 30; i++) {
      double size = Math.exp(i / 3.0);
      for (int p = 0; p < 20; p++) {
        boolean steady = p % 2 == 0; // x1.5 on half the posts of all 30 influencers: a narrow interval
        boolean noisy = i < 12 && p == 1; // x1.7 on one post each of 12 influencers: a wide one
        boolean rare = i >= 12 && i < 17 && p % 2 == 1 && p < 7; // x3 on 3 posts each of only 5 influencers
        List<String> labels = new ArrayList<>();
        double lift = 1;
        if (steady) {
          labels.add("steady");
          lift *= 1.5;
        }
        if (noisy) {
          labels.add("noisy");
          lift *= 1.7;
        }
        if (rare) {
          labels.add("rare");
          lift *= 3.0;
        }
        // The labelled posts of noisy carry no noise of their own, so its estimate stays near 1.7
        // while its interval is as wide as 12 posts make it.
        double noise = noisy ? 1 : Math.exp(0.4 * r.nextGaussian());
        rows.add(new Object[] {"k" + i, date("2026-03-01"), labels, "IMAGE", false,
            Math.max(1L, Math.round(1000 * size * lift * noise))});
      }
    }
    Dataset<Row> atAge = Rows.of("influencer_key STRING, available_date DATE, labels ARRAY<STRING>, "
        + "media_type STRING, is_sponsored BOOLEAN, engagements BIGINT", rows.toArray(Object[][]::new));
    List<String> labels = ContentLift.vocabulary(atAge, 10);
    assertEquals(List.of("noisy", "rare", "steady"), labels);
    List<Row> lifts = ContentLift.estimate(atAge, labels, 10, 90, DateRange.of(LocalDate.of(2026, 3, 10)));
    Map<String, Row> by = new HashMap<>();
    lifts.forEach(l -> by.put(l.getString(1), l));
    Row steady = by.get("steady");
    Row noisy = by.get("noisy");
    Row rare = by.get("rare");
    // The setting: by point estimate the order would be rare, noisy, steady.
    assertTrue(rare.getDouble(2) > noisy.getDouble(2) && noisy.getDouble(2) > steady.getDouble(2),
        "lifts " + rare.getDouble(2) + " > " + noisy.getDouble(2) + " > " + steady.getDouble(2));
    assertTrue(noisy.getDouble(3) < steady.getDouble(3),
        "noisy's interval reaches lower: " + noisy.getDouble(3) + " < " + steady.getDouble(3));
    assertTrue(rare.getDouble(3) > steady.getDouble(3), "rare's lower bound is the highest of all");
    assertEquals(5L, rare.getLong(8), "rare was posted by 5 influencers only");
    assertEquals(30L, steady.getLong(8));
    assertEquals(12L, noisy.getLong(8));
    assertEquals(1, steady.getInt(9), "the largest lower bound among supported labels");
    assertEquals(2, noisy.getInt(9), "larger point estimate, but its interval reaches lower");
    assertEquals(3, rare.getInt(9), "under 10 influencers: after every supported label");
    assertEquals(List.of("steady", "noisy", "rare"), lifts.stream().map(l -> l.getString(1)).toList(),
        "rows come in rank order");
  }

  @Test
  void theConservativeLiftIsTheIntervalEndNearestNoEffect() {
    double se = 0.1;
    double z = 1.959963984540054;
    assertEquals(Math.log(1.5) - z * se, ContentLift.conservativeLogLift(Math.log(1.5), se), 1e-9, "lower end");
    assertEquals(Math.log(0.6) + z * se, ContentLift.conservativeLogLift(Math.log(0.6), se), 1e-9, "upper end");
    assertEquals(0.0, ContentLift.conservativeLogLift(Math.log(1.1), se), 0.0, "interval holds 1: no effect");
    // x25.7 [2.5, 266] on 5 influencers vs x1.4 [1.3, 1.5] on 200 and x1.2 [0.9, 1.6] on 40
    double wideSe = (Math.log(266) - Math.log(2.5)) / (2 * z);
    List<ContentLift.Ranked> ranked = new ArrayList<>(List.of(
        new ContentLift.Ranked(0, false, ContentLift.conservativeLogLift(Math.log(25.7), wideSe), Math.log(25.7),
            "wide"),
        new ContentLift.Ranked(1, true, ContentLift.conservativeLogLift(Math.log(1.2), 0.147), Math.log(1.2), "flat"),
        new ContentLift.Ranked(2, true, ContentLift.conservativeLogLift(Math.log(1.4), 0.036), Math.log(1.4), "sure")));
    ranked.sort(ContentLift.RANKING);
    assertEquals(List.of("sure", "flat", "wide"), ranked.stream().map(ContentLift.Ranked::label).toList());
  }
}
