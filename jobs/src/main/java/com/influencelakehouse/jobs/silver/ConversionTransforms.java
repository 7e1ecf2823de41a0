package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Timestamps;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Clicks resolved from their tracking links, and orders attributed: click, else promo code, else organic. */
public final class ConversionTransforms {
  private ConversionTransforms() {}

  /** Bronze clicks: offer, influencer and post from the tracking link; ids pseudonymised. */
  public static Dataset<Row> clicks(Dataset<Row> bronze, Pseudonymiser p) {
    Column path = expr("try_parse_url(tracking_url, 'PATH')");
    Column offer = coalesce(regexp_extract(path, "^/c/([^/?#]+)$", 1), lit(""));
    Column inf = expr("try_parse_url(tracking_url, 'QUERY', 'inf')");
    Column post = expr("try_parse_url(tracking_url, 'QUERY', 'post')");
    Column clickAt = Timestamps.parse(col("ts"));
    return bronze.select(trim(col("click_id")).as("click_id"), clickAt.as("click_at"), to_date(clickAt).as("click_date"),
        when(offer.notEqual(""), offer).as("offer_id"), inf.as("_inf"),
        p.pseudonymise(Domain.INFLUENCER, inf).as("influencer_key"),
        when(post.notEqual(""), post).as("post_id"),
        p.pseudonymise(Domain.VISITOR, trim(col("visitor_id"))).as("visitor_key"),
        lower(trim(col("device"))).as("device"), upper(trim(col("country"))).as("country"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /**
   * Clicks whose link names no influencer ({@code /c/<offer_id>?post=...}, as the UTM adapter writes a
   * landing page's utm_content and utm_term) take the offer's influencer, and its post when the link
   * names none; the offers are the link registry. Clicks of an unknown offer keep a null influencer.
   *
   * @param offers offer_id, influencer_key, post_id
   */
  public static Dataset<Row> resolveThroughOffers(Dataset<Row> clicks, Dataset<Row> offers) {
    Dataset<Row> registry = offers.select(col("offer_id").as("_r_offer"), col("influencer_key").as("_r_influencer"),
        col("post_id").as("_r_post"));
    return clicks.join(registry, col("_inf").isNull().and(col("offer_id").equalTo(col("_r_offer"))), "left")
        .withColumn("influencer_key", coalesce(col("influencer_key"), col("_r_influencer")))
        .withColumn("post_id", when(col("_inf").isNull(), coalesce(col("post_id"), col("_r_post")))
            .otherwise(col("post_id")))
        .drop("_r_offer", "_r_influencer", "_r_post");
  }

  /** Bronze orders, conformed (revenue in base currency added by the caller). */
  public static Dataset<Row> orders(Dataset<Row> bronze, Pseudonymiser p) {
    Column orderAt = Timestamps.parse(col("ts"));
    return bronze.select(trim(col("order_id")).as("order_id"), orderAt.as("order_at"),
        to_date(orderAt).as("order_date"), p.pseudonymise(Domain.VISITOR, trim(col("visitor_id"))).as("visitor_key"),
        col("revenue"), upper(trim(col("currency"))).as("currency"), col("items"),
        when(trim(col("promo_code")).notEqual(""), upper(trim(col("promo_code")))).as("promo_code"),
        when(trim(col("click_id")).notEqual(""), trim(col("click_id"))).as("click_id"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /**
   * Attributes orders. The click the shop reports wins (last touch); without a known click, the offer
   * whose promo code was used; otherwise the order is organic.
   *
   * @param orders orders (order_id, click_id, promo_code, ...)
   * @param clicks known clicks (click_id, offer_id, influencer_key, post_id)
   * @param offers offers (offer_id, campaign_id, influencer_key, promo_code, post_id)
   */
  public static Dataset<Row> attribute(Dataset<Row> orders, Dataset<Row> clicks, Dataset<Row> offers) {
    Dataset<Row> c = clicks.select(col("click_id").as("_c_click"), col("offer_id").as("_c_offer"),
        col("influencer_key").as("_c_influencer"), col("post_id").as("_c_post"));
    Dataset<Row> byPromo = offers.where(col("promo_code").isNotNull()).select(col("promo_code").as("_p_code"),
        col("offer_id").as("_p_offer"), col("influencer_key").as("_p_influencer"), col("post_id").as("_p_post"));
    Dataset<Row> campaigns = offers.select(col("offer_id").as("_o_offer"), col("campaign_id").as("_o_campaign"));
    Dataset<Row> joined = orders.join(c, col("click_id").equalTo(col("_c_click")), "left")
        .join(broadcast(byPromo), col("promo_code").equalTo(col("_p_code")), "left");
    Column viaClick = col("_c_click").isNotNull();
    Column viaPromo = viaClick.unary_$bang().and(col("_p_offer").isNotNull());
    Dataset<Row> attributed = joined
        .withColumn("attribution", when(viaClick, lit("click")).when(viaPromo, lit("promo_code")).otherwise("organic"))
        .withColumn("offer_id", when(viaClick, col("_c_offer")).when(viaPromo, col("_p_offer")))
        .withColumn("influencer_key", when(viaClick, col("_c_influencer")).when(viaPromo, col("_p_influencer")))
        .withColumn("post_id", when(viaClick, col("_c_post")).when(viaPromo, col("_p_post")))
        .withColumn("_unknown_click", col("click_id").isNotNull().and(viaClick.unary_$bang()));
    return attributed.join(broadcast(campaigns), col("offer_id").equalTo(col("_o_offer")), "left")
        .withColumn("campaign_id", col("_o_campaign"))
        .drop("_c_click", "_c_offer", "_c_influencer", "_c_post", "_p_code", "_p_offer", "_p_influencer", "_p_post",
            "_o_offer", "_o_campaign");
  }
}
