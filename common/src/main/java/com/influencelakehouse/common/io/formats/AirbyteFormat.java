package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import com.univocity.parsers.csv.CsvParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Airbyte raw records of a stream whose fields are the source's contract: JSON lines
 * ({@code {"_airbyte_ab_id"|"_airbyte_raw_id", "_airbyte_emitted_at"|"_airbyte_extracted_at",
 * "_airbyte_data":{...}}}) or Airbyte's CSV file output ({@code _airbyte_data} a JSON text column),
 * for any landing source. The record is {@code _airbyte_data}; a record whose data has none of the
 * source's required fields belongs to another stream and is quarantined.
 */
final class AirbyteFormat extends JsonFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "airbyte";
  static final String DATA = "_airbyte_data";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<LandingSource> sources() {
    return Set.of(LandingSource.values());
  }

  @Override
  public String description() {
    return "Airbyte raw records (JSON lines or CSV with the _airbyte_data column) of a stream with the contract's "
        + "fields, for any source";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    return head.contains(DATA);
  }

  @Override
  public Iterator<AdaptedRecord> adapt(LandingSource source, Reader file) throws IOException {
    BufferedReader in = file instanceof BufferedReader b ? b : new BufferedReader(file);
    in.mark(1 << 16);
    int c;
    do {
      c = in.read();
    } while (c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\uFEFF');
    in.reset();
    return c == '{' || c == '[' ? super.adapt(source, in) : csv(source, in);
  }

  @Override
  List<Item> items(LandingSource source, JsonNode root) {
    return List.of(data(source, root.get(DATA), root));
  }

  private static Item data(LandingSource source, JsonNode data, JsonNode payload) {
    if (data == null || !data.isObject()) {
      return Item.rejected(payload, "malformed_record", DATA + ": missing or not an object");
    }
    boolean ours = source.fieldNames().stream().anyMatch(f -> source.isRequired(f) && data.has(f));
    if (!ours) {
      List<String> keys = new ArrayList<>();
      data.fieldNames().forEachRemaining(keys::add);
      return Item.rejected(payload, "unknown_stream", DATA + " has none of the required fields of " + source.path()
          + " " + source.fieldNames().stream().filter(source::isRequired).toList() + " but " + keys
          + ": a record of another stream");
    }
    return Item.of((ObjectNode) data, payload);
  }

  /** Airbyte's CSV output: a header naming _airbyte_data, the data as JSON text. */
  private Iterator<AdaptedRecord> csv(LandingSource source, BufferedReader in) {
    CsvParser parser = Csv.parser();
    parser.beginParsing(in);
    String[] header = parser.parseNext();
    int dataColumn = header == null ? -1 : Arrays.asList(header).indexOf(DATA);
    return new Iterator<>() {
      private String[] next = header == null ? null : parser.parseNext();
      private long position;

      @Override
      public boolean hasNext() {
        return next != null;
      }

      @Override
      public AdaptedRecord next() {
        if (next == null) {
          throw new NoSuchElementException();
        }
        String[] row = next;
        next = parser.parseNext();
        position++;
        ObjectNode payload = MAPPER.createObjectNode();
        for (int i = 0; i < header.length && i < row.length; i++) {
          payload.put(header[i], row[i]);
        }
        if (dataColumn < 0 || dataColumn >= row.length || row[dataColumn] == null) {
          return AdaptedRecord.rejected(position, payload.toString(), "malformed_record",
              DATA + ": no such column or value in this row");
        }
        try {
          JsonNode data = MAPPER.readTree(row[dataColumn]);
          return single(source, position, data(source, data, payload));
        } catch (IOException e) {
          return AdaptedRecord.rejected(position, payload.toString(), "malformed_record",
              DATA + ": not valid JSON (" + e.getMessage().lines().findFirst().orElse("") + ")");
        }
      }
    };
  }

  private AdaptedRecord single(LandingSource source, long position, Item item) {
    // The JSON path's record() does the canonical form; reuse it through a one-item file.
    return JsonFormat.recordOf(source, position, item);
  }
}
