package com.influencelakehouse.jobs.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Audience features from a follower series with known answers: growth, spikes left out, change point. */
@Tag("unit")
class FollowerSeriesTest {
  private static final LocalDate START = LocalDate.of(2026, 1, 1);
  private final FollowerSeries series = new FollowerSeries(28, 90, 56);

  /** followers(day) for days 0..n-1 as {epoch day, followers, following}. */
  private static List<long[]> points(int n, java.util.function.IntToDoubleFunction followers) {
    List<long[]> p = new ArrayList<>();
    for (int d = 0; d < n; d++) {
      p.add(new long[] {START.plusDays(d).toEpochDay(), Math.round(followers.applyAsDouble(d)), 500});
    }
    return p;
  }

  private Row on(List<long[]> p, int day) {
    long d = START.plusDays(day).toEpochDay();
    return series.series("k", p, d, d).get(0);
  }

  @Test
  void growthIsTheLogRatioAndTheMedianDailyGrowthIsInPercent() {
    List<long[]> p = points(60, d -> 100_000 * Math.pow(1.01, d));
    Row r = on(p, 59);
    assertEquals(Math.round(100_000 * Math.pow(1.01, 59)), r.getLong(2));
    assertEquals(7 * Math.log(1.01), r.getDouble(4), 1e-4, "growth over 7 days");
    assertEquals(28 * Math.log(1.01), r.getDouble(5), 1e-4, "growth over 28 days");
    assertEquals(100 * Math.log(1.01), r.getDouble(6), 1e-3, "about 1 % a day");
    assertEquals(500.0 / r.getLong(2), r.getDouble(3), 1e-12, "following per follower");
    assertFalse(r.getBoolean(8), "steady growth is no spike");
  }

  @Test
  void aBoughtFollowerSpikeIsFlaggedAndLeftOutOfTheMedianGrowth() {
    List<long[]> p = points(60, d -> 50_000 * (d >= 40 ? 1.4 : 1.0));
    Row r = on(p, 59);
    assertEquals(0.4, r.getDouble(7), 1e-4, "the largest one-day jump");
    assertTrue(r.getBoolean(8));
    assertEquals(0.0, r.getDouble(6), 1e-9, "the spike day does not count as growth");
  }

  @Test
  void theChangePointDatesWhenGrowthStarted() {
    List<long[]> p = points(80, d -> 20_000 * Math.exp(d < 50 ? 0 : 0.01 * (d - 50)));
    Row r = on(p, 79);
    LocalDate change = ((Date) r.get(9)).toLocalDate();
    assertTrue(Math.abs(change.toEpochDay() - START.plusDays(50).toEpochDay()) <= 1, "change at day 50: " + change);
  }

  @Test
  void noSnapshotYetMeansNoRowAndTooFewGrowthsNoMedian() {
    List<long[]> p = points(5, d -> 1000 + d);
    assertTrue(series.series("k", p, START.minusDays(1).toEpochDay(), START.minusDays(1).toEpochDay()).isEmpty());
    Row r = on(p, 4);
    assertNull(r.get(6), "4 daily growths are too few for a median");
    assertNull(r.get(9), "too short a series for a change point");
  }
}
