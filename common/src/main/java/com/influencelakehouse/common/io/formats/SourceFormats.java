package com.influencelakehouse.common.io.formats;

import com.influencelakehouse.common.tables.LandingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The formats a landing file may arrive in: the source's canonical contract, or one of the exporter
 * formats with an adapter ({@link #ADAPTERS}). Per file, {@code auto} detects the format from the
 * file's beginning; a file that is neither its source's canonical form nor a known format gets one
 * file-level verdict ({@link #WRONG_FILE_FORMAT}) saying what was found.
 */
public final class SourceFormats {
  /** How much of a file's beginning detection looks at (characters). */
  public static final int HEAD_CHARS = 1 << 16;
  /** Configured format: detect per file. */
  public static final String AUTO = "auto";
  /** Format name of a file in the source's own contract. */
  public static final String CANONICAL = "canonical";
  /** Quarantine reason of a whole file that is not in the form its source expects. */
  public static final String WRONG_FILE_FORMAT = "wrong_file_format";

  /** Every adapter, in detection order (the most specific markers first). */
  public static final List<SourceFormat> ADAPTERS = List.of(new AirbyteFormat(), new YouTubeVideosFormat(),
      new TikTokVideosFormat(), new InstagramMediaFormat(), new InstagramInsightsFormat(), new ShopifyOrdersFormat(),
      new UtmClicksFormat());

  private SourceFormats() {}

  public static Optional<SourceFormat> byName(String name) {
    return ADAPTERS.stream().filter(f -> f.name().equals(name)).findFirst();
  }

  /** The values {@code lakehouse.ingest.formats} accepts for a source. */
  public static List<String> allowed(LandingSource source) {
    List<String> out = new ArrayList<>(List.of(AUTO, CANONICAL));
    ADAPTERS.stream().filter(f -> f.sources().contains(source)).forEach(f -> out.add(f.name()));
    return out;
  }

  /** The adapter whose markers a file of {@code source} starting with {@code head} carries, if any. */
  public static Optional<SourceFormat> detect(LandingSource source, String head) {
    return ADAPTERS.stream().filter(f -> f.sources().contains(source) && f.detects(source, head)).findFirst();
  }

  /**
   * Why a file meant to be in {@code source}'s canonical form is not (what was found, and what to
   * deliver instead), or null when its beginning looks right. Looks at the encoding, then the shape.
   */
  public static String wrongShape(LandingSource source, String head) {
    if (head.isEmpty()) {
      return null;
    }
    int nul = 0;
    int undecodable = 0;
    for (int i = 0; i < head.length(); i++) {
      char c = head.charAt(i);
      if (c == '\u0000') {
        nul++;
      } else if (c == '\uFFFD') {
        undecodable++;
      }
    }
    if (nul > 0) {
      boolean utf16 = head.startsWith("\uFFFD\uFFFD") || alternatingNuls(head);
      return utf16 ? "UTF-16 text (a byte-order mark or NUL bytes between the characters): re-export the file as UTF-8"
          : "binary data (" + nul + " NUL bytes in the first " + head.length() + " characters), not "
              + (source.format() == LandingSource.Format.CSV ? "CSV" : "JSON lines") + " text";
    }
    if (undecodable > Math.max(2, head.length() / 1000)) {
      return "not UTF-8 text (" + undecodable + " of the first " + head.length() + " characters cannot be decoded: "
          + "Latin-1, Windows-1252 or binary?): re-export the file as UTF-8";
    }
    String text = head.startsWith("\uFEFF") ? head.substring(1) : head;
    String stripped = text.stripLeading();
    int nl = stripped.indexOf('\n');
    String firstLine = (nl < 0 ? stripped : stripped.substring(0, nl)).strip();
    String hint = "deliver " + (source.format() == LandingSource.Format.CSV ? "CSV with the contract's header"
        : "one JSON object per line") + ", or name the exporter's format in lakehouse.ingest.formats";
    if (source.format() == LandingSource.Format.JSON_LINES) {
      if (firstLine.equals("{") || firstLine.equals("[") || firstLine.startsWith("[{") || firstLine.startsWith("[ {")
          || (firstLine.startsWith("{") && !firstLine.endsWith("}") && isPrettyContinuation(stripped, nl))) {
        return "pretty-printed JSON or a JSON array (a record spans several lines): " + hint;
      }
      if (!firstLine.startsWith("{") && firstLine.contains(",")) {
        return "CSV text in a JSON-lines source (first line: " + shorten(firstLine) + "): " + hint;
      }
      return null;
    }
    if (firstLine.startsWith("{") || firstLine.startsWith("[")) {
      return "JSON in a CSV source (first line: " + shorten(firstLine) + "): " + hint;
    }
    List<String> header = CsvFormat.headerOf(text);
    List<String> missing = source.fieldNames().stream().filter(source::isRequired)
        .filter(f -> !header.contains(f)).toList();
    if (!missing.isEmpty()) {
      return "the header lacks required column(s) " + missing + " (header: " + shorten(firstLine) + "): " + hint;
    }
    return null;
  }

  /** Whether the line after an unclosed first line is an indented member, as a pretty-printer writes it. */
  private static boolean isPrettyContinuation(String text, int nl) {
    if (nl < 0 || nl + 1 >= text.length()) {
      return false;
    }
    String next = text.substring(nl + 1);
    return next.startsWith(" \"") || next.startsWith("  \"") || next.startsWith("\t\"") || next.startsWith("    \"");
  }

  private static boolean alternatingNuls(String head) {
    int n = Math.min(head.length(), 64);
    int nuls = 0;
    for (int i = 1; i < n; i += 2) {
      if (head.charAt(i) == '\u0000') {
        nuls++;
      }
    }
    return nuls >= n / 4;
  }

  private static String shorten(String s) {
    return s.length() <= 120 ? s : s.substring(0, 117) + "...";
  }
}
