package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * YouTube Data API {@code videos.list} responses ({@code youtube#videoListResponse} with its
 * {@code items}) or {@code youtube#video} resources one per line. The channel is the owner,
 * {@code publishedAt} (UTC, {@code Z}, fractions allowed) the timestamp, title and description the
 * caption; {@code statistics} (counts as strings), tags and content details are rescued. YouTube
 * gives no local offset: the post's local time is UTC.
 */
final class YouTubeVideosFormat extends JsonFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "youtube-videos";

  @Override
  public String name() {
    return NAME;
  }

  @Override
  public Set<LandingSource> sources() {
    return Set.of(LandingSource.POSTS);
  }

  @Override
  public String description() {
    return "YouTube Data API videos.list responses (youtube#videoListResponse) or youtube#video resources";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    return source == LandingSource.POSTS && startsWithJson(head) && head.contains("\"youtube#video");
  }

  @Override
  List<Item> items(LandingSource source, JsonNode root) {
    List<Item> out = new ArrayList<>();
    if (root.has("items") && root.get("items").isArray()) {
      root.get("items").forEach(v -> out.add(video(v)));
    } else {
      out.add(video(root));
    }
    return out;
  }

  private static Item video(JsonNode v) {
    ObjectNode p = MAPPER.createObjectNode();
    String id = v.get("id") != null && v.get("id").isObject() ? text(v, "id", "videoId") : text(v, "id");
    put(p, "id", id);
    String channel = text(v, "snippet", "channelId");
    if (channel != null) {
      p.putObject("owner").put("id", channel);
    }
    put(p, "timestamp", timestamp(text(v, "snippet", "publishedAt")));
    p.put("media_type", "VIDEO");
    String title = text(v, "snippet", "title");
    String description = text(v, "snippet", "description");
    put(p, "caption", title == null ? description : description == null ? title : title + "\n\n" + description);
    if (id != null) {
      p.put("permalink", "https://www.youtube.com/watch?v=" + id);
    }
    put(p, "offer_id", text(v, "offer_id"));
    copy(p, "content_labels", v, "content_labels");
    copy(p, "statistics", v, "statistics");
    copy(p, "contentDetails", v, "contentDetails");
    if (v.has("snippet")) {
      copy(p, "tags", v.get("snippet"), "tags");
      copy(p, "channelTitle", v.get("snippet"), "channelTitle");
    }
    return Item.of(p, v);
  }
}
