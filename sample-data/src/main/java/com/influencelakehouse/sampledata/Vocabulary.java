package com.influencelakehouse.sampledata;

import java.util.List;
import java.util.Map;

/** The generator's fixed vocabularies: countries, categories, content labels, currencies, names. */
final class Vocabulary {
  private Vocabulary() {}

  /** A country: share of influencers, UTC offset (hours), caption language, currency. */
  record Country(String code, double weight, int utcOffset, String language, String currency) {}

  static final List<Country> COUNTRIES = List.of(
      new Country("US", 0.30, -5, "en", "USD"),
      new Country("KR", 0.22, 9, "ko", "KRW"),
      new Country("GB", 0.10, 0, "en", "GBP"),
      new Country("CA", 0.06, -5, "en", "CAD"),
      new Country("AU", 0.05, 10, "en", "AUD"),
      new Country("DE", 0.08, 1, "en", "EUR"),
      new Country("FR", 0.06, 1, "en", "EUR"),
      new Country("BR", 0.07, -3, "en", "BRL"),
      new Country("JP", 0.06, 9, "en", "JPY"));

  static final String[] PLATFORMS = {"instagram", "tiktok", "youtube"};
  static final double[] PLATFORM_WEIGHTS = {0.60, 0.25, 0.15};

  static final String[] CATEGORIES =
      {"fashion", "beauty", "fitness", "food", "travel", "tech", "gaming", "parenting", "home", "pets"};
  static final double[] CATEGORY_WEIGHTS = {0.16, 0.14, 0.11, 0.12, 0.09, 0.08, 0.08, 0.07, 0.08, 0.07};

  /** Average order value in base currency by brand category. */
  static final Map<String, Double> AOV = Map.of("fashion", 80.0, "beauty", 45.0, "fitness", 60.0, "food", 35.0,
      "travel", 400.0, "tech", 180.0, "gaming", 50.0, "parenting", 55.0, "home", 120.0, "pets", 40.0);

  /** Content labels of the upstream vision API; each has a true engagement lift drawn per world. */
  static final String[] LABELS = {"outdoor", "beach", "city_street", "food_plate", "coffee", "pet", "selfie",
      "group_people", "product_closeup", "text_overlay", "mirror_outfit", "gym", "makeup_closeup", "gadget", "kids",
      "home_interior"};

  /** Labels typical of each category (drawn more often there). */
  static final Map<String, List<String>> CATEGORY_LABELS = Map.of(
      "fashion", List.of("mirror_outfit", "city_street", "selfie", "product_closeup"),
      "beauty", List.of("makeup_closeup", "selfie", "product_closeup", "text_overlay"),
      "fitness", List.of("gym", "outdoor", "selfie", "food_plate"),
      "food", List.of("food_plate", "coffee", "group_people", "text_overlay"),
      "travel", List.of("beach", "outdoor", "city_street", "group_people"),
      "tech", List.of("gadget", "product_closeup", "text_overlay", "home_interior"),
      "gaming", List.of("gadget", "selfie", "text_overlay", "group_people"),
      "parenting", List.of("kids", "home_interior", "food_plate", "outdoor"),
      "home", List.of("home_interior", "product_closeup", "coffee", "pet"),
      "pets", List.of("pet", "outdoor", "home_interior", "selfie"));

  /** Currency value in US dollars at the start of the period; rates then random-walk daily. */
  static final Map<String, Double> USD_PER_UNIT = Map.of("USD", 1.0, "EUR", 1.08, "GBP", 1.27, "KRW", 0.00074,
      "JPY", 0.0067, "BRL", 0.18, "CAD", 0.73, "AUD", 0.66);
  static final List<String> CURRENCIES = List.of("AUD", "BRL", "CAD", "EUR", "GBP", "JPY", "KRW", "USD");

  /** Currencies without minor units. */
  static boolean wholeUnits(String currency) {
    return currency.equals("KRW") || currency.equals("JPY");
  }

  static final String[] OBJECTIVES = {"awareness", "traffic", "conversions"};
  static final double[] OBJECTIVE_WEIGHTS = {0.3, 0.3, 0.4};
  static final String[] DELIVERABLES = {"post", "story", "reel", "video"};
  static final int[] DEADLINES = {7, 10, 14, 21};
  static final double[] DEADLINE_WEIGHTS = {0.4, 0.2, 0.3, 0.1};
  static final String[] DEVICES = {"mobile", "desktop", "tablet"};
  static final double[] DEVICE_WEIGHTS = {0.75, 0.20, 0.05};
  static final String[] GENERIC_PROMO_CODES = {"WELCOME10", "FALLSALE", "FREESHIP", "VIP20"};

  static final String[] EN_NAMES = {"jane", "alex", "mia", "liam", "zoe", "noah", "emma", "lucas", "ava", "leo",
      "chloe", "max", "lily", "ethan", "nora", "owen", "ruby", "finn", "ella", "jack", "sofia", "theo", "iris", "sam"};
  static final String[] KO_NAMES = {"minji", "jiwoo", "seoyeon", "hajun", "yuna", "doyun", "sua", "jiho", "eunbi",
      "taeyang", "haeun", "siwoo", "dahye", "junho"};
  static final Map<String, String> HANDLE_SUFFIX = Map.of("fashion", ".styles", "beauty", ".glow", "fitness", "_fit",
      "food", ".eats", "travel", ".travels", "tech", ".tech", "gaming", ".plays", "parenting", ".and.kids",
      "home", ".home", "pets", ".paws");
  static final String[] EMAIL_DOMAINS = {"mail.example", "inbox.example", "post.example"};
  static final String[] BRAND_WORDS = {"Luma", "Nori", "Kite", "Vela", "Orbit", "Maple", "Haru", "Bloom", "Peak",
      "Cove", "Tidal", "Ember", "Sora", "Quill", "Aster", "Fable"};
}
