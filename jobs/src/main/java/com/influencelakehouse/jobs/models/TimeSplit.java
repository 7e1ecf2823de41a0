package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.unix_timestamp;

import java.sql.Date;
import java.sql.Timestamp;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * A time-based split of labelled examples by their event time: the earliest examples train, the next
 * ones validate (model choice and calibration), the latest ones are the holdout (reported metrics and
 * the champion comparison). Never random across time: every validation example is later than every
 * training example, and every holdout example later than every validation one.
 *
 * @param validationStart first event time of the validation fold
 * @param holdoutStart    first event time of the holdout
 */
public record TimeSplit(Timestamp validationStart, Timestamp holdoutStart, Dataset<Row> train,
    Dataset<Row> validation, Dataset<Row> holdout) {

  /**
   * Splits at the event-time quantiles 1 - holdout - validation and 1 - holdout (approximate
   * quantiles within 0.1 %: the boundaries are timestamps, whichever side a tie falls on).
   */
  public static TimeSplit of(Dataset<Row> examples, String timeColumn, double validationShare,
      double holdoutShare) {
    double[] q = examples.select(unix_timestamp(col(timeColumn)).cast("double").as("_t")).stat()
        .approxQuantile("_t", new double[] {1 - holdoutShare - validationShare, 1 - holdoutShare}, 0.001);
    Timestamp validationStart = new Timestamp((long) (q[0] * 1000));
    Timestamp holdoutStart = new Timestamp((long) (q[1] * 1000));
    return new TimeSplit(validationStart, holdoutStart,
        examples.where(col(timeColumn).lt(validationStart)),
        examples.where(col(timeColumn).geq(validationStart).and(col(timeColumn).lt(holdoutStart))),
        examples.where(col(timeColumn).geq(holdoutStart)));
  }

  /** First and last date of a fold's event-date column. */
  public static Date[] dateRange(Dataset<Row> fold, String dateColumn) {
    Row r = fold.agg(min(col(dateColumn)), max(col(dateColumn))).first();
    return new Date[] {r.getDate(0), r.getDate(1)};
  }
}
