package com.influencelakehouse.jobs.silver;

import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.jobs.testing.Rows;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The influencer dimension keeps history: a versioned attribute's change opens a version and closes the last. */
@Tag("unit")
class InfluencerTransformsTest {
  private static final String SNAPSHOT = "influencer_key STRING, handle STRING, email_key STRING, platform STRING, "
      + "country STRING, language STRING, category STRING, follower_tier STRING, analytics_consent BOOLEAN, "
      + "content_reuse_consent BOOLEAN, consent_updated_at TIMESTAMP, snapshot_at TIMESTAMP";
  private static final String DIM = "influencer_key STRING, handle STRING, email_key STRING, platform STRING, "
      + "country STRING, language STRING, category STRING, follower_tier STRING, analytics_consent BOOLEAN, "
      + "content_reuse_consent BOOLEAN, consent_updated_at TIMESTAMP, valid_from TIMESTAMP, valid_to TIMESTAMP, "
      + "is_current BOOLEAN, version INT";

  private static Object[] snap(String key, String category, String tier, boolean consent, String at) {
    return new Object[] {key, "h", "e", "instagram", "KR", "ko", category, tier, consent, true, null, ts(at)};
  }

  private static Dataset<Row> noVersions() {
    return Rows.of(DIM);
  }

  @Test
  void changesOpenVersionsAndUnchangedSnapshotsDoNot() {
    Dataset<Row> snapshots = Rows.of(SNAPSHOT,
        snap("a", "beauty", "micro", true, "2026-09-01T02:00:00Z"),
        snap("a", "beauty", "micro", true, "2026-09-02T02:00:00Z"),
        snap("a", "fashion", "micro", true, "2026-09-03T02:00:00Z"),
        snap("a", "fashion", "mid", true, "2026-09-04T02:00:00Z"),
        snap("a", "fashion", "mid", false, "2026-09-05T02:00:00Z"),
        snap("b", "food", "nano", true, "2026-09-01T02:00:00Z"));
    List<Row> v = Rows.sorted(InfluencerTransforms.versions(snapshots, noVersions()), "influencer_key", "valid_from");
    assertEquals(5, v.size());
    assertVersion(v.get(0), "a", 1, "beauty", "2026-09-01T02:00:00Z", "2026-09-03T02:00:00Z");
    assertVersion(v.get(1), "a", 2, "fashion", "2026-09-03T02:00:00Z", "2026-09-04T02:00:00Z");
    assertEquals("mid", v.get(2).getAs("follower_tier"));
    assertVersion(v.get(2), "a", 3, "fashion", "2026-09-04T02:00:00Z", "2026-09-05T02:00:00Z");
    assertEquals(false, v.get(3).getAs("analytics_consent"));
    assertVersion(v.get(3), "a", 4, "fashion", "2026-09-05T02:00:00Z", null);
    assertVersion(v.get(4), "b", 1, "food", "2026-09-01T02:00:00Z", null);
  }

  @Test
  void aLaterNightClosesTheCurrentVersionWhenSomethingChanged() {
    Dataset<Row> current = Rows.of(DIM, new Object[] {"a", "h", "e", "instagram", "KR", "ko", "beauty", "micro", true,
        true, null, ts("2026-09-01T02:00:00Z"), null, true, 3});
    Dataset<Row> tonight = Rows.of(SNAPSHOT, snap("a", "travel", "micro", true, "2026-09-10T02:00:00Z"));
    List<Row> v = Rows.sorted(InfluencerTransforms.versions(tonight, current), "valid_from");
    assertEquals(2, v.size());
    assertVersion(v.get(0), "a", 3, "beauty", "2026-09-01T02:00:00Z", "2026-09-10T02:00:00Z");
    assertEquals(false, v.get(0).getAs("is_current"));
    assertVersion(v.get(1), "a", 4, "travel", "2026-09-10T02:00:00Z", null);
    assertEquals(true, v.get(1).getAs("is_current"));
  }

  @Test
  void snapshotsAlreadyAppliedOrUnchangedWriteNothing() {
    Dataset<Row> current = Rows.of(DIM, new Object[] {"a", "h", "e", "instagram", "KR", "ko", "beauty", "micro", true,
        true, null, ts("2026-09-05T02:00:00Z"), null, true, 2});
    Dataset<Row> rerun = Rows.of(SNAPSHOT,
        snap("a", "travel", "micro", true, "2026-09-04T02:00:00Z"), // older than the current version: applied before
        snap("a", "beauty", "micro", true, "2026-09-05T02:00:00Z"), // the snapshot that opened it
        snap("a", "beauty", "micro", true, "2026-09-06T02:00:00Z")); // unchanged
    assertEquals(0, InfluencerTransforms.versions(rerun, current).count());
  }

  private static void assertVersion(Row r, String key, int version, String category, String from, String to) {
    assertEquals(key, r.getAs("influencer_key"));
    assertEquals(version, (int) r.getAs("version"));
    assertEquals(category, r.getAs("category"));
    assertEquals(ts(from), r.getAs("valid_from"));
    if (to == null) {
      assertNull(r.getAs("valid_to"));
      assertEquals(true, r.getAs("is_current"));
    } else {
      assertEquals(ts(to), r.getAs("valid_to"));
    }
  }
}
