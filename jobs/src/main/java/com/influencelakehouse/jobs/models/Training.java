package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.config.ModelSettings;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.sql.Date;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What both training jobs share: the retraining cadence, the examples a version trains on, and saving a
 * fitted pipeline. Public so notebooks rebuild a version's exact examples ({@link #window}).
 */
public final class Training {
  private static final Logger LOG = LoggerFactory.getLogger(Training.class);

  private Training() {}

  /**
   * Whether a model of this kind is due for the run date: always when there is no champion, when this
   * date's version was trained before (a re-run replaces it) or when the champion is at least
   * {@code everyDays} old (0 = every run).
   */
  static boolean due(Warehouse w, String kind, String version, LocalDate runDate, int everyDays, JobResult result) {
    if (everyDays == 0 || ModelRegistry.find(w, version).isPresent()) {
      return true;
    }
    Optional<Row> champion = ModelRegistry.champion(w, kind, version);
    if (champion.isEmpty()) {
      return true;
    }
    LocalDate trained = champion.get().getDate(champion.get().fieldIndex("run_date")).toLocalDate();
    long age = ChronoUnit.DAYS.between(trained, runDate);
    if (age >= everyDays) {
      return true;
    }
    LOG.info("{} model: champion {} is {} day(s) old, retrained every {}: not due", kind,
        champion.get().<String>getAs("model_version"), age, everyDays);
    result.metric("skipped_not_due", 1);
    return false;
  }

  /** A training set read at a pinned Delta version, the examples of the training window, cached. */
  record Examples(long tableVersion, Dataset<Row> rows, long count) {}

  /**
   * The labelled examples of the last {@code trainingDays} before the run date, or empty (with the
   * reason logged and counted) when there are fewer than {@code minExamples}.
   */
  static Optional<Examples> read(Warehouse w, TableDef table, String dateColumn, LocalDate runDate,
      ModelSettings s, String job, JobResult result) {
    long version = w.version(table);
    Dataset<Row> rows = window(w, table, dateColumn, version, runDate, s).cache();
    long n = rows.count();
    result.addRowsIn(n);
    if (n < s.minExamples()) {
      LOG.warn("{}: {} labelled examples, fewer than lakehouse.models.min-examples = {}: not trained", job, n,
          s.minExamples());
      result.metric("skipped_too_few_examples", n);
      result.note(n + " labelled examples in " + table.qualifiedName() + ", fewer than lakehouse.models.min-examples = "
          + s.minExamples() + ": no model trained" + (n == 0 ? " (no offers with a known outcome yet)" : ""));
      rows.unpersist();
      return Optional.empty();
    }
    return Optional.of(new Examples(version, rows, n));
  }

  /**
   * The labelled examples a model of {@code runDate} trains on: the training table at a pinned Delta version
   * (the one recorded in the registry), the last {@code trainingDays} up to the run date, in
   * {@code trainingPartitions} partitions by key, each ordered by key. A fixed layout makes training
   * reproducible: the sums inside model fitting are added in the same order wherever it runs, so the same
   * inputs give the same model locally and on a cluster whatever the table's file layout.
   */
  public static Dataset<Row> window(Warehouse w, TableDef table, String dateColumn, long tableVersion,
      LocalDate runDate, ModelSettings s) {
    Column[] key = table.key().stream().map(org.apache.spark.sql.functions::col).toArray(Column[]::new);
    return w.readVersion(table, tableVersion)
        .where(col(dateColumn).between(Date.valueOf(runDate.minusDays(s.trainingDays())), Date.valueOf(runDate)))
        .repartition(s.trainingPartitions(), key)
        .sortWithinPartitions(key);
  }

  /** Saves a fitted pipeline, replacing an earlier save of the same version. */
  static void save(PipelineModel model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + path, e);
    }
  }
}
