package com.influencelakehouse.sampledata;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Locale;
import java.util.Map;

/**
 * What one generation wrote: per landing source the files, records and bytes, the defects injected
 * by kind, and how long it took.
 */
public record GenerationReport(
    String scale,
    int influencers,
    LocalDate firstDate,
    LocalDate lastDate,
    Map<String, SourceTotals> sources,
    Map<DefectKind, Long> defects,
    long elapsedMs,
    Path landing,
    Path groundTruth) {

  /** Files, records and bytes written for one source. */
  public record SourceTotals(long files, long records, long bytes) {}

  public long totalRecords() {
    return sources.values().stream().mapToLong(SourceTotals::records).sum();
  }

  public long totalBytes() {
    return sources.values().stream().mapToLong(SourceTotals::bytes).sum();
  }

  public double recordsPerSecond() {
    return totalRecords() / Math.max(0.001, elapsedMs / 1000.0);
  }

  /** A few lines for the console: where the data went and how much there is. */
  public String describe() {
    StringBuilder sb = new StringBuilder();
    sb.append(String.format(Locale.ROOT, "Generated scale '%s': %d influencers, %s..%s, %,d records (%,.1f MB) in %.1f s"
            + " (%,.0f records/s)%n", scale, influencers, firstDate, lastDate, totalRecords(), totalBytes() / 1e6,
        elapsedMs / 1000.0, recordsPerSecond()));
    sb.append(String.format(Locale.ROOT, "  %-28s %7s %12s %10s%n", "landing source", "files", "records", "MB"));
    sources.forEach((source, t) -> sb.append(String.format(Locale.ROOT, "  %-28s %7d %,12d %10.1f%n", source,
        t.files(), t.records(), t.bytes() / 1e6)));
    sb.append("  defects injected:");
    defects.forEach((k, v) -> sb.append(' ').append(k.column()).append('=').append(v));
    sb.append(String.format("%n  landing: %s%n  ground truth (never read by the pipeline): %s", landing, groundTruth));
    return sb.toString();
  }
}
