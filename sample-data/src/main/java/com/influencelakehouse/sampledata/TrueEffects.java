package com.influencelakehouse.sampledata;

import java.util.Locale;

/**
 * The causal story the generator samples from, as plain formulas: follower tiers and incentive
 * norms, the true posting probability of an offer, engagement and conversion rates. Evaluations
 * (tests, notebooks) use the same formulas to compute what the best possible model would know;
 * the pipeline never calls this class. {@code docs/sample-data.md} explains each term.
 */
public final class TrueEffects {
  /** Follower tiers, smallest first, with their lower bounds. */
  public static final String[] TIERS = {"nano", "micro", "mid", "macro", "mega"};
  private static final double[] TIER_FLOOR = {0, 10_000, 100_000, 500_000, 1_000_000};

  public static final String[] INCENTIVE_TYPES = {"cash", "product", "commission"};
  /** Norm per tier: cash and product in base currency; commission in percent of attributed revenue. */
  private static final double[][] NORMS = {
      // cash, product, commission%
      {80, 60, 10},
      {400, 280, 12},
      {2_000, 1_400, 15},
      {6_000, 4_200, 18},
      {20_000, 14_000, 20}};

  /** Posting-probability coefficients (logit scale). */
  public static final double INTERCEPT = -0.35;
  public static final double INCENTIVE_LOG = 1.5;
  public static final double PREFERRED_TYPE = 0.8;
  public static final double RESPONSIVENESS = 0.9;
  public static final double HABIT_WEEKDAY = 0.7;
  public static final double HABIT_HOUR = 0.6;
  public static final double RISING = -0.6;
  public static final double DECLINING = 0.4;
  public static final double DEADLINE_LOG = 0.25;
  public static final double INAUTHENTIC = 0.6;
  public static final double BIG_TIER = -0.25;

  private TrueEffects() {}

  public static String tier(double followers) {
    for (int i = TIER_FLOOR.length - 1; i > 0; i--) {
      if (followers >= TIER_FLOOR[i]) {
        return TIERS[i];
      }
    }
    return TIERS[0];
  }

  public static int tierIndex(String tier) {
    for (int i = 0; i < TIERS.length; i++) {
      if (TIERS[i].equals(tier)) {
        return i;
      }
    }
    throw new IllegalArgumentException("unknown tier " + tier);
  }

  /** The market norm of an incentive type for a tier (base currency, or percent for commission). */
  public static double tierNorm(String tier, String incentiveType) {
    int t = tierIndex(tier);
    return switch (incentiveType) {
      case "cash" -> NORMS[t][0];
      case "product" -> NORMS[t][1];
      case "commission" -> NORMS[t][2];
      default -> throw new IllegalArgumentException("unknown incentive type " + incentiveType);
    };
  }

  /** Effort of a deliverable on the logit scale: a story is easy, a video is work. */
  public static double deliverableEffect(String deliverable) {
    return switch (deliverable) {
      case "story" -> 0.35;
      case "post" -> 0.0;
      case "reel" -> -0.2;
      case "video" -> -0.45;
      default -> throw new IllegalArgumentException("unknown deliverable " + deliverable);
    };
  }

  /** Fraction (0..1) of a trend's full effect reached {@code daysSinceOnset} days after it began. */
  public static double trendRamp(int daysSinceOnset) {
    return daysSinceOnset < 0 ? 0 : Math.min(1.0, (daysSinceOnset + 1) / 20.0);
  }

  /** Circular distance in hours between two hours of the day. */
  public static int hourDistance(int a, int b) {
    int d = Math.abs(a - b) % 24;
    return Math.min(d, 24 - d);
  }

  /**
   * Everything the true posting probability depends on.
   *
   * @param responsiveness     the influencer's latent responsiveness, standard normal
   * @param preferredType      whether the incentive type is the influencer's preferred one
   * @param relativeIncentive  offered amount / tier norm of its type
   * @param onHabitWeekday     whether the offer arrived on the influencer's habitual posting weekday (local)
   * @param hoursFromHabit     circular hours between the local send hour and the habitual posting hour
   * @param trend              rising, stable or declining
   * @param trendEffect        trend strength x ramp at send time (0 before onset)
   * @param deliverable        post, story, reel or video
   * @param deadlineDays       days allowed to post
   * @param inauthentic        whether the account's engagement is bought
   * @param tier               follower tier at send time
   */
  public record PostingDrivers(
      double responsiveness,
      boolean preferredType,
      double relativeIncentive,
      boolean onHabitWeekday,
      int hoursFromHabit,
      String trend,
      double trendEffect,
      String deliverable,
      int deadlineDays,
      boolean inauthentic,
      String tier) {

    public double logit() {
      double trendTerm = switch (trend) {
        case "rising" -> RISING * trendEffect;
        case "declining" -> DECLINING * trendEffect;
        default -> 0.0;
      };
      return INTERCEPT
          + INCENTIVE_LOG * Math.log(relativeIncentive)
          + (preferredType ? PREFERRED_TYPE : 0)
          + RESPONSIVENESS * responsiveness
          + (onHabitWeekday ? HABIT_WEEKDAY : 0)
          + HABIT_HOUR * Math.exp(-(hoursFromHabit * hoursFromHabit) / 8.0)
          + trendTerm
          + deliverableEffect(deliverable)
          + DEADLINE_LOG * Math.log(deadlineDays / 10.0)
          + (inauthentic ? INAUTHENTIC : 0)
          + (tierIndex(tier) >= 3 ? BIG_TIER : 0);
    }

    /** The true probability that the influencer publishes the post within the deadline. */
    public double probability() {
      return Rand.sigmoid(logit());
    }

    /** The same situation at another relative incentive: the true incentive response curve. */
    public PostingDrivers atIncentive(double relative) {
      return new PostingDrivers(responsiveness, preferredType, relative, onHabitWeekday, hoursFromHabit, trend,
          trendEffect, deliverable, deadlineDays, inauthentic, tier);
    }
  }

  /** Engagements (likes + comments + saves + shares) per account reached, before content and trend effects. */
  public static double engagementPerReach(double followers) {
    return Rand.clamp(0.10 * Math.pow(Math.max(followers, 1000) / 5_000.0, -0.18), 0.02, 0.15);
  }

  /** Share of followers a post reaches on a platform. */
  public static double reachRate(String platform, double followers) {
    double base = switch (platform) {
      case "tiktok" -> 0.45;
      case "youtube" -> 0.30;
      default -> 0.25;
    };
    return base * Math.pow(Math.max(followers, 1000) / 10_000.0, -0.08);
  }

  /** Engagement multiplier of a trend: rising influencers draw more engagement, declining ones less. */
  public static double trendEngagement(String trend, double strength, double ramp) {
    return switch (trend) {
      case "rising" -> 1 + 0.5 * strength * ramp;
      case "declining" -> 1 - 0.35 * strength * ramp;
      default -> 1.0;
    };
  }

  /** Daily follower growth rate added by a trend. */
  public static double trendGrowth(String trend, double strength, double ramp) {
    return switch (trend) {
      case "rising" -> 0.009 * strength * ramp;
      case "declining" -> -0.006 * strength * ramp;
      default -> 0.0;
    };
  }

  /** Click-through per account reached for a sponsored post. */
  public static double clickRate(boolean categoryFit, double conversionPropensity, String objective,
      String deliverable, boolean inauthentic) {
    double objectiveFactor = "awareness".equals(objective) ? 0.8 : 1.2;
    double deliverableFactor = "story".equals(deliverable) ? 1.3 : 1.0;
    return 0.0012 * (categoryFit ? 1.6 : 0.6) * conversionPropensity * objectiveFactor * deliverableFactor
        * (inauthentic ? 0.1 : 1.0);
  }

  /** Probability that a click becomes an order. */
  public static double conversionRate(double brandFactor, double conversionPropensity) {
    return Math.min(0.5, 0.035 * brandFactor * Math.sqrt(conversionPropensity));
  }

  /** Promo-code-only orders (no click) per expected click. */
  public static final double PROMO_ONLY_PER_CLICK = 0.012;
  /** Log-scale sigma of order revenue around the brand's average order value. */
  public static final double REVENUE_SIGMA = 0.4;

  /** The platform's usual deliverable of a standard offer: a post on Instagram, a video elsewhere. */
  public static String standardDeliverable(String platform) {
    return "instagram".equals(platform) ? "post" : "video";
  }

  /**
   * Expected reach multiplier of a sponsored post's media type, averaged over the media types the
   * generator draws for the deliverable on the platform (Simulation.mediaType and createPost): reels
   * 1.4, videos 1.2, carousels 1.05, images 1.0; a post or story on Instagram is an image 70 % of the time.
   */
  public static double expectedMediaReach(String platform, String deliverable) {
    return switch (deliverable) {
      case "reel" -> 1.4;
      case "video" -> 1.2;
      default -> "instagram".equals(platform) ? 0.7 * 1.0 + 0.3 * 1.05 : 1.2;
    };
  }

  /**
   * The true expected orders (attributed through clicks plus promo-code-only ones) of one sponsored
   * post, as Simulation.createPost computes them for a post fulfilling an offer.
   *
   * @param realFollowers        followers reached organically (bought followers reach no one)
   * @param trendRamp            the trend's ramp on the posting day (0 when stable or before onset)
   * @param categoryFit          whether the brand's category is the influencer's
   * @param objective            the campaign objective (awareness or conversions)
   * @param brandConversionFactor the brand's click-to-order factor (log-normal around 1 across brands)
   */
  public static double expectedSponsoredOrders(String platform, double realFollowers, double conversionPropensity,
      boolean inauthentic, String trend, double trendStrength, double trendRamp, String deliverable,
      boolean categoryFit, String objective, double brandConversionFactor) {
    double trendEngagement = trendEngagement(trend, trendStrength, trendRamp);
    double expectedReach = realFollowers * reachRate(platform, realFollowers) * Math.sqrt(trendEngagement)
        * expectedMediaReach(platform, deliverable) * 0.85;
    double clicks = expectedReach * clickRate(categoryFit, conversionPropensity, objective, deliverable, inauthentic);
    return clicks * conversionRate(brandConversionFactor, conversionPropensity) + clicks * PROMO_ONLY_PER_CLICK;
  }

  /**
   * The true expected orders of a standard sponsored post: the platform's usual deliverable, a
   * conversions campaign of a brand in the influencer's own category, with a typical brand (conversion
   * factor 1, the median of the generator's brands).
   */
  public static double standardPostExpectedOrders(String platform, double realFollowers, double conversionPropensity,
      boolean inauthentic, String trend, double trendStrength, double trendRamp) {
    return expectedSponsoredOrders(platform, realFollowers, conversionPropensity, inauthentic, trend, trendStrength,
        trendRamp, standardDeliverable(platform), true, "conversions", 1.0);
  }

  static String lower(String s) {
    return s.toLowerCase(Locale.ROOT);
  }
}
