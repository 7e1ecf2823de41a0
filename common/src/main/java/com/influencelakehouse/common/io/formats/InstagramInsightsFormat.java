package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Instagram Graph API media insights: one {@code /{ig-media-id}/insights} response per media
 * ({@code {"data":[{"name":"reach","period":"lifetime","values":[{"value":N}],"id":"<media>/insights/reach/lifetime"}]}}),
 * one per line or pretty-printed. Metric names differ per media type and API version: {@code views}
 * stands in for {@code impressions}, {@code plays} or {@code views} for {@code video_views}. The API
 * does not say when it was asked: the capture time is the {@code captured_at} the exporter adds to
 * the response, else the last value's {@code end_time}; without either the record is quarantined.
 */
final class InstagramInsightsFormat extends JsonFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "instagram-graph-insights";
  /** Canonical count fields and the metric names that fill them, first present wins. */
  private static final Map<String, List<String>> METRICS = Map.of(
      "like_count", List.of("likes", "like_count"),
      "comments_count", List.of("comments", "comments_count"),
      "impressions", List.of("impressions", "views"),
      "reach", List.of("reach"),
      "saved", List.of("saved"),
      "shares", List.of("shares"),
      "video_views", List.of("video_views", "plays", "ig_reels_aggregated_all_plays_count"));

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<LandingSource> sources() {
    return Set.of(LandingSource.POST_INSIGHTS);
  }

  @Override
  public String description() {
    return "Instagram Graph API media insights responses ({\"data\":[{\"name\",\"period\",\"values\",\"id\"}]}), "
        + "one per media, with the capture time the exporter adds as captured_at";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    return source == LandingSource.POST_INSIGHTS && startsWithJson(head) && head.contains("\"values\"")
        && head.contains("\"name\"") && head.contains("\"data\"");
  }

  @Override
  List<Item> items(LandingSource source, JsonNode root) {
    JsonNode data = root.get("data");
    if (data == null || !data.isArray()) {
      return List.of(Item.rejected(root, "malformed_record", "data: not an insights response (expected "
          + "{\"data\":[{\"name\":...,\"values\":[{\"value\":...}]}]})"));
    }
    Map<String, JsonNode> byName = new HashMap<>();
    String media = text(root, "media_id");
    String endTime = null;
    for (JsonNode metric : data) {
      String name = text(metric, "name");
      JsonNode values = metric.get("values");
      if (name == null || values == null || !values.isArray() || values.isEmpty()) {
        continue;
      }
      JsonNode last = values.get(values.size() - 1);
      byName.put(name, last.get("value"));
      if (text(last, "end_time") != null) {
        endTime = text(last, "end_time");
      }
      String id = text(metric, "id");
      if (media == null && id != null && id.contains("/insights/")) {
        media = id.substring(0, id.indexOf("/insights/"));
      }
    }
    ObjectNode out = MAPPER.createObjectNode();
    put(out, "post_id", media);
    String captured = text(root, "captured_at");
    put(out, "captured_at", timestamp(captured != null ? captured : endTime));
    METRICS.forEach((field, names) -> {
      for (String n : names) {
        JsonNode v = byName.get(n);
        if (v != null && !v.isNull()) {
          out.set(field, v);
          break;
        }
      }
    });
    if (media == null) {
      return List.of(Item.rejected(root, "missing_required_field",
          "post_id: no metric id of the form <media-id>/insights/<metric>/<period> and no media_id"));
    }
    if (!out.has("captured_at")) {
      return List.of(Item.rejected(root, "missing_required_field", "captured_at: the insights response of media "
          + media + " has no capture time; have the exporter add \"captured_at\" (ISO-8601 with offset)"));
    }
    return List.of(Item.of(out, root));
  }
}
