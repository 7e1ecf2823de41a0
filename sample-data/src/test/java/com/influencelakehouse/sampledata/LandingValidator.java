package com.influencelakehouse.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influencelakehouse.common.tables.LandingSource;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import org.apache.spark.sql.types.ArrayType;
import org.apache.spark.sql.types.BooleanType;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DoubleType;
import org.apache.spark.sql.types.IntegerType;
import org.apache.spark.sql.types.LongType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Reads a generated landing zone back, independently of the generator, and classifies every record
 * against the declared contract (LandingSource): the test oracle for the manifest's defect counts.
 */
final class LandingValidator {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final DateTimeFormatter ISO = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");
  private static final DateTimeFormatter GRAPH = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");

  private final Path landing;
  private final Set<String> knownInfluencers = new HashSet<>();
  private final Set<String> ordersSeen = new HashSet<>();

  LandingValidator(Path landing) {
    this.landing = landing;
  }

  /** Defect counts per file (path relative to the landing root), by kind. */
  Map<String, Map<DefectKind, Long>> classify() {
    for (Path f : files(LandingSource.INFLUENCERS)) {
      for (String line : lines(f)) {
        try {
          JsonNode n = JSON.readTree(line);
          if (n.path("influencer_id").isTextual()) {
            knownInfluencers.add(n.get("influencer_id").asText());
          }
        } catch (IOException e) {
          // a malformed line names no influencer
        }
      }
    }
    Map<String, Map<DefectKind, Long>> out = new TreeMap<>();
    for (LandingSource s : LandingSource.values()) {
      for (Path f : files(s)) {
        Map<DefectKind, Long> counts = new EnumMap<>(DefectKind.class);
        LocalDate dt = LocalDate.parse(f.getParent().getFileName().toString().substring(3));
        List<String> lines = lines(f);
        if (lines.isEmpty() && size(f) == 0) {
          // An exporter's empty delivery and an injected empty file look the same; the manifest tells them apart.
          out.put(landing.relativize(f).toString(), counts);
          continue;
        }
        if (s.format() == LandingSource.Format.JSON_LINES) {
          classifyJson(s, dt, lines, counts);
        } else {
          classifyCsv(s, dt, lines, counts);
        }
        out.put(landing.relativize(f).toString(), counts);
      }
    }
    return out;
  }

  private void classifyJson(LandingSource s, LocalDate dt, List<String> lines, Map<DefectKind, Long> counts) {
    Set<String> seen = new HashSet<>();
    for (String line : lines) {
      JsonNode n;
      try {
        n = JSON.readTree(line);
      } catch (IOException e) {
        add(counts, DefectKind.MALFORMED_RECORD);
        continue;
      }
      DefectKind kind = checkJson(s, dt, n);
      if (kind != null) {
        add(counts, kind);
      } else if (!seen.add(line)) {
        add(counts, DefectKind.DUPLICATE_RECORD);
      } else {
        Iterator<String> names = n.fieldNames();
        while (names.hasNext()) {
          if (!s.fieldNames().contains(names.next())) {
            add(counts, DefectKind.EXTRA_COLUMN);
            break;
          }
        }
      }
    }
  }

  private DefectKind checkJson(LandingSource s, LocalDate dt, JsonNode n) {
    StructType contract = s.contract();
    for (String f : s.fieldNames()) {
      if (s.isRequired(f) && (!n.has(f) || n.get(f).isNull())) {
        return DefectKind.MISSING_REQUIRED_FIELD;
      }
    }
    for (StructField f : contract.fields()) {
      JsonNode v = n.get(f.name());
      if (v == null || v.isNull()) {
        continue;
      }
      if (!jsonTypeMatches(f.dataType(), v)) {
        return DefectKind.WRONG_TYPE;
      }
      if (!s.allowedValues(f.name()).isEmpty() && !s.allowedValues(f.name()).contains(v.asText())) {
        return DefectKind.UNKNOWN_ENUM;
      }
      if (v.isNumber() && v.asDouble() < 0) {
        return DefectKind.NEGATIVE_VALUE;
      }
    }
    for (String f : s.timestampFields()) {
      if (n.has(f)) {
        DefectKind k = checkTime(n.get(f).asText(), dt);
        if (k != null) {
          return k;
        }
      }
    }
    return null;
  }

  private static boolean jsonTypeMatches(DataType t, JsonNode v) {
    if (t instanceof StringType) {
      return v.isTextual();
    } else if (t instanceof LongType || t instanceof IntegerType) {
      return v.isIntegralNumber();
    } else if (t instanceof DoubleType) {
      return v.isNumber();
    } else if (t instanceof BooleanType) {
      return v.isBoolean();
    } else if (t instanceof StructType) {
      return v.isObject();
    } else if (t instanceof ArrayType) {
      return v.isArray();
    }
    throw new IllegalArgumentException("type " + t);
  }

  private void classifyCsv(LandingSource s, LocalDate dt, List<String> lines, Map<DefectKind, Long> counts) {
    List<String> header = parseCsv(lines.get(0));
    boolean extraColumn = header.size() > s.fieldNames().size();
    Set<String> seen = new HashSet<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = parseCsv(line);
      DefectKind kind = f.size() != header.size() ? DefectKind.MALFORMED_RECORD : checkCsv(s, dt, f);
      if (kind != null) {
        add(counts, kind);
        continue;
      }
      if (s == LandingSource.ORDERS && !seen.contains(line) && ordersSeen.contains(f.get(0))) {
        add(counts, DefectKind.DUPLICATE_ORDER_POSTBACK);
        continue;
      }
      if (!seen.add(line)) {
        add(counts, DefectKind.DUPLICATE_RECORD);
        continue;
      }
      if (s == LandingSource.ORDERS) {
        ordersSeen.add(f.get(0));
      }
      if (extraColumn) {
        add(counts, DefectKind.EXTRA_COLUMN);
      }
    }
  }

  private DefectKind checkCsv(LandingSource s, LocalDate dt, List<String> f) {
    List<String> names = s.fieldNames();
    for (int i = 0; i < names.size(); i++) {
      if (s.isRequired(names.get(i)) && f.get(i).isEmpty()) {
        return DefectKind.MISSING_REQUIRED_FIELD;
      }
    }
    for (int i = 0; i < names.size(); i++) {
      String v = f.get(i);
      if (v.isEmpty()) {
        continue;
      }
      DataType t = s.contract().fields()[i].dataType();
      if (t instanceof DoubleType || t instanceof IntegerType) {
        double x;
        try {
          x = t instanceof IntegerType ? Integer.parseInt(v) : Double.parseDouble(v);
        } catch (NumberFormatException e) {
          return DefectKind.WRONG_TYPE;
        }
        if (x < 0) {
          return DefectKind.NEGATIVE_VALUE;
        }
      }
      if (!s.allowedValues(names.get(i)).isEmpty() && !s.allowedValues(names.get(i)).contains(v)) {
        return DefectKind.UNKNOWN_ENUM;
      }
    }
    for (String tf : s.timestampFields()) {
      DefectKind k = checkTime(f.get(names.indexOf(tf)), dt);
      if (k != null) {
        return k;
      }
    }
    if (s == LandingSource.OFFERS && !knownInfluencers.contains(f.get(names.indexOf("influencer_id")))) {
      return DefectKind.UNKNOWN_INFLUENCER;
    }
    return null;
  }

  /** Unparseable, or more than two days after the delivery date: exports run a few hours after their day. */
  private static DefectKind checkTime(String value, LocalDate dt) {
    OffsetDateTime t = null;
    for (DateTimeFormatter f : List.of(ISO, GRAPH)) {
      try {
        t = OffsetDateTime.parse(value, f);
        break;
      } catch (DateTimeParseException e) {
        // next format
      }
    }
    if (t == null) {
      return DefectKind.UNPARSEABLE_TIMESTAMP;
    }
    return t.toInstant().isAfter(dt.plusDays(2).atStartOfDay().toInstant(ZoneOffset.UTC))
        ? DefectKind.FUTURE_TIMESTAMP : null;
  }

  /** RFC 4180 fields of one line (no embedded newlines in this data). */
  static List<String> parseCsv(String line) {
    List<String> out = new ArrayList<>();
    StringBuilder cur = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          cur.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          cur.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        out.add(cur.toString());
        cur.setLength(0);
      } else {
        cur.append(c);
      }
    }
    out.add(cur.toString());
    return out;
  }

  List<Path> files(LandingSource s) {
    Path dir = landing.resolve(s.path());
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String> lines(Path f) {
    try (InputStream raw = Files.newInputStream(f);
        InputStream in = f.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      return r.lines().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static long size(Path f) {
    try {
      return Files.size(f);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void add(Map<DefectKind, Long> counts, DefectKind kind) {
    counts.merge(kind, 1L, Long::sum);
  }
}
