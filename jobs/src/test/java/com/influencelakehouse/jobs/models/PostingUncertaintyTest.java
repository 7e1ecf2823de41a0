package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.testing.SharedSpark;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The spread of influencers' willingness to post, recovered from outcomes alone, and the bounds it gives. */
@Tag("unit")
class PostingUncertaintyTest {
  /**
   * 1 500 influencers: those with 3-5 resolved offers have a latent spread of 1.0 around the model, those
   * with 11+ of 0.3; each has 8 offers. The model's calibrated probability is sigmoid(l) with l spread
   * over [-1.5, 1.5]; the true log-odds are l x sqrt(1 + pi s^2 / 8) + s u, u one standard normal draw per
   * influencer (the model of {@link PostingUncertainty}).
   */
  static Dataset<Row> outcomes() {
    return SharedSpark.get().range(0, 12_000)
        .withColumn("influencer_key", expr("cast(id div 8 AS string)"))
        .withColumn("offers_resolved", expr("CASE WHEN (id div 8) % 2 = 0 THEN 4 ELSE 15 END"))
        .withColumn("_s", expr("CASE WHEN offers_resolved = 4 THEN 1.0 ELSE 0.3 END"))
        .withColumn("_u", expr("sqrt(-2 * ln(((hash(influencer_key) & 1048575) + 0.5) / 1048576)) "
            + "* cos(2 * pi() * ((hash(influencer_key, 7) & 1048575) + 0.5) / 1048576)"))
        .withColumn("_l", expr("-1.5 + 3 * rand(2)"))
        .withColumn("posting_probability", expr("1 / (1 + exp(-_l))"))
        .withColumn("_true", expr("1 / (1 + exp(-(_l * sqrt(1 + pi() * _s * _s / 8) + _s * _u)))"))
        .withColumn("label", expr("CASE WHEN rand(3) < _true THEN 1.0 ELSE 0.0 END"));
  }

  @Test
  void theSpreadPerHistoryBucketIsRecoveredFromTheOutcomes() {
    Map<String, Double> spreads = PostingUncertainty.fit(outcomes(), "influencer_key", "posting_probability");
    assertEquals(1.0, spreads.get("3-5"), 0.25, "spread of the little-known: " + spreads);
    assertEquals(0.3, spreads.get("11+"), 0.25, "spread of the well-known: " + spreads);
    assertTrue(spreads.get("3-5") > spreads.get("11+") + 0.3, "the better known, the narrower: " + spreads);
  }

  @Test
  void theBoundsHoldTheTrueProbabilityAtTheirNominalRate() {
    Dataset<Row> d = outcomes().withColumn("_lo", PostingUncertainty.bound(col("posting_probability"), col("_s"),
            -PostingUncertainty.z(0.8)))
        .withColumn("_hi", PostingUncertainty.bound(col("posting_probability"), col("_s"), PostingUncertainty.z(0.8)));
    Row r = d.selectExpr("avg(CASE WHEN _true >= _lo THEN 1D ELSE 0D END)",
        "avg(CASE WHEN _true BETWEEN _lo AND _hi THEN 1D ELSE 0D END)").first();
    assertEquals(0.8, r.getDouble(0), 0.05, "one-sided: true >= lower at confidence 0.8");
    assertEquals(0.6, r.getDouble(1), 0.05, "two-sided: 2 x 0.8 - 1");
  }

  @Test
  void historyBucketsNameTheirRanges() {
    Dataset<Row> d = SharedSpark.get().sql("SELECT explode(array(NULL, 0, 1, 2, 3, 5, 6, 10, 11, 40)) AS n");
    assertEquals(java.util.List.of("0", "0", "1-2", "1-2", "3-5", "3-5", "6-10", "6-10", "11+", "11+"),
        d.select(PostingUncertainty.bucket(col("n"))).collectAsList().stream().map(x -> x.getString(0)).toList());
  }
}
