package com.influencelakehouse.common.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.common.config.SparkSettings;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class SparkSessionsTest {
  static final SparkSettings CONFIGURED = new SparkSettings("app", Optional.of("local[*]"),
      Map.of("spark.sql.shuffle.partitions", "200", "spark.executor.memory", "4g"));

  @Test
  void settingsOnTheSparkSubmitLineWinOverConfiguration() {
    SparkConf submitted = new SparkConf(false).set("spark.master", "spark://host:7077")
        .set("spark.sql.shuffle.partitions", "16");
    Map<String, String> applied = SparkSessions.applied(CONFIGURED, submitted);
    assertFalse(applied.containsKey("spark.master"), "the submitted master is kept");
    assertFalse(applied.containsKey("spark.sql.shuffle.partitions"), "the submitted value is kept");
    assertEquals("4g", applied.get("spark.executor.memory"), "what the submit line left out comes from config");
  }

  @Test
  void withoutSparkSubmitTheConfiguredMasterAndSettingsApply() {
    Map<String, String> applied = SparkSessions.applied(CONFIGURED, new SparkConf(false));
    assertEquals("local[*]", applied.get("spark.master"));
    assertEquals("200", applied.get("spark.sql.shuffle.partitions"));
    assertEquals("io.delta.sql.DeltaSparkSessionExtension", applied.get("spark.sql.extensions"));
  }

  @Test
  void submittedExtensionsAreKeptBesideDelta() {
    Map<String, String> applied = SparkSessions.applied(CONFIGURED,
        new SparkConf(false).set("spark.sql.extensions", "com.example.Ext"));
    assertEquals("com.example.Ext,io.delta.sql.DeltaSparkSessionExtension", applied.get("spark.sql.extensions"));
  }

  @Test
  void noMasterAnywhereStopsAtStartUpNamingTheKey() {
    SparkSettings prod = new SparkSettings("app", Optional.empty(), Map.of());
    ConfigError e = assertThrows(ConfigError.class, () -> SparkSessions.applied(prod, new SparkConf(false)));
    assertTrue(e.getMessage().contains("lakehouse.spark.master"), e.getMessage());
  }
}
