package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.gold.FeatureWindows.FEATURE_DATE;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.round;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.job.DateRange;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Offer history features and the market's incentive norms. An offer's outcome is taken as it was known
 * at the end of the feature date, from event times (accepted, posted, declined, deadline), never from
 * the offer's final state: an offer still open on that date counts as received but not resolved.
 */
public final class OfferFeatures {
  /** Pseudo-offers at the market's rate that posted rates are shrunk with, so a newcomer's rate is defined. */
  static final double PRIOR_OFFERS = 3.0;
  public static final List<String> INCENTIVE_TYPES = List.of("cash", "product", "commission");
  private static final String KEY = "influencer_key";

  private OfferFeatures() {}

  /** The incentive compared with norms: base-currency value for cash and product, percent for commission. */
  public static Column incentiveValue() {
    return when(col("incentive_type").equalTo("commission"), col("commission_rate_pct"))
        .otherwise(col("incentive_amount_base"));
  }

  /**
   * Offers with the follower tier of their influencer when they were sent (the dimension version in
   * force at {@code sent_at}); offers sent before the influencer's first profile have a null tier.
   */
  public static Dataset<Row> withTierAtSend(Dataset<Row> offers, Dataset<Row> dimInfluencer) {
    Dataset<Row> versions = dimInfluencer.select(col(KEY).as("_k"), col("follower_tier"), col("valid_from"),
        col("valid_to"));
    return offers.join(versions, col(KEY).equalTo(col("_k")).and(col("valid_from").leq(col("sent_at")))
            .and(col("valid_to").isNull().or(col("sent_at").lt(col("valid_to")))), "left")
        .drop("_k", "valid_from", "valid_to");
  }

  /** Median incentive per tier and type of the offers sent in the history window, as of each date. */
  public static Dataset<Row> norms(Dataset<Row> offersWithTier, int historyDays, DateRange dates) {
    return FeatureWindows.trailing(offersWithTier.where(col("follower_tier").isNotNull()), col("sent_date"),
            historyDays, dates)
        .groupBy(col(FEATURE_DATE).as("as_of_date"), col("follower_tier"), col("incentive_type"))
        .agg(median(incentiveValue()).as("norm_amount"), count(lit(1)).as("offers"))
        .where(col("norm_amount").gt(0));
  }

  /** Offer history per influencer and feature date, over offers sent in the history window. */
  public static Dataset<Row> history(Dataset<Row> offersWithTier, Dataset<Row> norms, int historyDays,
      DateRange dates) {
    Column end = FeatureWindows.endOfFeatureDate();
    Dataset<Row> rows = FeatureWindows.trailing(offersWithTier, col("sent_date"), historyDays, dates)
        .withColumn("_posted", coalesce(col("posted_within_deadline").and(col("posted_at").lt(end)), lit(false)))
        .withColumn("_declined", coalesce(col("status").equalTo("declined").and(col("responded_at").lt(end)),
            lit(false)))
        .withColumn("_resolved", col("_posted").or(col("_declined")).or(col("deadline_at").lt(end)))
        .withColumn("_accepted", coalesce(col("accepted_at").lt(end), lit(false)).and(col("_resolved")))
        .join(norms.select(col("as_of_date").as(FEATURE_DATE), col("follower_tier"), col("incentive_type"),
            col("norm_amount")), new String[] {FEATURE_DATE, "follower_tier", "incentive_type"}, "left")
        .withColumn("_log_rel", when(col("incentive_type").notEqual("commission"),
            log(incentiveValue().divide(col("norm_amount")))));
    Dataset<Row> market = rows.groupBy(col(FEATURE_DATE))
        .agg(rate(sum(flag("_posted")), sum(flag("_resolved"))).as("_market_rate"));
    rows = withMarketExpectation(rows, market);
    List<Column> aggregates = new java.util.ArrayList<>(List.of(
        count(lit(1)).as("offers_received"),
        sum(flag("_resolved")).as("offers_resolved"),
        sum(flag("_accepted")).as("_accepted"),
        sum(flag("_posted")).as("_posted_n"),
        median(when(col("_posted"), col("hours_to_post"))).as("median_hours_to_post"),
        exp(avg(when(col("_posted"), col("_log_rel")))).as("relative_incentive_posted"),
        exp(avg(when(col("_resolved").and(col("_posted").equalTo(false)), col("_log_rel"))))
            .as("relative_incentive_not_posted"),
        sum(when(col("_resolved"), col("_surprise"))).as("_surprise"),
        sum(when(col("_resolved"), col("_information"))).as("_information")));
    for (String type : INCENTIVE_TYPES) {
      Column resolvedOfType = col("_resolved").and(col("incentive_type").equalTo(type));
      aggregates.add(sum(flag("_resolved", type)).as("offers_" + type));
      aggregates.add(sum(flag("_posted", type)).as("_posted_" + type));
      aggregates.add(sum(when(resolvedOfType, col("_surprise"))).as("_surprise_" + type));
      aggregates.add(sum(when(resolvedOfType, col("_information"))).as("_information_" + type));
    }
    Dataset<Row> perInfluencer = rows.groupBy(col(KEY), col(FEATURE_DATE))
        .agg(aggregates.get(0), aggregates.subList(1, aggregates.size()).toArray(Column[]::new));
    Dataset<Row> out = perInfluencer.join(market, FEATURE_DATE)
        .withColumn("_market_rate", coalesce(col("_market_rate"), lit(0.5)))
        .withColumn("acceptance_rate", rate(col("_accepted"), col("offers_resolved")))
        .withColumn("posted_rate", rate(col("_posted_n"), col("offers_resolved")))
        .withColumn("posted_rate_smoothed", smoothed(col("_posted_n"), col("offers_resolved")));
    out = out.withColumn("posting_responsiveness", responsiveness(col("_surprise"), col("_information")));
    for (String type : INCENTIVE_TYPES) {
      out = out.withColumn("posted_rate_" + type, smoothed(col("_posted_" + type), col("offers_" + type)))
          .withColumn("posting_responsiveness_" + type,
              responsiveness(col("_surprise_" + type), col("_information_" + type)));
    }
    // _market_rate stays: influencers without offers get the market's rate as their smoothed rates.
    out = out.drop("_accepted", "_posted_n", "_surprise", "_information");
    for (String type : INCENTIVE_TYPES) {
      out = out.drop("_posted_" + type, "_surprise_" + type, "_information_" + type);
    }
    return out;
  }

  /**
   * Each resolved offer's outcome against what the market did with comparable offers in the same
   * window: the posted rate of offers of the same incentive type, deliverable and incentive level
   * (relative to the tier's norm, in quarter steps of its log), leaving the offer itself out and
   * shrunk to the market's rate. {@code _surprise} = posted − expected, {@code _information} =
   * expected × (1 − expected): summed per influencer they give a score-test estimate of how much
   * more (or less) willing the influencer is than the offers they got would predict.
   */
  static Dataset<Row> withMarketExpectation(Dataset<Row> rows, Dataset<Row> market) {
    Column logRelative = log(incentiveValue().divide(col("norm_amount")));
    Dataset<Row> levelled = rows.withColumn("_level",
        coalesce(round(greatest(least(logRelative, lit(2.0)), lit(-2.0)).multiply(4)), lit(99.0)));
    String[] cell = {FEATURE_DATE, "incentive_type", "deliverable", "_level"};
    Dataset<Row> curve = levelled.where(col("_resolved")).groupBy(FEATURE_DATE, "incentive_type", "deliverable",
        "_level").agg(sum(flag("_posted")).as("_cell_posted"), count(lit(1)).as("_cell_resolved"));
    Column own = flag("_posted");
    Column expected = col("_cell_posted").minus(own).plus(col("_market_rate").multiply(PRIOR_OFFERS))
        .divide(col("_cell_resolved").minus(1).plus(PRIOR_OFFERS));
    // Both are small (dates x cells): broadcast rather than shuffle the exploded history.
    return levelled.join(broadcast(curve), cell, "left").join(broadcast(market), FEATURE_DATE)
        .withColumn("_expected", when(col("_resolved"), expected))
        .withColumn("_surprise", own.minus(col("_expected")))
        .withColumn("_information", col("_expected").multiply(lit(1.0).minus(col("_expected"))))
        .drop("_level", "_cell_posted", "_cell_resolved", "_market_rate", "_expected");
  }

  /**
   * One Newton step from 0 of the influencer's shift on the log-odds scale with a standard normal
   * prior: surprise / (information + 1). 0 (the market) without resolved offers.
   */
  private static Column responsiveness(Column surprise, Column information) {
    return coalesce(surprise.divide(coalesce(information, lit(0.0)).plus(1.0)), lit(0.0));
  }

  private static Column flag(String column) {
    return when(col(column), 1L).otherwise(0L);
  }

  private static Column flag(String column, String type) {
    return when(col(column).and(col("incentive_type").equalTo(type)), 1L).otherwise(0L);
  }

  private static Column rate(Column n, Column of) {
    return when(of.gt(0), n.divide(of));
  }

  private static Column smoothed(Column n, Column of) {
    return n.plus(col("_market_rate").multiply(PRIOR_OFFERS)).divide(of.plus(PRIOR_OFFERS));
  }
}
