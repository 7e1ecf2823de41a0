package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_add;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.sequence;
import static org.apache.spark.sql.functions.to_timestamp;

import com.influencelakehouse.common.job.DateRange;
import java.sql.Date;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Trailing windows for point-in-time features. An event dated {@code e} belongs to the features of
 * every date {@code D} in the run's range with {@code e} in {@code (D - offset - window, D - offset]}:
 * the event row is repeated once per such date ({@code feature_date}), so any aggregate (sums,
 * medians, modes) can then be grouped by influencer and feature date. A night repeats nothing; a
 * backfill of N days repeats each event at most min(N, window) times.
 */
public final class FeatureWindows {
  public static final String FEATURE_DATE = "feature_date";

  private FeatureWindows() {}

  /** Events of the {@code window} days ending on each feature date. */
  public static Dataset<Row> trailing(Dataset<Row> events, Column eventDate, int window, DateRange dates) {
    return trailing(events, eventDate, 0, window, dates);
  }

  /** Events of the {@code window} days ending {@code offset} days before each feature date. */
  public static Dataset<Row> trailing(Dataset<Row> events, Column eventDate, int offset, int window,
      DateRange dates) {
    Column first = date_add(eventDate, offset);
    Column last = date_add(eventDate, offset + window - 1);
    Date from = Date.valueOf(dates.from());
    Date to = Date.valueOf(dates.to());
    return events.where(first.leq(lit(to)).and(last.geq(lit(from))))
        .withColumn(FEATURE_DATE, explode(sequence(greatest(first, lit(from)), least(last, lit(to)))));
  }

  /** The end of a feature date (exclusive), as a timestamp: what happened before it was observable. */
  public static Column endOf(Column featureDate) {
    return to_timestamp(date_add(featureDate, 1));
  }

  /** The end of the feature date column of the frame. */
  public static Column endOfFeatureDate() {
    return endOf(col(FEATURE_DATE));
  }

  /** Rows computed as of (date - delivery lag) relabelled with the date on which that was known. */
  public static Dataset<Row> knownOn(Dataset<Row> rows, String dateColumn,
      com.influencelakehouse.common.config.FeatureSettings s) {
    return rows.withColumn(dateColumn, date_add(col(dateColumn), s.deliveryLagDays()));
  }

  /** The first date any feature of the range reads, given the longest look-back in days. */
  public static Date readFrom(DateRange dates, int lookbackDays) {
    return Date.valueOf(dates.from().minusDays(lookbackDays));
  }
}
