package com.influencelakehouse.sampledata;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.sampledata.SampleDataSettings.Scale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Generates realistic landing data with a known causal story, deterministic for a seed: the same
 * settings and scale always produce the same bytes. Writes the landing zone (what the pipeline
 * reads) and, separately, the ground truth (what only evaluations read). See docs/sample-data.md.
 */
public final class SampleDataGenerator {
  /** File under the ground-truth directory describing the generation's parameters. */
  public static final String PARAMETERS_FILE = "generation.json";

  private SampleDataGenerator() {}

  /**
   * Replaces the landing folders of every source (and the ground truth) with a fresh generation.
   *
   * @param settings     seed, start date, story and file layout (lakehouse.sample-data)
   * @param scale        how many influencers, days and brands
   * @param baseCurrency the warehouse's base currency: exchange rates are delivered against it
   * @param landing      landing root (local directory)
   * @param groundTruth  ground-truth directory, outside the landing root
   */
  public static GenerationReport generate(SampleDataSettings settings, Scale scale, String baseCurrency,
      Path landing, Path groundTruth) {
    if (groundTruth.toAbsolutePath().normalize().startsWith(landing.toAbsolutePath().normalize())) {
      throw new IllegalArgumentException("the ground truth (" + groundTruth + ") must not be under the landing zone ("
          + landing + "): the pipeline reads everything there");
    }
    long started = System.nanoTime();
    for (LandingSource s : LandingSource.values()) {
      deleteRecursively(landing.resolve(s.path()));
    }
    deleteRecursively(groundTruth);
    List<Landing.Part> parts = new Simulation(settings, scale, baseCurrency, landing, groundTruth).run();
    LandingManifest.write(groundTruth, parts);

    Map<String, GenerationReport.SourceTotals> totals = new LinkedHashMap<>();
    Map<DefectKind, Long> defects = new EnumMap<>(DefectKind.class);
    for (LandingSource s : LandingSource.values()) {
      long files = 0;
      long records = 0;
      long bytes = 0;
      for (Landing.Part p : parts) {
        if (p.source == s) {
          files++;
          records += p.records;
          bytes += p.bytes;
        }
      }
      totals.put(s.path(), new GenerationReport.SourceTotals(files, records, bytes));
    }
    for (Landing.Part p : parts) {
      p.defects.forEach((k, v) -> defects.merge(k, v, Long::sum));
    }
    GenerationReport report = new GenerationReport(scale.name(), scale.influencers(), settings.startDate(),
        settings.startDate().plusDays(scale.days() - 1L), totals, defects,
        (System.nanoTime() - started) / 1_000_000, landing, groundTruth);
    writeParameters(settings, scale, baseCurrency, groundTruth);
    return report;
  }

  private static void writeParameters(SampleDataSettings settings, Scale scale, String baseCurrency, Path dir) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("seed", settings.seed());
    p.put("scale", scale);
    p.put("start_date", settings.startDate().toString());
    p.put("end_date", settings.startDate().plusDays(scale.days() - 1L).toString());
    p.put("base_currency", baseCurrency);
    p.put("story", settings.story());
    p.put("max_records_per_file", settings.maxRecordsPerFile());
    p.put("gzip_sources", settings.gzipSources());
    try {
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT)
          .writeValue(dir.resolve(PARAMETERS_FILE).toFile(), p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void deleteRecursively(Path dir) {
    if (!Files.exists(dir)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot clear " + dir, e);
    }
  }
}
