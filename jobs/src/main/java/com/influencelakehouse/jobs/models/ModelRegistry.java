package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.Tables;
import java.sql.Date;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.expressions.GenericRowWithSchema;

/**
 * The model registry ({@code audit.model_registry}): which version is the champion of each kind, and
 * the champion-challenger decision. A version is named after its kind and run date, so re-running the
 * training of a date replaces that version (and compares with the champion it was compared with the
 * first time), never adds one.
 */
public final class ModelRegistry {
  public static final String CHAMPION = "champion";
  public static final String RETIRED = "retired";
  public static final String REJECTED = "rejected";

  private ModelRegistry() {}

  /** Version id of a kind's model trained for a run date. */
  public static String versionOf(String kind, LocalDate runDate) {
    return kind + "-" + runDate.toString().replace("-", "");
  }

  /** The registry row of a version, if any. */
  public static Optional<Row> find(Warehouse w, String version) {
    return w.readOrEmpty(Tables.MODEL_REGISTRY).where(col("model_version").equalTo(version)).collectAsList().stream()
        .findFirst();
  }

  /** The current champion of a kind other than {@code except}, if any (at most one row). */
  public static Optional<Row> champion(Warehouse w, String kind, String except) {
    return w.readOrEmpty(Tables.MODEL_REGISTRY)
        .where(col("model_kind").equalTo(kind).and(col("status").equalTo(CHAMPION))
            .and(col("model_version").notEqual(except)))
        .orderBy(col("run_date").desc()).limit(1).collectAsList().stream().findFirst();
  }

  /**
   * What this version is compared with: the champion recorded by an earlier run of the same version,
   * else the current champion.
   */
  public static Optional<Row> comparedWith(Warehouse w, String kind, String version) {
    Optional<Row> earlier = find(w, version);
    if (earlier.isPresent() && !earlier.get().isNullAt(earlier.get().fieldIndex("champion_before"))) {
      return find(w, earlier.get().getAs("champion_before"));
    }
    if (earlier.isPresent()) {
      return Optional.empty();
    }
    return champion(w, kind, version);
  }

  /** A champion-challenger decision and its reason. */
  public record Decision(boolean promote, String reason) {
    /**
     * Promote when there is no champion or the challenger's holdout score beats the champion's by the
     * margin, and the fairness gate passes.
     */
    public static Decision of(String metric, double challenger, Double champion, String championVersion,
        double margin, List<String> fairnessFailures) {
      String comparison = champion == null
          ? String.format(java.util.Locale.ROOT, "first model (%s %.4f)", metric, challenger)
          : String.format(java.util.Locale.ROOT, "holdout %s %.4f vs champion %s %.4f (margin %.4f)", metric,
              challenger, championVersion, champion, margin);
      boolean better = champion == null || challenger >= champion + margin;
      if (!fairnessFailures.isEmpty()) {
        return new Decision(false, comparison + "; fairness gate failed: " + String.join(", ", fairnessFailures));
      }
      return new Decision(better, comparison + (better ? "; promoted" : "; not better by the margin"));
    }
  }

  /** Writes the version's registry row and sets the statuses of it and of the champion it was compared with. */
  public static void record(Warehouse w, Row registryRow, Decision decision, Optional<Row> previous) {
    String version = registryRow.getAs("model_version");
    Dataset<Row> row = w.spark().createDataFrame(List.of(registryRow), Tables.MODEL_REGISTRY.schema());
    w.upsert(Tables.MODEL_REGISTRY, row, List.of("model_version"), null, "true");
    if (previous.isPresent()) {
      String before = previous.get().getAs("model_version");
      w.update(Tables.MODEL_REGISTRY, col("model_version").equalTo(before),
          Map.of("status", lit(decision.promote() ? RETIRED : CHAMPION)));
    }
    if (decision.promote()) {
      // Exactly one champion per kind: any other (from an unusual re-run order) retires too.
      w.update(Tables.MODEL_REGISTRY, col("model_kind").equalTo(registryRow.<String>getAs("model_kind"))
              .and(col("status").equalTo(CHAMPION)).and(col("model_version").notEqual(version)),
          Map.of("status", lit(RETIRED)));
    }
  }

  /** What a training run produced: the model, how it was chosen, its headline metrics and where it is saved. */
  public record Trained(String version, String kind, String algorithm, Map<String, String> params, String objective,
      Map<String, Double> metrics, String modelPath) {}

  /** The examples a version was trained and judged on: the training table at a Delta version, the split's dates and sizes. */
  public record Examples(String table, long tableVersion, Date trainFrom, Date trainTo, Date validationTo,
      Date holdoutFrom, Date holdoutTo, long trainRows, long validationRows, long holdoutRows) {
    /** The date ranges and sizes of a time split by {@code dateColumn}. */
    public static Examples of(String table, long tableVersion, TimeSplit split, String dateColumn) {
      Date[] train = TimeSplit.dateRange(split.train(), dateColumn);
      Date[] validation = TimeSplit.dateRange(split.validation(), dateColumn);
      Date[] holdout = TimeSplit.dateRange(split.holdout(), dateColumn);
      return new Examples(table, tableVersion, train[0], train[1], validation[1], holdout[0], holdout[1],
          split.train().count(), split.validation().count(), split.holdout().count());
    }
  }

  /** A registry row in table order. */
  public static Row row(Trained model, Examples examples, Decision decision, String runId, LocalDate runDate,
      java.time.Instant trainedAt, Optional<Row> previous) {
    return new GenericRowWithSchema(new Object[] {model.version(), model.kind(), model.algorithm(),
        decision.promote() ? CHAMPION : REJECTED, decision.reason(), runId, Date.valueOf(runDate),
        java.sql.Timestamp.from(trainedAt), examples.table(), examples.tableVersion(), examples.trainFrom(),
        examples.trainTo(), examples.validationTo(), examples.holdoutFrom(), examples.holdoutTo(),
        examples.trainRows(), examples.validationRows(), examples.holdoutRows(),
        scala.jdk.javaapi.CollectionConverters.asScala(model.params()), model.objective(),
        scala.jdk.javaapi.CollectionConverters.asScala(model.metrics()), model.modelPath(),
        previous.map(p -> p.<String>getAs("model_version")).orElse(null)}, Tables.MODEL_REGISTRY.schema());
  }
}
