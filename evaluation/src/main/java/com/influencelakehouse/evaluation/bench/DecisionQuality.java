package com.influencelakehouse.evaluation.bench;

import static org.apache.spark.sql.functions.array;
import static org.apache.spark.sql.functions.array_sort;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.corr;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.countDistinct;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.element_at;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lag;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.percentile;
import static org.apache.spark.sql.functions.posexplode;
import static org.apache.spark.sql.functions.rank;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;
import static org.apache.spark.sql.functions.udf;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.BusinessObjectives.Recommendation;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.planning.CampaignPlanner;
import com.influencelakehouse.sampledata.TrueEffects;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.api.java.UDF2;
import org.apache.spark.sql.api.java.UDF6;
import org.apache.spark.sql.api.java.UDF7;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.expressions.WindowSpec;
import org.apache.spark.sql.types.DataTypes;

/**
 * The product's decisions on one score date against the sample world's truth (the generator's ground
 * truth, which no job reads): whether the recommended incentives truly reach the configured target
 * posting probability and what they overpay, whether the target was truly out of reach where the
 * product said so, whether the scores' intervals cover the truth, how well the standard-offer scores
 * rank influencers, and what a budget spent by the scores truly buys against the best plans of the
 * same budget (see docs/models.md, "Decisions against the truth").
 *
 * <p>Every offer is valued with the generator's own formula ({@link TrueEffects.PostingDrivers}, through a
 * Spark UDF): the recommended amount relative to the true tier norm (of {@code tier_end}), the product's
 * send time against the true habit, the platform's usual deliverable, 14 days, the trend at the score date.
 */
public record DecisionQuality(LocalDate scoreDate, double target, Reach recommended, Map<String, Reach> byType,
    Reach experienced, long targetNotReached, long targetNotReachedTrulyUnreachable, Interval scoreInterval,
    Interval recommendationInterval, long scored, double spearman, double informedSpearman,
    Resolution scoreResolution, Resolution recommendationResolution, Budget budget, double seconds) {

  /** Offers resolved by the score date for an influencer to count as experienced. */
  public static final int EXPERIENCED_OFFERS = 8;
  /** Share of the standard-offer cost of every eligible influencer that makes the plans' budget. */
  public static final double BUDGET_SHARE = 0.25;
  /** Days to post of the hypothetical offers (the standard offer's). */
  static final int DEADLINE_DAYS = 14;
  private static final double EPS = 1e-9;
  /** The optional interval columns of the scored tables. */
  static final List<String> INTERVAL_COLUMNS = List.of("posting_probability_lower", "posting_probability_upper",
      "interval_coverage", "confidence");

  /** Recommended offers against the target: true probabilities and cost overshoot. */
  public record Reach(long rows, long reached, double medianTrue, double p10True, long reachable,
      double overshootMedian, double overshootP90, long overpaid, long underpaid) {
    public double reachedShare() {
      return rows == 0 ? Double.NaN : (double) reached / rows;
    }

    /** Rows whose target no amount of the grid truly reaches. */
    public long unreachable() {
      return rows - reachable;
    }

    /** Share of the reachable rows paying more than the truly smallest sufficient grid amount. */
    public double overpaidShare() {
      return reachable == 0 ? Double.NaN : (double) overpaid / reachable;
    }

    /** Share of the reachable rows paying less than needed (the target is truly missed). */
    public double underpaidShare() {
      return reachable == 0 ? Double.NaN : (double) underpaid / reachable;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d rows: %.3f truly reach the target; true probability median %.3f, p10 %.3f;"
              + " cost / truly smallest sufficient grid amount: median %.3f, p90 %.3f, >1 %.3f, <1 %.3f"
              + " (of %d reachable; %d truly unreachable)", rows, reachedShare(), medianTrue, p10True, overshootMedian,
          overshootP90, overpaidShare(), underpaidShare(), reachable, unreachable());
    }
  }

  /** An interval's coverage of the true probabilities against its nominal values. */
  public record Interval(long rows, double inside, double nominalCoverage, double aboveLower,
      double nominalConfidence, double meanStated, double meanTrue) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d rows: truth inside [lower, upper] %.3f (nominal %.3f), truth >= lower %.3f"
          + " (nominal %.3f); mean stated probability %.3f, mean true %.3f", rows, inside, nominalCoverage, aboveLower,
          nominalConfidence, meanStated, meanTrue);
    }
  }

  /** How many distinct values a probability column takes, and the largest share of rows sharing one. */
  public record Resolution(long rows, long distinct, double largestTieShare) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d distinct values over %d rows, largest tie %.3f of rows", distinct, rows,
          largestTieShare);
    }
  }

  /** A plan's true outcome: offers made, incentive committed, true expected posts and orders. */
  public record Plan(long offers, double cost, double posts, double orders) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d offers, cost %.0f, true posts %.3f, true orders %.3f", offers, cost, posts,
          orders);
    }
  }

  /** Plans of one budget among the eligible influencers, all valued at the truth. */
  public record Budget(long eligible, double budget, Plan product, Plan statusQuo, Plan informedForOrders,
      Plan informedForPosts, Plan oracleForOrders, Plan oracleForPosts, Reach informedRecommends,
      Reach informedRecommendsAtMedian, Plan informedByPolicy) {
    /** The informed oracle following the product's policy, against its own plan for orders. */
    public double policyOrdersVsInformed() {
      return informedByPolicy.orders() / informedForOrders.orders();
    }

    public double ordersVsInformed() {
      return product.orders() / informedForOrders.orders();
    }

    public double ordersVsOracle() {
      return product.orders() / oracleForOrders.orders();
    }

    public double postsVsInformed() {
      return product.posts() / informedForPosts.posts();
    }

    public double postsVsOracle() {
      return product.posts() / oracleForPosts.posts();
    }
  }

  // ---- the truth, as Spark UDFs over the generator's formulas --------------------------------------------

  /**
   * The true log-odds of posting of a hypothetical offer. Arguments: responsiveness, the influencer's
   * traits ({@link #TRAITS}), incentive type, amount (base currency, or percent for commission), local
   * send weekday and hour.
   */
  static final UserDefinedFunction TRUE_LOGIT = udf(
      (UDF6<Double, Row, String, Double, Integer, Integer, Double>) (r, t, type, amount, weekday, hour) ->
          t == null ? null : trueLogit(r, type, t.getString(0), amount, t.getString(1), weekday,
              t.isNullAt(2) ? null : t.getInt(2), hour, t.isNullAt(3) ? null : t.getInt(3), t.getString(4),
              t.isNullAt(5) ? null : t.getDouble(5), t.getString(6), t.isNullAt(7) ? null : t.getBoolean(7)),
      DataTypes.DoubleType);
  /** The truth columns {@link #TRUE_LOGIT} reads, in its order. */
  static final String[] TRAITS = {"preferred_incentive_type", "tier_end", "habit_weekday", "habit_hour_local",
      "trend", "_trend_effect", "platform", "inauthentic"};
  static final UserDefinedFunction TREND_RAMP = udf(
      (UDF1<Integer, Double>) d -> d == null ? 0.0 : TrueEffects.trendRamp(d), DataTypes.DoubleType);
  static final UserDefinedFunction STANDARD_POST_ORDERS = udf(
      (UDF7<String, Double, Double, Boolean, String, Double, Double, Double>) (platform, followers, propensity,
          inauthentic, trend, strength, ramp) -> platform == null || followers == null || propensity == null ? null
          : TrueEffects.standardPostExpectedOrders(platform, followers, propensity, Boolean.TRUE.equals(inauthentic),
              trend, strength == null ? 0 : strength, ramp == null ? 0 : ramp), DataTypes.DoubleType);
  /** Indices (0-based) of the upper concave hull's vertices of a curve, see {@link #upperHull}. */
  static final UserDefinedFunction HULL = udf(
      (UDF2<scala.collection.Seq<Double>, scala.collection.Seq<Double>, List<Integer>>) (c, v) -> {
        List<Double> cs = scala.jdk.javaapi.CollectionConverters.asJava(c);
        List<Double> vs = scala.jdk.javaapi.CollectionConverters.asJava(v);
        int[] hull = upperHull(cs.stream().mapToDouble(Double::doubleValue).toArray(),
            vs.stream().mapToDouble(Double::doubleValue).toArray());
        return Arrays.stream(hull).boxed().toList();
      }, DataTypes.createArrayType(DataTypes.IntegerType));

  static Double trueLogit(Double responsiveness, String type, String preferredType, Double amount, String tier,
      Integer weekday, Integer habitWeekday, Integer hour, Integer habitHour, String trend, Double trendEffect,
      String platform, Boolean inauthentic) {
    if (responsiveness == null || type == null || amount == null || tier == null || weekday == null
        || habitWeekday == null || hour == null || habitHour == null || trend == null || platform == null
        || !(amount > 0)) {
      return null;
    }
    return new TrueEffects.PostingDrivers(responsiveness, type.equals(preferredType),
        amount / TrueEffects.tierNorm(tier, type), weekday.equals(habitWeekday),
        TrueEffects.hourDistance(hour, habitHour),
        trend, trendEffect == null ? 0 : trendEffect, TrueEffects.standardDeliverable(platform), DEADLINE_DAYS,
        Boolean.TRUE.equals(inauthentic), tier).logit();
  }

  /** The true log-odds of an offer of a type and amount sent at a local weekday and hour, given truth columns. */
  static Column trueLogit(Column responsiveness, Column type, Column amount, Column weekday, Column hour) {
    return TRUE_LOGIT.apply(responsiveness, struct(Arrays.stream(TRAITS).map(c -> col(c)).toArray(Column[]::new)),
        type, amount, weekday, hour);
  }

  static Column sigmoid(Column logit) {
    return ResponsivenessPosterior.sigmoid(logit);
  }

  /**
   * The generator's influencers at the score date, by pseudonymised key: the latent traits, the trend
   * effect on that date ({@code _trend_effect}, {@code _ramp}) and the true expected orders of a standard
   * sponsored post ({@code _orders_per_post}; followers_end stands for the real followers).
   */
  static Dataset<Row> truth(Warehouse w, Path groundTruth, Pseudonymiser p, LocalDate scoreDate) {
    Column ramp = when(col("trend").equalTo("stable").or(col("trend_onset_date").isNull()), lit(0.0))
        .otherwise(TREND_RAMP.apply(datediff(lit(Date.valueOf(scoreDate)), col("trend_onset_date"))));
    return w.spark().read().option("header", "true").csv(groundTruth.resolve("influencers.csv").toString())
        .select(p.pseudonymise(Pseudonymiser.Domain.INFLUENCER, col("influencer_id")).as("influencer_key"),
            col("influencer_id"), col("platform"), col("responsiveness").cast("double"),
            col("habit_weekday").cast("int"), col("habit_hour_local").cast("int"), col("preferred_incentive_type"),
            col("trend"), col("trend_onset_date").cast("date"), col("trend_strength").cast("double"),
            col("inauthentic").cast("boolean"), col("followers_end").cast("double"), col("tier_end"),
            col("conversion_propensity").cast("double"))
        .withColumn("_ramp", ramp)
        .withColumn("_trend_effect", col("trend_strength").multiply(col("_ramp")))
        .withColumn("_orders_per_post", STANDARD_POST_ORDERS.apply(col("platform"), col("followers_end"),
            col("conversion_propensity"), col("inauthentic"), col("trend"), col("trend_strength"), col("_ramp")));
  }

  /** The latest score date of gold.incentive_recommendations. */
  public static LocalDate latestScoreDate(Warehouse w) {
    return w.read(Tables.INCENTIVE_RECOMMENDATIONS).agg(max("score_date")).first().getDate(0).toLocalDate();
  }

  /** {@link #evaluate(Warehouse, Path, Pseudonymiser, Recommendation, LocalDate, int)} at the latest score date. */
  public static DecisionQuality evaluate(Warehouse w, Path groundTruth, Pseudonymiser p, Recommendation settings,
      int deliveryLagDays) {
    return evaluate(w, groundTruth, p, settings, latestScoreDate(w), deliveryLagDays);
  }

  /**
   * Evaluates the scored tables of {@code scoreDate}; {@code p} must be the key the warehouse was
   * pseudonymised with, {@code settings} the recommendation settings it was scored with (target and
   * grid), and the delivery lag says which outcomes the informed oracle knew.
   */
  public static DecisionQuality evaluate(Warehouse w, Path groundTruth, Pseudonymiser p, Recommendation settings,
      LocalDate scoreDate, int deliveryLagDays) {
    long t0 = System.nanoTime();
    Date day = Date.valueOf(scoreDate);
    double target = settings.targetPostingProbability();
    Dataset<Row> truth = truth(w, groundTruth, p, scoreDate).cache();
    Dataset<Row> recs = w.read(Tables.INCENTIVE_RECOMMENDATIONS).where(col("score_date").equalTo(day));
    Dataset<Row> scores = w.read(Tables.INFLUENCER_SCORES).where(col("score_date").equalTo(day));

    // 1-3: the priced rows with the truly smallest grid amount reaching the target.
    Dataset<Row> priced = recs.where(col("incentive_norm").isNotNull()).join(truth, "influencer_key");
    Dataset<Row> smallest = grid(priced, settings.incentiveGrid())
        .withColumn("_p", sigmoid(trueLogit(col("responsiveness"), col("incentive_type"), col("_amount"),
            col("best_send_weekday"), col("best_send_hour"))))
        .groupBy("influencer_key", "incentive_type")
        .agg(min(when(col("_p").geq(target - EPS), col("_amount"))).as("_min_amount"));
    Dataset<Row> judged = priced.join(smallest, new String[] {"influencer_key", "incentive_type"})
        .withColumn("_true_p", when(col("status").equalTo("recommended"), sigmoid(trueLogit(col("responsiveness"),
            col("incentive_type"), col("recommended_amount"), col("best_send_weekday"), col("best_send_hour")))))
        .withColumn("_overshoot", col("recommended_amount").divide(col("_min_amount")))
        .cache();
    Dataset<Row> rec = judged.where(col("status").equalTo("recommended"));
    Reach all = reach(rec, target);
    Map<String, Reach> byType = new LinkedHashMap<>();
    for (Row r : reachAgg(rec.groupBy("incentive_type"), target).orderBy("incentive_type").collectAsList()) {
      byType.put(r.getString(0), reach(r, 1));
    }
    Dataset<Row> resolved = w.read(Tables.FEATURES_INFLUENCER_DAILY).where(col("feature_date").equalTo(day))
        .where(col("offers_resolved").geq(EXPERIENCED_OFFERS)).select("influencer_key");
    Reach experienced = reach(rec.join(resolved, "influencer_key"), target);
    Row nr = judged.where(col("status").equalTo("target_not_reached"))
        .agg(count(lit(1)), sum(when(col("_min_amount").isNull(), 1L).otherwise(0L))).first();

    // 4-5: the standard offer's true probability against the scores.
    List<String> scoreColumns = new ArrayList<>(List.of("influencer_key", "posting_probability",
        "standard_incentive_base", "best_send_weekday", "best_send_hour"));
    for (String c : INTERVAL_COLUMNS) {
      if (Arrays.asList(scores.columns()).contains(c)) {
        scoreColumns.add(c);
      }
    }
    Dataset<Row> standard = scores.select(scoreColumns.stream().map(c -> col(c)).toArray(Column[]::new))
        .join(truth, "influencer_key")
        .withColumn("_true_p", sigmoid(trueLogit(col("responsiveness"), lit("cash"), col("standard_incentive_base"),
            col("best_send_weekday"), col("best_send_hour"))))
        .cache();
    Interval scoreInterval = interval(standard, "posting_probability");
    Interval recommendationInterval = interval(rec, "expected_posting_probability");
    long scored = standard.count();
    double rho = spearman(standard, "posting_probability", "_true_p");
    Resolution scoreResolution = resolution(standard, "posting_probability");
    Resolution recommendationResolution = resolution(rec, "expected_posting_probability");

    Budget budget = budget(w, groundTruth, judged, scores, settings, day, deliveryLagDays);
    DecisionQuality q = new DecisionQuality(scoreDate, target, all, byType, experienced, nr.getLong(0),
        nr.isNullAt(1) ? 0 : nr.getLong(1), scoreInterval, recommendationInterval, scored, rho,
        informedSpearman(w, groundTruth, standard, day, deliveryLagDays), scoreResolution,
        recommendationResolution, budget, (System.nanoTime() - t0) / 1e9);
    standard.unpersist();
    judged.unpersist();
    truth.unpersist();
    return q;
  }

  /** One row per input row and grid multiple: {@code _multiple} and {@code _amount} = incentive_norm x multiple. */
  static Dataset<Row> grid(Dataset<Row> rows, List<Double> multiples) {
    return rows.withColumn("_multiple", explode(array(multiples.stream().map(m -> lit(m)).toArray(Column[]::new))))
        .withColumn("_amount", col("incentive_norm").multiply(col("_multiple")));
  }

  private static Dataset<Row> reachAgg(org.apache.spark.sql.RelationalGroupedDataset g, double target) {
    return g.agg(count(lit(1)).as("_n"),
        sum(when(col("_true_p").geq(target - EPS), 1L).otherwise(0L)),
        percentile(col("_true_p"), lit(0.5)), percentile(col("_true_p"), lit(0.1)),
        sum(when(col("_min_amount").isNotNull(), 1L).otherwise(0L)),
        percentile(col("_overshoot"), lit(0.5)), percentile(col("_overshoot"), lit(0.9)),
        sum(when(col("_overshoot").gt(1 + EPS), 1L).otherwise(0L)),
        sum(when(col("_overshoot").lt(1 - EPS), 1L).otherwise(0L)));
  }

  static Reach reach(Dataset<Row> rows, double target) {
    return reach(reachAgg(rows.groupBy(), target).first(), 0);
  }

  private static Reach reach(Row r, int o) {
    return new Reach(r.getLong(o), longOr0(r, o + 1), doubleOrNaN(r, o + 2), doubleOrNaN(r, o + 3), longOr0(r, o + 4),
        doubleOrNaN(r, o + 5), doubleOrNaN(r, o + 6), longOr0(r, o + 7), longOr0(r, o + 8));
  }

  /**
   * Coverage of {@code _true_p} by the row's interval ({@code posting_probability_lower}, {@code _upper},
   * nominal {@code interval_coverage} and {@code confidence}, the nominal share above the lower bound;
   * when one is absent it follows from the other, coverage = 2 x confidence - 1); null when the table has
   * no interval.
   */
  static Interval interval(Dataset<Row> rows, String stated) {
    List<String> columns = Arrays.asList(rows.columns());
    if (!columns.contains("posting_probability_lower") || !columns.contains("posting_probability_upper")) {
      return null;
    }
    boolean hasCoverage = columns.contains("interval_coverage");
    boolean hasConfidence = columns.contains("confidence");
    // A central interval at confidence c for each bound covers 2c - 1; either nominal value gives the other.
    Column coverage = hasCoverage ? col("interval_coverage")
        : hasConfidence ? col("confidence").multiply(2).minus(1) : lit(null).cast("double");
    Column confidence = hasConfidence ? col("confidence") : lit(1.0).plus(coverage).divide(2);
    Column truth = col("_true_p");
    Dataset<Row> d = rows.where(truth.isNotNull().and(col("posting_probability_lower").isNotNull())
        .and(col("posting_probability_upper").isNotNull()));
    Row r = d.agg(count(lit(1)),
        avg(when(truth.geq(col("posting_probability_lower")).and(truth.leq(col("posting_probability_upper"))), 1.0)
            .otherwise(0.0)),
        avg(coverage), avg(when(truth.geq(col("posting_probability_lower")), 1.0).otherwise(0.0)), avg(confidence),
        avg(col(stated)), avg(truth))
        .first();
    return new Interval(r.getLong(0), doubleOrNaN(r, 1), doubleOrNaN(r, 2), doubleOrNaN(r, 3), doubleOrNaN(r, 4),
        doubleOrNaN(r, 5), doubleOrNaN(r, 6));
  }

  /** Spearman's rank correlation of two columns (average ranks for ties), computed in Spark. */
  public static double spearman(Dataset<Row> rows, String a, String b) {
    Dataset<Row> d = rows.where(col(a).isNotNull().and(col(b).isNotNull())).select(col(a).as("_a"), col(b).as("_b"));
    Row r = d.withColumn("_ra", averageRank("_a")).withColumn("_rb", averageRank("_b"))
        .agg(corr("_ra", "_rb")).first();
    return doubleOrNaN(r, 0);
  }

  private static Column averageRank(String c) {
    return rank().over(Window.orderBy(col(c))).plus(count(lit(1)).over(Window.partitionBy(col(c))).minus(1)
        .divide(2.0));
  }

  /** Distinct values of a column and the largest share of rows carrying one value. */
  public static Resolution resolution(Dataset<Row> rows, String column) {
    Row r = rows.groupBy(col(column)).agg(count(lit(1)).as("_n"))
        .agg(sum("_n"), count(lit(1)), max("_n")).first();
    long n = r.isNullAt(0) ? 0 : r.getLong(0);
    return new Resolution(n, r.getLong(1), n == 0 ? Double.NaN : (double) r.getLong(2) / n);
  }

  /**
   * Spearman's correlation with the truth of the informed oracle's probability of the same standard offers
   * (the posterior predictive given the outcomes known by the score date's cutoff, every other effect
   * true): how well any model could rank influencers with what the data reveal.
   */
  static double informedSpearman(Warehouse w, Path groundTruth, Dataset<Row> standard, Date day, int lag) {
    Dataset<Row> posterior = ResponsivenessPosterior.of(w, groundTruth,
        standard.select("influencer_key", "influencer_id")
            .withColumn("_cutoff", to_timestamp(date_sub(lit(day), lag - 1))), "_cutoff", "influencer_key");
    Dataset<Row> informed = standard.withColumn("_rest", trueLogit(lit(0.0), lit("cash"),
            col("standard_incentive_base"), col("best_send_weekday"), col("best_send_hour")))
        .select("influencer_key", "_rest", "_true_p")
        .join(posterior, "influencer_key")
        .groupBy("influencer_key")
        .agg(ResponsivenessPosterior.predictive(col("_rest")).as("_informed"), max("_true_p").as("_true_p"));
    return spearman(informed, "_informed", "_true_p");
  }

  // ---- plans of a budget ----------------------------------------------------------------------------------

  /**
   * The eligible influencers (a priced cash row, not authenticity-flagged), the budget (a quarter of the
   * cost of the standard offer to every one of them: the norms do not move with the posting model, so
   * budgets before and after a model change are the same), and five plans valued at the truth: the
   * product's recommended cash offers by its own ROI; the status quo (the norm to the most-followed), both
   * at the product's best send time;
   * the informed oracle's and the oracle's greedy plans for orders and for posts (any cash grid amount,
   * sent at the true habitual weekday and hour).
   */
  static Budget budget(Warehouse w, Path groundTruth, Dataset<Row> judged, Dataset<Row> scores,
      Recommendation settings, Date day, int lag) {
    List<Double> multiples = settings.incentiveGrid();
    Dataset<Row> eligible = judged.where(col("incentive_type").equalTo("cash")
            .and(col("status").notEqual("authenticity_flagged")))
        .join(scores.select(col("influencer_key"), col("followers")), new String[] {"influencer_key"}, "left")
        .cache();
    Row e = eligible.agg(count(lit(1)), sum("incentive_norm")).first();
    long n = e.getLong(0);
    double budget = n == 0 ? 0 : BUDGET_SHARE * e.getDouble(1);

    // The product: its recommended cash offers by its own value per cost, top-down within the budget.
    List<String> columns = Arrays.asList(judged.columns());
    Column value = columns.contains("expected_roi")
        ? coalesce(col("expected_roi"), col("expected_revenue").divide(col("recommended_amount")))
        : col("expected_revenue").divide(col("recommended_amount"));
    Dataset<Row> product = within(eligible.where(col("status").equalTo("recommended"))
            .withColumn("_cost", col("recommended_amount")),
        new Column[] {value.desc_nulls_last(), col("influencer_key")}, budget)
        .withColumn("_post", col("_true_p"));
    Dataset<Row> statusQuo = within(eligible.withColumn("_cost", col("incentive_norm")),
        new Column[] {coalesce(col("followers"), lit(0L)).desc(), col("influencer_key")}, budget)
        .withColumn("_post", sigmoid(trueLogit(col("responsiveness"), lit("cash"), col("incentive_norm"),
            col("best_send_weekday"), col("best_send_hour"))));

    // The oracles' curves: every cash grid amount at the true habit; the informed oracle believes the
    // posterior predictive of the responsiveness given the outcomes known by the score date's cutoff.
    Dataset<Row> curves = grid(eligible, multiples)
        .withColumn("_rest", trueLogit(lit(0.0), lit("cash"), col("_amount"), col("habit_weekday"),
            col("habit_hour_local")))
        .withColumn("_true", sigmoid(col("_rest").plus(col("responsiveness").multiply(TrueEffects.RESPONSIVENESS))))
        .select("influencer_key", "influencer_id", "_multiple", "_amount", "_rest", "_true", "_orders_per_post");
    Dataset<Row> posterior = ResponsivenessPosterior.of(w, groundTruth,
        eligible.select("influencer_key", "influencer_id")
            .withColumn("_cutoff", to_timestamp(date_sub(lit(day), lag - 1))), "_cutoff", "influencer_key");
    Dataset<Row> informed = curves.join(posterior, "influencer_key")
        .groupBy("influencer_key", "_multiple")
        .agg(ResponsivenessPosterior.predictive(col("_rest")).as("_informed"));
    Dataset<Row> oracleCurves = curves.join(informed, new String[] {"influencer_key", "_multiple"}).cache();
    Column orders = col("_orders_per_post");
    Budget b = new Budget(n, budget, outcome(product), outcome(statusQuo),
        oraclePlan(oracleCurves, col("_informed").multiply(orders), budget),
        oraclePlan(oracleCurves, col("_informed"), budget),
        oraclePlan(oracleCurves, col("_true").multiply(orders), budget),
        oraclePlan(oracleCurves, col("_true"), budget),
        reach(informedRecommended(oracleCurves, posterior, settings, settings.confidence()),
            settings.targetPostingProbability()),
        reach(informedRecommended(oracleCurves, posterior, settings, 0.5), settings.targetPostingProbability()),
        outcome(within(informedRecommended(oracleCurves, posterior, settings, settings.confidence())
                .withColumn("_cost", col("recommended_amount")).withColumn("_post", col("_true_p")),
            new Column[] {col("_informed").multiply(col("_orders_per_post")).divide(col("recommended_amount")).desc(),
                col("influencer_key")}, budget)));
    oracleCurves.unpersist();
    eligible.unpersist();
    return b;
  }

  /**
   * What the informed oracle would recommend by the product's own rule: the smallest cash grid amount whose
   * posting probability at the posterior's (1 - confidence) quantile of the responsiveness reaches the target,
   * judged like the product's recommendations ({@code recommended_amount}, {@code _true_p}, {@code _overshoot},
   * and its belief {@code _informed} with {@code _orders_per_post}). It shows what the data allow: the price in
   * overshoot of a recommendation that must be this sure, for a decision maker that knows every effect but the
   * latent one.
   */
  static Dataset<Row> informedRecommended(Dataset<Row> curves, Dataset<Row> posterior, Recommendation settings,
      double confidence) {
    double target = settings.targetPostingProbability();
    WindowSpec upToHere = Window.partitionBy("influencer_key").orderBy(ResponsivenessPosterior.GRID)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    Dataset<Row> quantile = posterior.withColumn("_cum", sum(ResponsivenessPosterior.WEIGHT).over(upToHere))
        .where(col("_cum").geq(1 - confidence - EPS))
        .groupBy("influencer_key").agg(min(ResponsivenessPosterior.GRID).as("_gq"));
    Dataset<Row> per = curves.join(quantile, "influencer_key")
        .withColumn("_sure", sigmoid(col("_rest").plus(col("_gq").multiply(TrueEffects.RESPONSIVENESS))))
        .groupBy("influencer_key")
        .agg(min(when(col("_sure").geq(target), col("_amount"))).as("recommended_amount"),
            min(when(col("_true").geq(target - EPS), col("_amount"))).as("_min_amount"));
    Dataset<Row> recommended = per.where(col("recommended_amount").isNotNull())
        .join(curves.select(col("influencer_key"), col("_amount").as("recommended_amount"), col("_true").as("_true_p"),
                col("_informed"), col("_orders_per_post")),
            new String[] {"influencer_key", "recommended_amount"})
        .withColumn("_overshoot", col("recommended_amount").divide(col("_min_amount")));
    return recommended;
  }

  /** The rows ranked by {@code order}, taken top-down while their cumulative {@code _cost} stays within the budget. */
  static Dataset<Row> within(Dataset<Row> rows, Column[] order, double budget) {
    WindowSpec running = Window.orderBy(order).rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    return rows.withColumn("_spent", sum("_cost").over(running)).where(col("_spent").leq(budget + EPS));
  }

  /** A plan's truth from its rows' {@code _cost}, true posting probability {@code _post} and orders per post. */
  private static Plan outcome(Dataset<Row> plan) {
    Row r = plan.agg(count(lit(1)), sum("_cost"), sum("_post"), sum(col("_post").multiply(col("_orders_per_post"))))
        .first();
    return new Plan(r.getLong(0), doubleOr0(r, 1), doubleOr0(r, 2), doubleOr0(r, 3));
  }

  private static Plan oraclePlan(Dataset<Row> curves, Column belief, double budget) {
    Dataset<Row> chosen = plan(curves.withColumn("_value", belief), "influencer_key", "_amount", "_value", budget);
    return outcome(curves.join(chosen.select(col("influencer_key"), col("_amount")),
            new String[] {"influencer_key", "_amount"})
        .withColumn("_cost", col("_amount")).withColumn("_post", col("_true")));
  }

  /**
   * The greedy plan of a budget over per-key curves (one row per key and option with its cost and
   * value; at most one option per key): each key's options reduced to the upper concave hull of
   * (cost, value) from (0, 0), the hull's steps taken by marginal value per marginal cost, best first,
   * while the cumulative cost stays within the budget. The LP relaxation's greedy: optimal whenever
   * the budget falls on a step's end, short of the optimum by less than one step otherwise.
   *
   * @return {@code key, cost}: the option chosen per key given any step (keys without one are left out)
   */
  public static Dataset<Row> plan(Dataset<Row> curves, String key, String cost, String value, double budget) {
    Dataset<Row> sorted = curves.groupBy(col(key).as("_key"))
        .agg(array_sort(collect_list(struct(col(cost).cast("double").as("c"), col(value).cast("double").as("v"))))
            .as("_pts"));
    Dataset<Row> steps = sorted.withColumn("_hull", HULL.apply(col("_pts.c"), col("_pts.v")))
        .select(col("_key"), col("_pts"), posexplode(col("_hull")).as(new String[] {"_step", "_idx"}))
        .withColumn("_c", element_at(col("_pts"), col("_idx").plus(1)).getField("c"))
        .withColumn("_v", element_at(col("_pts"), col("_idx").plus(1)).getField("v"));
    WindowSpec byKey = Window.partitionBy("_key").orderBy("_step");
    Dataset<Row> marginal = steps
        .withColumn("_dc", col("_c").minus(coalesce(lag("_c", 1).over(byKey), lit(0.0))))
        .withColumn("_dv", col("_v").minus(coalesce(lag("_v", 1).over(byKey), lit(0.0))))
        .withColumn("_cost", col("_dc"));
    Dataset<Row> taken = within(marginal, new Column[] {col("_dv").divide(col("_dc")).desc(), col("_key"),
        col("_step")}, budget);
    return taken.groupBy(col("_key")).agg(max("_c").as(cost)).withColumnRenamed("_key", key);
  }

  /** The upper concave hull's vertices ({@link CampaignPlanner#upperHull}, the planner's own). */
  public static int[] upperHull(double[] cost, double[] value) {
    return CampaignPlanner.upperHull(cost, value);
  }

  private static long longOr0(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).longValue();
  }

  private static double doubleOrNaN(Row r, int i) {
    return r.isNullAt(i) ? Double.NaN : ((Number) r.get(i)).doubleValue();
  }

  private static double doubleOr0(Row r, int i) {
    return r.isNullAt(i) ? 0 : ((Number) r.get(i)).doubleValue();
  }

  @Override
  public String toString() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT,
        "decisions of %s against the truth (target posting probability %.3f):%n", scoreDate, target));
    s.append("  recommended offers: ").append(recommended).append(String.format("%n"));
    byType.forEach((t, r) -> s.append(String.format(Locale.ROOT, "    %-10s %d rows, %.3f truly reach the target,"
        + " overshoot median %.3f%n", t, r.rows(), r.reachedShare(), r.overshootMedian())));
    s.append(String.format(Locale.ROOT, "  with >= %d resolved offers: %s%n", EXPERIENCED_OFFERS, experienced));
    if (budget != null && budget.informedRecommends() != null) {
      s.append(String.format(Locale.ROOT, "  the informed oracle's own cash recommendations, as sure as the product's: %s%n",
          budget.informedRecommends()));
      s.append(String.format(Locale.ROOT, "  the same at its posterior median (confidence 0.5): %s%n",
          budget.informedRecommendsAtMedian()));
    }
    s.append(String.format(Locale.ROOT, "  target_not_reached: %d rows, %d of them truly unreachable on the grid%n",
        targetNotReached, targetNotReachedTrulyUnreachable));
    s.append("  interval, standard offer: ").append(scoreInterval == null ? "n/a" : scoreInterval.toString())
        .append(String.format("%n"));
    s.append("  interval, recommended offer: ")
        .append(recommendationInterval == null ? "n/a" : recommendationInterval.toString()).append(String.format("%n"));
    s.append(String.format(Locale.ROOT, "  standard-offer scores: Spearman %.3f with the truth over %d influencers;"
        + " resolution %s%n", spearman, scored, scoreResolution));
    s.append(String.format(Locale.ROOT, "    the informed oracle's probability of the same offers: Spearman %.3f%n",
        informedSpearman));
    s.append("  recommended expected_posting_probability: ").append(recommendationResolution)
        .append(String.format("%n"));
    Budget b = budget;
    s.append(String.format(Locale.ROOT, "  budget %.0f (%.2f x the standard offer to all %d eligible):%n",
        b.budget(), BUDGET_SHARE, b.eligible()));
    s.append("    product (recommended cash by expected ROI): ").append(b.product()).append(String.format("%n"));
    s.append("    status quo (norm to the most-followed):     ").append(b.statusQuo()).append(String.format("%n"));
    s.append("    informed oracle, for orders:                ").append(b.informedForOrders())
        .append(String.format("%n"));
    s.append("    informed oracle, for posts:                 ").append(b.informedForPosts())
        .append(String.format("%n"));
    s.append("    oracle, for orders:                         ").append(b.oracleForOrders())
        .append(String.format("%n"));
    s.append("    oracle, for posts:                          ").append(b.oracleForPosts()).append(String.format("%n"));
    s.append("    informed oracle by the product's policy:    ").append(b.informedByPolicy())
        .append(" (its own target-level cash recommendations, by its orders per amount)").append(String.format("%n"));
    s.append(String.format(Locale.ROOT, "    product value: orders %.3f of the informed oracle's, %.3f of the oracle's;"
            + " posts %.3f and %.3f%n", b.ordersVsInformed(), b.ordersVsOracle(), b.postsVsInformed(),
        b.postsVsOracle()));
    s.append(String.format(Locale.ROOT, "    the product's policy followed by the informed oracle: orders %.3f of its own plan's%n",
        b.policyOrdersVsInformed()));
    s.append(String.format(Locale.ROOT, "    status quo value: orders %.3f of the informed oracle's; posts %.3f",
        b.statusQuo().orders() / b.informedForOrders().orders(), b.statusQuo().posts() / b.informedForPosts().posts()));
    return s.toString();
  }
}
