package com.influencelakehouse.sampledata;

import com.influencelakehouse.common.tables.LandingSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The ground truth's account of every landing file: records delivered, clean records and defects
 * by kind. Ingestion is reconciled against it: delivered = loaded + quarantined + duplicates.
 */
public final class LandingManifest {
  /** File name under the ground-truth directory. */
  public static final String FILE = "landing_manifest.csv";

  /** One delivered part file. */
  public record Entry(LandingSource source, LocalDate date, String file, long records, long cleanRecords, long bytes,
      Map<DefectKind, Long> defects) {
    public long defects(DefectKind kind) {
      return defects.getOrDefault(kind, 0L);
    }
  }

  private LandingManifest() {}

  static void write(Path groundTruth, List<Landing.Part> parts) {
    try (BufferedWriter w = Files.newBufferedWriter(groundTruth.resolve(FILE), StandardCharsets.UTF_8)) {
      StringBuilder header = new StringBuilder("source,dt,file,records,clean_records,bytes");
      for (DefectKind k : DefectKind.values()) {
        header.append(',').append(k.column());
      }
      w.write(header.append('\n').toString());
      for (Landing.Part p : parts) {
        StringBuilder sb = new StringBuilder().append(p.source.path()).append(',').append(p.date).append(',')
            .append(p.file).append(',').append(p.records).append(',').append(p.clean()).append(',').append(p.bytes);
        for (DefectKind k : DefectKind.values()) {
          sb.append(',').append(p.defects.getOrDefault(k, 0L));
        }
        w.write(sb.append('\n').toString());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Reads the manifest a generation wrote. */
  public static List<Entry> read(Path groundTruth) {
    Path file = groundTruth.resolve(FILE);
    try {
      List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
      List<Entry> out = new ArrayList<>(lines.size());
      DefectKind[] kinds = DefectKind.values();
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.split(",", -1);
        Map<DefectKind, Long> defects = new EnumMap<>(DefectKind.class);
        for (int k = 0; k < kinds.length; k++) {
          long n = Long.parseLong(f[6 + k]);
          if (n > 0) {
            defects.put(kinds[k], n);
          }
        }
        out.add(new Entry(LandingSource.byPath(f[0]).orElseThrow(), LocalDate.parse(f[1]), f[2],
            Long.parseLong(f[3]), Long.parseLong(f[4]), Long.parseLong(f[5]), defects));
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the landing manifest " + file, e);
    }
  }
}
