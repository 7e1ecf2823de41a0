package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.jobs.models.ModelSummary;
import java.io.PrintWriter;
import java.util.List;
import java.util.Map;

/** The short end-of-run summary: rows per job, quarantined records, the models, where the tables are. */
public final class RunSummary {
  private RunSummary() {}

  public static void print(PrintWriter out, LakehouseConfig config, Warehouse warehouse, String runId, DateRange dates,
      Map<String, JobResult> results) {
    out.printf("%nRun %s for %s (env %s)%n", runId, dates, config.env());
    if (results.isEmpty()) {
      out.println("  no jobs in the graph yet");
    }
    long quarantined = 0;
    for (Map.Entry<String, JobResult> e : results.entrySet()) {
      JobResult r = e.getValue();
      quarantined += r.rowsQuarantined();
      out.printf("  %-28s in %,12d  out %,12d  quarantined %,8d%n", e.getKey(), r.rowsIn(), r.rowsOut(),
          r.rowsQuarantined());
      r.notes().forEach(n -> out.printf("    note: %s%n", n));
    }
    out.printf("  quarantined in total: %,d (see bronze.quarantine)%n", quarantined);
    List<String> warnings = results.entrySet().stream()
        .flatMap(e -> e.getValue().warnings().stream().map(w -> e.getKey() + ": " + w)).toList();
    if (!warnings.isEmpty()) {
      out.printf("%d WARNING(S) (the run succeeded; these need a look, docs/data-quality.md):%n", warnings.size());
      warnings.forEach(w -> out.printf("  WARNING %s%n", w));
    }
    ModelSummary.print(out, warehouse);
    out.println("Tables:");
    for (Layer layer : Layer.values()) {
      out.printf("  %-7s %s%n", layer.schemaName(), config.warehouse().layerRoot(layer));
    }
    out.println("Query them by name (catalog: " + config.catalogMetastore() + "; docs/tables.md has example queries):");
    out.println("  bin/lakehouse sql \"SELECT * FROM gold.influencer_scores ORDER BY posting_probability DESC LIMIT 10\"");
    out.println("  bin/lakehouse sql \"SELECT campaign_id, objective, budget_base, planned_offers, expected_objective,"
        + " probability_over_budget FROM gold.campaign_plan_summary ORDER BY plan_date DESC, campaign_id\"");
    out.flush();
  }
}
