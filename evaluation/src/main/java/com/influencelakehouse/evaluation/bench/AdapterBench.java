package com.influencelakehouse.evaluation.bench;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.SampleDataSettings;
import com.influencelakehouse.common.io.formats.AdaptedRecord;
import com.influencelakehouse.common.io.formats.SourceFormat;
import com.influencelakehouse.common.io.formats.SourceFormats;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.sampledata.ExporterFormats;
import com.influencelakehouse.sampledata.SampleDataGenerator;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;

/**
 * Records per second through each exporter-format adapter against the canonical path, on one thread
 * and without Spark (what the adapters add per record; the contract checks after them are the same):
 * a world generated canonical and again rewritten by ExporterFormats. Usage: SCALE DIR.
 */
public final class AdapterBench {
  private AdapterBench() {}

  public static void main(String[] args) throws IOException {
    String scaleName = args.length > 0 ? args[0] : "small";
    Path dir = Path.of(args.length > 1 ? args[1] : "/tmp/lakehouse-bench");
    LakehouseConfig config = LakehouseConfig.load("local");
    SampleDataSettings s = config.sampleData();
    Path canonical = dir.resolve("canonical");
    Path exporter = dir.resolve("exporter");
    SampleDataGenerator.generate(s, s.scale(scaleName), config.objectives().baseCurrency(), canonical,
        dir.resolve("gt1"));
    SampleDataGenerator.generate(s, s.scale(scaleName), config.objectives().baseCurrency(), exporter,
        dir.resolve("gt2"));
    ExporterFormats.rewrite(exporter);
    System.out.printf("== adapters at %s: records/s on one thread, reading and mapping only (3 passes, best)%n",
        scaleName);
    for (LandingSource source : List.of(LandingSource.POSTS, LandingSource.POST_INSIGHTS, LandingSource.ORDERS,
        LandingSource.CLICKS, LandingSource.OFFERS, LandingSource.OFFER_RESPONSES)) {
      double canonicalRate = 0;
      long canonicalRecords = 0;
      Map<String, double[]> byFormat = new TreeMap<>();
      for (int pass = 0; pass < 3; pass++) {
        long t0 = System.nanoTime();
        canonicalRecords = readCanonical(source, files(canonical.resolve(source.path())));
        canonicalRate = Math.max(canonicalRate, canonicalRecords / ((System.nanoTime() - t0) / 1e9));
        Map<String, long[]> perFormat = new TreeMap<>();
        for (Path f : files(exporter.resolve(source.path()))) {
          long f0 = System.nanoTime();
          String head;
          try (BufferedReader r = open(f)) {
            char[] buf = new char[SourceFormats.HEAD_CHARS];
            int n = Math.max(0, r.read(buf));
            head = new String(buf, 0, n);
          }
          SourceFormat format = SourceFormats.detect(source, head).orElse(null);
          long n;
          try (BufferedReader r = open(f)) {
            n = format == null ? readCanonical(source, List.of(f)) : count(format.adapt(source, r));
          }
          long[] c = perFormat.computeIfAbsent(format == null ? "canonical" : format.name(), k -> new long[2]);
          c[0] += n;
          c[1] += System.nanoTime() - f0;
        }
        perFormat.forEach((k, c) -> {
          double[] best = byFormat.computeIfAbsent(k, x -> new double[2]);
          best[0] = c[0];
          best[1] = Math.max(best[1], c[0] / (c[1] / 1e9));
        });
      }
      System.out.printf("%-26s canonical %,9d records %,10.0f records/s%n", source.path(), canonicalRecords,
          canonicalRate);
      double base = canonicalRate;
      byFormat.forEach((k, v) -> System.out.printf("%-26s %-24s %,9.0f records %,10.0f records/s (%.2f x canonical)%n",
          "", k, v[0], v[1], v[1] / base));
    }
  }

  /** The canonical path's work per record: split lines, parse each as JSON or CSV. */
  private static long readCanonical(LandingSource source, List<Path> files) throws IOException {
    ObjectMapper json = new ObjectMapper();
    CsvParserSettings settings = new CsvParserSettings();
    CsvParser csv = new CsvParser(settings);
    long n = 0;
    for (Path f : files) {
      try (BufferedReader r = open(f)) {
        String line;
        boolean header = source.format() == LandingSource.Format.CSV;
        while ((line = r.readLine()) != null) {
          if (header) {
            header = false;
            continue;
          }
          try {
            if (source.format() == LandingSource.Format.CSV) {
              csv.parseLine(line);
            } else {
              json.readTree(line);
            }
          } catch (RuntimeException | IOException e) {
            // an injected defect: the canonical path reads it too (and quarantines it later)
          }
          n++;
        }
      }
    }
    return n;
  }

  private static long count(Iterator<AdaptedRecord> it) {
    long n = 0;
    while (it.hasNext()) {
      it.next();
      n++;
    }
    return n;
  }

  private static BufferedReader open(Path f) throws IOException {
    InputStream in = Files.newInputStream(f);
    if (f.toString().endsWith(".gz")) {
      in = new GZIPInputStream(in);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  private static List<Path> files(Path dir) throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> w = Files.walk(dir)) {
      return w.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith(".")).sorted().toList();
    }
  }
}
