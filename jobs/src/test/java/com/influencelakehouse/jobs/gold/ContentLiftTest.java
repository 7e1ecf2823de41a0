package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.testing.Rows.date;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.jobs.testing.Rows;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Test;

/** Content-label lift recovers known multipliers even when big influencers favour one label. */
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
}
