package com.influencelakehouse.jobs.planning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;

import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Brief;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Candidate;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Choice;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Option;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Plan;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Total;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Totals;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.api.java.function.MapGroupsFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import scala.jdk.javaapi.CollectionConverters;

/**
 * Runs {@link CampaignPlanner} once per campaign on the executors (each campaign's options grouped on one
 * task; nothing collected to the driver): one row per campaign with the plan's totals, constraint costs and
 * solver, and the planned offers as keys into the options.
 */
public final class PlanSolver {
  /** The planned offers of a campaign: keys into the options and the planner's rank and step value. */
  public static final String OFFERS = "planned";
  private static final StructType OFFER = new StructType(new StructField[] {
      DataTypes.createStructField("influencer_key", DataTypes.StringType, false),
      DataTypes.createStructField("incentive_type", DataTypes.StringType, false),
      DataTypes.createStructField(IncentiveResponse.MULTIPLE, DataTypes.DoubleType, false),
      DataTypes.createStructField("plan_rank", DataTypes.IntegerType, false),
      DataTypes.createStructField("marginal_value_per_cost", DataTypes.DoubleType, true)});
  private static final List<String> TOTALS = List.of("posts", "reach", "orders", "revenue");

  private PlanSolver() {}

  /** The per-campaign result's schema. */
  public static StructType schema() {
    List<StructField> f = new ArrayList<>();
    f.add(DataTypes.createStructField("campaign_id", DataTypes.StringType, false));
    f.add(DataTypes.createStructField("eligible_influencers", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("planned_offers", DataTypes.LongType, false));
    f.add(DataTypes.createStructField("expected_cost", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("cost_upper", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("probability_over_budget", DataTypes.DoubleType, false));
    for (String t : TOTALS) {
      f.add(DataTypes.createStructField("expected_" + t, DataTypes.DoubleType, false));
      f.add(DataTypes.createStructField(t + "_lower", DataTypes.DoubleType, false));
      f.add(DataTypes.createStructField(t + "_upper", DataTypes.DoubleType, false));
    }
    f.add(DataTypes.createStructField("expected_objective", DataTypes.DoubleType, false));
    f.add(DataTypes.createStructField("constraint_costs",
        DataTypes.createMapType(DataTypes.StringType, DataTypes.DoubleType, false), false));
    f.add(DataTypes.createStructField("unmet_constraints", DataTypes.createArrayType(DataTypes.StringType, false),
        false));
    f.add(DataTypes.createStructField("solver", DataTypes.StringType, false));
    f.add(DataTypes.createStructField(OFFERS, DataTypes.createArrayType(OFFER, false), false));
    return new StructType(f.toArray(StructField[]::new));
  }

  /**
   * @param options {@link PlanCandidates#of} rows
   * @param briefs the briefs to plan by campaign id (a handful: one per campaign still to start)
   */
  public static Dataset<Row> solve(Dataset<Row> options, Map<String, Brief> briefs, double intervalConfidence) {
    HashMapHolder holder = new HashMapHolder(new LinkedHashMap<>(briefs));
    MapFunction<Row, String> byCampaign = r -> r.getAs("campaign_id");
    MapGroupsFunction<String, Row, Row> plan = (campaign, rows) -> solveOne(campaign, rows,
        holder.briefs.get(campaign), intervalConfidence);
    return options.groupByKey(byCampaign, Encoders.STRING()).mapGroups(plan, Encoders.row(schema()));
  }

  /** The planned offers, one row each: campaign_id with the OFFER fields. */
  public static Dataset<Row> offers(Dataset<Row> solved) {
    return solved.select(col("campaign_id"), explode(col(OFFERS)).as("_o")).select(col("campaign_id"), col("_o.*"));
  }

  /** Serializable holder of the briefs for the closure. */
  private record HashMapHolder(LinkedHashMap<String, Brief> briefs) implements java.io.Serializable {}

  static Row solveOne(String campaign, Iterator<Row> rows, Brief brief, double intervalConfidence) {
    Map<String, Integer> index = new LinkedHashMap<>();
    List<String> keys = new ArrayList<>();
    List<Map<String, String>> groups = new ArrayList<>();
    List<List<Option>> options = new ArrayList<>();
    while (rows.hasNext()) {
      Row r = rows.next();
      String key = r.getAs("influencer_key");
      Integer i = index.get(key);
      if (i == null) {
        i = keys.size();
        index.put(key, i);
        keys.add(key);
        Map<String, String> g = new LinkedHashMap<>();
        for (String name : List.of("follower_tier", "platform", "country", "category")) {
          g.put(name, r.getAs(name));
        }
        groups.add(g);
        options.add(new ArrayList<>());
      }
      options.get(i).add(new Option(r.getAs("incentive_type"), r.<Double>getAs(IncentiveResponse.MULTIPLE),
          r.<Double>getAs("incentive_amount"), r.<Double>getAs("expected_posting_probability"),
          r.<Double>getAs("posting_probability_lower"), r.<Double>getAs("posting_probability_upper"),
          r.<Double>getAs("committed_cost"), r.<Double>getAs("expected_cost"), r.<Double>getAs("expected_posts"),
          r.<Double>getAs("expected_reach"), r.<Double>getAs("expected_orders"), r.<Double>getAs("expected_revenue")));
    }
    List<Candidate> candidates = new ArrayList<>();
    for (int i = 0; i < keys.size(); i++) {
      candidates.add(new Candidate(keys.get(i), groups.get(i), options.get(i)));
    }
    Plan plan = CampaignPlanner.plan(candidates, brief);
    Totals totals = CampaignPlanner.totals(candidates, plan, brief.budget(), intervalConfidence);
    Map<String, Double> costs = CampaignPlanner.constraintCosts(candidates, brief, plan);
    List<Row> planned = new ArrayList<>();
    for (Choice c : plan.choices()) {
      Option o = candidates.get(c.candidate()).options().get(c.option());
      planned.add(RowFactory.create(candidates.get(c.candidate()).key(), o.incentiveType(), o.multiple(), c.rank(),
          Double.isFinite(c.marginalValuePerCost()) ? c.marginalValuePerCost() : null));
    }
    List<Object> v = new ArrayList<>(List.of(campaign, plan.eligible(), (long) plan.choices().size(), plan.cost(),
        totals.cost().upper(), totals.probabilityOverBudget()));
    for (Total t : List.of(totals.posts(), totals.reach(), totals.orders(), totals.revenue())) {
      v.add(t.expected());
      v.add(t.lower());
      v.add(t.upper());
    }
    v.add(plan.value());
    v.add(CollectionConverters.asScala(costs));
    v.add(CollectionConverters.asScala(plan.unmet()).toSeq());
    v.add(plan.solver());
    v.add(CollectionConverters.asScala(planned).toSeq());
    return RowFactory.create(v.toArray());
  }
}
