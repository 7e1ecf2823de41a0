package com.influencelakehouse.sampledata;

import com.influencelakehouse.common.tables.LandingSource;
import java.io.BufferedWriter;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.zip.GZIPOutputStream;

/**
 * Writes the landing zone as upstream exporters deliver it: per source and date a folder
 * {@code dt=YYYY-MM-DD} of part files, rotated at a record limit, gzipped where configured, CSV
 * with a header. Counts every record and defect per file for the ground-truth manifest.
 */
final class Landing implements Closeable {
  /** Name of the column an exporter occasionally adds to a CSV delivery. */
  static final String EXTRA_CSV_COLUMN = "export_batch";

  /** Counts of one written part file. */
  static final class Part {
    final LandingSource source;
    final LocalDate date;
    final String file;
    long records;
    long bytes;
    final Map<DefectKind, Long> defects = new EnumMap<>(DefectKind.class);

    Part(LandingSource source, LocalDate date, String file) {
      this.source = source;
      this.date = date;
      this.file = file;
    }

    long clean() {
      long noise = defects.entrySet().stream().filter(e -> e.getKey().isExtraRecord())
          .mapToLong(Map.Entry::getValue).sum();
      return records - noise;
    }
  }

  private final class OpenFile {
    final Part part;
    final Writer writer;
    final CountingStream counter;

    OpenFile(Part part, CountingStream counter, Writer writer) {
      this.part = part;
      this.counter = counter;
      this.writer = writer;
    }
  }

  private final Path root;
  private final int maxRecordsPerFile;
  private final Set<LandingSource> gzipped;
  private final Map<LandingSource, OpenFile> open = new EnumMap<>(LandingSource.class);
  private final Map<LandingSource, Integer> nextPart = new EnumMap<>(LandingSource.class);
  private final Set<LandingSource> extraColumnToday = EnumSet.noneOf(LandingSource.class);
  private final List<Part> parts = new ArrayList<>();
  private LocalDate date;

  Landing(Path root, int maxRecordsPerFile, Set<LandingSource> gzipped) {
    this.root = root;
    this.maxRecordsPerFile = maxRecordsPerFile;
    this.gzipped = gzipped.isEmpty() ? EnumSet.noneOf(LandingSource.class) : EnumSet.copyOf(gzipped);
  }

  /** Starts a delivery date; CSV sources in {@code withExtraColumn} carry an undeclared column today. */
  void startDay(LocalDate day, Set<LandingSource> withExtraColumn) {
    this.date = day;
    nextPart.clear();
    extraColumnToday.clear();
    extraColumnToday.addAll(withExtraColumn);
  }

  boolean hasExtraColumn(LandingSource source) {
    return extraColumnToday.contains(source);
  }

  /** Writes one line (one record) for the current date; {@code kind} is null for a clean record. */
  void write(LandingSource source, String line, DefectKind kind) {
    OpenFile f = open.get(source);
    if (f == null || f.part.records >= maxRecordsPerFile) {
      if (f != null) {
        close(f);
      }
      f = openPart(source);
      open.put(source, f);
    }
    try {
      f.writer.write(line);
      f.writer.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    f.part.records++;
    if (kind != null) {
      f.part.defects.merge(kind, 1L, Long::sum);
    }
  }

  /**
   * Ends the date: every required source gets a file even without records (an exporter that ran
   * and found nothing), then {@code emptyFileSources} each get an extra zero-byte part file.
   */
  void endDay(Set<LandingSource> emptyFileSources) {
    for (LandingSource s : LandingSource.values()) {
      if (s.required() && !open.containsKey(s) && !nextPart.containsKey(s)) {
        open.put(s, openPart(s));
      }
    }
    for (OpenFile f : open.values()) {
      close(f);
    }
    open.clear();
    for (LandingSource s : emptyFileSources) {
      Part p = new Part(s, date, partName(s));
      p.defects.put(DefectKind.EMPTY_FILE, 1L);
      try {
        Path file = root.resolve(p.file);
        Files.createDirectories(file.getParent());
        Files.write(file, new byte[0]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      parts.add(p);
    }
  }

  List<Part> parts() {
    return parts;
  }

  private String partName(LandingSource s) {
    int n = nextPart.merge(s, 1, Integer::sum) - 1;
    String ext = s.format().extension() + (gzipped.contains(s) ? ".gz" : "");
    return s.path() + "/dt=" + date + "/part-" + String.format("%05d", n) + "." + ext;
  }

  private OpenFile openPart(LandingSource s) {
    Part part = new Part(s, date, partName(s));
    try {
      Path file = root.resolve(part.file);
      Files.createDirectories(file.getParent());
      CountingStream counter = new CountingStream(Files.newOutputStream(file));
      OutputStream out = gzipped.contains(s) ? new GZIPOutputStream(counter, 1 << 16) : counter;
      Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), 1 << 16);
      if (s.format() == LandingSource.Format.CSV) {
        w.write(String.join(",", s.fieldNames()));
        if (extraColumnToday.contains(s)) {
          w.write("," + EXTRA_CSV_COLUMN);
        }
        w.write('\n');
      }
      parts.add(part);
      return new OpenFile(part, counter, w);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private void close(OpenFile f) {
    try {
      f.writer.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    f.part.bytes = f.counter.count;
  }

  @Override
  public void close() {
    for (OpenFile f : open.values()) {
      close(f);
    }
    open.clear();
  }

  /** Counts bytes written to disk (after compression). */
  private static final class CountingStream extends java.io.FilterOutputStream {
    long count;

    CountingStream(OutputStream out) {
      super(out);
    }

    @Override
    public void write(int b) throws IOException {
      out.write(b);
      count++;
    }

    @Override
    public void write(byte[] b, int off, int len) throws IOException {
      out.write(b, off, len);
      count += len;
    }
  }
}
