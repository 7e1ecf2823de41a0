package com.influencelakehouse.common.tables;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The table registry: every warehouse table is declared here once (layer, name, grain, key,
 * partitioning, schema). Jobs, tests, notebooks and docs refer to these constants; paths come from
 * {@code WarehouseSettings#pathOf(TableDef)}, never from string literals elsewhere.
 */
public final class Tables {
  private static final List<TableDef> ALL = new ArrayList<>();
  private static final Map<LandingSource, TableDef> BRONZE_BY_SOURCE = new EnumMap<>(LandingSource.class);

  // ---- bronze: one table per landing source, every delivered record kept -------------------------

  public static final TableDef BRONZE_INFLUENCERS = bronze(LandingSource.INFLUENCERS, "influencers");
  public static final TableDef BRONZE_POSTS = bronze(LandingSource.POSTS, "posts");
  public static final TableDef BRONZE_POST_INSIGHTS = bronze(LandingSource.POST_INSIGHTS, "post_insights");
  public static final TableDef BRONZE_CAMPAIGNS = bronze(LandingSource.CAMPAIGNS, "campaigns");
  public static final TableDef BRONZE_OFFERS = bronze(LandingSource.OFFERS, "offers");
  public static final TableDef BRONZE_OFFER_RESPONSES = bronze(LandingSource.OFFER_RESPONSES, "offer_responses");
  public static final TableDef BRONZE_CLICKS = bronze(LandingSource.CLICKS, "clicks");
  public static final TableDef BRONZE_ORDERS = bronze(LandingSource.ORDERS, "orders");
  public static final TableDef BRONZE_ERASURE_REQUESTS = bronze(LandingSource.ERASURE_REQUESTS, "erasure_requests");
  public static final TableDef BRONZE_FX_RATES = bronze(LandingSource.FX_RATES, "fx_rates");

  public static final TableDef QUARANTINE = declare(Layer.BRONZE, "quarantine",
      "Records that could not be parsed or broke their contract, with the raw text and a machine-readable reason.",
      "one rejected record", List.of("source", "_ingest_date", "_source_file", "line_number"), List.of("_ingest_date"));

  // ---- silver: conformed, deduplicated, typed, consented, pseudonymised --------------------------

  public static final TableDef DIM_INFLUENCER = declare(Layer.SILVER, "dim_influencer",
      "Influencers as slowly changing dimension (type 2): a change of category, country or tier opens a new version.",
      "one version of one influencer", List.of("influencer_key", "valid_from"), List.of());
  public static final TableDef FACT_INFLUENCER_DAILY = declare(Layer.SILVER, "fact_influencer_daily",
      "Daily audience counts per influencer (followers, following, media), kept out of the dimension.",
      "one influencer on one day", List.of("influencer_key", "snapshot_date"), List.of("snapshot_date"));
  public static final TableDef DIM_CAMPAIGN = declare(Layer.SILVER, "dim_campaign",
      "Campaigns, latest version, budget in the base currency.",
      "one campaign", List.of("campaign_id"), List.of());
  public static final TableDef FACT_POST = declare(Layer.SILVER, "fact_post",
      "Published posts with content labels, hashtags, sponsorship and content-reuse consent.",
      "one post", List.of("post_id"), List.of("post_date"));
  public static final TableDef FACT_POST_INSIGHTS_DAILY = declare(Layer.SILVER, "fact_post_insights_daily",
      "Latest cumulative engagement snapshot per post and day.",
      "one post on one capture day", List.of("post_id", "capture_date"), List.of("capture_date"));
  public static final TableDef FACT_OFFER = declare(Layer.SILVER, "fact_offer",
      "Offers with their latest response, posted flag and hours from send to post; incentive in the base currency.",
      "one offer", List.of("offer_id"), List.of("sent_date"));
  public static final TableDef FACT_CLICK = declare(Layer.SILVER, "fact_click",
      "Tracking-link clicks resolved to offer, influencer and post.",
      "one click", List.of("click_id"), List.of("click_date"));
  public static final TableDef FACT_ORDER = declare(Layer.SILVER, "fact_order",
      "Orders, deduplicated, revenue in the base currency, attributed: click, else promo code, else organic.",
      "one order", List.of("order_id"), List.of("order_date"));
  public static final TableDef FX_RATE_DAILY = declare(Layer.SILVER, "fx_rate_daily",
      "Exchange rate to the base currency per currency and day.",
      "one currency on one day", List.of("currency", "rate_date"), List.of());

  // ---- gold: features, training sets, scores --------------------------------------------------

  public static final TableDef FEATURES_INFLUENCER_DAILY = declare(Layer.GOLD, "features_influencer_daily",
      "Point-in-time correct features per influencer and day: each uses only data observable on or before that day.",
      "one influencer on one day", List.of("influencer_key", "feature_date"), List.of("feature_date"));
  public static final TableDef CONTENT_LABEL_LIFT = declare(Layer.GOLD, "content_label_lift",
      "Estimated engagement lift per content label: which content attributes draw engagement.",
      "one content label as of one day", List.of("label", "as_of_date"), List.of());
  public static final TableDef TRAINING_POSTING = declare(Layer.GOLD, "training_posting",
      "One row per labelled offer: features as of the send time, offer attributes, label = posted within the deadline.",
      "one offer", List.of("offer_id"), List.of("sent_date"));
  public static final TableDef TRAINING_CONVERSION = declare(Layer.GOLD, "training_conversion",
      "One row per sponsored post at least 7 days old: features as of the post time, label = attributed orders and revenue in 7 days.",
      "one sponsored post", List.of("post_id"), List.of("post_date"));
  public static final TableDef INFLUENCER_SCORES = declare(Layer.GOLD, "influencer_scores",
      "Scores per influencer: posting probability at a standard offer, expected engagement and conversions, trend, authenticity, reasons.",
      "one influencer on one score date", List.of("influencer_key", "score_date"), List.of("score_date"));
  public static final TableDef INCENTIVE_RECOMMENDATIONS = declare(Layer.GOLD, "incentive_recommendations",
      "Recommended incentive per influencer and incentive type, with expected posting probability, ROI and best send time.",
      "one influencer and incentive type on one score date",
      List.of("influencer_key", "incentive_type", "score_date"), List.of("score_date"));
  public static final TableDef CONTENT_REUSE_CANDIDATES = declare(Layer.GOLD, "content_reuse_candidates",
      "Sponsored posts with content-reuse consent, ranked by reuse value.",
      "one post on one score date", List.of("post_id", "score_date"), List.of("score_date"));
  public static final TableDef CAMPAIGN_PERFORMANCE = declare(Layer.GOLD, "campaign_performance",
      "Per campaign and day: offers, posts, spend, reach, engagement, clicks, attributed orders and revenue, ROAS, CPA.",
      "one campaign on one day", List.of("campaign_id", "activity_date"), List.of("activity_date"));
  public static final TableDef INFLUENCER_ROI = declare(Layer.GOLD, "influencer_roi",
      "Per influencer and campaign: spend, attributed revenue and ROI to date.",
      "one influencer in one campaign on one score date",
      List.of("influencer_key", "campaign_id", "score_date"), List.of("score_date"));

  // ---- audit ----------------------------------------------------------------------------------

  public static final TableDef RUN_LOG = declare(Layer.AUDIT, "run_log",
      "One row per job run: dates, status, rows in/out/quarantined, Delta versions written, duration, objectives.",
      "one job run", List.of("run_id", "job"), List.of(),
      new StructType(new StructField[] {
          column("run_id", StringType, false, "Id shared by all jobs of one CLI invocation."),
          column("job", StringType, false, "Job name (see `lakehouse jobs`)."),
          column("run_date_from", DateType, false, "First run date processed."),
          column("run_date_to", DateType, false, "Last run date processed (equal to run_date_from for a nightly run)."),
          column("status", StringType, false, "SUCCEEDED or FAILED."),
          column("rows_in", LongType, false, "Records read."),
          column("rows_out", LongType, false, "Rows written."),
          column("rows_quarantined", LongType, false, "Records sent to bronze.quarantine."),
          column("table_versions", DataTypes.createMapType(StringType, LongType, false), false,
              "Delta version written per table (qualified name)."),
          column("started_at", TimestampType, false, "Start time (UTC)."),
          column("finished_at", TimestampType, false, "End time (UTC)."),
          column("duration_ms", LongType, false, "Wall time in milliseconds."),
          column("env", StringType, false, "Configuration environment (local, prod ...)."),
          column("objectives", StringType, false, "The business objectives in force, as JSON (lakehouse.objectives)."),
          column("error", StringType, true, "Why the run failed; null when it succeeded.")}));
  public static final TableDef DQ_RESULTS = declare(Layer.AUDIT, "dq_results",
      "Reconciliation and data-quality check results per source/table and date.",
      "one check on one table for one date", List.of("check_name", "table_name", "run_date"), List.of("run_date"));
  public static final TableDef ERASURE_LOG = declare(Layer.AUDIT, "erasure_log",
      "Erasure requests carried out: subject (pseudonymised), tables and rows deleted.",
      "one erasure of one subject", List.of("subject_key", "requested_at"), List.of());
  public static final TableDef MODEL_REGISTRY = declare(Layer.AUDIT, "model_registry",
      "Every trained model version: kind, training data versions and dates, parameters, objective, metrics, status.",
      "one model version", List.of("model_version"), List.of());
  public static final TableDef MODEL_METRICS = declare(Layer.AUDIT, "model_metrics",
      "Metrics, calibration, baselines and feature importances per model version.",
      "one metric of one model version", List.of("model_version", "metric", "segment"), List.of());
  public static final TableDef FAIRNESS_AUDIT = declare(Layer.AUDIT, "fairness_audit",
      "Fairness audit per model version and influencer group, with four-fifths-rule flags.",
      "one group of one attribute for one model version", List.of("model_version", "attribute", "group_value"),
      List.of());

  private Tables() {}

  /** Every declared table, in declaration order (bronze, silver, gold, audit). */
  public static List<TableDef> all() {
    return Collections.unmodifiableList(ALL);
  }

  /** The tables of one layer. */
  public static List<TableDef> inLayer(Layer layer) {
    return ALL.stream().filter(t -> t.layer() == layer).toList();
  }

  /** The bronze table a landing source is ingested into. */
  public static TableDef bronzeOf(LandingSource source) {
    return BRONZE_BY_SOURCE.get(source);
  }

  /** Looks a table up by qualified name ({@code silver.fact_offer}) or bare name. */
  public static Optional<TableDef> byName(String name) {
    return ALL.stream().filter(t -> t.qualifiedName().equals(name) || t.name().equals(name)).findFirst();
  }

  /** A column carrying its meaning as metadata; the same text becomes the catalog column comment. */
  public static StructField column(String name, DataType type, boolean nullable, String comment) {
    Metadata md = new MetadataBuilder().putString(LandingSource.COMMENT, comment).build();
    return new StructField(name, type, nullable, md);
  }

  private static TableDef bronze(LandingSource source, String name) {
    TableDef t = declare(Layer.BRONZE, name,
        "Every record delivered to landing/" + source.path() + ", as delivered, with ingest lineage. " + source.description(),
        "one delivered record", List.of("_ingest_date", "_source_file", "_line_number"), List.of("_ingest_date"));
    BRONZE_BY_SOURCE.put(source, t);
    return t;
  }

  private static TableDef declare(Layer layer, String name, String description, String grain, List<String> key,
      List<String> partitionBy) {
    return declare(layer, name, description, grain, key, partitionBy, null);
  }

  private static TableDef declare(Layer layer, String name, String description, String grain, List<String> key,
      List<String> partitionBy, StructType schema) {
    TableDef t = new TableDef(layer, name, description, grain, key, partitionBy, schema);
    ALL.add(t);
    return t;
  }
}
