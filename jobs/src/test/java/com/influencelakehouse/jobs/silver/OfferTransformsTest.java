package com.influencelakehouse.jobs.silver;

import static com.influencelakehouse.jobs.testing.Rows.ts;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.jobs.testing.Rows;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** An offer's row follows its events across nights: latest status, first acceptance, first post, deadline. */
@Tag("unit")
class OfferTransformsTest {
  private static final String STATE = "offer_id STRING, sent_at TIMESTAMP, deadline_at TIMESTAMP, status STRING, "
      + "responded_at TIMESTAMP, accepted_at TIMESTAMP, post_id STRING, posted_at TIMESTAMP";
  private static final String RESPONSES = "offer_id STRING, status STRING, responded_at TIMESTAMP";
  private static final String POSTS = "offer_id STRING, post_id STRING, posted_at TIMESTAMP";

  private static Dataset<Row> fresh() {
    return Rows.of(STATE, new Object[] {"o1", ts("2026-09-01T10:00:00Z"), ts("2026-09-08T10:00:00Z"), null, null, null,
        null, null});
  }

  @Test
  void responsesAndAPostWithinTheDeadlineMakeAPostedOffer() {
    Dataset<Row> responses = Rows.of(RESPONSES,
        new Object[] {"o1", "accepted", ts("2026-09-01T20:00:00Z")},
        new Object[] {"o1", "accepted", ts("2026-09-05T12:00:00Z")});
    Dataset<Row> posts = Rows.of(POSTS, new Object[] {"o1", "p9", ts("2026-09-05T10:00:00Z")});
    Row r = OfferTransforms.merge(fresh(), responses, posts).first();
    assertEquals("accepted", r.getAs("status"));
    assertEquals(ts("2026-09-05T12:00:00Z"), r.getAs("responded_at"));
    assertEquals(ts("2026-09-01T20:00:00Z"), r.getAs("accepted_at"));
    assertEquals("p9", r.getAs("post_id"));
    assertEquals(true, r.getAs("posted"));
    assertEquals(true, r.getAs("posted_within_deadline"));
    assertEquals(96.0, (double) r.getAs("hours_to_post"), 1e-9);
  }

  @Test
  void aPostAfterTheDeadlineIsPostedButNotInTime() {
    Dataset<Row> posts = Rows.of(POSTS, new Object[] {"o1", "p9", ts("2026-09-10T10:00:00Z")});
    Row r = OfferTransforms.merge(fresh(), Rows.of(RESPONSES), posts).first();
    assertEquals(true, r.getAs("posted"));
    assertEquals(false, r.getAs("posted_within_deadline"));
  }

  @Test
  void laterNightsUpdateTheStoredStateAndReplayingTheSameEventsChangesNothing() {
    Dataset<Row> stored = Rows.of(STATE, new Object[] {"o1", ts("2026-09-01T10:00:00Z"), ts("2026-09-08T10:00:00Z"),
        "accepted", ts("2026-09-01T20:00:00Z"), ts("2026-09-01T20:00:00Z"), null, null});
    Dataset<Row> expired = Rows.of(RESPONSES, new Object[] {"o1", "expired", ts("2026-09-08T10:30:00Z")});
    Row night2 = OfferTransforms.merge(stored, expired, Rows.of(POSTS)).first();
    assertEquals("expired", night2.getAs("status"));
    assertEquals(ts("2026-09-01T20:00:00Z"), night2.getAs("accepted_at"));
    assertEquals(false, night2.getAs("posted"));
    assertNull(night2.getAs("hours_to_post"));

    Dataset<Row> again = Rows.of(STATE, new Object[] {"o1", ts("2026-09-01T10:00:00Z"), ts("2026-09-08T10:00:00Z"),
        "expired", ts("2026-09-08T10:30:00Z"), ts("2026-09-01T20:00:00Z"), null, null});
    Row replay = OfferTransforms.merge(again, expired, Rows.of(POSTS)).first();
    assertEquals(night2, replay);
  }
}
