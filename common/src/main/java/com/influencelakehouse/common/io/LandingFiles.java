package com.influencelakehouse.common.io;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import java.io.BufferedReader;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.io.compress.CompressionCodec;
import org.apache.hadoop.io.compress.CompressionCodecFactory;
import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads landing files as lines, in parallel: the driver lists the files of the requested dates (not
 * their content), each task streams whole files and numbers their lines, so every record keeps its
 * file and line. CSV rows come parsed (RFC 4180) with their file's header. A compressed file that
 * cannot be read to its end fails the job naming the file, or becomes one quarantinable row; it is
 * never half-read.
 */
public final class LandingFiles {
  /** One delivered line: its place, its text, and (CSV) its fields and the file's header. */
  public static final StructType LINES = new StructType(new StructField[] {
      new StructField("source", StringType, false, org.apache.spark.sql.types.Metadata.empty()),
      new StructField(Tables.INGEST_DATE, DateType, false, org.apache.spark.sql.types.Metadata.empty()),
      new StructField(Tables.SOURCE_FILE, StringType, false, org.apache.spark.sql.types.Metadata.empty()),
      new StructField(Tables.LINE_NUMBER, LongType, false, org.apache.spark.sql.types.Metadata.empty()),
      new StructField("value", StringType, true, org.apache.spark.sql.types.Metadata.empty()),
      new StructField("fields", DataTypes.createArrayType(StringType, true), true,
          org.apache.spark.sql.types.Metadata.empty()),
      new StructField("header", DataTypes.createArrayType(StringType, true), true,
          org.apache.spark.sql.types.Metadata.empty()),
      new StructField("file_error", StringType, true, org.apache.spark.sql.types.Metadata.empty())});

  /** The files of a source for some dates, and the date folders that were not there. */
  public record Listing(LandingSource source, List<String> files, List<LocalDate> missingDates) {}

  private LandingFiles() {}

  /** Lists the part files (relative to the landing root) of a source's date folders. Hidden files are skipped. */
  public static Listing list(SparkSession spark, WarehouseSettings warehouse, LandingSource source, DateRange dates) {
    List<String> files = new ArrayList<>();
    List<LocalDate> missing = new ArrayList<>();
    forEachDate(spark, warehouse, source, dates, (d, delivered) -> {
      if (delivered == null) {
        missing.add(d);
      } else {
        delivered.forEach(st -> files.add(source.path() + "/dt=" + d + "/" + st.getPath().getName()));
      }
    });
    return new Listing(source, files, missing);
  }

  /**
   * The files {@link #list} would list, each with its size and modification time, and the missing
   * folders: equal strings, the same delivery (what a re-run with nothing new compares).
   */
  public static String fingerprint(SparkSession spark, WarehouseSettings warehouse, LandingSource source,
      DateRange dates) {
    StringBuilder out = new StringBuilder();
    forEachDate(spark, warehouse, source, dates, (d, delivered) -> {
      if (delivered == null) {
        out.append(d).append(":absent,");
      } else {
        delivered.forEach(st -> out.append(d).append('/').append(st.getPath().getName()).append(':')
            .append(st.getLen()).append(':').append(st.getModificationTime()).append(','));
      }
    });
    return out.toString();
  }

  /** Calls {@code each} per date with the folder's delivered files by name, or null when the folder is missing. */
  private static void forEachDate(SparkSession spark, WarehouseSettings warehouse, LandingSource source,
      DateRange dates, java.util.function.BiConsumer<LocalDate, List<FileStatus>> each) {
    Configuration conf = spark.sparkContext().hadoopConfiguration();
    try {
      for (LocalDate d : dates.list()) {
        Path dir = new Path(warehouse.landingPath(source, d));
        FileSystem fs = dir.getFileSystem(conf);
        if (!fs.exists(dir)) {
          each.accept(d, null);
          continue;
        }
        List<FileStatus> delivered = new ArrayList<>();
        for (FileStatus st : fs.listStatus(dir)) {
          String name = st.getPath().getName();
          if (st.isFile() && !name.startsWith(".") && !name.startsWith("_")) {
            delivered.add(st);
          }
        }
        delivered.sort(java.util.Comparator.comparing(st -> st.getPath().getName()));
        each.accept(d, delivered);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list landing folders of " + source.path(), e);
    }
  }

  /** Reads the listed files as {@link #LINES} rows. */
  public static Dataset<Row> read(SparkSession spark, WarehouseSettings warehouse, Listing listing,
      boolean failOnCorrupt) {
    if (listing.files().isEmpty()) {
      return spark.createDataFrame(List.of(), LINES);
    }
    Broadcast<SerializableConfiguration> conf = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    FileReader reader = new FileReader(warehouse.landing(), listing.source().path(),
        listing.source().format() == LandingSource.Format.CSV, failOnCorrupt, conf);
    int partitions = Math.max(1, Math.min(listing.files().size(), spark.sparkContext().defaultParallelism() * 4));
    return spark.createDataset(listing.files(), Encoders.STRING()).repartition(partitions)
        .flatMap(reader, Encoders.row(LINES));
  }

  /** Streams the lines of one file per call. */
  private static final class FileReader implements FlatMapFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private final String landingRoot;
    private final String source;
    private final boolean csv;
    private final boolean failOnCorrupt;
    private final Broadcast<SerializableConfiguration> conf;

    FileReader(String landingRoot, String source, boolean csv, boolean failOnCorrupt,
        Broadcast<SerializableConfiguration> conf) {
      this.landingRoot = landingRoot;
      this.source = source;
      this.csv = csv;
      this.failOnCorrupt = failOnCorrupt;
      this.conf = conf;
    }

    @Override
    public Iterator<Row> call(String relative) throws IOException {
      Configuration c = conf.value().get();
      Path path = new Path(landingRoot + "/" + relative);
      FileSystem fs = path.getFileSystem(c);
      CompressionCodec codec = new CompressionCodecFactory(c).getCodec(path);
      Date date = Date.valueOf(relative.substring(relative.indexOf("/dt=") + 4, relative.indexOf("/dt=") + 14));
      if (codec != null) {
        // Read compressed files once to their end first: a truncated one is then refused whole.
        try (InputStream in = codec.createInputStream(fs.open(path))) {
          byte[] buffer = new byte[1 << 16];
          while (in.read(buffer) >= 0) {
            // draining
          }
        } catch (IOException | RuntimeException e) {
          if (failOnCorrupt) {
            throw new CorruptLandingFileException(relative, e);
          }
          return List.of(RowFactory.create(source, date, relative, 0L, null, null, null,
              e.getClass().getSimpleName() + ": " + e.getMessage())).iterator();
        }
      }
      InputStream raw = codec != null ? codec.createInputStream(fs.open(path)) : fs.open(path);
      BufferedReader lines = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
      return new LineIterator(lines, source, date, relative, csv);
    }
  }

  /** Longest CSV record (characters) joined across line breaks of quoted fields before it is left malformed. */
  static final int MAX_RECORD = 1 << 20;

  /** Lazily numbered records of one open file (a CSV record may span lines); closes it at the end. */
  static final class LineIterator implements Iterator<Row> {
    private final BufferedReader reader;
    private final String source;
    private final Date date;
    private final String file;
    private final CsvParser parser;
    private String[] header;
    private String next;
    private long lineNumber;
    private long recordStart;

    LineIterator(BufferedReader reader, String source, Date date, String file, boolean csv) {
      this.reader = reader;
      this.source = source;
      this.date = date;
      this.file = file;
      this.parser = csv ? newParser() : null;
      advance();
      if (csv && next != null) {
        header = parse(next);
        advance();
      }
    }

    @Override
    public boolean hasNext() {
      return next != null;
    }

    @Override
    public Row next() {
      if (next == null) {
        throw new NoSuchElementException();
      }
      String line = next;
      long number = recordStart;
      advance();
      return RowFactory.create(source, date, file, number, line, parser == null ? null : parse(line), header, null);
    }

    private void advance() {
      next = readLine();
      recordStart = lineNumber;
      if (parser != null && next != null) {
        // A quoted CSV field may hold line breaks (an order note): the record goes on until its quote closes.
        StringBuilder record = null;
        while (endsInsideQuotes(record == null ? next : record) && (record == null || record.length() < MAX_RECORD)) {
          String more = readLine();
          if (more == null) {
            break; // an unclosed quote at the end of the file: the record stays malformed
          }
          record = (record == null ? new StringBuilder(next) : record).append('\n').append(more);
        }
        if (record != null) {
          next = record.toString();
        }
      }
    }

    /** The next physical line (numbered, BOM and CR removed), null at the end; the line number counts lines. */
    private String readLine() {
      try {
        String line = reader.readLine();
        if (line == null) {
          reader.close();
          return null;
        }
        lineNumber++;
        if (lineNumber == 1 && line.startsWith("\uFEFF")) {
          line = line.substring(1); // a UTF-8 byte-order mark is not part of the data
        }
        return line.endsWith("\r") ? line.substring(0, line.length() - 1) : line;
      } catch (IOException e) {
        throw new CorruptLandingFileException(file, e);
      }
    }

    /**
     * Whether CSV text ends inside a quoted field (RFC 4180): a field that starts with a quote runs to
     * the quote that is not doubled; a quote inside an unquoted field ({@code 5" screen}) is a character.
     */
    static boolean endsInsideQuotes(CharSequence text) {
      boolean quoted = false;
      boolean fieldStart = true;
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (quoted) {
          if (c == '"') {
            if (i + 1 < text.length() && text.charAt(i + 1) == '"') {
              i++; // an escaped quote
            } else {
              quoted = false;
            }
          }
        } else if (c == ',') {
          fieldStart = true;
          continue;
        } else if (c == '"' && fieldStart) {
          quoted = true;
        } else if (c == '\n') {
          fieldStart = true;
          continue;
        }
        fieldStart = false;
      }
      return quoted;
    }

    private String[] parse(String line) {
      return line.isEmpty() ? null : parser.parseLine(line);
    }

    private static CsvParser newParser() {
      CsvParserSettings s = new CsvParserSettings();
      s.getFormat().setLineSeparator("\n");
      s.setLineSeparatorDetectionEnabled(false);
      s.setIgnoreLeadingWhitespaces(false);
      s.setIgnoreTrailingWhitespaces(false);
      s.setNullValue("");
      s.setEmptyValue("");
      s.setMaxCharsPerColumn(1 << 20);
      s.setMaxColumns(1024);
      // No comment lines: a value may start with '#' (Shopify order names are "#1001").
      s.getFormat().setComment('\0');
      return new CsvParser(s);
    }
  }

  /** A Hadoop configuration that can travel to executors (it holds s3a and other file-system settings). */
  static final class SerializableConfiguration implements Serializable {
    private static final long serialVersionUID = 1L;
    private transient Configuration conf;

    SerializableConfiguration(Configuration conf) {
      this.conf = conf;
    }

    Configuration get() {
      return conf;
    }

    private void writeObject(ObjectOutputStream out) throws IOException {
      out.defaultWriteObject();
      conf.write(new DataOutputStream(out));
    }

    private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
      in.defaultReadObject();
      conf = new Configuration(false);
      conf.readFields(new DataInputStream(in));
    }
  }
}
