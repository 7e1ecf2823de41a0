package com.influencelakehouse.common.io.formats;

import com.influencelakehouse.common.tables.LandingSource;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A click log of UTM-tagged landing pages (CSV: {@code click_id}, {@code timestamp}, the landing URL
 * or separate {@code utm_*} columns, {@code visitor_id}, {@code device}, {@code country}). The offer is
 * {@code utm_content} and the post {@code utm_term}; the link is written as the canonical tracking
 * link {@code https://<landing site>/c/<offer_id>?post=<post_id>}, and silver finds the influencer through the offer (the
 * offers table is the link registry). A click without {@code utm_content} cannot be attributed and is
 * quarantined ({@code unresolvable_link}).
 */
final class UtmClicksFormat extends CsvFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "utm-clicks";
  private static final List<String> URL_COLUMNS = List.of("landing_page_url", "landing_url", "page_url", "url");
  private static final List<String> TIME_COLUMNS = List.of("timestamp", "ts", "clicked_at", "time");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<LandingSource> sources() {
    return Set.of(LandingSource.CLICKS);
  }

  @Override
  public String description() {
    return "Click logs of UTM-tagged landing pages (landing_page_url or utm_* columns; utm_content = offer id, "
        + "utm_term = post id)";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    List<String> h = headerOf(head);
    return source == LandingSource.CLICKS && !h.contains("tracking_url")
        && (h.contains("utm_content") || h.stream().anyMatch(URL_COLUMNS::contains));
  }

  @Override
  boolean continues(Row first, Row row) {
    return false;
  }

  @Override
  Mapped map(LandingSource source, List<Row> rows) {
    Row r = rows.get(0);
    Map<String, String> lower = new HashMap<>();
    r.values().forEach((k, v) -> lower.put(k.strip().toLowerCase(java.util.Locale.ROOT), v));
    String url = URL_COLUMNS.stream().map(lower::get).filter(v -> v != null).findFirst().orElse(null);
    Map<String, String> utm = new HashMap<>(query(url));
    lower.forEach((k, v) -> {
      if (k.startsWith("utm_")) {
        utm.putIfAbsent(k, v);
      }
    });
    String offer = utm.get("utm_content");
    if (offer == null || offer.isBlank()) {
      return Mapped.rejected("unresolvable_link", (url != null ? "landing URL " + url : "utm columns " + utm)
          + ": no utm_content, so no offer to attribute the click to; tag influencer links with "
          + "utm_content=<offer_id> (and utm_term=<post_id>)");
    }
    Map<String, String> out = new HashMap<>();
    out.put("click_id", lower.get("click_id"));
    out.put("ts", JsonFormat.timestamp(TIME_COLUMNS.stream().map(lower::get).filter(v -> v != null).findFirst()
        .orElse(null)));
    String post = utm.get("utm_term");
    // The landing page's site (when the log has the URL) keeps the link absolute, as tracking links are.
    String site = url != null && url.matches("^https?://[^/?#]+.*") ? url.replaceFirst("^(https?://[^/?#]+).*$", "$1")
        : "";
    out.put("tracking_url", site + "/c/" + encode(offer) + (post == null || post.isBlank() ? "" : "?post="
        + encode(post)));
    out.put("visitor_id", lower.get("visitor_id"));
    out.put("device", lower.get("device"));
    out.put("country", lower.get("country"));
    return Mapped.of(out);
  }

  /** The query parameters of a URL (decoded), empty when there is none. */
  static Map<String, String> query(String url) {
    Map<String, String> out = new HashMap<>();
    if (url == null || url.indexOf('?') < 0) {
      return out;
    }
    String q = url.substring(url.indexOf('?') + 1);
    int hash = q.indexOf('#');
    if (hash >= 0) {
      q = q.substring(0, hash);
    }
    for (String pair : q.split("&")) {
      int eq = pair.indexOf('=');
      if (eq > 0) {
        out.put(URLDecoder.decode(pair.substring(0, eq), StandardCharsets.UTF_8).toLowerCase(java.util.Locale.ROOT),
            URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return out;
  }

  private static String encode(String s) {
    return URLEncoder.encode(s, StandardCharsets.UTF_8);
  }
}
