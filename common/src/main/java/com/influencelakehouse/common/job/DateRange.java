package com.influencelakehouse.common.job;

import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.stream.Stream;

/**
 * The run dates a job processes: one night ({@code from == to}) or a backfill range, inclusive.
 * A job processes the whole range at once (read the range, replace the range), never day by day.
 */
public record DateRange(LocalDate from, LocalDate to) {
  public DateRange {
    if (from == null || to == null) {
      throw new IllegalArgumentException("a date range needs both ends");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("date range ends (" + to + ") before it starts (" + from + ")");
    }
  }

  public static DateRange of(LocalDate day) {
    return new DateRange(day, day);
  }

  /** Parses {@code YYYY-MM-DD}, naming the option in the error. */
  public static LocalDate parseDate(String option, String value) {
    try {
      return LocalDate.parse(value);
    } catch (DateTimeParseException e) {
      throw new IllegalArgumentException(option + " '" + value + "' is not a date YYYY-MM-DD");
    }
  }

  public boolean isSingleDay() {
    return from.equals(to);
  }

  public int days() {
    return (int) ChronoUnit.DAYS.between(from, to) + 1;
  }

  public boolean contains(LocalDate day) {
    return !day.isBefore(from) && !day.isAfter(to);
  }

  public Stream<LocalDate> stream() {
    return from.datesUntil(to.plusDays(1));
  }

  public List<LocalDate> list() {
    return stream().toList();
  }

  @Override
  public String toString() {
    return isSingleDay() ? from.toString() : from + ".." + to;
  }
}
