package com.influencelakehouse.sampledata;

import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Caption text in English or Korean with hashtags, mentions and emoji (skin-tone modifiers, ZWJ
 * sequences and flags included, so tokenisers meet real Unicode).
 */
final class Captions {
  private Captions() {}

  private static final String[] EN_OPENERS = {"Obsessed with", "Can't stop using", "New favourite:",
      "Weekend vibes with", "Trying out", "Quick review of", "Morning routine ft.", "Just dropped:",
      "My honest take on", "Day in my life with"};
  private static final String[] KO_OPENERS = {"요즘 푹 빠진", "매일 쓰는", "드디어 써본", "주말엔 역시", "솔직 후기:",
      "오늘의", "강력 추천하는"};

  private static final Map<String, String[]> EN_TOPICS = Map.of(
      "fashion", new String[] {"this fall fit", "my go-to denim", "a cozy knit"},
      "beauty", new String[] {"this glow serum", "a 5-minute makeup look", "my skincare shelf"},
      "fitness", new String[] {"leg day", "a 20 min HIIT", "my protein smoothie"},
      "food", new String[] {"homemade ramen", "the best tacos in town", "a lazy pasta"},
      "travel", new String[] {"sunset in Lisbon", "a hidden beach", "Seoul night markets"},
      "tech", new String[] {"my desk setup", "these earbuds", "a tiny keyboard"},
      "gaming", new String[] {"the ranked grind", "the new co-op release", "my streaming setup"},
      "parenting", new String[] {"toddler snack ideas", "our bedtime routine", "a rainy day craft"},
      "home", new String[] {"a small balcony makeover", "my plant corner", "a cozy reading nook"},
      "pets", new String[] {"our morning walk", "puppy training", "a very sleepy cat"});
  private static final Map<String, String[]> KO_TOPICS = Map.of(
      "fashion", new String[] {"가을 코디", "데일리룩", "니트 스타일링"},
      "beauty", new String[] {"수분 세럼", "5분 메이크업", "스킨케어 루틴"},
      "fitness", new String[] {"하체 운동", "홈트 20분", "단백질 스무디"},
      "food", new String[] {"집밥 라면", "맛집 투어", "파스타 레시피"},
      "travel", new String[] {"제주 바다", "서울 야경", "부산 여행"},
      "tech", new String[] {"책상 셋업", "무선 이어폰", "미니 키보드"},
      "gaming", new String[] {"랭크 게임", "협동 게임 신작", "방송 장비"},
      "parenting", new String[] {"아이 간식", "육아 일상", "집콕 놀이"},
      "home", new String[] {"베란다 꾸미기", "식물 인테리어", "독서 공간"},
      "pets", new String[] {"강아지 산책", "고양이 일상", "반려견 훈련"});
  private static final Map<String, String[]> EN_TAGS = Map.of(
      "fashion", new String[] {"#ootd", "#fashion", "#style"},
      "beauty", new String[] {"#skincare", "#makeup", "#beauty"},
      "fitness", new String[] {"#fitness", "#workout", "#gym"},
      "food", new String[] {"#foodie", "#recipe", "#yum"},
      "travel", new String[] {"#travel", "#wanderlust"},
      "tech", new String[] {"#tech", "#setup", "#gadgets"},
      "gaming", new String[] {"#gaming", "#gamer"},
      "parenting", new String[] {"#momlife", "#parenting"},
      "home", new String[] {"#homedecor", "#interior"},
      "pets", new String[] {"#dogsofinstagram", "#catlife"});
  private static final Map<String, String[]> KO_TAGS = Map.of(
      "fashion", new String[] {"#패션", "#데일리룩", "#오오티디"},
      "beauty", new String[] {"#뷰티", "#스킨케어", "#메이크업"},
      "fitness", new String[] {"#운동", "#헬스", "#홈트"},
      "food", new String[] {"#맛스타그램", "#먹스타그램", "#요리"},
      "travel", new String[] {"#여행", "#여행스타그램"},
      "tech", new String[] {"#테크", "#데스크셋업"},
      "gaming", new String[] {"#게임", "#게이머"},
      "parenting", new String[] {"#육아", "#육아스타그램"},
      "home", new String[] {"#인테리어", "#집꾸미기"},
      "pets", new String[] {"#멍스타그램", "#냥스타그램"});
  private static final Map<String, String[]> LABEL_TAGS = Map.ofEntries(
      Map.entry("outdoor", new String[] {"#outdoors", "#야외"}),
      Map.entry("beach", new String[] {"#beach", "#바다"}),
      Map.entry("city_street", new String[] {"#citylife", "#도시"}),
      Map.entry("food_plate", new String[] {"#foodporn", "#음식"}),
      Map.entry("coffee", new String[] {"#coffee", "#커피"}),
      Map.entry("pet", new String[] {"#petsofinstagram", "#반려동물"}),
      Map.entry("selfie", new String[] {"#selfie", "#셀카"}),
      Map.entry("group_people", new String[] {"#friends", "#친구"}),
      Map.entry("product_closeup", new String[] {"#productshot", "#제품"}),
      Map.entry("text_overlay", new String[] {"#tips", "#꿀팁"}),
      Map.entry("mirror_outfit", new String[] {"#mirrorselfie", "#거울샷"}),
      Map.entry("gym", new String[] {"#gymlife", "#헬스장"}),
      Map.entry("makeup_closeup", new String[] {"#makeuplook", "#메이크업룩"}),
      Map.entry("gadget", new String[] {"#gadget", "#가젯"}),
      Map.entry("kids", new String[] {"#kids", "#아이"}),
      Map.entry("home_interior", new String[] {"#interiordesign", "#홈인테리어"}));
  private static final String[] EMOJI = {"✨", "💕", "🔥", "😍", "🙌🏻", "👩‍👧", "🇰🇷", "☕️", "🐶", "💪🏽", "🌊", "📸"};

  /** A caption for a post; sponsored posts disclose the partnership and mention the brand. */
  static String caption(SplittableRandom r, String language, String category, List<String> labels,
      String brandHandle, String friendHandle) {
    boolean korean = language.equals("ko");
    StringBuilder sb = new StringBuilder(160);
    sb.append(Rand.pick(r, korean ? KO_OPENERS : EN_OPENERS)).append(' ')
        .append(Rand.pick(r, (korean ? KO_TOPICS : EN_TOPICS).get(category)));
    int emoji = r.nextInt(3);
    for (int i = 0; i < emoji; i++) {
      sb.append(Rand.pick(r, EMOJI));
    }
    if (friendHandle != null) {
      sb.append(korean ? " with @" : " w/ @").append(friendHandle);
    }
    sb.append('\n');
    String[] categoryTags = (korean ? KO_TAGS : EN_TAGS).get(category);
    sb.append(categoryTags[r.nextInt(categoryTags.length)]);
    for (String label : labels) {
      String[] tags = LABEL_TAGS.get(label);
      // Korean captions mix in English tags now and then.
      sb.append(' ').append(korean && r.nextDouble() < 0.7 ? tags[1] : tags[0]);
    }
    if (brandHandle != null) {
      sb.append(korean ? " #광고 #협찬 @" : " #ad #sponsored @").append(brandHandle);
    }
    return sb.toString();
  }
}
