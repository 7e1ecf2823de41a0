package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import com.univocity.parsers.csv.CsvParser;
import java.io.Reader;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;

/**
 * A CSV export with its own header, mapped to a CSV source's contract. Rows are read by column name;
 * subclasses turn one or more consecutive rows into a record ({@link #group}).
 */
abstract class CsvFormat implements SourceFormat {
  private static final long serialVersionUID = 1L;

  /** One delivered row by column name (blank values absent). */
  record Row(long line, Map<String, String> values) {
    String get(String column) {
      return values.get(column);
    }
  }

  /** Whether {@code row} continues the record begun by {@code first} (e.g. another line item of an order). */
  abstract boolean continues(Row first, Row row);

  /** The canonical record (contract field name to value) of one group of rows, or a rejection. */
  abstract Mapped map(LandingSource source, List<Row> rows);

  /** A mapped record: canonical values by field, or an error. */
  record Mapped(Map<String, String> fields, String errorReason, String errorDetail) {
    static Mapped of(Map<String, String> fields) {
      return new Mapped(fields, null, null);
    }

    static Mapped rejected(String reason, String detail) {
      return new Mapped(null, reason, detail);
    }
  }

  /** The first line of a head, split as a CSV header (lower-cased names). */
  static List<String> headerOf(String head) {
    String t = head.startsWith("\uFEFF") ? head.substring(1) : head;
    int nl = t.indexOf('\n');
    String line = (nl < 0 ? t : t.substring(0, nl)).strip();
    String[] names = Csv.parser().parseLine(line);
    List<String> out = new ArrayList<>();
    if (names != null) {
      for (String n : names) {
        out.add(n == null ? "" : n.strip().toLowerCase(java.util.Locale.ROOT));
      }
    }
    return out;
  }

  @Override
  public Iterator<AdaptedRecord> adapt(LandingSource source, Reader file) {
    CsvParser parser = Csv.parser();
    parser.beginParsing(file);
    String[] rawHeader = parser.parseNext();
    String[] header = rawHeader == null ? new String[0] : rawHeader.clone();
    for (int i = 0; i < header.length; i++) {
      String h = header[i] == null ? "" : header[i].strip();
      header[i] = i == 0 && h.startsWith("\uFEFF") ? h.substring(1) : h;
    }
    return new Iterator<>() {
      private Row pending = read();
      private long position;

      private Row read() {
        String[] fields = parser.parseNext();
        if (fields == null) {
          return null;
        }
        Map<String, String> values = new HashMap<>();
        for (int i = 0; i < header.length && i < fields.length; i++) {
          if (fields[i] != null && !fields[i].isBlank()) {
            values.put(header[i], fields[i]);
          }
        }
        return new Row(parser.getContext().currentLine(), values);
      }

      @Override
      public boolean hasNext() {
        return pending != null;
      }

      @Override
      public AdaptedRecord next() {
        if (pending == null) {
          throw new NoSuchElementException();
        }
        List<Row> rows = new ArrayList<>();
        rows.add(pending);
        Row r;
        while ((r = read()) != null && continues(rows.get(0), r)) {
          rows.add(r);
        }
        pending = r;
        position++;
        String payload = payload(rows);
        Mapped m = map(source, rows);
        if (m.fields() == null) {
          return AdaptedRecord.rejected(position, payload, m.errorReason(), m.errorDetail());
        }
        List<String> names = new ArrayList<>(source.fieldNames());
        m.fields().keySet().stream().filter(k -> !names.contains(k)).sorted().forEach(names::add);
        String[] fields = names.stream().map(m.fields()::get).toArray(String[]::new);
        return AdaptedRecord.csv(position, fields, names.toArray(String[]::new), payload);
      }
    };
  }

  /** The rows as delivered, as JSON ({"rows":[{column: value}]}, blank values left out). */
  private static String payload(List<Row> rows) {
    ObjectNode out = JsonFormat.MAPPER.createObjectNode();
    var array = out.putArray("rows");
    for (Row r : rows) {
      ObjectNode o = array.addObject();
      r.values().entrySet().stream().sorted(Map.Entry.comparingByKey()).forEach(e -> o.put(e.getKey(), e.getValue()));
    }
    return out.toString();
  }
}
