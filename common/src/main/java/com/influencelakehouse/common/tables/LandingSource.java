package com.influencelakehouse.common.tables;

import static org.apache.spark.sql.types.DataTypes.BooleanType;
import static org.apache.spark.sql.types.DataTypes.DoubleType;
import static org.apache.spark.sql.types.DataTypes.IntegerType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.MetadataBuilder;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The data contracts of the landing zone: one entry per upstream source, with its folder, file
 * format and the fields each record carries ({@code docs/data-contracts.md} describes them).
 * Files land as {@code <landing>/<path>/dt=YYYY-MM-DD/part-NNNNN.<ext>[.gz]}.
 */
public enum LandingSource {
  INFLUENCERS("social/influencers", Format.JSON_LINES, true,
      "Daily profile snapshot per influencer.",
      personal(field("influencer_id", StringType, true, "Platform account id."), "influencer"),
      field("handle", StringType, true, "Public handle (personal data)."),
      oneOf("platform", true, "Platform of the account.", "instagram", "tiktok", "youtube"),
      field("email", StringType, false, "Contact e-mail (personal data)."),
      country("country", true, "ISO 3166-1 alpha-2."),
      field("language", StringType, true, "ISO 639-1 of the captions."),
      field("category", StringType, true, "Content category."),
      field("followers_count", LongType, true, "Followers at snapshot time; >= 0."),
      field("following_count", LongType, true, "Accounts followed; >= 0."),
      field("media_count", LongType, true, "Posts published so far; >= 0."),
      field("consent", DataTypes.createStructType(new StructField[] {
          field("analytics", BooleanType, true, "May the data be used for analytics and models."),
          field("content_reuse", BooleanType, true, "May the posts be reused in ads, sites, newsletters."),
          timestamp("updated_at", true, "When consent last changed, ISO-8601 with offset.")}),
          true, "Consent flags as given by the influencer."),
      timestamp("snapshot_at", true, "Snapshot time, ISO-8601 with offset.")),

  POSTS("social/posts", Format.JSON_LINES, true,
      "Published posts, shaped like Instagram Graph API media objects.",
      field("id", StringType, true, "Post (media) id."),
      field("owner", DataTypes.createStructType(new StructField[] {
          personal(field("id", StringType, true, "Influencer id of the author."), "influencer")}), true, "Author."),
      timestamp("timestamp", true, "Publication time, ISO-8601 with offset (+0000 or +09:00 forms)."),
      oneOf("media_type", true, "Graph API media type.", "IMAGE", "VIDEO", "CAROUSEL_ALBUM", "REELS"),
      field("caption", StringType, false, "Caption text: Unicode, hashtags, mentions, emoji, English or Korean."),
      field("permalink", StringType, false, "Public URL of the post."),
      field("offer_id", StringType, false, "The offer this post fulfils, if sponsored."),
      field("content_labels", DataTypes.createArrayType(DataTypes.createStructType(new StructField[] {
          field("label", StringType, true, "Label from the upstream vision API."),
          field("confidence", DoubleType, true, "Label confidence in [0, 1].")})), false,
          "Content labels from the upstream vision API.")),

  POST_INSIGHTS("social/post_insights", Format.JSON_LINES, true,
      "Cumulative engagement snapshots per post, captured as engagement accrues.",
      field("post_id", StringType, true, "Post id."),
      timestamp("captured_at", true, "Capture time, ISO-8601 with offset."),
      field("like_count", LongType, true, "Cumulative likes; >= 0."),
      field("comments_count", LongType, true, "Cumulative comments; >= 0."),
      field("impressions", LongType, true, "Cumulative impressions; >= 0."),
      field("reach", LongType, true, "Cumulative unique accounts reached; >= 0."),
      field("saved", LongType, true, "Cumulative saves; >= 0."),
      field("shares", LongType, true, "Cumulative shares; >= 0."),
      field("video_views", LongType, false, "Cumulative video views (video media only); >= 0.")),

  CAMPAIGNS("campaigns/campaigns", Format.CSV, true,
      "Campaign definitions; a changed campaign is delivered again with a later updated_at.",
      field("campaign_id", StringType, true, "Campaign id."),
      field("brand_id", StringType, true, "Brand id."),
      field("brand_category", StringType, true, "Product category of the brand."),
      oneOf("objective", true, "What the campaign is for.", "awareness", "traffic", "conversions"),
      date("start_date", true, "First day, YYYY-MM-DD."),
      date("end_date", true, "Last day, YYYY-MM-DD."),
      field("budget", DoubleType, true, "Budget in the campaign currency; >= 0."),
      field("currency", StringType, true, "ISO 4217."),
      timestamp("updated_at", true, "Version time, ISO-8601 with offset.")),

  BRIEFS("campaigns/briefs", Format.CSV, false,
      "Campaign briefs for the planner: the goal, budget, dates and constraints the marketer states before a "
          + "campaign starts; a changed brief is delivered again with a later updated_at (the latest wins).",
      field("campaign_id", StringType, true, "Campaign id (the campaign the plan is for)."),
      field("brand_id", StringType, true, "Brand id."),
      field("brand_category", StringType, true, "Product category of the brand."),
      oneOf("objective", true, "What the plan maximises: expected orders, revenue, posts or reach.",
          "orders", "revenue", "posts", "reach"),
      field("budget", DoubleType, true, "Incentive budget in the brief currency; > 0."),
      field("currency", StringType, true, "ISO 4217."),
      date("start_date", true, "First day offers may be sent, YYYY-MM-DD."),
      date("end_date", true, "Last day of the campaign, YYYY-MM-DD; >= start_date."),
      field("max_offers", IntegerType, false, "Most offers the campaign may send; > 0; empty: no limit."),
      field("allowed_tiers", StringType, false,
          "Follower tiers offers may go to, separated by | (nano|micro|mid|macro|mega); empty: all."),
      field("allowed_platforms", StringType, false,
          "Platforms offers may go to, separated by | (instagram|tiktok|youtube); empty: all."),
      field("allowed_countries", StringType, false,
          "ISO 3166-1 alpha-2 countries offers may go to, separated by |; empty: all."),
      field("min_group_shares", StringType, false,
          "Fairness floors: group=value:share separated by |, e.g. follower_tier=nano:0.2; group one of "
              + "lakehouse.objectives.fairness.groups, share in (0, 1]: at least that share of the planned offers "
              + "goes to the group."),
      timestamp("updated_at", true, "Version time, ISO-8601 with offset.")),

  OFFERS("campaigns/offers", Format.CSV, true,
      "Offers sent to influencers.",
      field("offer_id", StringType, true, "Offer id."),
      field("campaign_id", StringType, true, "Campaign id."),
      personal(field("influencer_id", StringType, true, "Influencer the offer was sent to."), "influencer"),
      timestamp("sent_at", true, "Send time, ISO-8601 with offset."),
      oneOf("incentive_type", true, "How the influencer is paid.", "cash", "product", "commission"),
      field("incentive_amount", DoubleType, true,
          "cash/product: amount in the offer currency; commission: percent of attributed revenue. > 0."),
      field("currency", StringType, true, "ISO 4217."),
      oneOf("deliverable", true, "What the influencer is asked to publish.", "post", "story", "reel", "video"),
      field("deadline_days", IntegerType, true, "Days after sending by which the post is due; > 0."),
      field("promo_code", StringType, false, "Promo code issued with this offer, for promo-code attribution.")),

  OFFER_RESPONSES("campaigns/offer_responses", Format.CSV, true,
      "Response events per offer; the latest event per offer is its state.",
      field("offer_id", StringType, true, "Offer id."),
      oneOf("status", true, "Response event; expired is set by the platform at the deadline.",
          "accepted", "declined", "expired"),
      timestamp("responded_at", true, "Event time, ISO-8601 with offset."),
      field("post_id", StringType, false, "The post that fulfilled the offer, once posted.")),

  CLICKS("conversions/clicks", Format.CSV, true,
      "Clicks on tracking links.",
      field("click_id", StringType, true, "Click id."),
      timestamp("ts", true, "Click time, ISO-8601 with offset."),
      personal(field("tracking_url", StringType, true,
          "Tracking link: /c/<offer_id>?inf=<influencer_id>&post=<post_id>."), "influencer"),
      personal(field("visitor_id", StringType, true, "Pseudonymous visitor id from the shop (personal data)."),
          "visitor"),
      oneOf("device", false, "Visitor device class.", "mobile", "desktop", "tablet"),
      country("country", false, "Visitor country, ISO 3166-1 alpha-2.")),

  ORDERS("conversions/orders", Format.CSV, true,
      "Order postbacks from brand shops; a postback may be delivered more than once.",
      field("order_id", StringType, true, "Order id."),
      timestamp("ts", true, "Order time, ISO-8601 with offset."),
      personal(field("visitor_id", StringType, true, "Pseudonymous visitor id (personal data)."), "visitor"),
      field("revenue", DoubleType, true, "Order revenue in the order currency; >= 0."),
      field("currency", StringType, true, "ISO 4217."),
      field("promo_code", StringType, false, "Promo code used, if any."),
      field("click_id", StringType, false, "Last-touch click, if any."),
      field("items", IntegerType, true, "Number of items; > 0.")),

  ERASURE_REQUESTS("privacy/erasure_requests", Format.JSON_LINES, false,
      "Right-to-erasure requests.",
      oneOf("subject_type", true, "Whose data is to be erased.", "influencer", "visitor"),
      field("subject_id", StringType, true, "Influencer id or visitor id (bronze stores its pseudonym only)."),
      timestamp("requested_at", true, "Request time, ISO-8601 with offset.")),

  FX_RATES("reference/fx_rates", Format.CSV, true,
      "Daily exchange rates to the base currency.",
      date("date", true, "Rate date, YYYY-MM-DD."),
      field("currency", StringType, true, "ISO 4217."),
      field("rate_to_base", DoubleType, true, "Units of base currency per unit of currency; > 0."));

  /** How a source's files are written. */
  public enum Format {
    JSON_LINES("jsonl"),
    CSV("csv");

    private final String extension;

    Format(String extension) {
      this.extension = extension;
    }

    public String extension() {
      return extension;
    }
  }

  /** Field metadata key: whether the contract requires a non-null value. */
  public static final String REQUIRED = "required";
  /** Field metadata key: the field's meaning (also the column comment). */
  public static final String COMMENT = "comment";
  /** Field metadata key: the values an enumerated field may take. */
  public static final String ALLOWED = "allowed";
  /** Field metadata key: the type of data subject whose id the field holds ({@code influencer}, {@code visitor}). */
  public static final String PERSONAL = "personal";
  /** Field metadata key: how a string field is to be read, {@code timestamp} (ISO-8601 with offset) or {@code date}. */
  public static final String KIND = "kind";
  /** Field metadata key: a standard code list a string field's value must belong to ({@link #COUNTRY_CODE}). */
  public static final String FORMAT = "format";
  /**
   * {@link #FORMAT} value: an ISO 3166-1 alpha-2 country code, two upper-case letters, one of
   * {@link java.util.Locale#getISOCountries()}.
   */
  public static final String COUNTRY_CODE = "iso-3166-1-alpha-2";

  private final String path;
  private final Format format;
  private final boolean required;
  private final String description;
  private final StructType contract;

  LandingSource(String path, Format format, boolean required, String description, StructField... fields) {
    this.path = path;
    this.format = format;
    this.required = required;
    this.description = description;
    this.contract = new StructType(fields);
  }

  /** Folder under the landing root, e.g. {@code social/posts}. */
  public String path() {
    return path;
  }

  public Format format() {
    return format;
  }

  /** A required source must deliver a folder every day; an optional one may be absent. */
  public boolean required() {
    return required;
  }

  public String description() {
    return description;
  }

  /** The fields of one record, in CSV header order, with {@link #REQUIRED} and {@link #COMMENT} metadata. */
  public StructType contract() {
    return contract;
  }

  /** Top-level field names in order (the CSV header). */
  public List<String> fieldNames() {
    return Arrays.asList(contract.fieldNames());
  }

  /** Whether a top-level field must be present and non-null. */
  public boolean isRequired(String fieldName) {
    return contract.apply(fieldName).metadata().getBoolean(REQUIRED);
  }

  /** Allowed values of an enumerated top-level field, or empty when the field is free. */
  public List<String> allowedValues(String fieldName) {
    Metadata md = contract.apply(fieldName).metadata();
    return md.contains(ALLOWED) ? Arrays.asList(md.getStringArray(ALLOWED)) : List.of();
  }

  /** Top-level fields holding a timestamp (ISO-8601 with a UTC offset). */
  public List<String> timestampFields() {
    return fieldsOfKind("timestamp");
  }

  /** Top-level fields holding a calendar date (YYYY-MM-DD). */
  public List<String> dateFields() {
    return fieldsOfKind("date");
  }

  /** Top-level fields holding an ISO 3166-1 alpha-2 country code ({@link #FORMAT} {@link #COUNTRY_CODE}). */
  public List<String> countryFields() {
    return Arrays.stream(contract.fields())
        .filter(f -> f.metadata().contains(FORMAT) && f.metadata().getString(FORMAT).equals(COUNTRY_CODE))
        .map(StructField::name).toList();
  }

  private List<String> fieldsOfKind(String kind) {
    return Arrays.stream(contract.fields())
        .filter(f -> f.metadata().contains(KIND) && f.metadata().getString(KIND).equals(kind))
        .map(StructField::name).toList();
  }

  public static Optional<LandingSource> byPath(String path) {
    return Arrays.stream(values()).filter(s -> s.path.equals(path)).findFirst();
  }

  private static StructField field(String name, DataType type, boolean required, String comment) {
    return field(name, type, new MetadataBuilder().putBoolean(REQUIRED, required).putString(COMMENT, comment));
  }

  private static StructField field(String name, DataType type, MetadataBuilder md) {
    Metadata built = md.build();
    return new StructField(name, type, !built.getBoolean(REQUIRED), built);
  }

  private static StructField personal(StructField f, String subject) {
    return new StructField(f.name(), f.dataType(), f.nullable(),
        new MetadataBuilder().withMetadata(f.metadata()).putString(PERSONAL, subject).build());
  }

  private static StructField timestamp(String name, boolean required, String comment) {
    return field(name, StringType, new MetadataBuilder().putBoolean(REQUIRED, required).putString(COMMENT, comment)
        .putString(KIND, "timestamp"));
  }

  private static StructField date(String name, boolean required, String comment) {
    return field(name, StringType, new MetadataBuilder().putBoolean(REQUIRED, required).putString(COMMENT, comment)
        .putString(KIND, "date"));
  }

  private static StructField country(String name, boolean required, String comment) {
    return field(name, StringType, new MetadataBuilder().putBoolean(REQUIRED, required).putString(COMMENT, comment)
        .putString(FORMAT, COUNTRY_CODE));
  }

  private static StructField oneOf(String name, boolean required, String comment, String... allowed) {
    return field(name, StringType, new MetadataBuilder().putBoolean(REQUIRED, required).putString(COMMENT, comment)
        .putStringArray(ALLOWED, allowed));
  }
}
