package com.influencelakehouse.common.transform;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.regexp_extract_all;
import static org.apache.spark.sql.functions.regexp_replace;

import org.apache.spark.sql.Column;

/**
 * Caption words for English and Korean: runs of Unicode letters and digits (Hangul syllables are
 * letters) with their combining marks, hashtags and @mentions left out. Emoji never become words:
 * pictographs, skin-tone modifiers and joiners are not letters, and a letter or digit followed by an
 * emoji variation selector or keycap (1️⃣) is part of an emoji, so it is dropped too.
 */
public final class CaptionTokens {
  /** A word: starts with a letter or digit, not right after '#', '@' or another word character. */
  public static final String WORD = "(?<![#@\\p{L}\\p{M}\\p{N}_])[\\p{L}\\p{N}]"
      + "[\\p{L}\\p{M}\\p{N}_&&[^\\uFE0E\\uFE0F\\u20E3]]*+(?![\\uFE0E\\uFE0F\\u20E3])";

  private CaptionTokens() {}

  /** A hashtag or @mention (handles may contain dots): removed before words are taken. */
  public static final String TAG_OR_MENTION = "[#@][\\p{L}\\p{M}\\p{N}_.]+";

  /** The caption's words, lower-cased, in order (an empty array for a missing caption). */
  public static Column words(Column caption) {
    Column text = regexp_replace(lower(coalesce(caption, lit(""))), lit(TAG_OR_MENTION), lit(" "));
    return regexp_extract_all(text, lit(WORD), lit(0));
  }
}
