package com.influencelakehouse.jobs.planning;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.format_number;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.gold.FeatureWindows;
import com.influencelakehouse.jobs.models.IncentiveResponse;
import com.influencelakehouse.jobs.models.ModelRegistry;
import com.influencelakehouse.jobs.models.PostingUncertainty;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Brief;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Floor;
import com.influencelakehouse.jobs.planning.CampaignPlanner.Objective;
import com.influencelakehouse.jobs.scoring.InfluencerScoring;
import com.influencelakehouse.jobs.scoring.ScoreInfluencersJob;
import java.sql.Date;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Plans every brief whose campaign has not started by the run's last date: writes {@code gold.campaign_plans}
 * (the offers) and {@code gold.campaign_plan_summary} (the totals, constraints and their cost) for that plan
 * date, replaced so re-runs leave the same rows; plans of earlier dates stay as history, the latest being a
 * campaign's current plan.
 */
public final class PlanCampaignsJob extends BaseJob {
  /** Two-sided confidence of the plans' intervals. */
  public static final double INTERVAL_CONFIDENCE = 0.8;
  private static final Logger LOG = LoggerFactory.getLogger(PlanCampaignsJob.class);

  public PlanCampaignsJob() {
    super("plan_campaigns", "Campaign plans for the briefs still to start: whom to offer which incentive and when.",
        List.of(Tables.DIM_CAMPAIGN_BRIEF, Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS,
            Tables.MODEL_REGISTRY, Tables.MODEL_METRICS),
        List.of(Tables.CAMPAIGN_PLANS, Tables.CAMPAIGN_PLAN_SUMMARY));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    JobResult result = new JobResult();
    Date planDate = Date.valueOf(ctx.dates().to());
    w.ensureTable(Tables.CAMPAIGN_PLANS);
    w.ensureTable(Tables.CAMPAIGN_PLAN_SUMMARY);
    w.ensureTable(Tables.DIM_CAMPAIGN_BRIEF);
    Dataset<Row> toPlan = w.read(Tables.DIM_CAMPAIGN_BRIEF).where(col("start_date").gt(lit(planDate)));
    // One row per campaign still to start: a handful, never in proportion to the day's data.
    List<Row> briefRows = toPlan.collectAsList();
    Optional<Champions> champions = briefRows.isEmpty() ? Optional.empty() : champions(w);
    if (champions.isEmpty()) {
      String why = briefRows.isEmpty() ? "no brief still to start on " + planDate + ": nothing planned"
          : "no champion posting and conversion models yet: " + briefRows.size() + " brief(s) not planned on "
              + planDate;
      LOG.info(why);
      return result.metric("briefs_planned", 0).note(why);
    }
    Map<String, Long> versions = new LinkedHashMap<>();
    for (TableDef t : List.of(Tables.DIM_CAMPAIGN_BRIEF, Tables.FEATURES_INFLUENCER_DAILY, Tables.INCENTIVE_NORMS,
        Tables.MODEL_REGISTRY)) {
      versions.put(t.qualifiedName(), w.version(t));
    }
    String postingVersion = champions.get().postingVersion();
    String conversionVersion = champions.get().conversionVersion();
    InfluencerScoring.Models models = champions.get().models();
    Dataset<Row> features = w.read(Tables.FEATURES_INFLUENCER_DAILY)
        .where(col(FeatureWindows.FEATURE_DATE).equalTo(planDate));
    Dataset<Row> norms = w.read(Tables.INCENTIVE_NORMS).where(col("as_of_date").equalTo(planDate));
    double intervalZ = PostingUncertainty.z((1 + INTERVAL_CONFIDENCE) / 2);
    Dataset<Row> options = PlanCandidates.of(features, norms, toPlan, models,
        ctx.config().objectives().recommendation(), ctx.config().features().authenticityThreshold(), intervalZ)
        .cache();
    Map<String, Brief> briefs = new LinkedHashMap<>();
    for (Row b : briefRows) {
      briefs.put(b.getAs("campaign_id"), brief(b));
    }
    Dataset<Row> solved = PlanSolver.solve(options, briefs, INTERVAL_CONFIDENCE).cache();
    try {
      DateRange day = new DateRange(ctx.dates().to(), ctx.dates().to());
      Dataset<Row> planned = PlanSolver.offers(solved)
          .join(options, new String[] {"campaign_id", "influencer_key", "incentive_type", IncentiveResponse.MULTIPLE})
          .join(toPlan.select("campaign_id", "objective"), "campaign_id");
      result.wrote(w.replaceDates(Tables.CAMPAIGN_PLANS, Tables.project(Tables.CAMPAIGN_PLANS, planned
          .withColumn("plan_date", lit(planDate))
          .withColumn("interval_confidence", lit(INTERVAL_CONFIDENCE))
          .withColumn("expected_objective", objectiveValue(col("objective")))
          .withColumn("reasons", reasons())
          .withColumn("model_version", lit(postingVersion))
          .withColumn("conversion_model_version", lit(conversionVersion))), "plan_date", day));
      Dataset<Row> summary = solved.drop(PlanSolver.OFFERS).join(toPlan.select(col("campaign_id"), col("brand_id"),
              col("objective"), col("start_date"), col("end_date"), col("budget_base"), constraintsText()),
          "campaign_id")
          .withColumn("plan_date", lit(planDate))
          .withColumn("interval_confidence", lit(INTERVAL_CONFIDENCE))
          .withColumn("model_version", lit(postingVersion))
          .withColumn("conversion_model_version", lit(conversionVersion))
          .withColumn("input_versions", ScoreInfluencersJob.versionMap(versions));
      result.wrote(w.replaceDates(Tables.CAMPAIGN_PLAN_SUMMARY, Tables.project(Tables.CAMPAIGN_PLAN_SUMMARY, summary),
          "plan_date", day));
      result.metric("briefs_planned", briefs.size());
    } finally {
      solved.unpersist();
      options.unpersist();
    }
    return result;
  }

  /** The champion models a plan is made with, and their versions. */
  public record Champions(InfluencerScoring.Models models, String postingVersion, String conversionVersion) {}

  /** The champion posting and conversion models with the posting model's spreads; empty until both exist. */
  public static Optional<Champions> champions(Warehouse w) {
    Optional<Row> posting = ModelRegistry.champion(w, "posting", "");
    Optional<Row> conversion = ModelRegistry.champion(w, "conversion", "");
    if (posting.isEmpty() || conversion.isEmpty()) {
      return Optional.empty();
    }
    String postingVersion = posting.get().getAs("model_version");
    return Optional.of(new Champions(new InfluencerScoring.Models(PipelineModel.load(posting.get().getAs("model_path")),
        PipelineModel.load(conversion.get().getAs("model_path")), PostingUncertainty.spreads(w, postingVersion),
        Map.of()), postingVersion, conversion.get().getAs("model_version")));
  }

  /** A silver brief row as the planner's brief: budget in the base currency, null lists mean no restriction. */
  static Brief brief(Row b) {
    Map<String, Set<String>> allowed = new LinkedHashMap<>();
    for (String[] pair : new String[][] {{"allowed_tiers", "follower_tier"}, {"allowed_platforms", "platform"},
        {"allowed_countries", "country"}}) {
      List<String> values = b.isNullAt(b.fieldIndex(pair[0])) ? null : b.getList(b.fieldIndex(pair[0]));
      if (values != null) {
        allowed.put(pair[1], new LinkedHashSet<>(values));
      }
    }
    List<Floor> floors = new java.util.ArrayList<>();
    int fi = b.fieldIndex("min_group_shares");
    if (!b.isNullAt(fi)) {
      for (Row f : b.<Row>getList(fi)) {
        floors.add(new Floor(f.getAs("group"), f.getAs("value"), f.<Double>getAs("share")));
      }
    }
    int mi = b.fieldIndex("max_offers");
    return new Brief(Objective.of(b.getAs("objective")), b.<Double>getAs("budget_base"),
        b.isNullAt(mi) ? null : b.<Integer>getAs("max_offers"), allowed, floors);
  }

  private static Column objectiveValue(Column objective) {
    return when(objective.equalTo("orders"), col("expected_orders"))
        .when(objective.equalTo("revenue"), col("expected_revenue"))
        .when(objective.equalTo("posts"), col("expected_posts"))
        .otherwise(col("expected_reach"));
  }

  /** Why the offer is in the plan: its rank, what it is expected to bring per unit of cost, and the offer. */
  private static Column reasons() {
    return concat(lit("rank "), col("plan_rank").cast("string"), lit(": "),
        // The step's value per cost is null where the cost is nil (an offer owed nothing): never a null reason.
        org.apache.spark.sql.functions.coalesce(format_number(col("marginal_value_per_cost"), 4), lit("n/a")), lit(" "),
        col("objective"), lit(" per unit of expected cost; "),
        col("incentive_type"), lit(" at "), format_number(col(IncentiveResponse.MULTIPLE), 2),
        lit(" x the tier norm; posting probability "), format_number(col("expected_posting_probability"), 2),
        lit(" ["), format_number(col("posting_probability_lower"), 2), lit(", "),
        format_number(col("posting_probability_upper"), 2), lit("]"));
  }

  /** The constraints as stated, in words. */
  private static Column constraintsText() {
    Column stated = org.apache.spark.sql.functions.concat_ws("; ",
        when(col("max_offers").isNotNull(), concat(lit("at most "), col("max_offers").cast("string"), lit(" offers"))),
        when(col("allowed_tiers").isNotNull(), concat(lit("tiers "),
            org.apache.spark.sql.functions.array_join(col("allowed_tiers"), "|"))),
        when(col("allowed_platforms").isNotNull(), concat(lit("platforms "),
            org.apache.spark.sql.functions.array_join(col("allowed_platforms"), "|"))),
        when(col("allowed_countries").isNotNull(), concat(lit("countries "),
            org.apache.spark.sql.functions.array_join(col("allowed_countries"), "|"))),
        when(col("min_group_shares").isNotNull(), concat(lit("floors "),
            org.apache.spark.sql.functions.array_join(org.apache.spark.sql.functions.transform(col("min_group_shares"),
                g -> concat(g.getField("group"), lit("="), g.getField("value"), lit(":"),
                    g.getField("share").cast("string"))), "|"))));
    return when(stated.equalTo(""), lit("none")).otherwise(stated).as("constraints");
  }

}
