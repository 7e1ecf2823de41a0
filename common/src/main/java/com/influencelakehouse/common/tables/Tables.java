package com.influencelakehouse.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;
import static org.apache.spark.sql.types.DataTypes.TimestampType;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
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
 * partitioning, schema, constraints). Jobs, tests, notebooks and docs refer to these constants;
 * paths come from {@code WarehouseSettings#pathOf(TableDef)}, never from string literals elsewhere.
 */
public final class Tables {
  private static final List<TableDef> ALL = new ArrayList<>();
  private static final Map<LandingSource, TableDef> BRONZE_BY_SOURCE = new EnumMap<>(LandingSource.class);

  /** Lineage columns every bronze row carries. */
  public static final String INGEST_DATE = "_ingest_date";
  public static final String SOURCE_FILE = "_source_file";
  public static final String LINE_NUMBER = "_line_number";
  public static final String INGESTED_AT = "_ingested_at";
  public static final String RESCUED = "_rescued";
  /** Bronze lineage: the format the file arrived in, canonical or the adapter that mapped it. */
  public static final String SOURCE_FORMAT = "_source_format";
  /** Bronze lineage: the record as the exporter delivered it, when an adapter mapped it. */
  public static final String RAW_PAYLOAD = "_raw_payload";

  private static final String TIERS = "('nano', 'micro', 'mid', 'macro', 'mega')";

  // ---- bronze: one table per landing source, every contract-valid record kept ---------------------

  public static final TableDef BRONZE_INFLUENCERS = bronze(LandingSource.INFLUENCERS, "influencers");
  public static final TableDef BRONZE_POSTS = bronze(LandingSource.POSTS, "posts");
  public static final TableDef BRONZE_POST_INSIGHTS = bronze(LandingSource.POST_INSIGHTS, "post_insights");
  public static final TableDef BRONZE_CAMPAIGNS = bronze(LandingSource.CAMPAIGNS, "campaigns");
  public static final TableDef BRONZE_BRIEFS = bronze(LandingSource.BRIEFS, "briefs");
  public static final TableDef BRONZE_OFFERS = bronze(LandingSource.OFFERS, "offers");
  public static final TableDef BRONZE_OFFER_RESPONSES = bronze(LandingSource.OFFER_RESPONSES, "offer_responses");
  public static final TableDef BRONZE_CLICKS = bronze(LandingSource.CLICKS, "clicks");
  public static final TableDef BRONZE_ORDERS = bronze(LandingSource.ORDERS, "orders");
  public static final TableDef BRONZE_ERASURE_REQUESTS = bronze(LandingSource.ERASURE_REQUESTS, "erasure_requests");
  public static final TableDef BRONZE_FX_RATES = bronze(LandingSource.FX_RATES, "fx_rates");

  public static final TableDef QUARANTINE = table(Layer.BRONZE, "quarantine")
      .about("Records that could not be parsed or broke their contract (bronze stage) or referred to something "
          + "unknown (silver stage), with the raw text and a machine-readable reason.")
      .grain("one rejected record").key("source", "stage", SOURCE_FILE, LINE_NUMBER).partitionBy(INGEST_DATE)
      .shared()
      .columns(
          col("source", StringType, false, "Landing source, e.g. social/posts."),
          col("stage", StringType, false, "bronze (contract) or silver (references)."),
          col(INGEST_DATE, DateType, false, "Export date (dt=) of the file."),
          col(SOURCE_FILE, StringType, false, "File the record came from."),
          col(LINE_NUMBER, LongType, false, "Line in that file (1 = first line; CSV headers are line 1)."),
          col("raw", StringType, true, "The record as delivered."),
          col("reason", StringType, false, "Why: malformed_record, missing_required_field, wrong_type, unknown_enum, "
              + "non_finite_value, negative_value, unparseable_timestamp, future_timestamp, corrupt_file, "
              + "wrong_file_format, unknown_influencer, ..."),
          col("reason_detail", StringType, true, "The field concerned, or the error."),
          col(INGESTED_AT, TimestampType, false, "When the record was processed."))
      .check("known_stage", "stage IN ('bronze', 'silver')")
      .build();

  // ---- silver: conformed, deduplicated, typed, consented, pseudonymised --------------------------

  public static final TableDef DIM_INFLUENCER = table(Layer.SILVER, "dim_influencer")
      .about("Influencers as a slowly changing dimension (type 2): a change of category, country, follower tier, "
          + "consent or contact opens a new version.")
      .grain("one version of one influencer").key("influencer_key", "valid_from")
      .columns(
          subject(col("influencer_key", StringType, false,
              "Pseudonymised influencer id (keyed HMAC-SHA-256)."), "influencer"),
          col("handle", StringType, true, "Public handle, or its pseudonym when lakehouse.privacy.pseudonymise-handle."),
          col("email_key", StringType, true, "Pseudonymised contact e-mail; the address itself never leaves bronze."),
          col("platform", StringType, false, "instagram, tiktok or youtube."),
          col("country", StringType, false, "ISO 3166-1 alpha-2."),
          col("language", StringType, false, "Caption language, ISO 639-1."),
          col("category", StringType, false, "Content category."),
          col("follower_tier", StringType, false, "nano <10k, micro <100k, mid <500k, macro <1M, mega >=1M followers."),
          col("analytics_consent", BooleanType, false, "May the influencer's data feed analytics and models."),
          col("content_reuse_consent", BooleanType, false, "May the influencer's posts be reused."),
          col("consent_updated_at", TimestampType, true, "When consent last changed (UTC)."),
          col("valid_from", TimestampType, false, "First snapshot with these attributes (UTC)."),
          col("valid_to", TimestampType, true, "When the next version began (UTC); null for the current version."),
          col("is_current", BooleanType, false, "Whether this is the influencer's current version."),
          col("version", IntegerType, false, "1 for the first version, then 2, 3 ..."))
      .check("known_tier", "follower_tier IN " + TIERS)
      .check("known_platform", "platform IN ('instagram', 'tiktok', 'youtube')")
      .check("valid_interval", "valid_to IS NULL OR valid_to > valid_from")
      .check("current_is_open", "is_current = (valid_to IS NULL)")
      .build();
  public static final TableDef FACT_INFLUENCER_DAILY = table(Layer.SILVER, "fact_influencer_daily")
      .about("Daily audience counts per influencer (followers, following, media): kept out of the dimension so "
          + "they do not churn versions.")
      .grain("one influencer on one day").key("influencer_key", "snapshot_date").partitionBy("snapshot_date")
      .columns(
          subject(col("influencer_key", StringType, false,
              "Pseudonymised influencer id."), "influencer"),
          col("snapshot_date", DateType, false, "UTC date of the snapshot."),
          col("snapshot_at", TimestampType, false, "Snapshot time (UTC); the latest of the day is kept."),
          col("followers_count", LongType, false, "Followers."),
          col("following_count", LongType, false, "Accounts followed."),
          col("media_count", LongType, false, "Posts published so far."))
      .check("non_negative_counts", "followers_count >= 0 AND following_count >= 0 AND media_count >= 0")
      .build();
  public static final TableDef DIM_CAMPAIGN = table(Layer.SILVER, "dim_campaign")
      .about("Campaigns, latest version, budget also in the base currency.")
      .grain("one campaign").key("campaign_id")
      .columns(
          col("campaign_id", StringType, false, "Campaign id."),
          col("brand_id", StringType, false, "Brand id."),
          col("brand_category", StringType, false, "Product category of the brand."),
          col("objective", StringType, false, "awareness, traffic or conversions."),
          col("start_date", DateType, false, "First day of the campaign."),
          col("end_date", DateType, false, "Last day of the campaign."),
          col("budget", DoubleType, false, "Budget in the campaign currency."),
          col("currency", StringType, false, "ISO 4217 currency of the budget."),
          col("budget_base", DoubleType, false, "Budget in the base currency, at the rate of the version's date."),
          col("updated_at", TimestampType, false, "Time of the version kept (UTC)."))
      .check("known_objective", "objective IN ('awareness', 'traffic', 'conversions')")
      .check("non_negative_budget", "budget >= 0 AND budget_base >= 0")
      .check("dates_in_order", "end_date >= start_date")
      .build();
  // Nullable inside: Delta refuses NOT NULL nested within arrays (conform_briefs never writes a null there).
  private static final DataType GROUP_SHARES = DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
      col("group", StringType, true, "Fairness group (lakehouse.objectives.fairness.groups)."),
      col("value", StringType, true, "The group's value, e.g. nano for follower_tier."),
      col("share", DoubleType, true, "Least share of the planned offers that goes to the group.")}), true);
  public static final TableDef DIM_CAMPAIGN_BRIEF = table(Layer.SILVER, "dim_campaign_brief")
      .about("Campaign briefs, latest version: what the planner maximises (objective), the budget also in the base "
          + "currency, the dates, and the constraints as stated (null list: no restriction).")
      .grain("one campaign brief").key("campaign_id")
      .columns(
          col("campaign_id", StringType, false, "Campaign id."),
          col("brand_id", StringType, false, "Brand id."),
          col("brand_category", StringType, false, "Product category of the brand."),
          col("objective", StringType, false, "orders, revenue, posts or reach."),
          col("budget", DoubleType, false, "Incentive budget in the brief currency."),
          col("currency", StringType, false, "ISO 4217 currency of the budget."),
          col("budget_base", DoubleType, false, "Budget in the base currency, at the rate of the version's date."),
          col("start_date", DateType, false, "First day offers may be sent."),
          col("end_date", DateType, false, "Last day of the campaign."),
          col("max_offers", IntegerType, true, "Most offers; null: no limit."),
          col("allowed_tiers", DataTypes.createArrayType(StringType, true), true, "Tiers allowed; null: all."),
          col("allowed_platforms", DataTypes.createArrayType(StringType, true), true, "Platforms allowed; null: all."),
          col("allowed_countries", DataTypes.createArrayType(StringType, true), true, "Countries allowed; null: all."),
          col("min_group_shares", GROUP_SHARES, true, "Fairness floors; null: none."),
          col("updated_at", TimestampType, false, "Time of the version kept (UTC)."))
      .check("known_objective", "objective IN ('orders', 'revenue', 'posts', 'reach')")
      .check("positive_budget", "budget > 0 AND budget_base > 0")
      .check("dates_in_order", "end_date >= start_date")
      .check("positive_max_offers", "max_offers IS NULL OR max_offers > 0")
      .build();
  public static final TableDef FACT_POST = table(Layer.SILVER, "fact_post")
      .about("Published posts with hashtags, content labels, sponsorship and content-reuse consent.")
      .grain("one post").key("post_id").partitionBy("post_date")
      .columns(
          col("post_id", StringType, false, "Post (media) id."),
          subject(col("influencer_key", StringType, false,
              "Pseudonymised author."), "influencer"),
          col("posted_at", TimestampType, false, "Publication time (UTC)."),
          col("post_date", DateType, false, "UTC date of publication."),
          col("utc_offset_minutes", IntegerType, false, "The author's UTC offset when posting, from the timestamp."),
          col("posted_local_weekday", IntegerType, false, "Weekday in the author's local time (1 = Monday)."),
          col("posted_local_hour", IntegerType, false, "Hour of day in the author's local time."),
          col("media_type", StringType, false, "IMAGE, VIDEO, CAROUSEL_ALBUM or REELS."),
          col("caption", StringType, true, "Caption as published."),
          col("hashtags", DataTypes.createArrayType(StringType, true), false,
              "Hashtags of the caption, lower-cased, without '#' (Unicode letters and digits)."),
          col("mention_count", IntegerType, false, "Number of @mentions in the caption."),
          col("content_labels", DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
              col("label", StringType, true, "Vision-API label."),
              col("confidence", DoubleType, true, "Label confidence.")})), true,
              "All content labels with their confidence, as delivered."),
          col("labels", DataTypes.createArrayType(StringType, true), false,
              "Content labels with confidence >= 0.5 (the ones treated as present)."),
          col("offer_id", StringType, true, "The offer the post fulfils; null for organic posts."),
          col("is_sponsored", BooleanType, false, "Whether the post fulfils an offer."),
          col("content_reuse_consent", BooleanType, false,
              "The author's content-reuse consent in force when the post was published."),
          col("permalink", StringType, true, "Public URL."),
          col(SOURCE_FILE, StringType, false, "Lineage: the landing file the record came from."),
          col(LINE_NUMBER, LongType, false, "Lineage: its line in that file."))
      .check("known_media_type", "media_type IN ('IMAGE', 'VIDEO', 'CAROUSEL_ALBUM', 'REELS')")
      .check("sponsored_has_offer", "is_sponsored = (offer_id IS NOT NULL)")
      .check("local_time_in_range", "posted_local_weekday BETWEEN 1 AND 7 AND posted_local_hour BETWEEN 0 AND 23")
      .build();
  public static final TableDef FACT_POST_INSIGHTS_DAILY = table(Layer.SILVER, "fact_post_insights_daily")
      .about("Latest cumulative engagement snapshot per post and day; counts never decrease over a post's life.")
      .grain("one post on one capture day").key("post_id", "capture_date").partitionBy("capture_date")
      .columns(
          col("post_id", StringType, false, "Post id."),
          subject(col("influencer_key", StringType, false,
              "Pseudonymised author."), "influencer"),
          col("capture_date", DateType, false, "UTC date of the capture."),
          col("captured_at", TimestampType, false, "Capture time (UTC) of the latest snapshot of the day."),
          col("hours_since_post", DoubleType, false, "Hours from publication to capture."),
          col("like_count", LongType, false, "Cumulative likes."),
          col("comments_count", LongType, false, "Cumulative comments."),
          col("impressions", LongType, false, "Cumulative impressions."),
          col("reach", LongType, false, "Cumulative unique accounts reached."),
          col("saved", LongType, false, "Cumulative saves."),
          col("shares", LongType, false, "Cumulative shares."),
          col("video_views", LongType, true, "Cumulative video views; null for images."),
          col("engagements", LongType, false, "likes + comments + saves + shares."))
      .check("non_negative_counts", "like_count >= 0 AND comments_count >= 0 AND impressions >= 0 AND reach >= 0 "
          + "AND saved >= 0 AND shares >= 0 AND (video_views IS NULL OR video_views >= 0)")
      .check("engagements_add_up", "engagements = like_count + comments_count + saved + shares")
      .build();
  public static final TableDef FACT_OFFER = table(Layer.SILVER, "fact_offer")
      .about("Offers with their latest response, whether and when they were posted, incentive in the base currency.")
      .grain("one offer").key("offer_id").partitionBy("sent_date")
      .columns(
          col("offer_id", StringType, false, "Offer id."),
          col("campaign_id", StringType, false, "Campaign id."),
          subject(col("influencer_key", StringType, false,
              "Pseudonymised influencer the offer was sent to."), "influencer"),
          col("sent_at", TimestampType, false, "Send time (UTC)."),
          col("sent_date", DateType, false, "UTC date of sending."),
          col("incentive_type", StringType, false, "cash, product or commission."),
          col("incentive_amount", DoubleType, false, "As offered: amount in the offer currency, or percent for commission."),
          col("currency", StringType, false, "ISO 4217 currency of the offer."),
          col("incentive_amount_base", DoubleType, true,
              "Cash or product value in the base currency at the send date; null for commission."),
          col("commission_rate_pct", DoubleType, true, "Commission in percent of attributed revenue; null otherwise."),
          col("deliverable", StringType, false, "post, story, reel or video."),
          col("deadline_days", IntegerType, false, "Days allowed to post."),
          col("deadline_at", TimestampType, false, "sent_at + deadline_days (UTC)."),
          col("promo_code", StringType, true, "Promo code issued with the offer."),
          col("status", StringType, true, "Latest response: accepted, declined or expired; null before any response."),
          col("responded_at", TimestampType, true, "Time of the latest response (UTC)."),
          col("accepted_at", TimestampType, true, "First acceptance (UTC)."),
          col("post_id", StringType, true, "The post that fulfilled the offer (the first, if several)."),
          col("posted_at", TimestampType, true, "Publication time of that post (UTC)."),
          col("posted", BooleanType, false, "Whether a post fulfilling the offer was published."),
          col("posted_within_deadline", BooleanType, false, "Whether it was published by deadline_at."),
          col("hours_to_post", DoubleType, true, "Hours from sending to publication."),
          col(SOURCE_FILE, StringType, false, "Lineage: the landing file the offer came from."),
          col(LINE_NUMBER, LongType, false, "Lineage: its line in that file."))
      .check("known_incentive_type", "incentive_type IN ('cash', 'product', 'commission')")
      .check("known_deliverable", "deliverable IN ('post', 'story', 'reel', 'video')")
      .check("known_status", "status IS NULL OR status IN ('accepted', 'declined', 'expired')")
      .check("positive_incentive", "incentive_amount > 0 AND deadline_days > 0")
      .check("base_amount_unless_commission",
          "(incentive_type = 'commission') = (incentive_amount_base IS NULL AND commission_rate_pct IS NOT NULL)")
      .check("posted_consistent", "posted = (posted_at IS NOT NULL) AND (NOT posted_within_deadline OR posted)")
      .check("non_negative_hours_to_post", "hours_to_post IS NULL OR hours_to_post >= 0")
      .build();
  public static final TableDef FACT_CLICK = table(Layer.SILVER, "fact_click")
      .about("Tracking-link clicks resolved to offer, influencer and post.")
      .grain("one click").key("click_id").partitionBy("click_date")
      .columns(
          col("click_id", StringType, false, "Click id."),
          col("click_at", TimestampType, false, "Click time (UTC)."),
          col("click_date", DateType, false, "UTC date of the click."),
          col("offer_id", StringType, false, "Offer of the tracking link."),
          subject(col("influencer_key", StringType, false,
              "Pseudonymised influencer of the tracking link."), "influencer"),
          col("post_id", StringType, true, "Post of the tracking link."),
          subject(col("visitor_key", StringType, false,
              "Pseudonymised visitor."), "visitor"),
          col("device", StringType, true, "mobile, desktop or tablet."),
          col("country", StringType, true, "Visitor country."),
          col(SOURCE_FILE, StringType, false, "Lineage: the landing file the record came from."),
          col(LINE_NUMBER, LongType, false, "Lineage: its line in that file."))
      .build();
  public static final TableDef FACT_ORDER = table(Layer.SILVER, "fact_order")
      .about("Orders, each counted once, revenue in the base currency, attributed: the click it came from, else "
          + "the offer of its promo code, else organic.")
      .grain("one order").key("order_id").partitionBy("order_date")
      .columns(
          col("order_id", StringType, false, "Order id."),
          col("order_at", TimestampType, false, "Order time (UTC)."),
          col("order_date", DateType, false, "UTC date of the order."),
          subject(col("visitor_key", StringType, false,
              "Pseudonymised visitor."), "visitor"),
          col("revenue", DoubleType, false, "Revenue in the order currency."),
          col("currency", StringType, false, "ISO 4217."),
          col("revenue_base", DoubleType, false, "Revenue in the base currency at the order date."),
          col("items", IntegerType, false, "Items ordered."),
          col("promo_code", StringType, true, "Promo code used."),
          col("click_id", StringType, true, "Last-touch click reported by the shop."),
          col("attribution", StringType, false, "click, promo_code or organic."),
          col("offer_id", StringType, true, "Attributed offer; null for organic orders."),
          col("campaign_id", StringType, true, "Campaign of the attributed offer."),
          col("influencer_key", StringType, true, "Attributed influencer (pseudonymised)."),
          col("post_id", StringType, true, "Attributed post, when known."),
          col(SOURCE_FILE, StringType, false, "Lineage: the landing file the record came from."),
          col(LINE_NUMBER, LongType, false, "Lineage: its line in that file."))
      .check("known_attribution", "attribution IN ('click', 'promo_code', 'organic')")
      .check("attributed_has_offer", "(attribution = 'organic') = (offer_id IS NULL)")
      .check("non_negative_revenue", "revenue >= 0 AND revenue_base >= 0 AND items > 0")
      .build();
  public static final TableDef FX_RATE_DAILY = table(Layer.SILVER, "fx_rate_daily")
      .about("Exchange rate to the base currency per currency and day.")
      .grain("one currency on one day").key("currency", "rate_date")
      .columns(
          col("currency", StringType, false, "ISO 4217."),
          col("rate_date", DateType, false, "Date the rate applies to."),
          col("rate_to_base", DoubleType, false, "Units of base currency per unit of currency."))
      .check("positive_rate", "rate_to_base > 0")
      .build();

  // ---- gold: features, training sets, scores --------------------------------------------------

  /** The features of one influencer as of the end of one day; shared by the feature table and training sets. */
  private static final StructField[] INFLUENCER_FEATURES = {
      col("platform", StringType, false, "Platform of the account (as of the feature date)."),
      col("country", StringType, false, "Country, ISO 3166-1 alpha-2."),
      col("language", StringType, false, "Caption language, ISO 639-1."),
      col("category", StringType, false, "Content category."),
      col("follower_tier", StringType, false, "nano, micro, mid, macro or mega."),
      // audience
      col("followers", LongType, true, "Followers at the latest snapshot on or before the feature date."),
      col("following_follower_ratio", DoubleType, true, "Accounts followed per follower."),
      col("follower_growth_7d", DoubleType, true, "ln(followers / followers 7 days earlier)."),
      col("follower_growth_28d", DoubleType, true, "ln(followers / followers 28 days earlier)."),
      // engagement (posts whose engagement age was reached in the recent window)
      col("engaged_posts_recent", LongType, false,
          "Posts whose engagement age (lakehouse.features.engagement-age-hours) fell in the recent window."),
      col("engagements_per_post", DoubleType, true,
          "Mean engagements (likes + comments + saves + shares) per post at the engagement age, recent window."),
      col("engagement_rate_reach", DoubleType, true, "Engagements / reach of those posts (pooled)."),
      col("engagement_rate_followers", DoubleType, true, "Mean engagements per post / followers."),
      col("comments_per_like", DoubleType, true, "Comments / likes of those posts (pooled), over posts with known comments: a post with 0 comments and "
          + ">= 100 likes counts as comments disabled (unknown) and is left out; null when none is known."),
      col("reach_per_follower", DoubleType, true, "Mean reach per post / followers."),
      col("engagement_trend", DoubleType, true,
          "ln(mean engagements per post in the recent window / in the window before it)."),
      // activity
      col("posts_recent", LongType, false, "Posts published in the recent window."),
      col("posts_per_week", DoubleType, false, "Posting cadence: posts per week in the recent window."),
      col("sponsored_share", DoubleType, true, "Share of the recent window's posts that fulfil an offer."),
      col("days_since_last_post", IntegerType, true, "Days from the last post (history window) to the feature date."),
      col("preferred_post_weekday", IntegerType, true,
          "Most frequent local weekday of organic posts in the history window (1 = Monday)."),
      col("preferred_weekday_share", DoubleType, true, "Share of those posts published on that weekday."),
      col("preferred_post_hour", IntegerType, true, "Circular mean of the local hours of those posts, rounded."),
      col("weekday_mix", DataTypes.createArrayType(DoubleType, true), true,
          "Share of those posts on each local weekday, Monday first (7 values)."),
      col("hour_mix", DataTypes.createArrayType(DoubleType, true), true,
          "Share of those posts at each local hour 0..23 (24 values)."),
      col("utc_offset_minutes", IntegerType, true, "The influencer's UTC offset at their latest post."),
      // offer history (history window, outcomes as known at the end of the feature date)
      col("offers_received", LongType, false, "Offers sent in the history window."),
      col("offers_resolved", LongType, false, "Of those, offers whose outcome was known: posted, declined or past the deadline."),
      col("acceptance_rate", DoubleType, true, "Accepted / resolved offers."),
      col("posted_rate", DoubleType, true, "Posted within the deadline / resolved offers."),
      col("posted_rate_smoothed", DoubleType, false,
          "Posted rate shrunk towards the market's rate by 3 pseudo-offers (defined for newcomers too)."),
      col("median_hours_to_post", DoubleType, true, "Median hours from sending to posting of posted offers."),
      col("relative_incentive_posted", DoubleType, true,
          "Geometric mean incentive / tier norm of offers posted (cash and product)."),
      col("relative_incentive_not_posted", DoubleType, true,
          "Geometric mean incentive / tier norm of resolved offers not posted (cash and product)."),
      col("offers_cash", LongType, false, "Resolved cash offers."),
      col("posted_rate_cash", DoubleType, false, "Posted rate of cash offers, smoothed."),
      col("offers_product", LongType, false, "Resolved product offers."),
      col("posted_rate_product", DoubleType, false, "Posted rate of product offers, smoothed."),
      col("offers_commission", LongType, false, "Resolved commission offers."),
      col("posted_rate_commission", DoubleType, false, "Posted rate of commission offers, smoothed."),
      col("posting_responsiveness", DoubleType, false,
          "Willingness to post beyond what the offers received predict: (posted - expected) summed over resolved "
              + "offers / (information + 1), log-odds scale; expected = the market's posted rate for the same "
              + "incentive type, deliverable and incentive level. 0 without history."),
      col("posting_responsiveness_cash", DoubleType, false, "posting_responsiveness over cash offers only."),
      col("posting_responsiveness_product", DoubleType, false, "posting_responsiveness over product offers only."),
      col("posting_responsiveness_commission", DoubleType, false,
          "posting_responsiveness over commission offers only."),
      // commerce (recent window)
      col("sponsored_posts_recent", LongType, false, "Sponsored posts published in the recent window."),
      col("clicks_recent", LongType, false, "Tracking-link clicks in the recent window."),
      col("orders_recent", LongType, false, "Attributed orders in the recent window."),
      col("revenue_recent", DoubleType, false, "Attributed revenue in the recent window, base currency."),
      col("clicks_per_sponsored_post", DoubleType, true, "Clicks / sponsored posts, recent window."),
      col("orders_per_sponsored_post", DoubleType, true, "Attributed orders / sponsored posts, recent window."),
      col("revenue_per_sponsored_post", DoubleType, true, "Attributed revenue / sponsored posts, recent window."),
      col("conversion_rate", DoubleType, true, "Click-attributed orders / clicks, recent window."),
      // content (history window)
      col("content_mix", DataTypes.createMapType(StringType, DoubleType, true), true,
          "Share of posts carrying each content label, history window."),
      col("top_hashtags", DataTypes.createArrayType(StringType, true), true,
          "The three most used hashtags used in at least 2 posts of the history window (ties: the most recently "
          + "used); null when none is."),
      col("hashtags_per_post", DoubleType, true, "Mean hashtags per post, history window."),
      col("caption_words_per_post", DoubleType, true, "Mean caption words (English or Korean, emoji excluded) per post."),
      // influence trend
      col("influence_trend", StringType, false, "rising, stable or declining (see docs/features.md)."),
      col("trend_strength", DoubleType, false,
          "How far the trend signal is past its threshold (1 = at the threshold); 0 when stable."),
      col("trend_started_on", DateType, true, "Estimated first day of the trend (change point); null when stable."),
      col("follower_growth_median_pct", DoubleType, true,
          "Median daily follower growth in percent over the recent window, bought-follower spikes left out."),
      // authenticity
      col("authenticity_score", DoubleType, false, "1 = no suspicious pattern; below the threshold = flagged."),
      col("authenticity_flags", DataTypes.createArrayType(StringType, true), false,
          "follower_spike, like_burst, few_comments_per_like: the patterns found."),
      col("max_follower_jump", DoubleType, true, "Largest one-day follower growth in the history window (ratio - 1)."),
      col("early_like_excess", DoubleType, true,
          "Median over the history window's posts of the share of likes already there at the first capture minus "
          + "the market's median share at the same age (0 = usual; bought likes arrive early)."),
      col("comments_per_like_vs_tier", DoubleType, true, "comments_per_like / the tier's median.")};

  public static final TableDef FEATURES_INFLUENCER_DAILY = table(Layer.GOLD, "features_influencer_daily")
      .about("Point-in-time correct features per influencer and day: each uses only data observable by the end of "
          + "that day (UTC). Influencers without analytics consent are left out.")
      .grain("one influencer on one day").key("influencer_key", "feature_date").partitionBy("feature_date")
      .clusterBy("follower_tier", "category")
      .columns(concat(new StructField[] {
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer id."), "influencer"),
          col("feature_date", DateType, false, "The features describe the influencer as of the end of this day.")},
          INFLUENCER_FEATURES))
      .check("known_trend", "influence_trend IN ('rising', 'stable', 'declining')")
      .check("authenticity_in_range", "authenticity_score >= 0 AND authenticity_score <= 1")
      .build();
  public static final TableDef INCENTIVE_NORMS = table(Layer.GOLD, "incentive_norms")
      .about("The market's norm per follower tier and incentive type: the median incentive of offers sent in the "
          + "history window. Incentives are compared to it (relative incentive).")
      .grain("one tier and incentive type as of one day").key("follower_tier", "incentive_type", "as_of_date")
      .partitionBy("as_of_date")
      .columns(
          col("as_of_date", DateType, false, "Norm as of the end of this day."),
          col("follower_tier", StringType, false, "Follower tier of the influencer when the offer was sent."),
          col("incentive_type", StringType, false, "cash, product or commission."),
          col("norm_amount", DoubleType, false,
              "Median incentive: base currency for cash and product, percent for commission."),
          col("offers", LongType, false, "Offers the median is taken over."))
      .check("positive_norm", "norm_amount > 0")
      .build();
  public static final TableDef CONTENT_LABEL_LIFT = table(Layer.GOLD, "content_label_lift")
      .about("Estimated engagement lift per content label: which content attributes draw engagement, compared "
          + "within each influencer's own posts (fixed effects), media type and sponsorship held equal.")
      .grain("one content label as of one day").key("label", "as_of_date").partitionBy("as_of_date")
      .columns(
          col("as_of_date", DateType, false, "Estimate from posts whose engagement was known by the end of this day."),
          col("label", StringType, false, "Content label (vision API, confidence >= 0.5)."),
          col("lift", DoubleType, false, "Engagement multiplier of a post carrying the label vs one without (1.2 = +20 %)."),
          col("lift_ci_low", DoubleType, false, "95 % confidence interval, lower end."),
          col("lift_ci_high", DoubleType, false, "95 % confidence interval, upper end."),
          col("log_lift", DoubleType, false, "Regression coefficient on ln(engagements)."),
          col("std_error", DoubleType, false, "Its standard error."),
          col("posts", LongType, false, "Posts carrying the label in the estimation window."),
          col("influencers", LongType, false, "Influencers who posted it."),
          col("lift_rank", IntegerType, false, "1 = the largest conservative lift (the 95 % interval end nearest 1) among labels with >= 10 "
          + "influencers posting with and without it; less-supported labels rank after them."),
          col("window_posts", LongType, false, "All posts of the estimation window."))
      .check("positive_lift", "lift > 0")
      .build();
  public static final TableDef TRAINING_POSTING = table(Layer.GOLD, "training_posting")
      .about("One row per labelled offer (deadline passed): the influencer's features as of the end of the day "
          + "before sending, offer attributes, label = posted within the deadline.")
      .grain("one offer").key("offer_id").partitionBy("sent_date")
      .columns(concat(new StructField[] {
          col("offer_id", StringType, false, "Offer id."),
          col("sent_date", DateType, false, "UTC date of sending."),
          col("sent_at", TimestampType, false, "Send time (UTC)."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("feature_date", DateType, false, "Date of the features used: the day before sending."),
          col("campaign_id", StringType, false, "Campaign id."),
          col("campaign_objective", StringType, true, "awareness, traffic or conversions."),
          col("category_match", BooleanType, false, "Brand category equals the influencer's category."),
          col("incentive_type", StringType, false, "cash, product or commission."),
          col("incentive_amount_base", DoubleType, true, "Cash or product value, base currency."),
          col("commission_rate_pct", DoubleType, true, "Commission rate in percent."),
          col("incentive_norm", DoubleType, true, "Norm of the tier and type (gold.incentive_norms) as of feature_date."),
          col("relative_incentive", DoubleType, true, "Incentive / norm."),
          col("log_relative_incentive", DoubleType, true, "ln(relative_incentive)."),
          col("deliverable", StringType, false, "post, story, reel or video."),
          col("deadline_days", IntegerType, false, "Days allowed to post."),
          col("sent_local_weekday", IntegerType, true, "Weekday of sending in the influencer's local time (1 = Monday)."),
          col("sent_local_hour", IntegerType, true, "Hour of sending in the influencer's local time."),
          col("sent_on_preferred_weekday", BooleanType, true, "Sent on the influencer's preferred posting weekday."),
          col("hours_from_preferred_hour", IntegerType, true,
              "Circular distance in hours between the local send hour and the preferred posting hour."),
          col("send_weekday_share", DoubleType, true,
              "Share of the influencer's organic posts made on the local weekday the offer was sent."),
          col("send_hour_share", DoubleType, true,
              "Share of the influencer's organic posts made within an hour of the local send hour."),
          col("posted_within_deadline", BooleanType, false, "Label: a post fulfilling the offer was published by the deadline."),
          col("label", DoubleType, false, "The label as 1.0 / 0.0 for Spark ML."),
          col("hours_to_post", DoubleType, true, "Hours from sending to posting (diagnostic, not a feature).")},
          INFLUENCER_FEATURES))
      .check("label_matches", "label = CASE WHEN posted_within_deadline THEN 1.0 ELSE 0.0 END")
      .check("feature_before_send", "feature_date < sent_date")
      .build();
  public static final TableDef TRAINING_CONVERSION = table(Layer.GOLD, "training_conversion")
      .about("One row per sponsored post at least 7 days old: the influencer's features as of the end of the day "
          + "before posting, post and offer attributes, label = attributed clicks, orders and revenue in 7 days.")
      .grain("one sponsored post").key("post_id").partitionBy("post_date")
      .columns(concat(new StructField[] {
          col("post_id", StringType, false, "Post id."),
          col("post_date", DateType, false, "UTC date of publication."),
          col("posted_at", TimestampType, false, "Publication time (UTC)."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("feature_date", DateType, false, "Date of the features used: the day before posting."),
          col("offer_id", StringType, false, "The offer the post fulfils."),
          col("campaign_id", StringType, false, "Campaign id."),
          col("campaign_objective", StringType, true, "awareness, traffic or conversions."),
          col("category_match", BooleanType, false, "Brand category equals the influencer's category."),
          col("incentive_type", StringType, false, "cash, product or commission."),
          col("relative_incentive", DoubleType, true, "Incentive / tier norm."),
          col("deliverable", StringType, false, "post, story, reel or video."),
          col("media_type", StringType, false, "IMAGE, VIDEO, CAROUSEL_ALBUM or REELS."),
          col("label_count", IntegerType, false, "Content labels on the post (confidence >= 0.5)."),
          col("hashtag_count", IntegerType, false, "Hashtags in the caption."),
          col("posted_local_weekday", IntegerType, false, "Local weekday of publication."),
          col("posted_local_hour", IntegerType, false, "Local hour of publication."),
          col("clicks_7d", LongType, false, "Label: tracking-link clicks on the post in the 7 days after it."),
          col("orders_7d", LongType, false, "Label: orders attributed to the post's offer in those 7 days."),
          col("revenue_7d", DoubleType, false, "Label: their revenue, base currency.")},
          INFLUENCER_FEATURES))
      .check("non_negative_labels", "clicks_7d >= 0 AND orders_7d >= 0 AND revenue_7d >= 0")
      .check("feature_before_post", "feature_date < post_date")
      .build();
  private static final DataType REASONS = DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
      col("reason", StringType, true, "Readable reason."),
      col("input", StringType, true, "The model input it is about."),
      col("contribution", DoubleType, true, "Change in the prediction from a typical value of that input.")}), true);
  private static final DataType INPUT_VERSIONS = DataTypes.createMapType(StringType, LongType, true);

  public static final TableDef INFLUENCER_SCORES = table(Layer.GOLD, "influencer_scores")
      .about("Scores per consented influencer on the score date, from the champion models: posting probability at "
          + "a standard offer, expected engagement, orders and revenue per sponsored post, influence trend, "
          + "authenticity and the top reasons behind the posting probability.")
      .grain("one influencer on one score date").key("influencer_key", "score_date").partitionBy("score_date")
      .clusterBy("follower_tier", "category", "platform")
      .columns(
          col("score_date", DateType, false, "Date scored: features as of the end of that day."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("platform", StringType, false, "instagram, tiktok or youtube."),
          col("country", StringType, false, "Country, ISO 3166-1 alpha-2."),
          col("category", StringType, false, "Content category."),
          col("follower_tier", StringType, false, "nano, micro, mid, macro or mega."),
          col("followers", LongType, true, "Followers at the latest snapshot."),
          col("posting_probability", DoubleType, false,
              "Probability of publishing within the deadline for the standard offer: cash at the tier's norm, a post "
                  + "on Instagram or a video on TikTok and YouTube, 14 days, a brand of the influencer's category, "
                  + "sent at the best send time."),
          col("posting_probability_lower", DoubleType, false,
              "Lower bound of posting_probability at the configured confidence: how sure the product is of this "
                  + "influencer (docs/models.md)."),
          col("posting_probability_upper", DoubleType, false,
              "Upper bound at the same confidence; [lower, upper] holds the true probability 2 x confidence - 1 "
                  + "of the time."),
          col("confidence", DoubleType, false, "lakehouse.objectives.recommendation.confidence when scored."),
          col("standard_incentive_base", DoubleType, true, "The standard offer's cash amount (the tier norm), base currency."),
          col("best_send_weekday", IntegerType, false,
              "Local weekday (1 = Monday) of the send time with the highest posting probability (all 168 hours of the week tried)."),
          col("best_send_hour", IntegerType, false, "Local hour (0-23) of that send time."),
          col("expected_engagements_per_post", DoubleType, true,
              "Mean engagements per post at the engagement age, recent window (features)."),
          col("expected_orders_per_post", DoubleType, false,
              "Expected attributed orders in the 7 days after a standard sponsored post (conversion model)."),
          col("expected_revenue_per_post", DoubleType, false,
              "expected_orders_per_post x the influencer's average order value (the market's when unknown), base currency."),
          col("influence_trend", StringType, false, "rising, stable or declining."),
          col("trend_strength", DoubleType, false, "How far past its threshold the trend signal is (0 when stable)."),
          col("authenticity_score", DoubleType, false, "1 = no suspicious pattern; below the threshold = flagged."),
          col("authenticity_flags", DataTypes.createArrayType(StringType, true), false, "Patterns found."),
          col("authenticity_flagged", BooleanType, false, "Score below lakehouse.features.authenticity-threshold."),
          col("reason_1", StringType, true, "Largest reason behind posting_probability, with its signed contribution."),
          col("reason_2", StringType, true, "Second reason."),
          col("reason_3", StringType, true, "Third reason."),
          col("reasons", REASONS, false, "The top reasons as data (reason, input, contribution)."),
          col("model_version", StringType, false, "Posting model (champion) that scored the row."),
          col("conversion_model_version", StringType, false, "Conversion model (champion) that scored the row."),
          col("input_versions", INPUT_VERSIONS, false, "Delta versions of the tables read, by qualified name."))
      .build();
  public static final TableDef INCENTIVE_RECOMMENDATIONS = table(Layer.GOLD, "incentive_recommendations")
      .about("Recommended incentive per consented influencer and incentive type on the score date, under the "
          + "configured objective, with the expected posting probability, cost, revenue and ROI, and the best "
          + "time to send. Authenticity-flagged influencers are listed, not recommended.")
      .grain("one influencer and incentive type on one score date")
      .key("influencer_key", "incentive_type", "score_date").partitionBy("score_date")
      .clusterBy("incentive_type", "follower_tier", "recommended")
      .columns(
          col("score_date", DateType, false, "Date scored."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("incentive_type", StringType, false, "cash, product or commission."),
          col("follower_tier", StringType, false, "Tier the norm is taken from."),
          col("objective", StringType, false, "target-probability or max-profit (lakehouse.objectives.recommendation.mode)."),
          col("target_posting_probability", DoubleType, false, "The configured target probability."),
          col("gross_margin", DoubleType, false, "The configured gross margin on attributed revenue."),
          col("incentive_norm", DoubleType, true, "The tier's median incentive of this type: base currency, or percent."),
          col("recommended_multiple", DoubleType, true, "Recommended incentive / norm; null when not recommended."),
          col("recommended_amount", DoubleType, true,
              "Recommended incentive: base currency (cash, product) or percent of revenue (commission)."),
          col("expected_posting_probability", DoubleType, true,
              "Monotone posting probability at the recommendation and the best send time."),
          col("posting_probability_lower", DoubleType, true,
              "Lower bound of expected_posting_probability at the configured confidence; in target mode it reaches "
                  + "the target."),
          col("posting_probability_upper", DoubleType, true, "Upper bound at the same confidence."),
          col("confidence", DoubleType, false, "lakehouse.objectives.recommendation.confidence when scored."),
          col("expected_revenue", DoubleType, true, "Posting probability x expected revenue per post."),
          col("expected_cost", DoubleType, true,
              "Expected incentive cost: probability x amount, or x rate x revenue for commission."),
          col("expected_profit", DoubleType, true, "expected_revenue x gross_margin - expected_cost."),
          col("expected_roi", DoubleType, true,
              "expected_profit / the amount committed (cash or product if posted; commission: rate x revenue of a "
                  + "post): ranks offers by value per budget committed."),
          col("best_send_weekday", IntegerType, false, "Local weekday (1 = Monday) to send the offer."),
          col("best_send_hour", IntegerType, false, "Local hour to send the offer."),
          col("influence_trend", StringType, false, "rising, stable or declining."),
          col("trend_adjusted", BooleanType, false,
              "Rising influencer whose recommendation was raised to what a stable one would need (docs/tables.md)."),
          col("recommended", BooleanType, false, "Whether an offer is recommended."),
          col("status", StringType, false,
              "recommended, authenticity_flagged, target_not_reached (no grid level's lower bound reaches the target), "
                  + "not_profitable (max-profit mode) or no_norm."),
          col("model_version", StringType, false, "Posting model (champion)."),
          col("input_versions", INPUT_VERSIONS, false, "Delta versions of the tables read."))
      .build();
  public static final TableDef CONTENT_REUSE_CANDIDATES = table(Layer.GOLD, "content_reuse_candidates")
      .about("Sponsored posts of the history window whose influencer consents to content reuse (at posting and "
          + "still on the score date), ranked by reuse value.")
      .grain("one post on one score date").key("post_id", "score_date").partitionBy("score_date")
      .clusterBy("reuse_rank")
      .columns(
          col("score_date", DateType, false, "Date ranked."),
          col("post_id", StringType, false, "Post id."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("campaign_id", StringType, true, "Campaign of the offer the post fulfils."),
          col("post_date", DateType, false, "UTC date of publication."),
          col("media_type", StringType, false, "IMAGE, VIDEO, CAROUSEL_ALBUM or REELS."),
          col("follower_tier", StringType, false, "Tier of the influencer (score date)."),
          col("category", StringType, false, "Category of the influencer (score date)."),
          col("engagements", LongType, false, "Engagements at the latest capture."),
          col("reach", LongType, false, "Reach at the latest capture."),
          col("attributed_orders", LongType, false, "Orders attributed to the post's offer, to the score date."),
          col("attributed_revenue", DoubleType, false, "Their revenue, base currency."),
          col("engagement_percentile", DoubleType, false, "Percentile of engagement rate (per reach) within tier and category."),
          col("conversion_percentile", DoubleType, false, "Percentile of attributed orders within tier and category."),
          col("age_days", IntegerType, false, "Days from publication to the score date."),
          col("reuse_value", DoubleType, false,
              "(engagement_percentile + conversion_percentile) / 2 x exp(-age_days / 30): recent strong posts first."),
          col("reuse_rank", IntegerType, false, "Rank by reuse value on the score date (1 = best)."),
          col("reason", StringType, false, "Why it ranks where it does, in words."))
      .build();
  public static final TableDef CAMPAIGN_PERFORMANCE = table(Layer.GOLD, "campaign_performance")
      .about("Per campaign and day: offers, posts, spend, reach, engagement, clicks, attributed orders and revenue, "
          + "ROAS, CPA. Spend is booked when owed: cash and product when the post is published, commission per order.")
      .grain("one campaign on one day").key("campaign_id", "activity_date").partitionBy("activity_date")
      .clusterBy("campaign_id")
      .columns(
          col("campaign_id", StringType, false, "Campaign id."),
          col("activity_date", DateType, false, "UTC day of the activity."),
          col("offers_sent", LongType, false, "Offers sent that day."),
          col("offers_accepted", LongType, false, "Offers accepted that day."),
          col("offers_posted", LongType, false, "Sponsored posts published that day."),
          col("influencers_posting", LongType, false, "Distinct influencers who published one that day."),
          col("spend", DoubleType, false, "Incentives owed that day, base currency."),
          col("reach", LongType, false, "Reach gained by the campaign's posts that day (capture to capture)."),
          col("engagements", LongType, false, "Engagements gained that day."),
          col("clicks", LongType, false, "Tracking-link clicks that day."),
          col("attributed_orders", LongType, false, "Orders attributed to the campaign's offers that day."),
          col("attributed_revenue", DoubleType, false, "Their revenue, base currency."),
          col("roas", DoubleType, true, "attributed_revenue / spend; null without spend."),
          col("cpa", DoubleType, true, "spend / attributed_orders; null without orders."))
      .build();
  public static final TableDef CAMPAIGN_PLANS = table(Layer.GOLD, "campaign_plans")
      .about("The planned offers of each brief not yet started, as planned on the plan date: whom to offer which "
          + "incentive and when, with the expected posting probability and its interval, the expected posts, reach, "
          + "orders, revenue and cost, and the marginal objective per cost that earned the offer its place. The "
          + "latest plan date of a campaign is its current plan; earlier ones stay as history.")
      .grain("one planned offer (influencer) of one campaign on one plan date")
      .key("campaign_id", "influencer_key", "plan_date").partitionBy("plan_date")
      .clusterBy("campaign_id")
      .columns(
          col("plan_date", DateType, false, "Date planned (the run's last date); the features and models of that day."),
          col("campaign_id", StringType, false, "Campaign id of the brief."),
          col("objective", StringType, false, "The brief's objective: orders, revenue, posts or reach."),
          col("plan_rank", IntegerType, false, "Order in which the planner took the offer (1 = best value per cost)."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("follower_tier", StringType, false, "Tier."),
          col("platform", StringType, false, "Platform."),
          col("country", StringType, false, "Country."),
          col("category", StringType, false, "Content category."),
          col("incentive_type", StringType, false, "cash, product or commission."),
          col("incentive_multiple", DoubleType, false, "Incentive / the tier norm of the type."),
          col("incentive_amount", DoubleType, false,
              "Incentive to offer: base currency (cash, product) or percent of attributed revenue (commission)."),
          col("send_weekday", IntegerType, false, "Local weekday (1 = Monday) to send the offer."),
          col("send_hour", IntegerType, false, "Local hour to send the offer."),
          col("expected_posting_probability", DoubleType, false, "Monotone posting probability of this offer."),
          col("posting_probability_lower", DoubleType, false, "Its lower bound at the interval confidence."),
          col("posting_probability_upper", DoubleType, false, "Its upper bound."),
          col("interval_confidence", DoubleType, false, "Two-sided confidence of the intervals (e.g. 0.8)."),
          col("expected_posts", DoubleType, false, "= expected_posting_probability (one post per offer)."),
          col("expected_reach", DoubleType, false, "Probability x expected reach of a post."),
          col("expected_orders", DoubleType, false, "Probability x expected orders of a post."),
          col("expected_revenue", DoubleType, false, "Probability x expected revenue of a post, base currency."),
          col("committed_cost", DoubleType, false,
              "Owed if the post is published: the amount (cash, product) or rate x expected revenue (commission)."),
          col("expected_cost", DoubleType, false, "Probability x committed_cost: what the budget is charged."),
          col("expected_objective", DoubleType, false, "The expected posts, reach, orders or revenue the objective names."),
          col("marginal_value_per_cost", DoubleType, true,
              "Objective gained per unit of expected cost by the planner's last step for this influencer."),
          col("reasons", StringType, false, "Why the offer is in the plan, in words."),
          col("model_version", StringType, false, "Posting model (champion)."),
          col("conversion_model_version", StringType, false, "Conversion model (champion)."))
      .check("non_negative_cost", "expected_cost >= 0 AND committed_cost >= 0")
      .build();
  public static final TableDef CAMPAIGN_PLAN_SUMMARY = table(Layer.GOLD, "campaign_plan_summary")
      .about("Per brief and plan date: the plan's expected totals with their intervals, the budget used and the "
          + "probability of exceeding it, the objective and constraints as stated, what each constraint cost in "
          + "objective, how the plan was solved, and the model and input table versions it came from.")
      .grain("one campaign on one plan date").key("campaign_id", "plan_date").partitionBy("plan_date")
      .columns(
          col("plan_date", DateType, false, "Date planned."),
          col("campaign_id", StringType, false, "Campaign id."),
          col("brand_id", StringType, false, "Brand id."),
          col("objective", StringType, false, "orders, revenue, posts or reach."),
          col("start_date", DateType, false, "First day of the campaign."),
          col("end_date", DateType, false, "Last day of the campaign."),
          col("budget_base", DoubleType, false, "The brief's budget, base currency."),
          col("constraints", StringType, false, "The constraints as stated in the brief, in words."),
          col("eligible_influencers", LongType, false,
              "Influencers the plan could offer to: consenting, not authenticity-flagged, priced, allowed."),
          col("planned_offers", LongType, false, "Offers in the plan."),
          col("expected_cost", DoubleType, false, "Sum of expected_cost: never above budget_base."),
          col("cost_upper", DoubleType, false, "Upper bound of the realised cost at the interval confidence."),
          col("probability_over_budget", DoubleType, false,
              "Probability that the realised cost exceeds the budget (normal approximation over the offers)."),
          col("interval_confidence", DoubleType, false, "Two-sided confidence of the intervals."),
          col("expected_posts", DoubleType, false, "Expected posts."),
          col("posts_lower", DoubleType, false, "Lower bound of the posts."),
          col("posts_upper", DoubleType, false, "Upper bound of the posts."),
          col("expected_reach", DoubleType, false, "Expected reach."),
          col("reach_lower", DoubleType, false, "Lower bound."),
          col("reach_upper", DoubleType, false, "Upper bound."),
          col("expected_orders", DoubleType, false, "Expected attributed orders."),
          col("orders_lower", DoubleType, false, "Lower bound."),
          col("orders_upper", DoubleType, false, "Upper bound."),
          col("expected_revenue", DoubleType, false, "Expected attributed revenue, base currency."),
          col("revenue_lower", DoubleType, false, "Lower bound."),
          col("revenue_upper", DoubleType, false, "Upper bound."),
          col("expected_objective", DoubleType, false, "The expected total the objective names."),
          col("constraint_costs", DataTypes.createMapType(StringType, DoubleType, true), false,
              "Objective given up by each binding constraint: the plan without it minus the plan (same budget)."),
          col("unmet_constraints", DataTypes.createArrayType(StringType, true), false,
              "Constraints no plan within the budget can meet (e.g. a fairness floor without enough candidates)."),
          col("solver", StringType, false, "exact (every combination tried) or greedy (concave hull by value per cost)."),
          col("model_version", StringType, true, "Posting model (champion); null when none was available."),
          col("conversion_model_version", StringType, true, "Conversion model (champion)."),
          col("input_versions", INPUT_VERSIONS, false, "Delta versions of the tables read."))
      .check("within_budget", "expected_cost <= budget_base * 1.000001")
      .build();
  public static final TableDef INFLUENCER_ROI = table(Layer.GOLD, "influencer_roi")
      .about("Per influencer and campaign, totals over the history window to the score date: spend, reach, "
          + "clicks, attributed orders and revenue, ROAS, CPA and ROI.")
      .grain("one influencer in one campaign on one score date")
      .key("influencer_key", "campaign_id", "score_date").partitionBy("score_date")
      .clusterBy("campaign_id", "influencer_key")
      .columns(
          col("score_date", DateType, false, "Snapshot date."),
          subject(col("influencer_key", StringType, false, "Pseudonymised influencer."), "influencer"),
          col("campaign_id", StringType, false, "Campaign id."),
          col("first_activity_date", DateType, false, "First day with activity in the window."),
          col("last_activity_date", DateType, false, "Last day with activity."),
          col("offers_sent", LongType, false, "Offers sent."),
          col("offers_posted", LongType, false, "Sponsored posts published."),
          col("spend", DoubleType, false, "Incentives owed, base currency."),
          col("reach", LongType, false, "Reach gained."),
          col("engagements", LongType, false, "Engagements gained."),
          col("clicks", LongType, false, "Clicks."),
          col("attributed_orders", LongType, false, "Attributed orders."),
          col("attributed_revenue", DoubleType, false, "Their revenue, base currency."),
          col("roas", DoubleType, true, "attributed_revenue / spend."),
          col("cpa", DoubleType, true, "spend / attributed_orders."),
          col("gross_margin", DoubleType, false, "Configured gross margin."),
          col("roi", DoubleType, true, "(attributed_revenue x gross_margin - spend) / spend; null without spend."))
      .build();

  // ---- audit ----------------------------------------------------------------------------------

  public static final TableDef RUN_LOG = table(Layer.AUDIT, "run_log")
      .about("One row per job run: dates, status, rows in/out/quarantined, Delta versions written, duration, "
          + "objectives.")
      .grain("one job run").key("run_id", "job").shared()
      .columns(
          col("run_id", StringType, false, "Id shared by all jobs of one CLI invocation."),
          col("job", StringType, false, "Job name (see `lakehouse jobs`)."),
          col("run_date_from", DateType, false, "First run date processed."),
          col("run_date_to", DateType, false, "Last run date processed (equal to run_date_from for a nightly run)."),
          col("status", StringType, false, "SUCCEEDED, FAILED or SKIPPED (inputs, outputs, settings and code "
              + "unchanged since its last success for the same dates: docs/architecture.md)."),
          col("rows_in", LongType, false, "Records read."),
          col("rows_out", LongType, false, "Rows written."),
          col("rows_quarantined", LongType, false, "Records sent to bronze.quarantine."),
          col("table_versions", DataTypes.createMapType(StringType, LongType, false), false,
              "Delta version written per table (qualified name)."),
          col("started_at", TimestampType, false, "Start time (UTC)."),
          col("finished_at", TimestampType, false, "End time (UTC)."),
          col("duration_ms", LongType, false, "Wall time in milliseconds."),
          col("env", StringType, false, "Configuration environment (local, prod ...)."),
          col("objectives", StringType, false, "The business objectives in force, as JSON (lakehouse.objectives)."),
          col("error", StringType, true, "Why the run failed; null when it succeeded."),
          col("inputs_digest", StringType, true, "Digest of what the job read: input table versions, landing files "
              + "(name, size, time), settings, code and key fingerprint; null for failures and older rows."),
          col("output_versions", DataTypes.createMapType(StringType, LongType, false), true,
              "Delta version of every table the job writes, at its end (null for failures and older rows)."))
      .check("known_status", "status IN ('SUCCEEDED', 'FAILED', 'SKIPPED')")
      .build();
  public static final TableDef DQ_RESULTS = table(Layer.AUDIT, "dq_results")
      .about("Reconciliation and data-quality check results per job, source or table, and date.")
      .grain("one check on one table for one date").key("job", "check_name", "table_name", "run_date")
      .partitionBy("run_date").shared()
      .columns(
          col("run_id", StringType, false, "Run that recorded the result."),
          col("job", StringType, false, "Job that ran the check."),
          col("run_date", DateType, false, "Date the check is about (the export date for ingestion checks)."),
          col("check_name", StringType, false, "What was checked, e.g. delivered_records, quarantined:wrong_type."),
          col("table_name", StringType, false, "Landing source or table checked."),
          col("severity", StringType, false, "blocking (fails the run), warning, or info (a count for the record)."),
          col("status", StringType, false, "pass, warn, fail, or info."),
          col("observed", DoubleType, true, "Observed value."),
          col("expected", DoubleType, true, "Expected value or threshold."),
          col("detail", StringType, true, "Explanation."),
          col("checked_at", TimestampType, false, "When the check ran (UTC)."))
      .check("known_severity", "severity IN ('blocking', 'warning', 'info')")
      .check("known_status", "status IN ('pass', 'warn', 'fail', 'info')")
      .build();
  public static final TableDef ERASURE_LOG = table(Layer.AUDIT, "erasure_log")
      .about("Erasure requests carried out: the subject (pseudonymised only), when, and rows removed per table.")
      .grain("one erased subject").key("subject_type", "subject_key")
      .columns(
          col("subject_type", StringType, false, "influencer or visitor."),
          col("subject_key", StringType, false, "Pseudonymised subject id."),
          col("requested_at", TimestampType, false, "When the request was made (UTC)."),
          col("applied_at", TimestampType, false, "When the subject was first removed (UTC)."),
          col("run_id", StringType, false, "Run that applied it."),
          col("rows_deleted", DataTypes.createMapType(StringType, LongType, false), false,
              "Rows of this subject removed per table on first application (a row naming two erased subjects "
                  + "counts for each)."),
          col("handle_keys", DataTypes.createArrayType(StringType, false), true,
              "Pseudonyms of an erased influencer's handles: their @mentions in others' captions are removed."))
      .check("known_subject", "subject_type IN ('influencer', 'visitor')")
      .build();
  public static final TableDef MODEL_REGISTRY = table(Layer.AUDIT, "model_registry")
      .about("Every trained model version: kind, algorithm, training data version and dates, parameters, objective, "
          + "holdout metrics, and whether it became the champion (and why or why not).")
      .grain("one model version").key("model_version").shared()
      .columns(
          col("model_version", StringType, false, "Version id: <kind>-<run date>-<run id>."),
          col("model_kind", StringType, false, "posting (posting likelihood) or conversion (orders per sponsored post)."),
          col("algorithm", StringType, false, "The chosen candidate, e.g. gbt or logistic_regression."),
          col("status", StringType, false, "champion (scores the warehouse), retired (a former champion) or rejected."),
          col("status_reason", StringType, false, "Why: the comparison with the champion and the fairness gate."),
          col("run_id", StringType, false, "Run that trained it."),
          col("run_date", DateType, false, "Run date it was trained on."),
          col("trained_at", TimestampType, false, "When training finished (UTC)."),
          col("training_table", StringType, false, "The training set (qualified name)."),
          col("training_table_version", LongType, false, "Its Delta version read (time travel reproduces the data)."),
          col("train_from", DateType, false, "First event date of the training fold."),
          col("train_to", DateType, false, "Last event date of the training fold."),
          col("validation_to", DateType, false, "Last event date of the validation fold (model choice, calibration)."),
          col("holdout_from", DateType, false, "First event date of the holdout (metrics, champion comparison)."),
          col("holdout_to", DateType, false, "Last event date of the holdout."),
          col("train_rows", LongType, false, "Examples in the training fold."),
          col("validation_rows", LongType, false, "Examples in the validation fold."),
          col("holdout_rows", LongType, false, "Examples in the holdout."),
          col("params", DataTypes.createMapType(StringType, StringType, false), false,
              "The chosen candidate's parameters."),
          col("objective", StringType, false, "The model's declared objective (lakehouse.objectives.models)."),
          col("metrics", DataTypes.createMapType(StringType, DoubleType, false), false,
              "Headline holdout metrics (all of them are in audit.model_metrics)."),
          col("model_path", StringType, false, "Where the fitted pipeline is saved."),
          col("champion_before", StringType, true, "The champion it was compared with; null for the first model."))
      .check("known_kind", "model_kind IN ('posting', 'conversion')")
      .check("known_status", "status IN ('champion', 'retired', 'rejected')")
      .build();
  public static final TableDef MODEL_METRICS = table(Layer.AUDIT, "model_metrics")
      .about("Metrics per model version: holdout quality, baselines, calibration by decile, candidates compared, "
          + "feature importances.")
      .grain("one metric of one model version").key("model_version", "metric", "segment").shared()
      .columns(
          col("model_version", StringType, false, "Model version."),
          col("metric", StringType, false, "e.g. auc, log_loss, ece, reliability_observed, importance, deviance_explained."),
          col("segment", StringType, false,
              "What the value is about: holdout, a baseline, a decile, a candidate or a feature."),
          col("value", DoubleType, true, "The value."),
          col("detail", StringType, true, "Explanation where useful."))
      .build();
  public static final TableDef FAIRNESS_AUDIT = table(Layer.AUDIT, "fairness_audit")
      .about("Fairness audit of the posting model on its holdout, per influencer group, with four-fifths-rule flags.")
      .grain("one group of one attribute for one model version").key("model_version", "attribute", "group_value")
      .shared()
      .columns(
          col("model_version", StringType, false, "Model version."),
          col("attribute", StringType, false, "Grouping attribute (lakehouse.objectives.fairness.groups)."),
          col("group_value", StringType, false, "The group."),
          col("examples", LongType, false, "Holdout offers of the group."),
          col("base_rate", DoubleType, false, "Share of them posted within the deadline."),
          col("mean_prediction", DoubleType, false, "Mean predicted posting probability."),
          col("calibration_gap", DoubleType, false, "mean_prediction - base_rate."),
          col("auc", DoubleType, true, "AUC within the group; null with only one outcome."),
          col("threshold", DoubleType, false, "Recommendation threshold: the target posting probability."),
          col("positive_rate", DoubleType, false, "Share predicted at or above the threshold (selected)."),
          col("true_positive_rate", DoubleType, true, "Share of posters selected; null without posters."),
          col("positive_rate_ratio", DoubleType, true, "positive_rate / the best-served group's."),
          col("tpr_ratio", DoubleType, true, "true_positive_rate / the best-served group's."),
          col("flagged", BooleanType, false, "A ratio is below the four-fifths threshold (groups large enough only)."),
          col("flag_reason", StringType, true, "Which ratio, and its value."))
      .build();
  public static final TableDef MODEL_PREDICTIONS = table(Layer.AUDIT, "model_holdout_predictions")
      .about("Each model version's predictions on its holdout, with the label and the influencer's groups: the "
          + "evidence behind its metrics and fairness audit, for notebooks and reviews.")
      .grain("one holdout example of one model version").key("model_version", "example_id").shared()
      .columns(
          col("model_version", StringType, false, "Model version."),
          col("example_id", StringType, false, "offer_id (posting) or post_id (conversion)."),
          col("event_date", DateType, false, "Send or post date."),
          col("label", DoubleType, false, "Observed outcome: posted (1/0) or orders in 7 days."),
          col("prediction", DoubleType, false, "Predicted posting probability or expected orders."),
          col("follower_tier", StringType, false, "Group of the influencer."),
          col("platform", StringType, false, "Group of the influencer."),
          col("country", StringType, false, "Group of the influencer."),
          col("category", StringType, false, "Group of the influencer."),
          col("language", StringType, false, "Group of the influencer."))
      .build();

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

  /** The table's declared columns of a frame that may carry more (lineage, working columns), in table order. */
  public static org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> project(TableDef table,
      org.apache.spark.sql.Dataset<org.apache.spark.sql.Row> rows) {
    return rows.select(java.util.Arrays.stream(table.schema().fieldNames())
        .map(org.apache.spark.sql.functions::col).toArray(org.apache.spark.sql.Column[]::new));
  }

  /** Column metadata key: the data subject whose rows this column identifies (erasure deletes by it). */
  public static final String SUBJECT = "subject";

  /**
   * Every (table, column) identifying a subject of the given type ({@code influencer}, {@code visitor}):
   * where an erasure deletes.
   */
  public static List<Map.Entry<TableDef, String>> subjectColumns(String subjectType) {
    List<Map.Entry<TableDef, String>> out = new ArrayList<>();
    for (TableDef t : ALL) {
      if (t.schema() == null) {
        continue;
      }
      for (StructField f : t.schema().fields()) {
        if (f.metadata().contains(SUBJECT) && f.metadata().getString(SUBJECT).equals(subjectType)) {
          out.add(Map.entry(t, f.name()));
        }
      }
    }
    return out;
  }

  private static StructField[] concat(StructField[] head, StructField[] tail) {
    StructField[] out = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, out, head.length, tail.length);
    return out;
  }

  /** The feature columns shared by the feature table and the training sets, in table order. */
  public static List<String> influencerFeatureColumns() {
    return java.util.Arrays.stream(INFLUENCER_FEATURES).map(StructField::name).toList();
  }

  private static StructField subject(StructField f, String subjectType) {
    return new StructField(f.name(), f.dataType(), f.nullable(),
        new MetadataBuilder().withMetadata(f.metadata()).putString(SUBJECT, subjectType).build());
  }

  /** A column carrying its meaning as metadata; the same text becomes the catalog column comment. */
  public static StructField column(String name, DataType type, boolean nullable, String comment) {
    Metadata md = new MetadataBuilder().putString(LandingSource.COMMENT, comment).build();
    return new StructField(name, type, nullable, md);
  }

  private static StructField col(String name, DataType type, boolean nullable, String comment) {
    return column(name, type, nullable, comment);
  }

  /** Bronze keeps the contract's fields (required ones not null), what was rescued, and lineage. */
  private static TableDef bronze(LandingSource source, String name) {
    List<StructField> fields = new ArrayList<>();
    for (StructField f : source.contract().fields()) {
      fields.add(new StructField(f.name(), nullableInside(f.dataType()), !source.isRequired(f.name()),
          new MetadataBuilder().putString(LandingSource.COMMENT, f.metadata().getString(LandingSource.COMMENT))
              .build()));
    }
    fields.add(col(RESCUED, DataTypes.createMapType(StringType, StringType, true), true,
        "Fields the contract does not declare, kept as delivered (JSON text for nested values)."));
    fields.add(col(INGEST_DATE, DateType, false, "Export date (dt=) of the file."));
    fields.add(col(SOURCE_FILE, StringType, false, "File the record came from."));
    fields.add(col(LINE_NUMBER, LongType, false, "Line in that file (CSV headers are line 1); for a file an "
        + "adapter mapped, the record's place in the file (1 = first record)."));
    fields.add(col(SOURCE_FORMAT, StringType, false, "Format the file arrived in: canonical, or the exporter format "
        + "whose adapter mapped it (docs/data-contracts.md, Exporter formats)."));
    fields.add(col(RAW_PAYLOAD, StringType, true, "The record as the exporter delivered it, when an adapter mapped "
        + "it (JSON; a CSV export's rows as {\"rows\":[...]}); null for canonical records."));
    fields.add(col(INGESTED_AT, TimestampType, false, "When the record was ingested (UTC)."));
    TableDef t = table(Layer.BRONZE, name)
        .about("Every contract-valid record delivered to landing/" + source.path() + ", typed as declared, with "
            + "ingest lineage. " + source.description())
        .grain("one delivered record").key(INGEST_DATE, SOURCE_FILE, LINE_NUMBER).partitionBy(INGEST_DATE)
        .columns(fields.toArray(StructField[]::new)).build();
    BRONZE_BY_SOURCE.put(source, t);
    return t;
  }

  /** Delta enforces NOT NULL only at the top level: nested fields, array elements and map values stay nullable. */
  private static DataType nullableInside(DataType t) {
    if (t instanceof StructType st) {
      StructField[] fs = new StructField[st.fields().length];
      for (int i = 0; i < fs.length; i++) {
        StructField f = st.fields()[i];
        fs[i] = new StructField(f.name(), nullableInside(f.dataType()), true, f.metadata());
      }
      return new StructType(fs);
    }
    if (t instanceof org.apache.spark.sql.types.ArrayType at) {
      return DataTypes.createArrayType(nullableInside(at.elementType()), true);
    }
    if (t instanceof org.apache.spark.sql.types.MapType mt) {
      return DataTypes.createMapType(mt.keyType(), nullableInside(mt.valueType()), true);
    }
    return t;
  }

  private static Builder table(Layer layer, String name) {
    return new Builder(layer, name);
  }

  /** Declares one table, readably. */
  private static final class Builder {
    private final Layer layer;
    private final String name;
    private String description = "";
    private String grain = "";
    private List<String> key = List.of();
    private List<String> partitionBy = List.of();
    private StructType schema;
    private final Map<String, String> checks = new LinkedHashMap<>();
    private boolean shared;
    private List<String> clusterBy = List.of();

    Builder(Layer layer, String name) {
      this.layer = layer;
      this.name = name;
    }

    Builder about(String d) {
      description = d;
      return this;
    }

    Builder grain(String g) {
      grain = g;
      return this;
    }

    Builder key(String... columns) {
      key = List.of(columns);
      return this;
    }

    Builder partitionBy(String... columns) {
      partitionBy = List.of(columns);
      return this;
    }

    Builder columns(StructField... fields) {
      schema = new StructType(fields);
      return this;
    }

    Builder check(String constraintName, String expression) {
      checks.put(constraintName, expression);
      return this;
    }

    Builder shared() {
      shared = true;
      return this;
    }

    Builder clusterBy(String... columns) {
      clusterBy = List.of(columns);
      return this;
    }

    TableDef build() {
      TableDef t = new TableDef(layer, name, description, grain, key, partitionBy, schema, checks, shared, clusterBy);
      ALL.add(t);
      return t;
    }
  }
}
