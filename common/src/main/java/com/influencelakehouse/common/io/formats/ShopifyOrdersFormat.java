package com.influencelakehouse.common.io.formats;

import com.influencelakehouse.common.tables.LandingSource;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Shopify admin orders export (CSV, one row per line item: the order's own columns only on its
 * first row). An order is the first row with its {@code Total} and the following rows of the same
 * {@code Name}; items are the summed {@code Lineitem quantity}. The visitor and the last-touch click
 * come from the order's {@code Note Attributes} ({@code visitor_id: ...}, {@code click_id: ...}, as a
 * storefront tracking script writes cart attributes); without a visitor id the e-mail stands in
 * (pseudonymised in silver like any visitor id). {@code Created at} ({@code 2024-03-05 14:22:10 -0500})
 * is the order time.
 */
final class ShopifyOrdersFormat extends CsvFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "shopify-orders";
  private static final DateTimeFormatter SHOPIFY_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss xx");
  private static final DateTimeFormatter CANONICAL_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<LandingSource> sources() {
    return Set.of(LandingSource.ORDERS);
  }

  @Override
  public String description() {
    return "Shopify admin orders export CSV (one row per line item; Name, Created at, Total, Currency, "
        + "Discount Code, Lineitem quantity, Note Attributes)";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    List<String> h = headerOf(head);
    return source == LandingSource.ORDERS && h.contains("name") && h.contains("lineitem quantity")
        && h.contains("total");
  }

  @Override
  boolean continues(Row first, Row row) {
    // A line item row repeats the order's Name and leaves the order totals empty; a repeated order
    // (the export run twice into one file) starts again with its Total.
    return row.get("Name") != null && row.get("Name").equals(first.get("Name")) && row.get("Total") == null;
  }

  @Override
  Mapped map(LandingSource source, List<Row> rows) {
    Row first = rows.get(0);
    Map<String, String> notes = noteAttributes(first.get("Note Attributes"));
    Map<String, String> out = new HashMap<>();
    out.put("order_id", first.get("Name"));
    out.put("ts", time(first.get("Created at")));
    String visitor = notes.get("visitor_id");
    out.put("visitor_id", visitor != null ? visitor : first.get("Email"));
    out.put("revenue", first.get("Total"));
    out.put("currency", first.get("Currency"));
    out.put("promo_code", first.get("Discount Code"));
    out.put("click_id", notes.get("click_id"));
    long items = 0;
    for (Row r : rows) {
      String q = r.get("Lineitem quantity");
      if (q == null) {
        continue;
      }
      try {
        items += Long.parseLong(q.strip());
      } catch (NumberFormatException e) {
        return Mapped.rejected("wrong_type", "Lineitem quantity: \"" + q + "\" on line " + r.line()
            + " of order " + first.get("Name") + " (expected a whole number)");
      }
    }
    out.put("items", rows.stream().allMatch(r -> r.get("Lineitem quantity") == null) ? null : Long.toString(items));
    if (first.get("Total") == null && first.get("Name") != null) {
      return Mapped.rejected("malformed_record", "Total: empty on the first row of order " + first.get("Name")
          + " (line " + first.line() + "): a line item row without its order row");
    }
    return Mapped.of(out);
  }

  /** {@code key: value} lines of the Note Attributes cell. */
  static Map<String, String> noteAttributes(String cell) {
    Map<String, String> out = new HashMap<>();
    if (cell == null) {
      return out;
    }
    for (String line : cell.split("\\r?\\n")) {
      int colon = line.indexOf(':');
      if (colon > 0) {
        out.put(line.substring(0, colon).strip().toLowerCase(java.util.Locale.ROOT), line.substring(colon + 1).strip());
      }
    }
    return out;
  }

  /** Shopify's {@code yyyy-MM-dd HH:mm:ss -0500} as canonical ISO-8601; anything else as delivered. */
  static String time(String text) {
    if (text == null) {
      return null;
    }
    try {
      return OffsetDateTime.parse(text.strip(), SHOPIFY_TIME).format(CANONICAL_TIME);
    } catch (DateTimeParseException e) {
      return JsonFormat.timestamp(text);
    }
  }
}
