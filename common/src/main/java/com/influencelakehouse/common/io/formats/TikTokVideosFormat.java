package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * TikTok videos: web item objects ({@code id}, {@code desc}, {@code createTime} in epoch seconds,
 * {@code author{id,uniqueId}}, {@code stats}) one per line or in an {@code itemList}, and Display
 * API {@code /v2/video/list/} responses ({@code data.videos[]} with {@code create_time}). Times are
 * epoch seconds, so the local time is UTC. A Display API video has no author: the exporter must add
 * {@code author_id} (the account it was authorised for), else the record is quarantined.
 */
final class TikTokVideosFormat extends JsonFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "tiktok-videos";

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
    return "TikTok web item objects (createTime in epoch seconds, author, stats) or Display API video list "
        + "responses (data.videos[] with create_time)";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    return source == LandingSource.POSTS && startsWithJson(head)
        && (head.contains("\"createTime\"") || head.contains("\"create_time\""));
  }

  @Override
  List<Item> items(LandingSource source, JsonNode root) {
    List<Item> out = new ArrayList<>();
    String account = text(root, "author_id");
    if (root.has("itemList") && root.get("itemList").isArray()) {
      root.get("itemList").forEach(v -> out.add(video(v, account)));
    } else if (root.has("data") && root.get("data").has("videos")) {
      root.get("data").get("videos").forEach(v -> out.add(video(v, account)));
    } else {
      out.add(video(root, account));
    }
    return out;
  }

  private static Item video(JsonNode v, String account) {
    ObjectNode p = MAPPER.createObjectNode();
    String id = text(v, "id");
    put(p, "id", id);
    String author = text(v, "author", "id");
    if (author == null) {
      author = text(v, "authorId") != null ? text(v, "authorId") : text(v, "author_id");
    }
    if (author == null) {
      author = account;
    }
    if (author != null) {
      p.putObject("owner").put("id", author);
    }
    put(p, "timestamp", epochSeconds(v.has("createTime") ? v.get("createTime") : v.get("create_time")));
    p.put("media_type", v.has("imagePost") ? "CAROUSEL_ALBUM" : "VIDEO");
    String caption = text(v, "desc") != null ? text(v, "desc") : text(v, "video_description");
    put(p, "caption", caption != null ? caption : text(v, "title"));
    String handle = text(v, "author", "uniqueId");
    String link = text(v, "share_url");
    if (link == null && handle != null && id != null) {
      link = "https://www.tiktok.com/@" + handle + "/video/" + id;
    }
    put(p, "permalink", link);
    put(p, "offer_id", text(v, "offer_id"));
    copy(p, "content_labels", v, "content_labels");
    for (String extra : List.of("stats", "like_count", "comment_count", "share_count", "view_count", "duration")) {
      copy(p, extra, v, extra);
    }
    if (author == null) {
      return Item.rejected(v, "missing_required_field", "owner.id: this TikTok video names no author (author.id, "
          + "authorId); a Display API export needs the exporter to add author_id, the account it was authorised for");
    }
    return Item.of(p, v);
  }
}
