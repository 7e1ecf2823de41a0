package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.max_by;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.min_by;
import static org.apache.spark.sql.functions.struct;
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

/**
 * Offers and what became of them. An offer's row summarises its response events (latest status,
 * first acceptance) and the posts that fulfil it (the first one); summaries combine associatively, so
 * a night's new events are merged into the stored row and re-running a night gives the same row.
 */
public final class OfferTransforms {
  private OfferTransforms() {}

  /** Bronze offers, conformed (amount in base currency added by the caller). */
  public static Dataset<Row> offers(Dataset<Row> bronze, Pseudonymiser p) {
    Column sentAt = Timestamps.parse(col("sent_at"));
    Column promo = when(trim(col("promo_code")).notEqual(""), upper(trim(col("promo_code"))));
    return bronze.select(trim(col("offer_id")).as("offer_id"), trim(col("campaign_id")).as("campaign_id"),
        p.pseudonymise(Domain.INFLUENCER, col("influencer_id")).as("influencer_key"), sentAt.as("sent_at"),
        to_date(sentAt).as("sent_date"), lower(trim(col("incentive_type"))).as("incentive_type"),
        col("incentive_amount"), upper(trim(col("currency"))).as("currency"),
        lower(trim(col("deliverable"))).as("deliverable"), col("deadline_days"), promo.as("promo_code"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER))
        .withColumn("deadline_at", expr("timestampadd(DAY, deadline_days, sent_at)"));
  }

  /** Bronze response events, conformed. */
  public static Dataset<Row> responses(Dataset<Row> bronze) {
    return bronze.select(trim(col("offer_id")).as("offer_id"), lower(trim(col("status"))).as("status"),
        Timestamps.parse(col("responded_at")).as("responded_at"),
        when(trim(col("post_id")).notEqual(""), trim(col("post_id"))).as("post_id"),
        col(Tables.INGEST_DATE), col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /** A new offer's row before anything happened to it. */
  public static Dataset<Row> initialState(Dataset<Row> offers) {
    Column commission = col("incentive_type").equalTo("commission");
    return offers.select(col("offer_id"), col("campaign_id"), col("influencer_key"), col("sent_at"),
        col("sent_date"), col("incentive_type"), col("incentive_amount"), col("currency"),
        when(commission.unary_$bang(), col("_amount_base")).as("incentive_amount_base"),
        when(commission, col("incentive_amount")).as("commission_rate_pct"), col("deliverable"),
        col("deadline_days"), col("deadline_at"), col("promo_code"), lit(null).cast("string").as("status"),
        lit(null).cast("timestamp").as("responded_at"), lit(null).cast("timestamp").as("accepted_at"),
        lit(null).cast("string").as("post_id"), lit(null).cast("timestamp").as("posted_at"),
        col(Tables.SOURCE_FILE), col(Tables.LINE_NUMBER));
  }

  /**
   * Merges offer rows (stored or initial) with new response events and fulfilling posts.
   *
   * @param state     offer rows (columns of silver.fact_offer; derived columns are recomputed)
   * @param responses response events of those offers (offer_id, status, responded_at)
   * @param posts     posts fulfilling those offers (offer_id, post_id, posted_at)
   * @return rows of silver.fact_offer
   */
  public static Dataset<Row> merge(Dataset<Row> state, Dataset<Row> responses, Dataset<Row> posts) {
    Dataset<Row> events = responses.groupBy(col("offer_id").as("_r_offer"))
        .agg(max_by(struct(col("responded_at"), col("status")), struct(col("responded_at"), col("status")))
                .as("_last"),
            min(when(col("status").equalTo("accepted"), col("responded_at"))).as("_accepted"));
    Dataset<Row> firstPost = posts.groupBy(col("offer_id").as("_p_offer"))
        .agg(min_by(struct(col("posted_at"), col("post_id")), struct(col("posted_at"), col("post_id")))
            .as("_first"));
    Dataset<Row> joined = state.join(events, col("offer_id").equalTo(col("_r_offer")), "left")
        .join(firstPost, col("offer_id").equalTo(col("_p_offer")), "left");
    Column newer = col("_last").isNotNull().and(col("responded_at").isNull()
        .or(col("_last.responded_at").geq(col("responded_at"))));
    Column laterPost = col("_first").isNotNull().and(col("posted_at").isNull()
        .or(col("_first.posted_at").lt(col("posted_at"))));
    Dataset<Row> merged = joined
        .withColumn("status", when(newer, col("_last.status")).otherwise(col("status")))
        .withColumn("responded_at", when(newer, col("_last.responded_at")).otherwise(col("responded_at")))
        .withColumn("accepted_at", least(col("accepted_at"), col("_accepted")))
        .withColumn("post_id", when(laterPost, col("_first.post_id")).otherwise(col("post_id")))
        .withColumn("posted_at", when(laterPost, col("_first.posted_at")).otherwise(col("posted_at")));
    return merged
        .withColumn("posted", col("posted_at").isNotNull())
        .withColumn("posted_within_deadline", col("posted_at").isNotNull().and(col("posted_at").leq(col("deadline_at"))))
        .withColumn("hours_to_post", when(col("posted_at").isNotNull(),
            expr("(unix_timestamp(posted_at) - unix_timestamp(sent_at)) / 3600.0D")))
        .drop("_r_offer", "_last", "_accepted", "_p_offer", "_first");
  }
}
