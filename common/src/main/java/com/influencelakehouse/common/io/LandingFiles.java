package com.influencelakehouse.common.io;

import static org.apache.spark.sql.types.DataTypes.DateType;
import static org.apache.spark.sql.types.DataTypes.LongType;
import static org.apache.spark.sql.types.DataTypes.StringType;

import com.influencelakehouse.common.config.WarehouseSettings;
import com.influencelakehouse.common.io.formats.AdaptedRecord;
import com.influencelakehouse.common.io.formats.SourceFormat;
import com.influencelakehouse.common.io.formats.SourceFormats;
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
import java.util.Map;
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
  /** Column of {@link #LINES}: the format the file arrived in ({@link SourceFormats#CANONICAL} or an adapter). */
  public static final String FORMAT = "source_format";
  /** Column of {@link #LINES}: the record as the exporter delivered it, when an adapter mapped it. */
  public static final String PAYLOAD = "payload";

  /**
   * One delivered record: its place, its text, (CSV) its fields and header, a file- or record-level
   * error ({@code file_error} the detail, {@code error_reason} the reason, null meaning corrupt_file),
   * the format it arrived in and, when an adapter mapped it, the payload as delivered.
   */
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
      new StructField("file_error", StringType, true, org.apache.spark.sql.types.Metadata.empty()),
      new StructField("error_reason", StringType, true, org.apache.spark.sql.types.Metadata.empty()),
      new StructField(FORMAT, StringType, false, org.apache.spark.sql.types.Metadata.empty()),
      new StructField(PAYLOAD, StringType, true, org.apache.spark.sql.types.Metadata.empty())});

  /**
   * The files of a source for some dates, the date folders that were not there, those that were
   * there but held no file, and what else lies in the source's folder that is never read (a folder
   * whose {@code dt=} is not a date, a file outside any date folder), each as its path relative to
   * the landing root and why.
   */
  public record Listing(LandingSource source, List<String> files, List<LocalDate> missingDates,
      List<LocalDate> emptyDates, Map<String, String> strays) {
    public Listing(LandingSource source, List<String> files, List<LocalDate> missingDates) {
      this(source, files, missingDates, List.of(), Map.of());
    }
  }

  /** Reason of a landing entry that is never read because of its name or place. */
  public static final String BAD_FOLDER_NAME = "bad_folder_name";

  private LandingFiles() {}

  /** Lists the part files (relative to the landing root) of a source's date folders. Hidden files are skipped. */
  public static Listing list(SparkSession spark, WarehouseSettings warehouse, LandingSource source, DateRange dates) {
    List<String> files = new ArrayList<>();
    List<LocalDate> missing = new ArrayList<>();
    List<LocalDate> empty = new ArrayList<>();
    Map<String, String> strays = strays(spark, warehouse, source);
    forEachDate(spark, warehouse, source, dates, (d, delivered) -> {
      if (delivered == null) {
        missing.add(d);
        return;
      }
      boolean any = false;
      for (FileStatus st : delivered) {
        String relative = source.path() + "/dt=" + d + "/" + st.getPath().getName();
        if (st.isDirectory()) {
          strays.put(relative, "a folder inside a date folder: its files are never read; deliver the files "
              + "directly in " + source.path() + "/dt=" + d);
        } else {
          files.add(relative);
          any = true;
        }
      }
      if (!any) {
        empty.add(d);
      }
    });
    return new Listing(source, files, missing, empty, strays);
  }

  /**
   * What lies in the source's folder that no run reads: one listing of folder names (not of files),
   * so its cost grows with the number of delivery days, not with their data.
   */
  static Map<String, String> strays(SparkSession spark, WarehouseSettings warehouse, LandingSource source) {
    Path dir = new Path(warehouse.landingPath(source));
    Map<String, String> out = new java.util.TreeMap<>();
    try {
      FileSystem fs = dir.getFileSystem(spark.sparkContext().hadoopConfiguration());
      if (!fs.exists(dir)) {
        return out;
      }
      for (FileStatus st : fs.listStatus(dir)) {
        String name = st.getPath().getName();
        if (name.startsWith(".") || name.startsWith("_")) {
          continue;
        }
        String relative = source.path() + "/" + name;
        if (!st.isDirectory()) {
          out.put(relative, "a file outside any date folder: " + source.path() + " holds only folders named "
              + "dt=YYYY-MM-DD; move it into the folder of its delivery date");
        } else if (!name.startsWith("dt=")) {
          out.put(relative, "a folder named " + name + " is not a date folder (dt=YYYY-MM-DD): its files are "
              + "never read; rename it to dt=<delivery date>");
        } else if (parseDate(name.substring(3)) == null) {
          out.put(relative, "folder " + name + ": '" + name.substring(3) + "' is not a date YYYY-MM-DD: its files "
              + "are never read; rename it to dt=<delivery date>");
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list the landing folder " + dir, e);
    }
    return out;
  }

  private static LocalDate parseDate(String text) {
    try {
      return text.length() == 10 ? LocalDate.parse(text) : null;
    } catch (java.time.format.DateTimeParseException e) {
      return null;
    }
  }

  /**
   * One {@link #LINES} row per stray entry of the listing, dated {@code noticedOn} (the night that
   * found it: each night flags it again until it is renamed or removed).
   */
  public static Dataset<Row> strayRows(SparkSession spark, Listing listing, LocalDate noticedOn) {
    List<Row> rows = new ArrayList<>();
    listing.strays().forEach((path, why) -> rows.add(RowFactory.create(listing.source().path(),
        Date.valueOf(noticedOn), path, 0L, path, null, null, why, BAD_FOLDER_NAME, SourceFormats.CANONICAL, null)));
    return spark.createDataFrame(rows, LINES);
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
    strays(spark, warehouse, source).keySet().forEach(k -> out.append("stray:").append(k).append(','));
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
          if (!name.startsWith(".") && !name.startsWith("_")) { // folders too: list() reports them
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

  /** Reads the listed files as {@link #LINES} rows, detecting each file's format. */
  public static Dataset<Row> read(SparkSession spark, WarehouseSettings warehouse, Listing listing,
      boolean failOnCorrupt) {
    return read(spark, warehouse, listing, failOnCorrupt, SourceFormats.AUTO);
  }

  /**
   * Reads the listed files as {@link #LINES} rows.
   *
   * @param format {@link SourceFormats#AUTO} (detect per file), {@link SourceFormats#CANONICAL} or an adapter name:
   *               a file not in that format becomes one {@link SourceFormats#WRONG_FILE_FORMAT} row
   */
  public static Dataset<Row> read(SparkSession spark, WarehouseSettings warehouse, Listing listing,
      boolean failOnCorrupt, String format) {
    if (listing.files().isEmpty()) {
      return spark.createDataFrame(List.of(), LINES);
    }
    Broadcast<SerializableConfiguration> conf = new org.apache.spark.api.java.JavaSparkContext(spark.sparkContext())
        .broadcast(new SerializableConfiguration(spark.sparkContext().hadoopConfiguration()));
    FileReader reader = new FileReader(warehouse.landing(), listing.source(), failOnCorrupt, format, conf);
    int partitions = Math.max(1, Math.min(listing.files().size(), spark.sparkContext().defaultParallelism() * 4));
    return spark.createDataset(listing.files(), Encoders.STRING()).repartition(partitions)
        .flatMap(reader, Encoders.row(LINES));
  }

  /** Streams the lines of one file per call. */
  private static final class FileReader implements FlatMapFunction<String, Row> {
    private static final long serialVersionUID = 1L;
    private final String landingRoot;
    private final LandingSource landingSource;
    private final String source;
    private final boolean csv;
    private final boolean failOnCorrupt;
    private final String format;
    private final Broadcast<SerializableConfiguration> conf;

    FileReader(String landingRoot, LandingSource source, boolean failOnCorrupt, String format,
        Broadcast<SerializableConfiguration> conf) {
      this.landingRoot = landingRoot;
      this.landingSource = source;
      this.source = source.path();
      this.csv = source.format() == LandingSource.Format.CSV;
      this.failOnCorrupt = failOnCorrupt;
      this.format = format;
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
              e.getClass().getSimpleName() + ": " + e.getMessage(), null, SourceFormats.CANONICAL, null)).iterator();
        }
      }
      InputStream raw = codec != null ? codec.createInputStream(fs.open(path)) : fs.open(path);
      BufferedReader lines = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8), 1 << 16);
      String head = head(lines);
      SourceFormat adapter = null;
      if (format.equals(SourceFormats.AUTO)) {
        adapter = SourceFormats.detect(landingSource, head).orElse(null);
      } else if (!format.equals(SourceFormats.CANONICAL)) {
        adapter = SourceFormats.byName(format).orElseThrow();
        if (!head.isEmpty() && !adapter.detects(landingSource, head)) {
          String found = SourceFormats.detect(landingSource, head).map(f -> "the " + f.name() + " format")
              .orElseGet(() -> {
                String shape = SourceFormats.wrongShape(landingSource, head);
                return shape != null ? shape : "the canonical contract of " + source;
              });
          lines.close();
          return List.of(wrongFormat(date, relative, head, "expected the " + format + " format (lakehouse.ingest."
              + "formats), found " + found)).iterator();
        }
      }
      if (adapter == null) {
        String wrong = SourceFormats.wrongShape(landingSource, head);
        if (wrong != null) {
          lines.close();
          return List.of(wrongFormat(date, relative, head, wrong)).iterator();
        }
        return new LineIterator(lines, source, date, relative, csv);
      }
      return new AdaptedIterator(adapter, adapter.adapt(landingSource, lines), lines, source, date, relative);
    }

    /** One row standing for a whole file that is not in the expected form. */
    private Row wrongFormat(Date date, String relative, String head, String detail) {
      int nl = head.indexOf('\n');
      String first = nl < 0 ? head : head.substring(0, nl);
      return RowFactory.create(source, date, relative, 0L, first.length() > 1000 ? first.substring(0, 1000) : first,
          null, null, detail, SourceFormats.WRONG_FILE_FORMAT, SourceFormats.CANONICAL, null);
    }
  }

  /** The first {@link SourceFormats#HEAD_CHARS} characters of a reader, which is reset to its start. */
  static String head(BufferedReader reader) throws IOException {
    reader.mark(SourceFormats.HEAD_CHARS + 1);
    char[] buffer = new char[SourceFormats.HEAD_CHARS];
    int n = 0;
    int r;
    while (n < buffer.length && (r = reader.read(buffer, n, buffer.length - n)) > 0) {
      n += r;
    }
    reader.reset();
    return new String(buffer, 0, n);
  }

  /** The records an adapter made of one file, as {@link #LINES} rows; closes the file at the end. */
  static final class AdaptedIterator implements Iterator<Row> {
    private final SourceFormat format;
    private final Iterator<AdaptedRecord> records;
    private final BufferedReader file;
    private final String source;
    private final Date date;
    private final String relative;

    AdaptedIterator(SourceFormat format, Iterator<AdaptedRecord> records, BufferedReader file, String source,
        Date date, String relative) {
      this.format = format;
      this.records = records;
      this.file = file;
      this.source = source;
      this.date = date;
      this.relative = relative;
    }

    @Override
    public boolean hasNext() {
      boolean more;
      try {
        more = records.hasNext();
      } catch (RuntimeException e) {
        throw new CorruptLandingFileException(relative, e);
      }
      if (!more) {
        try {
          file.close();
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
      return more;
    }

    @Override
    public Row next() {
      AdaptedRecord r = records.next();
      // A CSV record's value is its payload (the delivered rows); a JSON record's is the canonical text the
      // contract check parses.
      String value = r.canonical() != null ? r.canonical() : r.payload();
      return RowFactory.create(source, date, relative, r.position(), value, r.fields(), r.header(),
          r.errorReason() == null ? null : r.errorDetail(), r.errorReason(), format.name(), r.payload());
    }
  }

  /** Longest CSV field (characters) the parser takes; a longer one makes its record malformed. */
  static final int MAX_FIELD = 1 << 20;

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
        try {
          header = parse(next);
        } catch (com.univocity.parsers.common.TextParsingException e) {
          header = null; // no header: every record of the file is malformed (fields and header differ)
        }
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
      String[] fields = null;
      if (parser != null) {
        try {
          fields = parse(line);
        } catch (com.univocity.parsers.common.TextParsingException e) {
          // A field past the parser's limit (a 5 MB cell): this record is malformed, the file goes on.
          return RowFactory.create(source, date, file, number, line, null, header, String.format(
              "a field longer than %,d characters (the record has %,d): not a value of any contract field",
              MAX_FIELD, line.length()), "malformed_record", SourceFormats.CANONICAL, null);
        }
      }
      return RowFactory.create(source, date, file, number, line, fields, header, null,
          null, SourceFormats.CANONICAL, null);
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
      s.setMaxCharsPerColumn(MAX_FIELD);
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
