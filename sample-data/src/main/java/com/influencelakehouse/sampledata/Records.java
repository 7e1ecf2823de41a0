package com.influencelakehouse.sampledata;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/** Serialises records as JSON lines (Jackson: correct escaping, raw UTF-8) and RFC 4180 CSV rows. */
final class Records {
  private final ObjectMapper mapper = new ObjectMapper();

  String json(Map<String, Object> record) {
    try {
      return mapper.writeValueAsString(record);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialise " + record, e);
    }
  }

  String csv(List<String> fields) {
    StringBuilder sb = new StringBuilder(128);
    for (int i = 0; i < fields.size(); i++) {
      if (i > 0) {
        sb.append(',');
      }
      String f = fields.get(i);
      if (f == null) {
        continue;
      }
      if (f.indexOf(',') >= 0 || f.indexOf('"') >= 0 || f.indexOf('\n') >= 0) {
        sb.append('"').append(f.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(f);
      }
    }
    return sb.toString();
  }

  /** ISO-8601 with a colon offset, {@code Z} for UTC: 2026-09-03T21:15:00+09:00. */
  static String isoTime(long epochSecond, int offsetHours) {
    return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.ofHours(offsetHours)).format(Defects.ISO_TIME);
  }

  /** The Graph API form, offset without colon: 2026-09-03T21:15:00+0900. */
  static String graphTime(long epochSecond, int offsetHours) {
    return Instant.ofEpochSecond(epochSecond).atOffset(ZoneOffset.ofHours(offsetHours)).format(Defects.GRAPH_TIME);
  }

  static final DateTimeFormatter DATE = DateTimeFormatter.ISO_LOCAL_DATE;

  /** Money in a currency's usual precision. */
  static String money(double amount, String currency) {
    int scale = Vocabulary.wholeUnits(currency) ? 0 : 2;
    return BigDecimal.valueOf(amount).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }

  static String decimal(double value, int scale) {
    return BigDecimal.valueOf(value).setScale(scale, RoundingMode.HALF_UP).toPlainString();
  }
}
