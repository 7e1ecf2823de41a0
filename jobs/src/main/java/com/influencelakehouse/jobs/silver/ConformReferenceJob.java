package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.to_date;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.upper;

import com.influencelakehouse.common.io.Cache;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.quality.DataQuality;
import com.influencelakehouse.common.quality.DqCheck;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Conforms exchange rates into {@code silver.fx_rate_daily}: one rate per currency and day, latest delivery wins. */
public final class ConformReferenceJob extends BaseJob {
  public ConformReferenceJob() {
    super("conform_reference", "Daily exchange rates to the base currency (silver.fx_rate_daily).",
        List.of(Tables.BRONZE_FX_RATES),
        List.of(Tables.FX_RATE_DAILY, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    JobResult result = new JobResult();
    Dataset<Row> bronze = w.readDates(Tables.BRONZE_FX_RATES, Tables.INGEST_DATE, ctx.dates());
    try (Cache cache = new Cache()) {
      Dataset<Row> labelled = cache.keep(Outcomes.loadedRest(Outcomes.mark(bronze,
          Outcomes.duplicateOf("currency", "date", "rate_to_base"), Outcomes.DUPLICATE)));
      List<DqCheck> checks = Outcomes.count(labelled, LandingSource.FX_RATES, ctx.dates(), result);
      // A later delivery of a rate for the same currency and date corrects an earlier one.
      Dataset<Row> rates = rates(Outcomes.latestPer(Outcomes.loaded(labelled), "currency", "date"),
          ctx.config().objectives().baseCurrency());
      result.wrote(w.upsert(Tables.FX_RATE_DAILY, rates, List.of("currency", "rate_date"), null, "true"));
      result.wrote(DataQuality.write(w, name(), ctx.runId(), ctx.dates(), ctx.now(), checks));
    }
    return result;
  }

  /** Conformed rates; the base currency's own rate is 1 by definition. */
  static Dataset<Row> rates(Dataset<Row> bronze, String baseCurrency) {
    Dataset<Row> rates = bronze.select(upper(trim(col("currency"))).as("currency"),
        to_date(col("date")).as("rate_date"), col("rate_to_base"));
    Dataset<Row> base = rates.select(col("rate_date")).distinct()
        .select(lit(baseCurrency).as("currency"), col("rate_date"), lit(1.0).as("rate_to_base"));
    return rates.where(col("currency").notEqual(baseCurrency)).unionByName(base);
  }
}
