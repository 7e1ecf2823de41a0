package com.influencelakehouse.common.io.formats;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.influencelakehouse.common.tables.LandingSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Instagram Graph API media, as exporters dump it: the paging envelope of {@code /{ig-user-id}/media}
 * ({@code {"data":[...],"paging":{...}}}), the user node with field expansion
 * ({@code /{ig-user-id}?fields=id,media{...}}, whose id is every item's owner), or media objects one
 * per line or pretty-printed. {@code media_product_type} REELS is the media type REELS; carousel
 * {@code children}, the counts on the media object and other members are kept in bronze's
 * {@code _rescued}.
 */
final class InstagramMediaFormat extends JsonFormat {
  private static final long serialVersionUID = 1L;
  static final String NAME = "instagram-graph-media";

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
    return "Instagram Graph API media: the /{ig-user-id}/media paging envelope, the user node with media{...} "
        + "field expansion, or media objects (one per line or pretty-printed)";
  }

  @Override
  public boolean detects(LandingSource source, String head) {
    if (source != LandingSource.POSTS || !startsWithJson(head) || !head.contains("\"media_type\"")) {
      return false;
    }
    // Canonical posts are Graph-shaped media one per line with an owner; anything else Graph-like is this format.
    String first = head.stripLeading();
    int nl = first.indexOf('\n');
    String firstLine = (nl < 0 ? first : first.substring(0, nl)).strip();
    // Pretty-printed or an array: the first line opens the document. (A canonical file whose first record is
    // truncated stays canonical, so only that record is quarantined.)
    boolean pretty = firstLine.equals("{") || firstLine.equals("[") || firstLine.startsWith("[{");
    return pretty || firstLine.startsWith("{\"data\"") || head.contains("\"paging\"")
        || head.contains("\"media_product_type\"") || head.contains("\"children\"") || !head.contains("\"owner\"");
  }

  @Override
  List<Item> items(LandingSource source, JsonNode root) {
    List<Item> out = new ArrayList<>();
    if (root.has("data") && root.get("data").isArray()) {
      root.get("data").forEach(m -> out.add(media(m, null)));
    } else if (root.has("media") && root.get("media").has("data")) {
      String account = text(root, "id");
      root.get("media").get("data").forEach(m -> out.add(media(m, account)));
    } else {
      out.add(media(root, null));
    }
    return out;
  }

  /** One media object as a canonical post; {@code account} is the owner when the object has none. */
  private static Item media(JsonNode m, String account) {
    ObjectNode p = MAPPER.createObjectNode();
    put(p, "id", text(m, "id"));
    String owner = text(m, "owner", "id");
    if (owner == null) {
      owner = account;
    }
    if (owner != null) {
      p.putObject("owner").put("id", owner);
    }
    put(p, "timestamp", text(m, "timestamp"));
    String type = text(m, "media_type");
    put(p, "media_type", "REELS".equals(text(m, "media_product_type")) ? "REELS" : type);
    put(p, "caption", text(m, "caption"));
    put(p, "permalink", text(m, "permalink"));
    put(p, "offer_id", text(m, "offer_id"));
    copy(p, "content_labels", m, "content_labels");
    // Everything else (children, like_count, comments_count, media_product_type, username, ...) is rescued.
    m.fieldNames().forEachRemaining(n -> {
      if (!LandingSource.POSTS.fieldNames().contains(n) && !p.has(n)) {
        p.set(n, m.get(n));
      }
    });
    if (owner == null) {
      return Item.rejected(m, "missing_required_field", "owner.id: this media object has no owner and the export "
          + "is not of one account; request the owner field (fields=id,owner,...) or export through "
          + "/{ig-user-id}?fields=id,media{...}");
    }
    return Item.of(p, m);
  }
}
