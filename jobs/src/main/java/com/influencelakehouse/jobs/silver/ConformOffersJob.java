package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Currency;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conforms offers into {@code silver.fact_offer} and keeps each offer's outcome current as responses
 * and posts arrive on later nights: the stored rows of the offers touched tonight (within the
 * look-back) are merged with tonight's events. Offers to unknown influencers and responses to
 * unknown offers are quarantined.
 */
public final class ConformOffersJob extends BaseJob {
  public ConformOffersJob() {
    super("conform_offers", "Offers with their latest response, posting outcome and incentive in the base currency.",
        List.of(Tables.BRONZE_OFFERS, Tables.BRONZE_OFFER_RESPONSES, Tables.FACT_POST, Tables.DIM_INFLUENCER,
            Tables.FX_RATE_DAILY),
        List.of(Tables.FACT_OFFER, Tables.QUARANTINE, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    JobResult result = new JobResult();
    List<DqCheck> checks = new ArrayList<>();
    Date since = Date.valueOf(dates.from().minusDays(ctx.config().ingest().lookbackDays()));
    int lookbackDays = ctx.config().ingest().lookbackDays();
    try (Cache cache = new Cache()) {
      Dataset<Row> offers = cache.keep(Currency.toBase(
          OfferTransforms.offers(w.readDates(Tables.BRONZE_OFFERS, Tables.INGEST_DATE, dates), ctx.pseudonymiser()),
          "incentive_amount", "currency", "sent_date", w.read(Tables.FX_RATE_DAILY),
          ctx.config().objectives().baseCurrency(), "_amount_base"));
      // An offer re-delivered however late meets its stored row: the partitions of tonight's send dates.
      List<LocalDate> sentDates = Outcomes.datesOf(offers, "sent_date");
      Dataset<Row> labelled = Outcomes.markStored(
              Outcomes.mark(offers, Outcomes.duplicateOf("offer_id"), Outcomes.DUPLICATE),
              w.readOrEmpty(Tables.FACT_OFFER).where(Outcomes.dateIn("sent_date", sentDates)), "offer_id");
      labelled = labelled.join(broadcast(w.read(Tables.DIM_INFLUENCER).select(col("influencer_key").as("_known")).distinct()),
              col("influencer_key").equalTo(col("_known")), "left");
      labelled = Outcomes.mark(labelled, col("_known").isNull(), Outcomes.QUARANTINED + "unknown_influencer")
          .drop("_known");
      labelled = cache.keep(Outcomes.loadedRest(Outcomes.mark(labelled,
          col("incentive_type").notEqual("commission").and(col("_amount_base").isNull()),
          Outcomes.QUARANTINED + "missing_fx_rate")));
      checks.addAll(Outcomes.count(labelled, LandingSource.OFFERS, dates, result));
      Outcomes.removeStaleCopies(w, Tables.FACT_OFFER, labelled, "offer_id", "sent_date", sentDates, result);
      Dataset<Row> fresh = OfferTransforms.initialState(Outcomes.loaded(labelled));

      // Responses and posts of tonight may concern offers of earlier nights: those within the look-back.
      Dataset<Row> known = w.readOrEmpty(Tables.FACT_OFFER).where(col("sent_date").geq(since))
          .select(col("offer_id")).unionByName(fresh.select(col("offer_id"))).distinct()
          .withColumnRenamed("offer_id", "_known");
      // An offer sent before the look-back is not merged (its labels are final): say so, and which key widens it.
      Dataset<Row> older = w.readOrEmpty(Tables.FACT_OFFER).where(col("sent_date").lt(since))
          .select(col("offer_id").as("_older"), col("sent_date").as("_older_sent"));
      Dataset<Row> responses = Outcomes.mark(OfferTransforms.responses(
              w.readDates(Tables.BRONZE_OFFER_RESPONSES, Tables.INGEST_DATE, dates)),
          Outcomes.duplicateOf("offer_id", "status", "responded_at", "post_id"), Outcomes.DUPLICATE)
          .join(known, col("offer_id").equalTo(col("_known")), "left")
          .join(older, col("offer_id").equalTo(col("_older")), "left");
      Column tooOld = col("_known").isNull().and(col("_older").isNotNull());
      responses = Outcomes.mark(responses, tooOld, Outcomes.QUARANTINED + "offer_older_than_lookback")
          .withColumn(Outcomes.DETAIL, when(tooOld, concat(lit("offer sent "), col("_older_sent").cast("string"),
              lit(", before the look-back of " + lookbackDays + " days from " + dates.from()
                  + ": raise lakehouse.ingest.lookback-days to merge it"))));
      responses = cache.keep(Outcomes.loadedRest(Outcomes.mark(responses, col("_known").isNull(),
          Outcomes.QUARANTINED + "unknown_offer").drop("_known", "_older", "_older_sent")));
      checks.addAll(Outcomes.count(responses, LandingSource.OFFER_RESPONSES, dates, result));
      result.wrote(Outcomes.writeQuarantine(w, Map.of(LandingSource.OFFERS, labelled,
          LandingSource.OFFER_RESPONSES, responses), dates, ctx.now()));
      Dataset<Row> newResponses = Outcomes.loaded(responses);

      Dataset<Row> posts = w.read(Tables.FACT_POST)
          .where(col("offer_id").isNotNull().and(col("post_date").between(Date.valueOf(dates.from().minusDays(1)),
              Date.valueOf(dates.to().plusDays(1)))))
          .select(col("offer_id"), col("post_id"), col("posted_at"));
      Dataset<Row> touched = fresh.select("offer_id").unionByName(newResponses.select("offer_id"))
          .unionByName(posts.select("offer_id")).distinct();
      Dataset<Row> stored = w.readOrEmpty(Tables.FACT_OFFER).where(col("sent_date").geq(since))
          .join(touched, "offer_id", "left_semi");
      Dataset<Row> state = Tables.project(Tables.FACT_OFFER, stored).drop("posted", "posted_within_deadline",
          "hours_to_post").unionByName(fresh.join(stored.select("offer_id"), "offer_id", "left_anti"));
      Dataset<Row> updated = OfferTransforms.merge(state, newResponses.join(touched, "offer_id", "left_semi"),
          posts.join(touched, "offer_id", "left_semi"));
      result.wrote(w.upsert(Tables.FACT_OFFER, Tables.project(Tables.FACT_OFFER, updated), List.of("offer_id"),
          "t.sent_date >= '" + since + "'", "true"));
    }
    result.wrote(DataQuality.write(w, name(), ctx.runId(), dates, ctx.now(), checks));
    return result;
  }
}
