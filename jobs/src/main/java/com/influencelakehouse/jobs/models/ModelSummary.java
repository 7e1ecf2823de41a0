package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.Tables;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Row;

/**
 * The models at a glance, from {@code audit.model_registry}: per kind, the latest trained version with
 * its decision and headline metrics, and the champion that scores the warehouse.
 */
public final class ModelSummary {
  private ModelSummary() {}

  /** Prints one block per model kind; nothing when no model was trained yet. */
  public static void print(PrintWriter out, Warehouse w) {
    if (!w.exists(Tables.MODEL_REGISTRY)) {
      return;
    }
    out.println("Models (audit.model_registry):");
    for (String kind : List.of("posting", "conversion")) {
      // One row per training run: a handful, never proportional to the data.
      List<Row> rows = w.read(Tables.MODEL_REGISTRY).where(col("model_kind").equalTo(kind))
          .orderBy(col("trained_at").desc()).limit(1).collectAsList();
      if (rows.isEmpty()) {
        continue;
      }
      Row latest = rows.get(0);
      Map<String, Double> m = scala.jdk.javaapi.CollectionConverters.asJava(
          latest.<String, Double>getMap(latest.fieldIndex("metrics")));
      out.printf(Locale.ROOT, "  %-10s latest %s (%s), %s: %s%n", kind, latest.getAs("model_version"),
          latest.getAs("algorithm"), latest.getAs("status"), latest.getAs("status_reason"));
      out.printf(Locale.ROOT, "             trained on %,d examples %s..%s, holdout %,d (%s..%s)%n",
          latest.<Long>getAs("train_rows"), latest.getAs("train_from"), latest.getAs("train_to"),
          latest.<Long>getAs("holdout_rows"), latest.getAs("holdout_from"), latest.getAs("holdout_to"));
      if (kind.equals("posting")) {
        out.printf(Locale.ROOT, "             holdout AUC %.3f (baselines: past posting rate %.3f, incentive only "
                + "%.3f), log loss %.4f, calibration error %.4f, fairness groups flagged %d%n",
            m.get("auc"), m.get("baseline_historical_rate_auc"), m.get("baseline_incentive_only_auc"),
            m.get("log_loss"), m.get("ece"), Math.round(m.getOrDefault("fairness_flagged_groups", 0.0)));
      } else {
        out.printf(Locale.ROOT, "             holdout deviance explained %.3f, RMSE %.3f, MAE %.3f orders per post%n",
            m.get("deviance_explained"), m.get("rmse"), m.get("mae"));
      }
      List<Row> champion = w.read(Tables.MODEL_REGISTRY).where(col("model_kind").equalTo(kind)
          .and(col("status").equalTo("champion"))).select("model_version").collectAsList();
      out.printf("             champion: %s%n", champion.isEmpty() ? "none" : champion.get(0).getString(0));
    }
    out.flush();
  }
}
