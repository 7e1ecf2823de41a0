package com.influencelakehouse.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigValueType;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The {@code lakehouse.sample-data} block, which this module owns: read from every layer, every key checked. */
@Tag("unit")
class SampleDataSettingsTest {
  @TempDir
  Path tmp;

  @Test
  void namedScalesComeFromConfiguration() {
    SampleDataSettings s = SampleDataSettings.from(LakehouseConfig.load("local"));
    assertEquals(List.of("large", "medium", "small", "tiny"), List.copyOf(s.scales().keySet()));
    assertEquals(2500, s.scale("small").influencers());
    ConfigError e = assertThrows(ConfigError.class, () -> s.scale("huge"));
    assertTrue(e.getMessage().contains("unknown sample-data scale 'huge'"), e.getMessage());
  }

  @Test
  void commandLineSettingsReachTheBlockAndTheGroundTruthFollowsTheWarehouseRoot() {
    SampleDataSettings s = SampleDataSettings.from(LakehouseConfig.load("local", null,
        Map.of("lakehouse.sample-data.seed", "7", "lakehouse.warehouse.root", tmp.toString())));
    assertEquals(7L, s.seed());
    assertEquals(tmp.resolve("ground_truth").toString(), s.groundTruth());
  }

  @Test
  void aNewScaleIsANameWithTheFourParameters() throws IOException {
    Path file = write("huge.conf", "lakehouse.sample-data.scales.huge { influencers = 500000, days = 30, brands = 900,"
        + " offers-per-influencer-per-week = 1.0 }\n");
    assertEquals(500_000, SampleDataSettings.from(LakehouseConfig.load("local", file, Map.of()))
        .scale("huge").influencers());
  }

  @Test
  void anUnknownKeyOfTheBlockStopsLoadingNamingIt() throws IOException {
    ConfigError typo = assertThrows(ConfigError.class, () -> SampleDataSettings.from(
        LakehouseConfig.load("local", null, Map.of("lakehouse.sample-data.story.defect-rat", "0.1"))));
    assertTrue(typo.getMessage().contains("lakehouse.sample-data.story.defect-rat (command-line -D) is not a known"
        + " key; did you mean lakehouse.sample-data.story.defect-rate?"), typo.getMessage());

    // Scale names are free-form, so their parameters are checked here, not by LakehouseConfig.
    Path file = write("param.conf", "lakehouse.sample-data.scales.tiny.influencer = 50\n");
    LakehouseConfig config = LakehouseConfig.load("local", file, Map.of());
    ConfigError e = assertThrows(ConfigError.class, () -> SampleDataSettings.from(config));
    assertEquals(1, e.problems().size(), e.getMessage());
    assertTrue(e.problems().get(0).startsWith("lakehouse.sample-data.scales.tiny.influencer = 50 (" + file
        + " line 1): is not a known scale parameter"), e.getMessage());

    Path notAScale = write("scale.conf", "lakehouse.sample-data.scales.tiny = 3\n");
    ConfigError e2 = assertThrows(ConfigError.class,
        () -> SampleDataSettings.from(LakehouseConfig.load("local", notAScale, Map.of())));
    assertTrue(e2.getMessage().contains("lakehouse.sample-data.scales.tiny = 3"), e2.getMessage());
  }

  @Test
  void everyProblemOfTheBlockIsReportedAtOnceWithTheLayers() {
    LakehouseConfig config = LakehouseConfig.load("local", null, Map.of(
        "lakehouse.sample-data.gzip-sources", "[\"social/tweets\"]",
        "lakehouse.sample-data.demo-scale", "huge",
        "lakehouse.sample-data.story.defect-rate", "0.9"));
    ConfigError e = assertThrows(ConfigError.class, () -> SampleDataSettings.from(config));
    assertEquals(3, e.problems().size(), e.getMessage());
    assertTrue(e.problems().stream().anyMatch(p -> p.startsWith("lakehouse.sample-data.gzip-sources = [\"social/tweets\"]")
        && p.contains("'social/tweets' is not a landing source")), e.getMessage());
    assertTrue(e.getMessage().contains("lakehouse.sample-data.demo-scale = \"huge\" (command-line -D): must name one"
        + " of the scales"), e.getMessage());
    assertTrue(e.getMessage().contains("Loaded, highest precedence first: command-line -D"), e.getMessage());
  }

  /**
   * Every leaf key of the block, given a value of the wrong kind, stops loading naming that key: either
   * LakehouseConfig (a nested object is an unknown key) or SampleDataSettings.from (a wrong value).
   */
  @Test
  void everyKeyOfTheBlockGivenAWrongValueFailsNamingIt() throws IOException {
    Config defaults = LakehouseConfig.load("local").raw();
    List<String> unnamed = new ArrayList<>();
    int checked = 0;
    for (var entry : defaults.getConfig("lakehouse.sample-data").entrySet()) {
      String key = "lakehouse.sample-data." + entry.getKey();
      ConfigValueType type = entry.getValue().valueType();
      String bad = type == ConfigValueType.NUMBER || type == ConfigValueType.BOOLEAN ? "\"three\"" : "{ bogus = 1 }";
      Path file = write("wrong-" + checked + ".conf", key + " = " + bad + "\n");
      checked++;
      try {
        SampleDataSettings.from(LakehouseConfig.load("local", file, Map.of()));
        unnamed.add(key + " = " + bad + " (loaded)");
      } catch (ConfigError e) {
        if (e.problems().stream().noneMatch(p -> p.contains(key))) {
          unnamed.add(key + " = " + bad + " (" + e.getMessage() + ")");
        }
      }
    }
    assertTrue(checked > 30, "checked only " + checked + " keys");
    assertTrue(unnamed.isEmpty(), "keys whose wrong value does not stop loading naming them:\n"
        + String.join("\n", unnamed));
  }

  private Path write(String name, String content) throws IOException {
    Path p = tmp.resolve(name);
    Files.writeString(p, content);
    return p;
  }
}
