package com.influencelakehouse.jobs.models;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import java.nio.file.Path;
import java.sql.Date;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Champion and challenger: a better, fair challenger is promoted; a worse or unfair one is rejected, with why. */
@Tag("pipeline")
class ModelRegistryTest {
  @TempDir
  Path root;

  @Test
  void decisionsNameTheComparisonAndTheGate() {
    ModelRegistry.Decision first = ModelRegistry.Decision.of("AUC", 0.70, null, null, 0.002, List.of());
    assertTrue(first.promote());
    assertTrue(first.reason().startsWith("first model"), first.reason());
    ModelRegistry.Decision better = ModelRegistry.Decision.of("AUC", 0.75, 0.74, "posting-1", 0.002, List.of());
    assertTrue(better.promote(), better.reason());
    ModelRegistry.Decision marginal = ModelRegistry.Decision.of("AUC", 0.7415, 0.74, "posting-1", 0.002, List.of());
    assertFalse(marginal.promote());
    assertTrue(marginal.reason().contains("not better by the margin"), marginal.reason());
    ModelRegistry.Decision unfair = ModelRegistry.Decision.of("AUC", 0.80, 0.74, "posting-1", 0.002,
        List.of("country=KR (TPR ratio 0.61)"));
    assertFalse(unfair.promote());
    assertTrue(unfair.reason().contains("fairness gate failed: country=KR"), unfair.reason());
  }

  @Test
  void aBetterChallengerRetiresTheChampionAndAWorseOneLeavesItInPlace() {
    Warehouse w = new Warehouse(SharedSpark.get(), TestConfigs.local(root).warehouse());
    record(w, "posting-20260901", 0.70, ModelRegistry.Decision.of("AUC", 0.70, null, null, 0.002, List.of()));
    Optional<Row> champion = ModelRegistry.comparedWith(w, "posting", "posting-20260908");
    assertEquals("posting-20260901", champion.orElseThrow().getAs("model_version"));
    record(w, "posting-20260908", 0.72, ModelRegistry.Decision.of("AUC", 0.72, 0.70, "posting-20260901", 0.002,
        List.of()));
    assertEquals(Map.of("posting-20260901", "retired", "posting-20260908", "champion"), statuses(w));

    Optional<Row> compared = ModelRegistry.comparedWith(w, "posting", "posting-20260915");
    record(w, "posting-20260915", 0.71, ModelRegistry.Decision.of("AUC", 0.71, 0.72, "posting-20260908", 0.002,
        List.of()));
    assertEquals("posting-20260908", compared.orElseThrow().getAs("model_version"));
    assertEquals(Map.of("posting-20260901", "retired", "posting-20260908", "champion", "posting-20260915",
        "rejected"), statuses(w));
    Row rejected = ModelRegistry.find(w, "posting-20260915").orElseThrow();
    assertTrue(rejected.<String>getAs("status_reason").contains("not better by the margin"));

    // Re-running the 15 September training compares with the same champion and replaces its row.
    assertEquals("posting-20260908",
        ModelRegistry.comparedWith(w, "posting", "posting-20260915").orElseThrow().getAs("model_version"));
    record(w, "posting-20260915", 0.71, ModelRegistry.Decision.of("AUC", 0.71, 0.72, "posting-20260908", 0.002,
        List.of()));
    assertEquals(3, w.read(com.influencelakehouse.common.tables.Tables.MODEL_REGISTRY).count());
  }

  private static void record(Warehouse w, String version, double auc, ModelRegistry.Decision d) {
    Optional<Row> previous = ModelRegistry.comparedWith(w, "posting", version);
    LocalDate day = LocalDate.parse(version.substring(8, 12) + "-" + version.substring(12, 14) + "-"
        + version.substring(14));
    Row row = ModelRegistry.row(new ModelRegistry.Trained(version, "posting", "gbt", Map.of("maxDepth", "3"),
            "objective", Map.of("auc", auc), "/models/" + version),
        new ModelRegistry.Examples("gold.training_posting", 3, Date.valueOf("2026-08-01"), Date.valueOf("2026-08-20"),
            Date.valueOf("2026-08-25"), Date.valueOf("2026-08-26"), Date.valueOf("2026-08-31"), 10, 2, 2),
        d, "run", day, Instant.parse("2026-09-30T00:00:00Z"), previous);
    ModelRegistry.record(w, row, d, previous);
  }

  private static Map<String, String> statuses(Warehouse w) {
    Map<String, String> out = new java.util.TreeMap<>();
    for (Row r : w.read(com.influencelakehouse.common.tables.Tables.MODEL_REGISTRY)
        .select("model_version", "status").collectAsList()) {
      out.put(r.getString(0), r.getString(1));
    }
    return out;
  }
}
