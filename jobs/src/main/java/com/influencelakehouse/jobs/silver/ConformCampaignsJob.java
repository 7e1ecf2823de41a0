package com.influencelakehouse.jobs.silver;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lower;
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
import com.influencelakehouse.common.transform.Currency;
import com.influencelakehouse.common.transform.Timestamps;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** Conforms campaign versions into {@code silver.dim_campaign}: the latest version wins, budget in base currency. */
public final class ConformCampaignsJob extends BaseJob {
  public ConformCampaignsJob() {
    super("conform_campaigns", "Campaigns, latest version, budget in the base currency.",
        List.of(Tables.BRONZE_CAMPAIGNS, Tables.FX_RATE_DAILY),
        List.of(Tables.DIM_CAMPAIGN, Tables.QUARANTINE, Tables.DQ_RESULTS));
  }

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    JobResult result = new JobResult();
    Dataset<Row> bronze = w.readDates(Tables.BRONZE_CAMPAIGNS, Tables.INGEST_DATE, ctx.dates())
        .withColumn("_updated_at", Timestamps.parse(col("updated_at")));
    Dataset<Row> converted = Currency.toBase(bronze.withColumn("_on", to_date(col("_updated_at"))), "budget",
        "currency", "_on", w.read(Tables.FX_RATE_DAILY), ctx.config().objectives().baseCurrency(), "_budget_base");
    Dataset<Row> labelled = Outcomes.mark(converted, Outcomes.duplicateOf("campaign_id", "_updated_at"),
        Outcomes.DUPLICATE);
    try (Cache cache = new Cache()) {
      labelled = cache.keep(Outcomes.loadedRest(Outcomes.mark(labelled, col("_budget_base").isNull(),
          Outcomes.QUARANTINED + "missing_fx_rate")));
      List<DqCheck> checks = Outcomes.count(labelled, LandingSource.CAMPAIGNS, ctx.dates(), result);
      result.wrote(Outcomes.writeQuarantine(w, Map.of(LandingSource.CAMPAIGNS, labelled), ctx.dates(), ctx.now()));
      Dataset<Row> latest = Outcomes.latestPer(Outcomes.loaded(labelled), col("_updated_at"), "campaign_id");
      result.wrote(w.upsert(Tables.DIM_CAMPAIGN, campaigns(latest), List.of("campaign_id"), null,
          "s.updated_at >= t.updated_at"));
      result.wrote(DataQuality.write(w, name(), ctx.runId(), ctx.dates(), ctx.now(), checks));
    }
    return result;
  }

  static Dataset<Row> campaigns(Dataset<Row> rows) {
    return rows.select(trim(col("campaign_id")).as("campaign_id"), trim(col("brand_id")).as("brand_id"),
        lower(trim(col("brand_category"))).as("brand_category"), lower(trim(col("objective"))).as("objective"),
        to_date(col("start_date")).as("start_date"), to_date(col("end_date")).as("end_date"), col("budget"),
        upper(trim(col("currency"))).as("currency"), col("_budget_base").as("budget_base"),
        col("_updated_at").as("updated_at"));
  }
}
