package com.influencelakehouse.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.BusinessObjectives.Fairness;
import com.influencelakehouse.jobs.testing.Rows;
import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The fairness audit finds a group whose posters the model misses, flags it and blocks promotion. */
@Tag("unit")
class FairnessAuditTest {
  @Test
  void aGroupWhosePostersAreMissedIsFlaggedAndBlocksPromotion() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 100; i++) {
      boolean posted = i % 2 == 0;
      // Group A: posters get 0.8, others 0.2. Group B: half its posters get only 0.4 (missed at 0.6).
      rows.add(new Object[] {"A", posted ? 1.0 : 0.0, posted ? 0.8 : 0.2});
      rows.add(new Object[] {"B", posted ? 1.0 : 0.0, posted ? (i % 4 == 0 ? 0.8 : 0.4) : 0.2});
      if (i < 10) {
        rows.add(new Object[] {"C", 1.0, 0.1}); // too small to be flagged or to be the reference
      }
    }
    Dataset<Row> scored = Rows.of("platform STRING, label DOUBLE, p DOUBLE", rows.toArray(Object[][]::new));
    Fairness f = new Fairness(List.of("platform"), 0.8, 30, 0.8, 50, 0.05);
    List<Row> audit = Rows.sorted(FairnessAudit.audit(scored, "label", "p", f, 0.6), "group_value");
    Row a = audit.get(0);
    Row b = audit.get(1);
    Row c = audit.get(2);
    assertEquals(1.0, (double) a.getAs("true_positive_rate"), 1e-12);
    assertEquals(1.0, (double) a.getAs("auc"), 1e-12);
    assertEquals(0.5, (double) b.getAs("true_positive_rate"), 1e-12);
    assertEquals(0.5, (double) b.getAs("tpr_ratio"), 1e-12);
    assertEquals(0.5, (double) b.getAs("base_rate"), 1e-12);
    assertTrue((boolean) b.getAs("flagged"));
    String reason = b.getAs("flag_reason");
    assertTrue(reason.contains("true-positive rate ratio 0.50"), reason);
    assertFalse((boolean) a.getAs("flagged"));
    assertFalse((boolean) c.getAs("flagged"), "10 examples are too few to flag");
  }

  @Test
  void theGateBlocksAGroupRankedAtRandomOrMiscalibratedButNotOneWithALowerBaseRate() {
    List<Object[]> rows = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      boolean posted = i % 2 == 0;
      rows.add(new Object[] {"A_fair", posted ? 1.0 : 0.0, posted ? 0.8 : 0.2});
      rows.add(new Object[] {"B_random", posted ? 1.0 : 0.0, 0.5});
      rows.add(new Object[] {"C_overpromised", posted ? 1.0 : 0.0, posted ? 0.95 : 0.85});
      boolean rarely = i % 5 == 0; // posts less often, and the model says so: not unfair
      rows.add(new Object[] {"D_low_rate", rarely ? 1.0 : 0.0, rarely ? 0.6 : 0.1});
    }
    Dataset<Row> scored = Rows.of("platform STRING, label DOUBLE, p DOUBLE", rows.toArray(Object[][]::new));
    Fairness f = new Fairness(List.of("platform"), 0.8, 30, 0.8, 100, 0.05);
    List<String> gate = FairnessAudit.gateFailures(FairnessAudit.audit(scored, "label", "p", f, 0.6), f, 0.9);
    assertEquals(List.of("platform=B_random (AUC 0.500)", "platform=C_overpromised (calibration gap 0.400)"), gate);
  }
}
