package com.influencelakehouse.evaluation.cli;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.SampleDataSettings;
import com.influencelakehouse.common.config.SampleDataSettings.Scale;
import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.jobs.cli.DateOptions;
import com.influencelakehouse.sampledata.GenerationReport;
import com.influencelakehouse.sampledata.SampleDataGenerator;
import java.nio.file.Path;
import java.time.LocalDate;
import picocli.CommandLine.Option;

/** Options shared by {@code generate} and {@code demo}: which scale, seed and size. */
final class SampleDataRequest {
  @Option(names = "--scale", paramLabel = "SCALE",
      description = "Named scale from lakehouse.sample-data.scales (tiny, small, medium, large). Default: the demo scale.")
  String scale;

  @Option(names = "--seed", description = "Random seed (same seed, same bytes). Default: lakehouse.sample-data.seed.")
  Long seed;

  @Option(names = "--influencers", description = "Override the scale's number of influencers.")
  Integer influencers;

  @Option(names = "--days", description = "Override the scale's number of days.")
  Integer days;

  @Option(names = "--start-date", paramLabel = "YYYY-MM-DD", converter = DateOptions.DateConverter.class,
      description = "First day generated. Default: lakehouse.sample-data.start-date.")
  LocalDate startDate;

  @Option(names = "--no-defects", description = "Generate only clean records (no injected dirty data).")
  boolean noDefects;

  @Option(names = "--exporter-formats", description = "Deliver posts, insights, orders, clicks, offers and offer "
      + "responses as real exporters do (Instagram Graph API, YouTube videos.list, TikTok items, Shopify orders "
      + "export, UTM click log, Airbyte records) instead of the canonical contracts, so ingestion goes through the "
      + "adapters. The ground truth's landing manifest then names the canonical files, not the ones delivered.")
  boolean exporterFormats;

  /** Generates into the configured landing zone and ground-truth directory (both must be local). */
  GenerationReport generate(LakehouseConfig config) {
    SampleDataSettings s = config.sampleData();
    String landing = config.warehouse().landing();
    if (!WarehouseSettings.isLocalLocation(landing) || !WarehouseSettings.isLocalLocation(s.groundTruth())) {
      throw new IllegalArgumentException("sample data is generated into a local directory, but the landing zone is "
          + landing + ": generate with --env local (or -Dlakehouse.warehouse.landing=DIR) and upload the files");
    }
    Scale sc = s.scale(scale == null ? s.demoScale() : scale);
    if (influencers != null) {
      sc = sc.withInfluencers(influencers);
    }
    if (days != null) {
      sc = sc.withDays(days);
    }
    if (seed != null) {
      s = s.withSeed(seed);
    }
    if (startDate != null) {
      s = s.withStartDate(startDate);
    }
    if (noDefects) {
      s = s.withStory(s.story().clean());
    }
    GenerationReport report = SampleDataGenerator.generate(s, sc, config.objectives().baseCurrency(),
        Path.of(landing), Path.of(s.groundTruth()));
    if (exporterFormats) {
      com.influencelakehouse.sampledata.ExporterFormats.rewrite(Path.of(landing)).forEach((source, c) ->
          System.out.printf("%-28s %6d records in %4d exporter files, %5d left canonical%n", source,
              c.exporterRecords(), c.exporterFiles(), c.canonicalRecords()));
    }
    return report;
  }
}
