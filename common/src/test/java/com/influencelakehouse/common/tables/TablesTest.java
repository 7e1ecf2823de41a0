package com.influencelakehouse.common.tables;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.WarehouseSettings;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The registry declares every table of the design once, completely, and nothing else hard-codes paths. */
@Tag("unit")
class TablesTest {

  /** Every table DESIGN.md section 4 names (plus the registry's own additions, each justified in docs/tables.md). */
  private static final List<String> DESIGNED = List.of(
      "bronze.influencers", "bronze.posts", "bronze.post_insights", "bronze.campaigns", "bronze.offers",
      "bronze.offer_responses", "bronze.clicks", "bronze.orders", "bronze.erasure_requests", "bronze.fx_rates",
      "bronze.briefs", "bronze.quarantine",
      "silver.dim_influencer", "silver.fact_influencer_daily", "silver.dim_campaign", "silver.dim_campaign_brief",
      "silver.fact_post",
      "silver.fact_post_insights_daily", "silver.fact_offer", "silver.fact_click", "silver.fact_order",
      "silver.fx_rate_daily",
      "gold.features_influencer_daily", "gold.incentive_norms", "gold.content_label_lift", "gold.training_posting",
      "gold.training_conversion", "gold.influencer_scores", "gold.incentive_recommendations",
      "gold.content_reuse_candidates", "gold.campaign_performance", "gold.influencer_roi", "gold.campaign_plans",
      "gold.campaign_plan_summary",
      "audit.run_log", "audit.dq_results", "audit.erasure_log", "audit.model_registry", "audit.model_metrics",
      "audit.model_holdout_predictions",
      "audit.fairness_audit");

  @Test
  void everyDesignedTableIsDeclaredAndNothingElse() {
    List<String> declared = Tables.all().stream().map(TableDef::qualifiedName).toList();
    assertEquals(Set.copyOf(DESIGNED), Set.copyOf(declared));
    assertEquals(declared.size(), Set.copyOf(declared).size(), "qualified names are unique");
  }

  @Test
  void tableNamesAreUniqueAcrossLayersSoABareNameFindsOneTable() {
    Set<String> names = new HashSet<>();
    for (TableDef t : Tables.all()) {
      assertTrue(names.add(t.name()), "duplicate bare name " + t.name());
      assertEquals(Set.of(t), Set.copyOf(Tables.byName(t.name()).stream().toList()));
    }
  }

  @Test
  void everyTableDeclaresItsMeaningGrainAndKey() {
    for (TableDef t : Tables.all()) {
      assertFalse(t.description().isBlank(), t + " description");
      assertFalse(t.grain().isBlank(), t + " grain");
      assertFalse(t.key().isEmpty(), t + " key");
      assertTrue(t.name().matches("[a-z][a-z0-9_]*"), t + " name is snake_case");
    }
  }

  @Test
  void declaredSchemasContainTheirKeyAndPartitionColumnsWithComments() {
    for (TableDef t : Tables.all()) {
      if (!t.hasSchema()) {
        continue;
      }
      Set<String> columns = Set.of(t.schema().fieldNames());
      assertTrue(columns.containsAll(t.key()), t + " key columns " + t.key() + " in schema " + columns);
      assertTrue(columns.containsAll(t.partitionBy()), t + " partition columns in schema");
      for (var f : t.schema().fields()) {
        assertTrue(f.getComment().isDefined(), t + "." + f.name() + " has a comment");
      }
    }
  }

  @Test
  void everyLandingSourceHasItsBronzeTableAndAContractWithRequiredFlags() {
    for (LandingSource s : LandingSource.values()) {
      TableDef bronze = Tables.bronzeOf(s);
      assertNotNull(bronze, s + " bronze table");
      assertEquals(Layer.BRONZE, bronze.layer());
      assertFalse(s.fieldNames().isEmpty());
      for (String f : s.fieldNames()) {
        s.isRequired(f); // throws when the metadata is missing
      }
    }
    assertTrue(LandingSource.OFFERS.isRequired("offer_id"));
    assertFalse(LandingSource.POSTS.isRequired("offer_id"));
  }

  @Test
  void everyTableHasItsOwnLocationUnderItsLayer() {
    WarehouseSettings w = LakehouseConfig.load("local").warehouse();
    Set<String> paths = new HashSet<>();
    for (TableDef t : Tables.all()) {
      String p = w.pathOf(t);
      assertTrue(p.startsWith(w.layerRoot(t.layer()) + "/"), p);
      assertTrue(paths.add(p), "two tables at " + p);
    }
  }

  /**
   * Layer paths are computed only by WarehouseSettings from the registry: a string literal such as
   * "/silver/" or "warehouse/gold" anywhere else in main code would be a second source of truth.
   */
  @Test
  void noMainSourceOutsideTheRegistryHardCodesAWarehousePath() throws IOException {
    Path root = Path.of(System.getProperty("checkout.root", ".."));
    Pattern literal = Pattern.compile("\"[^\"]*(/(bronze|silver|gold|audit|models|landing)/|warehouse/)[^\"]*\"");
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> files = Files.walk(root)) {
      for (Path f : files.filter(p -> p.toString().endsWith(".java") && p.toString().contains("/src/main/")).toList()) {
        if (f.endsWith("WarehouseSettings.java")) {
          continue;
        }
        List<String> lines = Files.readAllLines(f);
        for (int i = 0; i < lines.size(); i++) {
          if (literal.matcher(lines.get(i)).find()) {
            offenders.add(root.relativize(f) + ":" + (i + 1) + ": " + lines.get(i).trim());
          }
        }
      }
    }
    assertEquals(List.of(), offenders);
  }

  @Test
  void deltaKeepsStatisticsOnlyOnColumnsThatCannotHoldAPersonsIdentifier() {
    int checked = 0;
    for (TableDef t : Tables.all()) {
      if (!t.hasSchema()) {
        continue;
      }
      for (String c : t.statisticsColumns()) {
        var f = t.schema().apply(c);
        boolean string = f.dataType() instanceof org.apache.spark.sql.types.StringType;
        assertFalse(f.metadata().contains(Tables.SUBJECT), t + "." + c + " identifies a subject");
        assertTrue(!string || t.clusterBy().contains(c), t + "." + c + " is free text or an id");
        assertFalse(f.dataType() instanceof org.apache.spark.sql.types.StructType
            || f.dataType() instanceof org.apache.spark.sql.types.ArrayType
            || f.dataType() instanceof org.apache.spark.sql.types.MapType, t + "." + c + " is nested");
        checked++;
      }
      // Every table says which columns get statistics; none is left to Delta's default (the first 32 columns).
      assertTrue(t.deltaProperties().containsKey("delta.dataSkippingStatsColumns")
          || t.deltaProperties().get("delta.dataSkippingNumIndexedCols").equals("0"), t.qualifiedName());
    }
    assertTrue(checked > 50, "statistics kept on " + checked + " columns");
    List<String> post = Tables.FACT_POST.statisticsColumns();
    assertTrue(post.contains("posted_at") && !post.contains("caption") && !post.contains("influencer_key")
        && !post.contains("post_id"), "silver.fact_post statistics: " + post);
  }
}
