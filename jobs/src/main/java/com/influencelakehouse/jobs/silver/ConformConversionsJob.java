package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.quality.DqCheck.Severity;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Currency;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Conforms clicks into {@code silver.fact_click} and orders into {@code silver.fact_order}, each order
 * counted once (re-sent postbacks are duplicates) and attributed to the click it came from, else the
 * offer of its promo code, else organic.
 */
public final class ConformConversionsJob extends BaseJob {
  public ConformConversionsJob() {
    super("conform_conversions",
        "Clicks resolved to offer, influencer and post; orders deduplicated, in base currency, attributed.",
        List.of(Tables.BRONZE_CLICKS, Tables.BRONZE_ORDERS, Tables.FACT_OFFER, Tables.FX_RATE_DAILY),
        List.of(Tables.FACT_CLICK, Tables.FACT_ORDER, Tables.QUARANTINE, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    DateRange dates = ctx.dates();
    JobResult result = new JobResult();
    List<DqCheck> checks = new ArrayList<>();
    try (Cache cache = new Cache()) {
      Dataset<Row> tonightsClicks = cache.keep(ConversionTransforms.clicks(
          w.readDates(Tables.BRONZE_CLICKS, Tables.INGEST_DATE, dates), ctx.pseudonymiser()));
      // A click or order re-delivered however late meets its stored row: the partitions of tonight's dates.
      List<LocalDate> clickDates = Outcomes.datesOf(tonightsClicks, "click_date");
      Dataset<Row> clicks = cache.keep(labelClicks(tonightsClicks, w, clickDates));
      checks.addAll(Outcomes.count(clicks, LandingSource.CLICKS, dates, result));
      Outcomes.removeStaleCopies(w, Tables.FACT_CLICK, clicks, "click_id", "click_date", clickDates, result);
      result.wrote(w.upsert(Tables.FACT_CLICK, Tables.project(Tables.FACT_CLICK, Outcomes.loaded(clicks)),
          List.of("click_id"), Outcomes.dateIn("t.click_date", clickDates), null));

      Dataset<Row> tonightsOrders = cache.keep(Currency.toBase(
          ConversionTransforms.orders(w.readDates(Tables.BRONZE_ORDERS, Tables.INGEST_DATE, dates),
              ctx.pseudonymiser()),
          "revenue", "currency", "order_date", w.read(Tables.FX_RATE_DAILY), ctx.config().objectives().baseCurrency(),
          "revenue_base"));
      List<LocalDate> orderDates = Outcomes.datesOf(tonightsOrders, "order_date");
      Dataset<Row> orders = cache.keep(labelOrders(tonightsOrders, w, orderDates));
      checks.addAll(Outcomes.count(orders, LandingSource.ORDERS, dates, result));
      Outcomes.removeStaleCopies(w, Tables.FACT_ORDER, orders, "order_id", "order_date", orderDates, result);
      result.wrote(Outcomes.writeQuarantine(w, Map.of(LandingSource.CLICKS, clicks, LandingSource.ORDERS, orders),
          dates, ctx.now()));
      // An order's last-touch click lies within the look-back (attribution windows are days to weeks).
      int lookback = ctx.config().ingest().lookbackDays();
      Dataset<Row> knownClicks = w.read(Tables.FACT_CLICK)
          .where(col("click_date").geq(Date.valueOf(dates.from().minusDays(lookback))));
      Dataset<Row> attributed = cache.keep(ConversionTransforms.attribute(Outcomes.loaded(orders), knownClicks,
          w.read(Tables.FACT_OFFER).select("offer_id", "campaign_id", "influencer_key", "promo_code", "post_id")));
      checks.addAll(attributionChecks(attributed, lookback));
      result.wrote(w.upsert(Tables.FACT_ORDER, Tables.project(Tables.FACT_ORDER, attributed), List.of("order_id"),
          Outcomes.dateIn("t.order_date", orderDates), null));
    }
    result.wrote(DataQuality.write(w, name(), ctx.runId(), dates, ctx.now(), checks));
    return result;
  }

  /** Tonight's clicks with their outcome: duplicate, unreadable link, or loaded. */
  private static Dataset<Row> labelClicks(Dataset<Row> tonight, Warehouse w, List<LocalDate> clickDates) {
    Dataset<Row> clicks = Outcomes.markStored(
        Outcomes.mark(tonight, Outcomes.duplicateOf("click_id"), Outcomes.DUPLICATE),
        w.readOrEmpty(Tables.FACT_CLICK).where(Outcomes.dateIn("click_date", clickDates)), "click_id");
    clicks = Outcomes.mark(clicks, col("offer_id").isNull(), Outcomes.QUARANTINED + "unparseable_tracking_url");
    // A link that names only its offer (a UTM-tagged landing page) finds its influencer through the offer.
    clicks = ConversionTransforms.resolveThroughOffers(clicks,
        w.read(Tables.FACT_OFFER).select("offer_id", "influencer_key", "post_id"));
    return Outcomes.loadedRest(Outcomes.mark(clicks, col("influencer_key").isNull(),
        Outcomes.QUARANTINED + "unknown_offer_link"));
  }

  /** Tonight's orders in base currency with their outcome: duplicate (re-sent postback), or loaded. */
  private static Dataset<Row> labelOrders(Dataset<Row> tonight, Warehouse w, List<LocalDate> orderDates) {
    Dataset<Row> orders = Outcomes.markStored(
        Outcomes.mark(tonight, Outcomes.duplicateOf("order_id"), Outcomes.DUPLICATE),
        w.readOrEmpty(Tables.FACT_ORDER).where(Outcomes.dateIn("order_date", orderDates)), "order_id");
    return Outcomes.loadedRest(Outcomes.mark(orders, col("revenue_base").isNull(),
        Outcomes.QUARANTINED + "missing_fx_rate"));
  }

  private static List<DqCheck> attributionChecks(Dataset<Row> attributed, int lookbackDays) {
    List<DqCheck> checks = new ArrayList<>();
    // One row per export date.
    for (Row r : attributed.groupBy(col(Tables.INGEST_DATE))
        .agg(count(when(col("_unknown_click"), 1)), count(when(col("attribution").equalTo("organic"), 1)))
        .collectAsList()) {
      checks.add(DqCheck.expect(r.getDate(0).toLocalDate(), "orders_click_known", LandingSource.ORDERS.path(),
          Severity.WARNING, r.getLong(1) == 0, r.getLong(1), 0.0, r.getLong(1) + " orders name a click that is not "
              + "in silver.fact_click (attributed by promo code or as organic instead)"));
      checks.add(DqCheck.count(r.getDate(0).toLocalDate(), "organic_orders", LandingSource.ORDERS.path(), r.getLong(2)));
    }
    return checks;
  }
}
