package com.influencelakehouse.common.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.BusinessObjectives.RecommendationMode;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.Tables;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class LakehouseConfigTest {
  @TempDir
  Path tmp;

  @Test
  void localDefaultIsAnEmbeddedWarehouseUnderTheWorkingDirectory() {
    LakehouseConfig c = LakehouseConfig.load("local");
    assertEquals("local", c.env());
    Path expectedRoot = Path.of("warehouse").toAbsolutePath().normalize();
    assertEquals(expectedRoot.toString(), c.warehouse().root());
    assertEquals(expectedRoot.resolve("landing").toString(), c.warehouse().landing());
    assertEquals(expectedRoot.resolve("silver").toString(), c.warehouse().layerRoot(Layer.SILVER));
    assertTrue(c.warehouse().isLocal());
    assertEquals(Optional.of("local[*]"), c.spark().master());
    assertEquals("127.0.0.1", c.spark().conf().get("spark.driver.host"));
    assertEquals("2", c.spark().conf().get("spark.databricks.delta.snapshotPartitions"));
    assertTrue(c.privacy().allowDevelopmentKey());
  }

  @Test
  void prodOverlayPutsTheWarehouseOnObjectStorageAndLeavesTheMasterToSparkSubmit() {
    LakehouseConfig c = LakehouseConfig.load("prod");
    assertEquals("s3a://influence-lakehouse-prod/warehouse", c.warehouse().root());
    assertEquals("s3a://influence-lakehouse-prod/warehouse/gold", c.warehouse().gold());
    assertEquals("s3a://influence-lakehouse-landing/exports", c.warehouse().landing());
    assertFalse(c.warehouse().isLocal());
    assertEquals(Optional.empty(), c.spark().master());
    assertEquals("200", c.spark().conf().get("spark.sql.shuffle.partitions"));
    assertFalse(c.spark().conf().containsKey("spark.databricks.delta.snapshotPartitions"), "null leaves Spark's default");
    assertFalse(c.privacy().allowDevelopmentKey());
  }

  @Test
  void overridingTheRootMovesEveryLayerWithIt() {
    LakehouseConfig c = LakehouseConfig.load("local", null, Map.of("lakehouse.warehouse.root", tmp.toString()));
    assertEquals(tmp.resolve("bronze").toString(), c.warehouse().bronze());
    assertEquals(tmp.resolve("models").toString(), c.warehouse().models());
    assertEquals(tmp.resolve("audit").resolve("run_log").toString(), c.warehouse().pathOf(Tables.RUN_LOG));
    assertEquals(tmp.resolve("landing/social/posts/dt=2026-09-01").toString(),
        c.warehouse().landingPath(com.influencelakehouse.common.tables.LandingSource.POSTS,
            java.time.LocalDate.parse("2026-09-01")));
  }

  @Test
  void aCommandLineListIsAListAndAMalformedOneIsNamed() {
    LakehouseConfig c = LakehouseConfig.load("local", null, Map.of("lakehouse.models.gbt-depths", "[3, 6]",
        "lakehouse.models.reg-params", "[0.1]"));
    assertEquals(List.of(3, 6), c.models().gbtDepths());
    assertEquals(List.of(0.1), c.models().regParams());
    ConfigError e = assertThrows(ConfigError.class,
        () -> LakehouseConfig.load("local", null, Map.of("lakehouse.models.gbt-depths", "[3, deep]")));
    assertTrue(e.getMessage().contains("lakehouse.models.gbt-depths"), e.getMessage());
  }

  @Test
  void systemPropertiesOverrideFilesAndCommandLineOverridesWinOverBoth() {
    String key = "lakehouse.objectives.recommendation.target-posting-probability";
    System.setProperty(key, "0.7");
    try {
      assertEquals(0.7, LakehouseConfig.load("local").objectives().recommendation().targetPostingProbability());
      assertEquals(0.55, LakehouseConfig.load("local", null, Map.of(key, "0.55"))
          .objectives().recommendation().targetPostingProbability());
    } finally {
      System.clearProperty(key);
    }
  }

  @Test
  void anExternalFileLayersOverTheEnvironment() throws IOException {
    Path file = write("extra.conf", "lakehouse.objectives.recommendation.mode = max-profit\n");
    LakehouseConfig c = LakehouseConfig.load("local", file, Map.of());
    assertEquals(RecommendationMode.MAX_PROFIT, c.objectives().recommendation().mode());
    assertEquals(file.toString(), c.layers().get(2));
  }

  @Test
  void aMalformedValueIsReportedWithItsKeyFileAndLine() throws IOException {
    Path file = write("bad.conf", "lakehouse {\n  privacy {\n    bronze-retention-days = forever\n  }\n}\n");
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", file, Map.of()));
    assertEquals(1, e.problems().size(), e.getMessage());
    String p = e.problems().get(0);
    assertTrue(p.startsWith("lakehouse.privacy.bronze-retention-days = \"forever\""), p);
    assertTrue(p.contains("bad.conf line 3"), p);
    assertTrue(p.contains("expected a whole number"), p);
  }

  @Test
  void aKeySetToNullIsReportedAsMissingWithWhereItWasNulled() throws IOException {
    Path file = write("null.conf", "lakehouse.objectives.base-currency = null\n");
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", file, Map.of()));
    assertTrue(e.getMessage().contains("lakehouse.objectives.base-currency is null (" + file + " line 1)"),
        e.getMessage());
  }

  @Test
  void anUnknownKeyIsReportedWithTheNearestKnownKey() throws IOException {
    Path file = write("typo.conf", "lakehouse.objectives.fairness.min-raito = 0.7\n");
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", file, Map.of()));
    String p = e.problems().get(0);
    assertTrue(p.startsWith("lakehouse.objectives.fairness.min-raito (" + file + " line 1) is not a known key"), p);
    assertTrue(p.contains("did you mean lakehouse.objectives.fairness.min-ratio?"), p);
  }

  @Test
  void everyProblemIsReportedAtOnceAndTheLayersAreListed() {
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", null, Map.of(
        "lakehouse.objectives.base-currency", "dollars",
        "lakehouse.objectives.recommendation.incentive-grid", "1.0",
        "lakehouse.objectives.fairness.groups", "zodiac",
        "lakehouse.pipeline.parallelism", "0")));
    List<String> problems = e.problems();
    assertEquals(4, problems.size(), e.getMessage());
    assertTrue(problems.stream().anyMatch(p -> p.startsWith("lakehouse.objectives.base-currency = \"dollars\"")
        && p.contains("ISO 4217")), e.getMessage());
    assertTrue(e.getMessage().contains("Loaded, highest precedence first: command-line -D"), e.getMessage());
  }

  @Test
  void theSampleDataBlockBelongsToTheGeneratorSoOnlyItsKeyNamesAreCheckedHere() {
    ConfigError e = assertThrows(ConfigError.class,
        () -> LakehouseConfig.load("local", null, Map.of("lakehouse.sample-data.story.defect-rat", "0.1")));
    assertTrue(e.getMessage().contains("lakehouse.sample-data.story.defect-rat (command-line -D) is not a known key;"
        + " did you mean lakehouse.sample-data.story.defect-rate?"), e.getMessage());
    // Its values are the sample-data module's to read and check (SampleDataSettings.from): a run of the
    // product does not use them, so a bad one does not stop it.
    assertEquals("local", LakehouseConfig.load("local", null, Map.of("lakehouse.sample-data.seed", "seven")).env());
  }

  @Test
  void anIncentiveGridMustAscend() throws IOException {
    Path file = write("grid.conf", "lakehouse.objectives.recommendation.incentive-grid = [1.0, 0.5]\n");
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", file, Map.of()));
    assertTrue(e.getMessage().contains("incentive-grid = [1,0.5] (" + file + " line 1): must be a non-empty list"
        + " of positive, ascending multiples"), e.getMessage());
  }

  @Test
  void theKeyItselfMayNotBeConfiguredOnlyTheNameOfItsEnvironmentVariable() {
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", null,
        Map.of("lakehouse.privacy.pseudonymisation-key-env", "s3cr3t-value")));
    assertTrue(e.getMessage().contains("must be the NAME of an environment variable"), e.getMessage());
  }

  @Test
  void anUnknownEnvironmentNamesTheMissingOverlayFile() {
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("staging"));
    assertTrue(e.getMessage().contains("unknown environment 'staging': there is no conf/staging.conf"),
        e.getMessage());
  }

  @Test
  void aMissingExternalFileIsNamed() {
    Path missing = tmp.resolve("nope.conf");
    ConfigError e = assertThrows(ConfigError.class, () -> LakehouseConfig.load("local", missing, Map.of()));
    assertTrue(e.getMessage().contains(missing + " (--config) does not exist"), e.getMessage());
  }

  @Test
  void objectivesAreRenderedAsJsonForTheRunLog() {
    String json = LakehouseConfig.load("local").objectivesJson();
    assertTrue(json.startsWith("{") && json.contains("\"target-posting-probability\":0.6"), json);
    assertTrue(json.contains("\"base-currency\":\"USD\""), json);
  }

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }

  @Test
  void parallelismMustBeAWholeNumberFromOneUp() {
    for (String bad : List.of("three", "0", "2.5", "-1")) {
      ConfigError e = assertThrows(ConfigError.class,
          () -> LakehouseConfig.load("local", null, Map.of("lakehouse.pipeline.parallelism", bad)), bad);
      assertTrue(e.getMessage().contains("lakehouse.pipeline.parallelism"), bad + ": " + e.getMessage());
    }
    assertEquals(2, LakehouseConfig.load("local", null, Map.of("lakehouse.pipeline.parallelism", "2")).parallelism());
  }

  /**
   * Every leaf key of every section, given a value of the wrong kind (a word where a number or a
   * switch goes, a nested object where a word or a list goes), stops loading naming that key: no key
   * is read only later, when a job needs it.
   */
  @Test
  void everyKeyOfEverySectionGivenAWrongValueFailsAtStartUpNamingIt() throws IOException {
    com.typesafe.config.Config defaults = LakehouseConfig.load("local").raw();
    List<String> unnamed = new java.util.ArrayList<>();
    int checked = 0;
    for (var entry : defaults.getConfig("lakehouse").entrySet()) {
      String key = "lakehouse." + entry.getKey();
      if (key.startsWith("lakehouse.spark.conf.")) {
        continue; // Spark's own settings, passed through: Spark checks them when the session starts
      }
      if (key.startsWith("lakehouse.sample-data.")) {
        continue; // the generator's block: SampleDataSettingsTest gives each of its keys a wrong value
      }
      com.typesafe.config.ConfigValueType type = entry.getValue().valueType();
      String bad = switch (type) {
        case NUMBER, BOOLEAN -> "\"three\"";
        default -> "{ bogus = 1 }";
      };
      if (type == com.typesafe.config.ConfigValueType.STRING && entry.getValue().unwrapped().toString().isEmpty()) {
        bad = "{ bogus = 1 }";
      }
      Path file = write("wrong-" + checked + ".conf", key + " = " + bad + "\n");
      checked++;
      try {
        LakehouseConfig.load("local", file, Map.of());
        unnamed.add(key + " = " + bad + " (loaded)");
      } catch (ConfigError e) {
        // A value other keys are built from fails where it is used: the error then names its file and line.
        if (!e.problems().stream().anyMatch(p -> p.contains(key) || p.contains(file + ": 1:"))) {
          unnamed.add(key + " = " + bad + " (" + e.getMessage() + ")");
        }
      }
    }
    assertTrue(checked > 60, "checked only " + checked + " keys"); // and the 33 of lakehouse.sample-data in SampleDataSettingsTest
    assertTrue(unnamed.isEmpty(), "keys whose wrong value does not stop loading naming them:\n" + String.join("\n", unnamed));
  }
}
