package com.influencelakehouse.jobs.scoring;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.BusinessObjectives.Recommendation;
import com.influencelakehouse.common.config.BusinessObjectives.RecommendationMode;
import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.models.PostingUncertainty;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Chooses the incentive to offer from each influencer's monotone incentive-response curve.
 *
 * <p>Target mode: the smallest grid multiple of the tier norm whose posting probability, at its lower
 * bound at the configured confidence ({@link PostingUncertainty}), reaches the target; none
 * ({@code target_not_reached}) when no multiple of the influencer's own curve does, whatever the trend.
 * Profit mode: the multiple maximising expected revenue × margin − expected incentive cost (the
 * incentive is owed only when the post is published: probability × amount, or × rate × revenue for
 * commission); the smaller multiple on ties; recommended only when that profit is positive.
 *
 * <p>Trend rule: a rising influencer's audience is growing, so what they accept today soon falls
 * below their market; their recommendation is never below what the same influencer would need were
 * they stable (the curve re-scored with the trend set to stable), and the row says when that raised it.
 * The trend rule only ever raises a recommendation the own curve supports: it never turns an
 * unreachable target into a recommendation.
 *
 * <p>{@code expected_roi} = expected profit / the amount committed (cash or product owed if the post is
 * published; commission = rate x revenue of a post): the probability stays in the numerator, so of two
 * influencers asking the same amount the likelier poster ranks higher (profit / expected cost would
 * cancel it).
 * Authenticity-flagged influencers get their curve evaluated but no recommendation.
 */
public final class Recommendations {
  /** Monotone probability of the same offer had the influencer's trend been stable (null if not rising). */
  public static final String STABLE_PROBABILITY = "stable_monotone_probability";
  /** Spread of the influencer's willingness to post (log-odds), from {@link PostingUncertainty}. */
  public static final String SPREAD = "posting_spread";

  private Recommendations() {}

  /**
   * @param curves one row per influencer, incentive type and grid multiple: {@code influencer_key,
   *     incentive_type, incentive_multiple, monotone_probability, stable_monotone_probability,
   *     incentive_norm, expected_revenue_per_post, authenticity_flagged, influence_trend, posting_spread} plus any
   *     per-influencer columns to carry (listed in {@code carry})
   * @return one row per influencer and incentive type with the recommendation columns
   */
  public static Dataset<Row> choose(Dataset<Row> curves, Recommendation settings, String... carry) {
    Column p = col(IncentiveResponse.MONOTONE);
    Column multiple = col(IncentiveResponse.MULTIPLE);
    Column amount = col("incentive_norm").multiply(multiple);
    Column revenue = coalesce(col("expected_revenue_per_post"), lit(0.0));
    Column cost = when(col("incentive_type").equalTo("commission"), amount.divide(100).multiply(revenue))
        .otherwise(amount);
    Column profit = p.multiply(revenue).multiply(settings.grossMargin()).minus(p.multiply(cost));
    Column stableP = coalesce(col(STABLE_PROBABILITY), p);
    double z = PostingUncertainty.z(settings.confidence());
    Column spread = coalesce(col(SPREAD), lit(0.0));
    Column sure = PostingUncertainty.bound(p, spread, -z);
    Column stableSure = PostingUncertainty.bound(stableP, spread, -z);
    double target = settings.targetPostingProbability();
    boolean maxProfit = settings.mode() == RecommendationMode.MAX_PROFIT;

    Column[] keys = new Column[2 + carry.length];
    keys[0] = col("influencer_key");
    keys[1] = col("incentive_type");
    for (int i = 0; i < carry.length; i++) {
      keys[2 + i] = col(carry[i]);
    }
    Dataset<Row> picked = curves.withColumn("_profit", profit).withColumn("_stable_profit",
            stableP.multiply(revenue).multiply(settings.grossMargin()).minus(stableP.multiply(cost)))
        .groupBy(keys).agg(
            min("incentive_norm").as("incentive_norm"),
            min(when(sure.geq(target), multiple)).as("_target_multiple"),
            min(when(stableSure.geq(target), multiple)).as("_stable_target_multiple"),
            max_by(multiple, struct(col("_profit"), multiple.multiply(-1))).as("_profit_multiple"),
            max_by(multiple, struct(col("_stable_profit"), multiple.multiply(-1))).as("_stable_profit_multiple"),
            min("authenticity_flagged").as("authenticity_flagged"),
            min("influence_trend").as("influence_trend"));
    Column own = col(maxProfit ? "_profit_multiple" : "_target_multiple");
    Column stable = col(maxProfit ? "_stable_profit_multiple" : "_stable_target_multiple");
    Column rising = col("influence_trend").equalTo("rising");
    // greatest() skips nulls: with no own multiple it would return the stable one, below the own curve's reach.
    Column chosen = when(rising.and(own.isNotNull()).and(stable.isNotNull()), greatest(own, stable)).otherwise(own);
    Dataset<Row> withChoice = picked
        .withColumn("_chosen", chosen)
        .withColumn("trend_adjusted", coalesce(rising.and(own.isNotNull()).and(stable.gt(own)), lit(false)));
    // The curve's values at the chosen multiple.
    Dataset<Row> atChoice = curves.select(col("influencer_key").as("_k"), col("incentive_type").as("_t"),
        multiple.as("_m"), p.as("expected_posting_probability"), sure.as("posting_probability_lower"),
        PostingUncertainty.bound(p, spread, z).as("posting_probability_upper"),
        p.multiply(revenue).as("expected_revenue"), p.multiply(cost).as("expected_cost"), cost.as("_committed"),
        profit.as("expected_profit"));
    Dataset<Row> out = withChoice.join(atChoice, col("influencer_key").equalTo(col("_k"))
            .and(col("incentive_type").equalTo(col("_t"))).and(col("_chosen").equalTo(col("_m"))), "left")
        .drop("_k", "_t", "_m");
    Column status = when(col("incentive_norm").isNull(), lit("no_norm"))
        .when(col("authenticity_flagged"), lit("authenticity_flagged"))
        .when(col("_chosen").isNull(), lit("target_not_reached"))
        .when(lit(maxProfit).and(col("expected_profit").leq(0)), lit("not_profitable"))
        .otherwise(lit("recommended"));
    Column recommended = status.equalTo("recommended");
    return out.withColumn("status", status)
        .withColumn("recommended", recommended)
        .withColumn("recommended_multiple", when(recommended, col("_chosen")))
        .withColumn("recommended_amount", when(recommended, col("_chosen").multiply(col("incentive_norm"))))
        .withColumn("expected_roi", when(col("_committed").gt(0), col("expected_profit").divide(col("_committed"))))
        .withColumn("confidence", lit(settings.confidence()))
        .withColumn("objective", lit(maxProfit ? "max-profit" : "target-probability"))
        .withColumn("target_posting_probability", lit(target))
        .withColumn("gross_margin", lit(settings.grossMargin()))
        .drop("_target_multiple", "_stable_target_multiple", "_profit_multiple", "_stable_profit_multiple", "_chosen",
            "_committed");
  }
}
