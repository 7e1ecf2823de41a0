package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.job.DateRange;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.Option;
import picocli.CommandLine.TypeConversionException;

/** {@code --date D} for one night, or {@code --from D --to D} for a backfill range. */
public final class DateOptions {
  @Option(names = "--date", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
      description = "The run date (one night).")
  LocalDate date;

  @Option(names = "--from", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
      description = "First date of a backfill range (with --to): each job runs once over the whole range.")
  LocalDate from;

  @Option(names = "--to", paramLabel = "YYYY-MM-DD", converter = DateConverter.class,
      description = "Last date of a backfill range, inclusive.")
  LocalDate to;

  /** The dates asked for; an IllegalArgumentException names what is missing or inconsistent. */
  DateRange range() {
    if (date != null && (from != null || to != null)) {
      throw new IllegalArgumentException("give either --date or --from/--to, not both");
    }
    if (date != null) {
      return DateRange.of(date);
    }
    if (from == null || to == null) {
      throw new IllegalArgumentException("a run date is required: --date YYYY-MM-DD, or --from YYYY-MM-DD --to YYYY-MM-DD");
    }
    if (to.isBefore(from)) {
      throw new IllegalArgumentException("--to " + to + " is before --from " + from);
    }
    return new DateRange(from, to);
  }

  /** Parses YYYY-MM-DD with an error that shows the expected form. */
  public static final class DateConverter implements ITypeConverter<LocalDate> {
    @Override
    public LocalDate convert(String value) {
      try {
        return LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new TypeConversionException("'" + value + "' is not a date YYYY-MM-DD");
      }
    }
  }
}
