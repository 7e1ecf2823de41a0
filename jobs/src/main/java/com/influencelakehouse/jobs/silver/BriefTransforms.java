package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.aggregate;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.array_except;
import static org.apache.spark.sql.functions.array_join;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.filter;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.split;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.transform;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.transform.Currency;
import com.influencelakehouse.common.transform.FollowerTier;
import com.influencelakehouse.common.transform.Timestamps;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.function.UnaryOperator;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Campaign briefs from bronze to {@code silver.dim_campaign_brief}, as pure functions: the lists parsed
 * ({@code |}-separated, trimmed, empty meaning no restriction), the fairness floors parsed into
 * (group, value, share), each version checked and labelled with its {@link Outcomes outcome}.
 */
public final class BriefTransforms {
  /** Platforms a brief may allow: the ones influencer profiles carry. */
  static final List<String> PLATFORMS = LandingSource.INFLUENCERS.allowedValues("platform");
  static final List<String> COUNTRIES = Arrays.asList(Locale.getISOCountries());
  /** One fairness floor: {@code group=value:share}. */
  private static final String SHARE_ITEM = "^([^=:]+)=([^=:]+):([^=:]+)$";
  /** Slack for floors of one group that sum to exactly 1 in decimal but not in binary. */
  private static final double SUM_TOLERANCE = 1e-9;

  private BriefTransforms() {}

  /**
   * Every brief version with its outcome ({@link Outcomes#OUTCOME}, {@link Outcomes#DETAIL} for the
   * quarantined): a duplicate of an earlier delivery, quarantined with the first reason that applies
   * (non_positive_budget, dates_out_of_order, non_positive_max_offers, unknown_tier, unknown_platform,
   * unknown_country, bad_group_share, missing_fx_rate), or loaded. The bronze fields stay as delivered
   * (the quarantine shows them); the parsed values are in {@code _}-prefixed columns.
   *
   * @param rates  silver.fx_rate_daily
   * @param groups the fairness groups a floor may name (lakehouse.objectives.fairness.groups)
   */
  public static Dataset<Row> labelled(Dataset<Row> bronze, Dataset<Row> rates, String baseCurrency,
      List<String> groups) {
    Dataset<Row> converted = Currency.toBase(parse(bronze).withColumn("_on", to_date(col("_updated_at"))), "budget",
        "_currency", "_on", rates, baseCurrency, "_budget_base").drop("_on");
    Dataset<Row> rows = Outcomes.mark(converted.withColumn("_bad_shares", badShares(groups)),
        Outcomes.duplicateOf("_campaign_id", "_updated_at"), Outcomes.DUPLICATE);
    List<Check> checks = checks(groups);
    for (Check c : checks) {
      rows = Outcomes.mark(rows, c.failed(), Outcomes.QUARANTINED + c.reason());
    }
    Column detail = lit(null).cast("string");
    for (int i = checks.size() - 1; i >= 0; i--) {
      Check c = checks.get(i);
      detail = when(col(Outcomes.OUTCOME).equalTo(Outcomes.QUARANTINED + c.reason()), c.detail()).otherwise(detail);
    }
    return Outcomes.loadedRest(rows.withColumn(Outcomes.DETAIL, detail)).drop("_share_items", "_bad_shares");
  }

  /** The latest loaded version of each campaign's brief, as rows of {@code silver.dim_campaign_brief}. */
  public static Dataset<Row> latest(Dataset<Row> labelled) {
    return briefs(Outcomes.latestPer(Outcomes.loaded(labelled), col("_updated_at"), "_campaign_id"));
  }

  /** Parsed rows (see {@link #parse}) as rows of {@code silver.dim_campaign_brief}. */
  static Dataset<Row> briefs(Dataset<Row> rows) {
    return rows.select(col("_campaign_id").as("campaign_id"), trim(col("brand_id")).as("brand_id"),
        lower(trim(col("brand_category"))).as("brand_category"), lower(trim(col("objective"))).as("objective"),
        col("budget"), col("_currency").as("currency"), col("_budget_base").as("budget_base"),
        col("_start").as("start_date"), col("_end").as("end_date"), col("max_offers"),
        col("_tiers").as("allowed_tiers"), col("_platforms").as("allowed_platforms"),
        col("_countries").as("allowed_countries"), col("_shares").as("min_group_shares"),
        col("_updated_at").as("updated_at"));
  }

  /**
   * Adds the parsed values: {@code _campaign_id}, {@code _currency}, {@code _start}, {@code _end},
   * {@code _updated_at}, the lists {@code _tiers} (lower case), {@code _platforms} (lower case),
   * {@code _countries} (upper case), null when empty, and the floors {@code _shares}
   * (array of group, value, share), with {@code _share_items} (each floor with its text) for the checks.
   */
  static Dataset<Row> parse(Dataset<Row> bronze) {
    return bronze.withColumn("_campaign_id", trim(col("campaign_id")))
        .withColumn("_currency", upper(trim(col("currency"))))
        .withColumn("_start", to_date(trim(col("start_date"))))
        .withColumn("_end", to_date(trim(col("end_date"))))
        .withColumn("_updated_at", Timestamps.parse(trim(col("updated_at"))))
        .withColumn("_tiers", list(col("allowed_tiers"), c -> lower(c)))
        .withColumn("_platforms", list(col("allowed_platforms"), c -> lower(c)))
        .withColumn("_countries", list(col("allowed_countries"), c -> upper(c)))
        .withColumn("_share_items", shareItems(col("min_group_shares")))
        .withColumn("_shares", when(size(col("_share_items")).gt(0), transform(col("_share_items"),
            s -> struct(s.getField("group").as("group"), s.getField("value").as("value"),
                s.getField("share").as("share")))));
  }

  /** One quarantine reason: when it applies and what to tell the sender. */
  private record Check(String reason, Column failed, Column detail) {}

  private static List<Check> checks(List<String> groups) {
    Column badShares = col("_bad_shares");
    return List.of(
        new Check("non_positive_budget", col("budget").leq(0),
            concat(lit("budget "), col("budget").cast("string"), lit(": a brief's budget must be above 0"))),
        new Check("dates_out_of_order", col("_end").lt(col("_start")),
            concat(lit("end_date "), col("_end").cast("string"), lit(" is before start_date "),
                col("_start").cast("string"), lit(": correct the dates (end_date >= start_date)"))),
        new Check("non_positive_max_offers", col("max_offers").leq(0),
            concat(lit("max_offers "), col("max_offers").cast("string"),
                lit(": must be above 0, or empty for no limit"))),
        unknown("unknown_tier", "allowed_tiers", "_tiers", FollowerTier.TIERS),
        unknown("unknown_platform", "allowed_platforms", "_platforms", PLATFORMS),
        unknown("unknown_country", "allowed_countries", "_countries", COUNTRIES),
        new Check("bad_group_share", size(badShares).gt(0),
            concat(lit("min_group_shares "), array_join(transform(badShares, s -> s.getField("item")), ", "),
                lit(": write group=value:share with group one of " + String.join(", ", groups)
                    + ", a known value, share in (0, 1], each value once and a group's floors summing to at most 1"))),
        new Check("missing_fx_rate", col("_budget_base").isNull(),
            concat(lit("no exchange rate for "), col("_currency"), lit(" on or before "),
                to_date(col("_updated_at")).cast("string"), lit(": deliver reference/fx_rates for it"))));
  }

  /** A list whose items are not all among {@code known}. */
  private static Check unknown(String reason, String field, String parsed, List<String> known) {
    Column unknown = array_except(col(parsed), lit(known.toArray(String[]::new)));
    String hint = known.size() > 20 ? "ISO 3166-1 alpha-2 codes" : String.join("|", known);
    return new Check(reason, size(unknown).gt(0), concat(lit(field + " has "), array_join(unknown, ", "),
        lit(": allowed are " + hint + ", separated by |")));
  }

  /** The floors that break the form or the rules, as struct(item, group, value, share). */
  private static Column badShares(List<String> groups) {
    Column all = col("_share_items");
    return filter(all, s -> {
      Column group = s.getField("group");
      Column value = s.getField("value");
      Column share = s.getField("share");
      Column knownValue = when(group.equalTo("follower_tier"), value.isin(FollowerTier.TIERS.toArray()))
          .when(group.equalTo("platform"), value.isin(PLATFORMS.toArray()))
          .when(group.equalTo("country"), value.isin(COUNTRIES.toArray()))
          .otherwise(value.notEqual(""));
      Column sameGroup = filter(all, o -> o.getField("group").equalTo(group));
      Column repeated = size(filter(sameGroup, o -> o.getField("value").equalTo(value))).gt(1);
      Column groupSum = aggregate(sameGroup, lit(0.0), (acc, o) -> acc.plus(o.getField("share")));
      return group.isin(groups.toArray()).unary_$bang().or(knownValue.unary_$bang())
          .or(share.leq(0)).or(share.gt(1)).or(repeated).or(groupSum.gt(1 + SUM_TOLERANCE));
    });
  }

  /**
   * The floors as written, each struct(item, group, value, share): group lower case, value lower case
   * (upper for countries), share a number (-1 when it is not, so the checks catch it); empty when none.
   */
  private static Column shareItems(Column text) {
    Column items = filter(transform(split(text, "\\|"), i -> trim(i)), i -> i.notEqual(""));
    return transform(items, i -> {
      Column group = lower(trim(regexp_extract(i, SHARE_ITEM, 1)));
      Column raw = trim(regexp_extract(i, SHARE_ITEM, 2));
      Column value = when(group.equalTo("country"), upper(raw)).otherwise(lower(raw));
      Column share = coalesce(trim(regexp_extract(i, SHARE_ITEM, 3)).try_cast("double"), lit(-1.0));
      return struct(i.as("item"), group.as("group"), value.as("value"), share.as("share"));
    });
  }

  /** A {@code |}-separated list: items trimmed and normalised, blanks and repeats dropped; null when empty. */
  private static Column list(Column text, UnaryOperator<Column> normalise) {
    Column items = array_distinct(filter(transform(split(text, "\\|"), i -> normalise.apply(trim(i))),
        i -> i.notEqual("")));
    return when(size(items).gt(0), items);
  }
}
