package com.influencelakehouse.common.privacy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.testing.SharedSpark;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class PseudonymiserTest {
  private static final Pseudonymiser A = new Pseudonymiser("first-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));
  private static final Pseudonymiser B = new Pseudonymiser("other-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8));

  @Test
  void theSameKeyGivesTheSamePseudonymAndAnotherKeyAnUnrelatedOne() {
    String id = "1784140000000007";
    assertEquals(A.pseudonym(Domain.INFLUENCER, id),
        new Pseudonymiser("first-key-0123456789abcdef".getBytes(StandardCharsets.UTF_8))
            .pseudonym(Domain.INFLUENCER, id));
    assertNotEquals(A.pseudonym(Domain.INFLUENCER, id), B.pseudonym(Domain.INFLUENCER, id));
    assertEquals(64, A.pseudonym(Domain.INFLUENCER, id).length(), "hex HMAC-SHA-256");
    assertFalse(A.pseudonym(Domain.INFLUENCER, id).contains(id));
  }

  @Test
  void equalTextOfDifferentKindsGetsDifferentPseudonyms() {
    assertNotEquals(A.pseudonym(Domain.INFLUENCER, "abc123"), A.pseudonym(Domain.VISITOR, "abc123"));
  }

  @Test
  void theColumnFunctionAgreesWithTheDriverSideFunctionAndKeepsNull() {
    Dataset<Row> d = SharedSpark.get().createDataset(java.util.Arrays.asList("v_1", null), Encoders.STRING())
        .toDF("id");
    List<Row> rows = d.select(A.pseudonymise(Domain.VISITOR, d.col("id")).as("k")).collectAsList();
    assertEquals(A.pseudonym(Domain.VISITOR, "v_1"), rows.get(0).getString(0));
    assertTrue(rows.get(1).isNullAt(0));
  }

  @Test
  void theKeyNeverShowsInAQueryPlan() {
    Dataset<Row> d = SharedSpark.get().createDataset(List.of("x"), Encoders.STRING()).toDF("id");
    String plan = d.select(A.pseudonymise(Domain.VISITOR, d.col("id"))).queryExecution().toString();
    assertFalse(plan.contains("first-key"), plan);
  }

  @Test
  void outsideLocalRunsAMissingKeyStopsTheRunNamingTheVariable() {
    var prod = LakehouseConfig.load("prod").privacy();
    ConfigError e = assertThrows(ConfigError.class, () -> Pseudonymiser.fromEnvironment(prod, Map.<String, String>of()::get));
    assertTrue(e.getMessage().contains("LAKEHOUSE_PSEUDONYMISATION_KEY (lakehouse.privacy.pseudonymisation-key-env) is "
        + "not set"), e.getMessage());
  }

  @Test
  void locallyTheDevelopmentKeyIsUsedOnlyWhenNoKeyIsGiven() {
    var local = LakehouseConfig.load("local").privacy();
    Pseudonymiser dev = Pseudonymiser.fromEnvironment(local, Map.<String, String>of()::get);
    Pseudonymiser given = Pseudonymiser.fromEnvironment(local,
        Map.of("LAKEHOUSE_PSEUDONYMISATION_KEY", "a-real-secret-key-of-32-bytes!!!")::get);
    assertEquals(new Pseudonymiser(Pseudonymiser.DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8)).fingerprint(),
        dev.fingerprint());
    assertNotEquals(dev.fingerprint(), given.fingerprint());
    ConfigError shortKey = assertThrows(ConfigError.class, () -> Pseudonymiser.fromEnvironment(local,
        Map.of("LAKEHOUSE_PSEUDONYMISATION_KEY", "short")::get));
    assertTrue(shortKey.getMessage().contains("shorter than 16 bytes"));
  }
}
