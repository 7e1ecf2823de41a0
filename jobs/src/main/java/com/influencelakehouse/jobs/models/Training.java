package com.influencelakehouse.jobs.models;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.JobResult;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** What both training jobs share: the retraining cadence and saving a fitted pipeline. */
final class Training {
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

  /** Saves a fitted pipeline, replacing an earlier save of the same version. */
  static void save(PipelineModel model, String path) {
    try {
      model.write().overwrite().save(path);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot save the model to " + path, e);
    }
  }
}
