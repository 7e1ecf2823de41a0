package com.influencelakehouse.evaluation.bench;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.to_timestamp;

import com.influencelakehouse.common.config.BusinessObjectives.Recommendation;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.gold.FeatureWindows;
import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Brief;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Floor;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Objective;
import com.influencelakehouse.jobs.planning.PlanCampaignsJob;
import com.influencelakehouse.jobs.planning.PlanCandidates;
import com.influencelakehouse.jobs.planning.PlanSolver;
import com.influencelakehouse.jobs.scoring.InfluencerScoring;
import com.influencelakehouse.sampledata.TrueEffects;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * The campaign planner against the sample world's truth: the product plans test briefs with its own code
 * ({@link PlanCandidates}, {@link PlanSolver}) and models; the informed oracle (every effect true, the latent
 * responsiveness as the posterior given the outcomes known by the plan date) and the full oracle plan the same
 * briefs with the same planner over the same offers, sent at the true habitual time; every plan is then valued
 * at the truth. The product's plan is judged by its true objective against the oracles' (same budget, same
 * constraints) and by its true expected cost against the budget.
 *
 * <p>Briefs: orders and posts, each with a budget of {@link DecisionQuality#BUDGET_SHARE} of the standard cash
 * offer to every eligible influencer, and orders under constraints (nano and micro only, at most a tenth of
 * the eligible, at least 20 % of the offers to YouTube). Reach and revenue are not judged: the world's true
 * reach and order value of a hypothetical post are not in the ground truth.
 */
public record PlanQuality(LocalDate planDate, List<Judged> briefs, double seconds) {

  /** One brief's plans valued at the truth. */
  public record Judged(String name, Objective objective, double budget, long eligible, String solver,
      Valued product, double productBelief, double probabilityOverBudget, Valued informed, Valued oracle) {
    public double vsInformed() {
      return product.value() / informed.value();
    }

    public double vsOracle() {
      return product.value() / oracle.value();
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%s (%s, budget %.0f, %d eligible, %s): product %s, believed %.2f, P(over "
              + "budget) %.3f; informed oracle %s; oracle %s; product / informed %.3f, / oracle %.3f", name,
          objective.configName(), budget, eligible, solver, product, productBelief, probabilityOverBudget, informed,
          oracle, vsInformed(), vsOracle());
    }
  }

  /** A plan at the truth: offers, true objective and true expected cost. */
  public record Valued(long offers, double value, double cost) {
    @Override
    public String toString() {
      return String.format(Locale.ROOT, "%d offers, true %.2f at true cost %.0f", offers, value, cost);
    }
  }

  /** Plans the test briefs on {@code planDate} with the warehouse's champions and judges them. */
  public static PlanQuality evaluate(Warehouse w, Path groundTruth, Pseudonymiser p, Recommendation rule,
      double authenticityThreshold, LocalDate planDate, int deliveryLagDays) {
    long t0 = System.nanoTime();
    Date day = Date.valueOf(planDate);
    PlanCampaignsJob.Champions champions = PlanCampaignsJob.champions(w)
        .orElseThrow(() -> new IllegalStateException("no champion models to plan with"));
    Dataset<Row> features = w.read(Tables.FEATURES_INFLUENCER_DAILY).where(col(FeatureWindows.FEATURE_DATE).equalTo(day));
    Dataset<Row> norms = w.read(Tables.INCENTIVE_NORMS).where(col("as_of_date").equalTo(day));
    StructType briefSchema = new StructType().add("campaign_id", DataTypes.StringType)
        .add("brand_category", DataTypes.StringType).add("objective", DataTypes.StringType);
    // The brand's category: the most common of the eligible, so category match is as usual as in the world.
    String category = features.groupBy("category").count().orderBy(col("count").desc(), col("category")).first()
        .getString(0);
    List<Row> briefRows = List.of(RowFactory.create("orders", category, "orders"),
        RowFactory.create("posts", category, "posts"), RowFactory.create("orders-constrained", category, "orders"));
    double z = com.influencelakehouse.jobs.models.PostingUncertainty.z((1 + PlanCampaignsJob.INTERVAL_CONFIDENCE) / 2);
    Dataset<Row> options = PlanCandidates.of(features, norms, w.spark().createDataFrame(briefRows, briefSchema),
        champions.models(), rule, authenticityThreshold, z).cache();
    Row e = options.where(col("incentive_type").equalTo("cash").and(col(IncentiveResponse.MULTIPLE).equalTo(1.0))
            .and(col("campaign_id").equalTo("orders")))
        .agg(count(lit(1)), sum("incentive_amount")).first();
    long eligible = e.getLong(0);
    double budget = DecisionQuality.BUDGET_SHARE * (e.isNullAt(1) ? 0 : e.getDouble(1));
    Map<String, Brief> briefs = new LinkedHashMap<>();
    briefs.put("orders", new Brief(Objective.ORDERS, budget, null, Map.of(), List.of()));
    briefs.put("posts", new Brief(Objective.POSTS, budget, null, Map.of(), List.of()));
    briefs.put("orders-constrained", new Brief(Objective.ORDERS, budget, (int) Math.max(1, eligible / 10),
        Map.of("follower_tier", Set.of("nano", "micro")), List.of(new Floor("platform", "youtube", 0.2))));

    Dataset<Row> truth = DecisionQuality.truth(w, groundTruth, p, planDate);
    Dataset<Row> judged = options.join(truth.drop("platform"), "influencer_key");
    Dataset<Row> posterior = ResponsivenessPosterior.of(w, groundTruth,
        judged.select("influencer_key", "influencer_id").distinct()
            .withColumn("_cutoff", to_timestamp(date_sub(lit(day), deliveryLagDays - 1))), "_cutoff", "influencer_key");
    // The product's offers at its own send time; the oracles' at the true habit.
    Column amount = col("incentive_amount");
    Dataset<Row> valued = judged
        .withColumn("_true_product", DecisionQuality.sigmoid(DecisionQuality.trueLogit(col("responsiveness"),
            col("incentive_type"), amount, col("send_weekday"), col("send_hour"))))
        .withColumn("_rest_habit", DecisionQuality.trueLogit(lit(0.0), col("incentive_type"), amount,
            col("habit_weekday"), col("habit_hour_local")))
        .withColumn("_true_habit", DecisionQuality.sigmoid(col("_rest_habit")
            .plus(col("responsiveness").multiply(TrueEffects.RESPONSIVENESS))))
        .where(col("_true_product").isNotNull())
        .cache();
    // The truth of an offer does not depend on the brief: the posterior predictive once per offer.
    Dataset<Row> informedP = valued.select("influencer_key", "incentive_type", IncentiveResponse.MULTIPLE, "_rest_habit")
        .dropDuplicates("influencer_key", "incentive_type", IncentiveResponse.MULTIPLE)
        .join(posterior, "influencer_key")
        .groupBy("influencer_key", "incentive_type", IncentiveResponse.MULTIPLE)
        .agg(ResponsivenessPosterior.predictive(col("_rest_habit")).as("_informed"));
    Dataset<Row> beliefs = valued.join(informedP,
        new String[] {"influencer_key", "incentive_type", IncentiveResponse.MULTIPLE}).cache();

    Dataset<Row> productSolved = PlanSolver.solve(options, briefs, PlanCampaignsJob.INTERVAL_CONFIDENCE).cache();
    Map<String, Valued> product = value(PlanSolver.offers(productSolved), beliefs, "_true_product", briefs);
    Map<String, Valued> informed = value(PlanSolver.offers(PlanSolver.solve(asBelief(beliefs, "_informed"), briefs,
        PlanCampaignsJob.INTERVAL_CONFIDENCE)), beliefs, "_true_habit", briefs);
    Map<String, Valued> oracle = value(PlanSolver.offers(PlanSolver.solve(asBelief(beliefs, "_true_habit"), briefs,
        PlanCampaignsJob.INTERVAL_CONFIDENCE)), beliefs, "_true_habit", briefs);
    List<Judged> out = new ArrayList<>();
    for (Row r : productSolved.select("campaign_id", "solver", "expected_objective", "probability_over_budget",
        "eligible_influencers").collectAsList()) {
      String name = r.getString(0);
      Brief b = briefs.get(name);
      out.add(new Judged(name, b.objective(), b.budget(), r.getLong(4), r.getString(1),
          product.getOrDefault(name, new Valued(0, 0, 0)), r.getDouble(2), r.getDouble(3),
          informed.getOrDefault(name, new Valued(0, 0, 0)), oracle.getOrDefault(name, new Valued(0, 0, 0))));
    }
    out.sort(java.util.Comparator.comparing(j -> List.copyOf(briefs.keySet()).indexOf(j.name())));
    productSolved.unpersist();
    beliefs.unpersist();
    valued.unpersist();
    options.unpersist();
    return new PlanQuality(planDate, out, (System.nanoTime() - t0) / 1e9);
  }

  /** The options with a belief's probability in place of the product's: what an oracle plans with. */
  private static Dataset<Row> asBelief(Dataset<Row> beliefs, String probability) {
    Column q = col(probability);
    Column perPostOrders = col("_orders_per_post");
    return beliefs
        .withColumn("expected_posting_probability", q)
        .withColumn("posting_probability_lower", q)
        .withColumn("posting_probability_upper", q)
        .withColumn("expected_cost", q.multiply(col("committed_cost")))
        .withColumn("expected_posts", q)
        .withColumn("expected_orders", q.multiply(perPostOrders))
        .withColumn("expected_revenue", lit(0.0))
        .withColumn("expected_reach", lit(0.0))
        .select(java.util.Arrays.stream(PlanCandidates.COLUMNS).map(c -> col(c)).toArray(Column[]::new));
  }

  /** Each campaign's planned offers at the truth: true posts or orders and true expected cost. */
  private static Map<String, Valued> value(Dataset<Row> planned, Dataset<Row> beliefs, String trueProbability,
      Map<String, Brief> briefs) {
    Column q = col(trueProbability);
    Map<String, Valued> out = new LinkedHashMap<>();
    for (Row r : planned.join(beliefs, new String[] {"campaign_id", "influencer_key", "incentive_type",
            IncentiveResponse.MULTIPLE})
        .groupBy("campaign_id")
        .agg(count(lit(1)), sum(q), sum(q.multiply(col("_orders_per_post"))), sum(q.multiply(col("committed_cost"))))
        .collectAsList()) {
      String name = r.getString(0);
      boolean posts = briefs.get(name).objective() == Objective.POSTS;
      out.put(name, new Valued(r.getLong(1), posts ? r.getDouble(2) : r.getDouble(3), r.getDouble(4)));
    }
    return out;
  }

  /** The report's lines. */
  public String report() {
    StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "  campaign plans on %s (judged in %.1f s):%n",
        planDate, seconds));
    for (Judged j : briefs) {
      s.append("    ").append(j).append(System.lineSeparator());
    }
    return s.toString();
  }
}
