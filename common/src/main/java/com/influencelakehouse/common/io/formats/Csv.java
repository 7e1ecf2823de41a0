package com.influencelakehouse.common.io.formats;

import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;

/** The RFC 4180 parser adapters read exporters' CSV with: quoted fields may hold commas, quotes and line breaks. */
final class Csv {
  private Csv() {}

  static CsvParser parser() {
    CsvParserSettings s = new CsvParserSettings();
    s.setLineSeparatorDetectionEnabled(true);
    s.setIgnoreLeadingWhitespaces(false);
    s.setIgnoreTrailingWhitespaces(false);
    s.setNullValue(null);
    s.setEmptyValue("");
    s.setMaxCharsPerColumn(1 << 20);
    s.setMaxColumns(1024);
    s.getFormat().setComment('\0');
    return new CsvParser(s);
  }
}
