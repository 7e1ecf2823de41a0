package com.influencelakehouse.common.quality;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import java.util.Collection;

/**
 * {@code bronze.quarantine} is shared: each job owns the rows of its stage ({@code bronze} for
 * contract violations, {@code silver} for unknown references), its sources and the dates it runs for,
 * and replaces exactly those.
 */
public final class Quarantine {
  private Quarantine() {}

  /** The replaceWhere predicate of one job's slice. */
  public static String slice(String stage, Collection<LandingSource> sources, DateRange dates) {
    return String.format("stage = '%s' AND source IN (%s) AND %s >= '%s' AND %s <= '%s'", stage,
        String.join(", ", sources.stream().map(s -> "'" + s.path() + "'").toList()), Tables.INGEST_DATE,
        dates.from(), Tables.INGEST_DATE, dates.to());
  }
}
