package com.influencelakehouse.jobs.gold;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.transform.CaptionTokens;
import com.influencelakehouse.jobs.testing.Rows;
import java.util.List;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Caption words in English and Korean: emoji, hashtags and mentions never become or break words. */
@Tag("unit")
class CaptionTokensTest {
  private static List<String> words(String caption) {
    Row r = Rows.of("caption STRING", new Object[] {caption})
        .select(CaptionTokens.words(functions.col("caption"))).first();
    return r.getList(0);
  }

  @Test
  void koreanWordsSurviveEmojiSkinTonesAndJoiners() {
    assertEquals(List.of("오늘의", "코디", "w", "정말", "좋아요"),
        words("오늘의 코디💕 w/ @mia.styles 정말👍🏽좋아요 👨‍👩‍👧 #데일리룩 #OOTD✨"));
  }

  @Test
  void englishWordsKeepDigitsAndDropKeycapsFlagsAndVariationSelectors() {
    assertEquals(List.of("new", "drop", "at", "10am", "coffee", "time"),
        words("New drop at 10am ☀️ 1️⃣ 🇰🇷 Coffee-time #ad @brand"));
  }

  @Test
  void aMissingCaptionHasNoWords() {
    assertEquals(List.of(), words(null));
  }
}
