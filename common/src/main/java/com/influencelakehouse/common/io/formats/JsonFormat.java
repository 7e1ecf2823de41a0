package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import java.io.IOException;
import java.io.Reader;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * A format of JSON documents: any number of root values, one per line or pretty-printed, each an
 * object or an array of them (an API response, an envelope, one item). Subclasses map one root value
 * to canonical objects; this class streams the file, keeps each item's payload, and writes the
 * canonical record in the source's form (JSON text, or fields in contract order for a CSV source).
 */
abstract class JsonFormat implements SourceFormat {
  private static final long serialVersionUID = 1L;
  static final ObjectMapper MAPPER = new ObjectMapper();
  /** The canonical timestamp form: ISO-8601 to the second with an offset. */
  private static final DateTimeFormatter CANONICAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  /** One item of a root value: its canonical object (null when it cannot be mapped) and its payload. */
  record Item(ObjectNode canonical, JsonNode payload, String errorReason, String errorDetail) {
    static Item of(ObjectNode canonical, JsonNode payload) {
      return new Item(canonical, payload, null, null);
    }

    static Item rejected(JsonNode payload, String reason, String detail) {
      return new Item(null, payload, reason, detail);
    }
  }

  /** The items of one root value, in order. */
  abstract List<Item> items(LandingSource source, JsonNode root);

  @Override
  public Iterator<AdaptedRecord> adapt(LandingSource source, Reader file) throws IOException {
    MappingIterator<JsonNode> roots = MAPPER.readerFor(JsonNode.class).readValues(file);
    return new Iterator<>() {
      private final Deque<AdaptedRecord> pending = new ArrayDeque<>();
      private long position;
      private boolean done;

      @Override
      public boolean hasNext() {
        while (pending.isEmpty() && !done) {
          try {
            if (!roots.hasNextValue()) {
              done = true;
              break;
            }
            JsonNode root = roots.nextValue();
            List<JsonNode> values = new ArrayList<>();
            if (root.isArray()) {
              root.forEach(values::add);
            } else {
              values.add(root);
            }
            for (JsonNode v : values) {
              for (Item item : items(source, v)) {
                pending.add(recordOf(source, ++position, item));
              }
            }
          } catch (IOException | RuntimeException e) {
            // A syntax error leaves no reliable place to go on from: the rest of the file is one rejected record.
            done = true;
            String where = e instanceof JsonProcessingException j && j.getLocation() != null
                ? " at line " + j.getLocation().getLineNr() + ", column " + j.getLocation().getColumnNr() : "";
            pending.add(AdaptedRecord.rejected(++position, null, "malformed_record",
                "not valid JSON" + where + " (" + firstLine(e.getMessage()) + "); the file was not read past it"));
          }
        }
        return !pending.isEmpty();
      }

      @Override
      public AdaptedRecord next() {
        if (!hasNext()) {
          throw new NoSuchElementException();
        }
        return pending.poll();
      }
    };
  }

  static AdaptedRecord recordOf(LandingSource source, long position, Item item) {
    String payload = item.payload() == null ? null : item.payload().toString();
    if (item.canonical() == null) {
      return AdaptedRecord.rejected(position, payload, item.errorReason(), item.errorDetail());
    }
    if (source.format() == LandingSource.Format.JSON_LINES) {
      return AdaptedRecord.json(position, item.canonical().toString(), payload);
    }
    // A CSV source: the contract's fields in header order, then any extra ones (rescued by bronze).
    List<String> names = new ArrayList<>(source.fieldNames());
    item.canonical().fieldNames().forEachRemaining(n -> {
      if (!names.contains(n)) {
        names.add(n);
      }
    });
    String[] fields = new String[names.size()];
    for (int i = 0; i < fields.length; i++) {
      JsonNode v = item.canonical().get(names.get(i));
      fields[i] = v == null || v.isNull() ? null : v.isValueNode() ? v.asText() : v.toString();
    }
    return AdaptedRecord.csv(position, fields, names.toArray(String[]::new), payload);
  }

  /** A text member, or null when absent, null or blank. */
  static String text(JsonNode node, String... path) {
    JsonNode n = node;
    for (String p : path) {
      if (n == null) {
        return null;
      }
      n = n.get(p);
    }
    if (n == null || n.isNull() || n.isContainerNode()) {
      return null;
    }
    String t = n.asText();
    return t.isBlank() ? null : t;
  }

  /** Puts a value when present (absent members stay absent, so the contract check names them). */
  static void put(ObjectNode out, String field, String value) {
    if (value != null) {
      out.put(field, value);
    }
  }

  /** Copies a member as delivered, when present. */
  static void copy(ObjectNode out, String field, JsonNode from, String member) {
    JsonNode v = from.get(member);
    if (v != null && !v.isNull()) {
      out.set(field, v);
    }
  }

  /**
   * A timestamp in canonical form: RFC 3339 / ISO-8601 with fractions or {@code Z} is rewritten to the
   * second with its offset; the Graph API's {@code +0000} form is already canonical; anything else is
   * passed on as delivered so the contract check quarantines it with the value.
   */
  static String timestamp(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.trim()).format(CANONICAL_TIME);
    } catch (DateTimeParseException e) {
      return text;
    }
  }

  /** Epoch seconds (a number or digits) as a canonical UTC timestamp; anything else as delivered. */
  static String epochSeconds(JsonNode value) {
    if (value == null || value.isNull()) {
      return null;
    }
    String t = value.asText().trim();
    if (!t.matches("\\d{1,12}")) {
      return t;
    }
    return OffsetDateTime.ofInstant(Instant.ofEpochSecond(Long.parseLong(t)), ZoneOffset.UTC).format(CANONICAL_TIME);
  }

  /** Whether the head of a file starts (after blanks) with an object or array. */
  static boolean startsWithJson(String head) {
    String t = head.stripLeading();
    return t.startsWith("{") || t.startsWith("[");
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "";
    }
    int nl = message.indexOf('\n');
    return nl < 0 ? message : message.substring(0, nl);
  }
}
