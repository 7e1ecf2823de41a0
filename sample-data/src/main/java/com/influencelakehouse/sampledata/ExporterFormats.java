package com.influencelakehouse.sampledata;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import com.univocity.parsers.csv.CsvParser;
import com.univocity.parsers.csv.CsvParserSettings;
import com.univocity.parsers.csv.CsvWriter;
import com.univocity.parsers.csv.CsvWriterSettings;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;

/**
 * Rewrites a generated (canonical) landing zone the way real exporters deliver it, so the pipeline
 * runs end to end through the adapters: posts as Instagram Graph API media envelopes, YouTube
 * {@code videos.list} responses or TikTok web items by the author's platform; insights as Graph API
 * media insights responses; orders as a Shopify orders export; clicks as a UTM-tagged click log;
 * offers and offer responses as Airbyte records (JSON lines and CSV). The other sources stay
 * canonical. A line that cannot be read as a canonical record (an injected defect) stays canonical,
 * in a part file of its own beside the exporter's.
 *
 * <p>What an exporter would not know is added as the members this project asks exporters for: the
 * offer a post fulfils ({@code offer_id}) and its vision labels ({@code content_labels}) on the
 * media object, the capture time ({@code captured_at}) on an insights response.
 */
public final class ExporterFormats {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
  private static final DateTimeFormatter YOUTUBE_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'");
  private static final DateTimeFormatter SHOPIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");
  /** The Shopify export's columns this rewrite fills, in the export's order. */
  static final String[] SHOPIFY_COLUMNS = {"Name", "Email", "Financial Status", "Paid at", "Fulfillment Status",
      "Currency", "Subtotal", "Total", "Discount Code", "Created at", "Lineitem quantity", "Lineitem name",
      "Lineitem price", "Note Attributes", "Id"};
  static final String[] UTM_COLUMNS = {"click_id", "timestamp", "landing_page_url", "visitor_id", "device", "country"};

  /** Records and files written per source, in the exporter's format and left canonical. */
  public record Counts(long exporterFiles, long exporterRecords, long canonicalFiles, long canonicalRecords) {}

  private ExporterFormats() {}

  /** Rewrites the landing zone in place; returns what was written per source path. */
  public static Map<String, Counts> rewrite(Path landing) {
    Map<String, String[]> authors = authors(landing);
    Map<String, Counts> out = new LinkedHashMap<>();
    for (LandingSource s : List.of(LandingSource.POSTS, LandingSource.POST_INSIGHTS, LandingSource.ORDERS,
        LandingSource.CLICKS, LandingSource.OFFERS, LandingSource.OFFER_RESPONSES)) {
      long[] c = new long[4];
      for (Path file : files(landing.resolve(s.path()))) {
        rewriteFile(s, file, authors, c);
      }
      out.put(s.path(), new Counts(c[0], c[1], c[2], c[3]));
    }
    return out;
  }

  /** Influencer id to {platform, handle}, from every profile snapshot delivered. */
  private static Map<String, String[]> authors(Path landing) {
    Map<String, String[]> out = new HashMap<>();
    for (Path f : files(landing.resolve(LandingSource.INFLUENCERS.path()))) {
      for (String line : lines(f)) {
        JsonNode n = parse(line);
        if (n != null && n.hasNonNull("influencer_id") && n.hasNonNull("platform")) {
          out.put(n.get("influencer_id").asText(), new String[] {n.get("platform").asText(),
              n.path("handle").asText(null)});
        }
      }
    }
    return out;
  }

  private static void rewriteFile(LandingSource s, Path file, Map<String, String[]> authors, long[] c) {
    List<String> lines = lines(file);
    String name = file.getFileName().toString();
    boolean gz = name.endsWith(".gz");
    String base = name.substring(0, name.indexOf('.'));
    List<String> canonical = new ArrayList<>();
    String header = null;
    List<Map<String, String>> csvRows = new ArrayList<>();
    if (s.format() == LandingSource.Format.CSV && !lines.isEmpty()) {
      header = lines.get(0);
      String[] h = csv(header);
      for (String line : lines.subList(1, lines.size())) {
        String[] f = line.isEmpty() ? null : csv(line);
        if (f == null || f.length != h.length) {
          canonical.add(line);
          continue;
        }
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < h.length; i++) {
          row.put(h[i], f[i]);
        }
        csvRows.add(row);
      }
    }
    try {
      Files.delete(file);
      Path dir = file.getParent();
      String written;
      long records;
      switch (s) {
        case POSTS -> {
          Map<String, List<ObjectNode>> byPlatform = new LinkedHashMap<>();
          for (String line : lines) {
            JsonNode p = parse(line);
            String owner = p == null ? null : p.path("owner").path("id").asText(null);
            String[] author = owner == null ? null : authors.get(owner);
            OffsetDateTime ts = p == null ? null : time(p.path("timestamp").asText(null));
            if (author == null || ts == null || !p.hasNonNull("id") || !p.hasNonNull("media_type")) {
              canonical.add(line);
              continue;
            }
            byPlatform.computeIfAbsent(author[0], k -> new ArrayList<>()).add(post(author, (ObjectNode) p, ts));
          }
          records = 0;
          for (Map.Entry<String, List<ObjectNode>> e : byPlatform.entrySet()) {
            String text = switch (e.getKey()) {
              case "youtube" -> youtube(e.getValue());
              case "tiktok" -> jsonLines(e.getValue());
              default -> graphEnvelope(e.getValue());
            };
            String ext = e.getKey().equals("tiktok") ? ".jsonl" : ".json";
            write(dir.resolve(base + "-" + e.getKey() + ext + (gz ? ".gz" : "")), text, gz);
            records += e.getValue().size();
            c[0]++;
          }
          c[1] += records;
          written = null;
        }
        case POST_INSIGHTS -> {
          List<ObjectNode> out = new ArrayList<>();
          for (String line : lines) {
            JsonNode n = parse(line);
            if (n == null || !n.hasNonNull("post_id") || !n.hasNonNull("captured_at")) {
              canonical.add(line);
              continue;
            }
            out.add(insights(n));
          }
          written = jsonLines(out);
          records = out.size();
        }
        case ORDERS -> {
          written = shopify(csvRows);
          records = csvRows.size();
        }
        case CLICKS -> {
          int before = canonical.size();
          written = utm(csvRows, canonical, header);
          records = csvRows.size() - (canonical.size() - before);
        }
        case OFFERS -> {
          List<ObjectNode> out = new ArrayList<>();
          for (Map<String, String> row : csvRows) {
            out.add(airbyteV1(row));
          }
          written = jsonLines(out);
          records = out.size();
        }
        default -> { // OFFER_RESPONSES: Airbyte's CSV file output
          written = airbyteCsv(csvRows);
          records = csvRows.size();
        }
      }
      if (written != null && records > 0) {
        String ext = s == LandingSource.OFFER_RESPONSES || s == LandingSource.ORDERS || s == LandingSource.CLICKS
            ? ".csv" : ".jsonl";
        write(dir.resolve(base + "-" + format(s) + ext + (gz ? ".gz" : "")), written, gz);
        c[0]++;
        c[1] += records;
      }
      if (!canonical.isEmpty()) {
        String text = (header != null ? header + "\n" : "") + String.join("\n", canonical) + "\n";
        String ext = s.format() == LandingSource.Format.CSV ? ".csv" : ".jsonl";
        write(dir.resolve(base + "-canonical" + ext + (gz ? ".gz" : "")), text, gz);
        c[2]++;
        c[3] += canonical.size();
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot rewrite " + file, e);
    }
  }

  private static String format(LandingSource s) {
    return switch (s) {
      case POST_INSIGHTS -> "instagram-insights";
      case ORDERS -> "shopify";
      case CLICKS -> "utm";
      default -> "airbyte";
    };
  }

  /** A canonical post as its platform's API object (the author's platform decides). */
  private static ObjectNode post(String[] author, ObjectNode p, OffsetDateTime ts) {
    ObjectNode m = JSON.createObjectNode();
    String id = p.get("id").asText();
    String media = p.get("media_type").asText();
    switch (author[0]) {
      case "youtube" -> {
        m.put("kind", "youtube#video");
        m.put("etag", Integer.toHexString(id.hashCode()));
        m.put("id", id);
        ObjectNode snippet = m.putObject("snippet");
        snippet.put("publishedAt", ts.withOffsetSameInstant(ZoneOffset.UTC).format(YOUTUBE_TIME));
        snippet.put("channelId", p.path("owner").path("id").asText());
        if (p.hasNonNull("caption")) {
          snippet.put("title", p.get("caption").asText());
        }
        snippet.put("description", "");
        snippet.put("channelTitle", author[1]);
        m.putObject("statistics").put("viewCount", "0").put("likeCount", "0").put("commentCount", "0");
      }
      case "tiktok" -> {
        m.put("id", id);
        if (p.hasNonNull("caption")) {
          m.put("desc", p.get("caption").asText());
        }
        m.put("createTime", ts.toEpochSecond());
        m.putObject("author").put("id", p.path("owner").path("id").asText()).put("uniqueId", author[1]);
        m.putObject("stats").put("diggCount", 0).put("shareCount", 0).put("commentCount", 0).put("playCount", 0);
      }
      default -> {
        m.put("id", id);
        if (p.hasNonNull("caption")) {
          m.put("caption", p.get("caption").asText());
        }
        m.put("media_type", media.equals("REELS") ? "VIDEO" : media);
        m.put("media_product_type", media.equals("REELS") ? "REELS" : "FEED");
        m.put("timestamp", ts.format(GRAPH_TIME));
        if (p.hasNonNull("permalink")) {
          m.put("permalink", p.get("permalink").asText());
        }
        m.putObject("owner").put("id", p.path("owner").path("id").asText());
        if (media.equals("CAROUSEL_ALBUM")) {
          ArrayNode children = m.putObject("children").putArray("data");
          children.addObject().put("id", id + "1").put("media_type", "IMAGE");
          children.addObject().put("id", id + "2").put("media_type", "IMAGE");
        }
      }
    }
    if (p.hasNonNull("offer_id")) {
      m.set("offer_id", p.get("offer_id"));
    }
    if (p.hasNonNull("content_labels")) {
      m.set("content_labels", p.get("content_labels"));
    }
    return m;
  }

  private static String graphEnvelope(List<ObjectNode> media) throws IOException {
    ObjectNode env = JSON.createObjectNode();
    env.putArray("data").addAll(media);
    ObjectNode paging = env.putObject("paging");
    paging.putObject("cursors").put("before", "QVFIU" + media.size()).put("after", "QVFIR" + media.size());
    return PRETTY.writeValueAsString(env) + "\n";
  }

  private static String youtube(List<ObjectNode> videos) throws IOException {
    ObjectNode r = JSON.createObjectNode();
    r.put("kind", "youtube#videoListResponse");
    r.put("etag", Integer.toHexString(videos.size()));
    r.putArray("items").addAll(videos);
    r.putObject("pageInfo").put("totalResults", videos.size()).put("resultsPerPage", videos.size());
    return PRETTY.writeValueAsString(r) + "\n";
  }

  /** A canonical insight snapshot as a Graph API media insights response, with the exporter's capture time. */
  private static ObjectNode insights(JsonNode n) {
    ObjectNode r = JSON.createObjectNode();
    ArrayNode data = r.putArray("data");
    String post = n.get("post_id").asText();
    Map<String, String> metrics = new LinkedHashMap<>();
    metrics.put("like_count", "likes");
    metrics.put("comments_count", "comments");
    metrics.put("impressions", "impressions");
    metrics.put("reach", "reach");
    metrics.put("saved", "saved");
    metrics.put("shares", "shares");
    metrics.put("video_views", "video_views");
    metrics.forEach((field, metric) -> {
      if (n.hasNonNull(field)) {
        ObjectNode m = data.addObject();
        m.put("name", metric);
        m.put("period", "lifetime");
        m.putArray("values").addObject().set("value", n.get(field));
        m.put("id", post + "/insights/" + metric + "/lifetime");
      }
    });
    r.set("captured_at", n.get("captured_at"));
    return r;
  }

  private static String shopify(List<Map<String, String>> orders) {
    StringWriter out = new StringWriter();
    CsvWriter w = new CsvWriter(out, new CsvWriterSettings());
    w.writeHeaders(SHOPIFY_COLUMNS);
    for (Map<String, String> o : orders) {
      OffsetDateTime ts = time(o.get("ts"));
      int items = parseInt(o.get("items"));
      // Line items: two when there are several items (the second row carries only the Name and the item).
      int first = items > 1 ? items - 1 : items;
      StringBuilder notes = new StringBuilder("visitor_id: " + nz(o.get("visitor_id")));
      if (o.get("click_id") != null && !o.get("click_id").isEmpty()) {
        notes.append("\nclick_id: ").append(o.get("click_id"));
      }
      w.writeRow(o.get("order_id"), "", "paid", ts == null ? "" : ts.format(SHOPIFY_TIME), "fulfilled",
          o.get("currency"), o.get("revenue"), o.get("revenue"), nz(o.get("promo_code")),
          ts == null ? nz(o.get("ts")) : ts.format(SHOPIFY_TIME), items > 0 ? Integer.toString(first) : "",
          "Product", o.get("revenue"), notes.toString(), Long.toString(Math.abs((long) o.get("order_id").hashCode())));
      if (items > 1) {
        w.writeRow(o.get("order_id"), "", "", "", "", "", "", "", "", "", "1", "Product", "", "", "");
      }
    }
    w.close();
    return out.toString();
  }

  /** Clicks as a UTM-tagged landing-page log; a link that names no offer stays canonical. */
  private static String utm(List<Map<String, String>> clicks, List<String> canonical, String header) {
    StringWriter out = new StringWriter();
    CsvWriter w = new CsvWriter(out, new CsvWriterSettings());
    w.writeHeaders(UTM_COLUMNS);
    CsvWriter back = new CsvWriter(new StringWriter(), new CsvWriterSettings());
    for (Map<String, String> c : clicks) {
      String url = c.get("tracking_url");
      java.util.regex.Matcher m = java.util.regex.Pattern.compile("^(?:https?://[^/]+)?/c/([^/?#]+)\\?inf=([^&]+)(?:&post=([^&]+))?$")
          .matcher(url == null ? "" : url);
      if (!m.matches()) {
        canonical.add(back.writeRowToString(c.values().toArray()));
        continue;
      }
      String landing = "https://shop.example.com/products/item?utm_source=influencer&utm_medium=social"
          + "&utm_content=" + m.group(1) + (m.group(3) == null ? "" : "&utm_term=" + m.group(3));
      w.writeRow(c.get("click_id"), c.get("ts"), landing, c.get("visitor_id"), nz(c.get("device")),
          nz(c.get("country")));
    }
    w.close();
    return out.toString();
  }

  private static ObjectNode airbyteV1(Map<String, String> row) {
    ObjectNode r = JSON.createObjectNode();
    r.put("_airbyte_ab_id", UUID.nameUUIDFromBytes(row.toString().getBytes(StandardCharsets.UTF_8)).toString());
    r.put("_airbyte_emitted_at", 1_790_000_000_000L);
    ObjectNode data = r.putObject("_airbyte_data");
    row.forEach((k, v) -> {
      if (v != null && !v.isEmpty()) {
        data.put(k, v);
      }
    });
    return r;
  }

  private static String airbyteCsv(List<Map<String, String>> rows) throws IOException {
    StringWriter out = new StringWriter();
    CsvWriter w = new CsvWriter(out, new CsvWriterSettings());
    w.writeHeaders("_airbyte_ab_id", "_airbyte_emitted_at", "_airbyte_data");
    for (Map<String, String> row : rows) {
      ObjectNode v1 = airbyteV1(row);
      w.writeRow(v1.get("_airbyte_ab_id").asText(), "1790000000000", JSON.writeValueAsString(v1.get("_airbyte_data")));
    }
    w.close();
    return out.toString();
  }

  private static String jsonLines(List<ObjectNode> nodes) throws IOException {
    StringBuilder sb = new StringBuilder();
    for (ObjectNode n : nodes) {
      sb.append(JSON.writeValueAsString(n)).append('\n');
    }
    return sb.toString();
  }

  private static OffsetDateTime time(String text) {
    if (text == null) {
      return null;
    }
    for (DateTimeFormatter f : List.of(DateTimeFormatter.ISO_OFFSET_DATE_TIME, GRAPH_TIME)) {
      try {
        return OffsetDateTime.parse(text, f);
      } catch (java.time.format.DateTimeParseException e) {
        // next form
      }
    }
    return null;
  }

  private static int parseInt(String s) {
    try {
      return s == null ? 0 : Integer.parseInt(s.trim());
    } catch (NumberFormatException e) {
      return 0;
    }
  }

  private static String nz(String s) {
    return s == null ? "" : s;
  }

  private static JsonNode parse(String line) {
    try {
      JsonNode n = JSON.readTree(line);
      return n != null && n.isObject() ? n : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static String[] csv(String line) {
    CsvParserSettings s = new CsvParserSettings();
    s.setNullValue("");
    s.setEmptyValue("");
    s.getFormat().setComment('\0');
    return new CsvParser(s).parseLine(line);
  }

  private static List<Path> files(Path dir) {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> walk = Files.walk(dir)) {
      return walk.filter(Files::isRegularFile).filter(p -> !p.getFileName().toString().startsWith("."))
          .filter(p -> !p.getFileName().toString().startsWith("_")).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<String> lines(Path file) {
    try (InputStream raw = Files.newInputStream(file);
        InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> out = new ArrayList<>();
      String line;
      while ((line = r.readLine()) != null) {
        out.add(line);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  private static void write(Path file, String text, boolean gz) throws IOException {
    try (OutputStream raw = Files.newOutputStream(file);
        OutputStream out = gz ? new GZIPOutputStream(raw) : raw;
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8))) {
      w.write(text);
    }
  }
}
