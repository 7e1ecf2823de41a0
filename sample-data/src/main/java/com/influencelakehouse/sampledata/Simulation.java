package com.influencelakehouse.sampledata;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.sampledata.SampleDataSettings.Scale;
import com.influencelakehouse.sampledata.SampleDataSettings.Story;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;

/**
 * The simulated marketplace, day by day: influencers grow or fade and post, brands run campaigns
 * and send offers, influencers respond and publish sponsored posts, engagement accrues, visitors
 * click tracking links and order. Every event is written to the landing zone on the day it is
 * exported; the latent truth behind it is written to the ground truth.
 */
final class Simulation {
  private static final long DAY = 86_400L;
  private static final long HOUR = 3_600L;
  private static final int[] CAPTURE_HOURS = {6, 24, 48, 72, 120, 168, 336};
  /**
   * Salts of the planner's streams (upcoming campaigns, briefs, their defects): seeded apart from the
   * world's, so adding briefs leaves every other record of a seed's world byte for byte as it was.
   */
  private static final long UPCOMING_SALT = 0x5550_434F_4D49_4E47L;
  private static final long BRIEF_SALT = 0x4252_4945_4653L;
  private static final long PLAN_DEFECTS_SALT = 0x504C_414E_4445_4654L;

  private final Scale scale;
  private final Story story;
  private final String baseCurrency;
  private final LocalDate startDate;
  private final int days;
  private final long startEpoch;

  private final SplittableRandom world;
  private final SplittableRandom market;
  private final SplittableRandom shop;
  private final long seed;

  private final Records records = new Records();
  private final Landing landing;
  private final Defects defects;
  /** Defects of the planner's records (briefs, upcoming campaigns), from their own stream. */
  private final Defects planDefects;
  private final GroundTruthWriter truth;

  private final List<Influencer> influencers = new ArrayList<>();
  private final Map<String, List<Influencer>> byCategory = new HashMap<>();
  private final List<Brand> brands = new ArrayList<>();
  private final List<Campaign> campaigns = new ArrayList<>();
  private final Map<String, Double> labelLift = new LinkedHashMap<>();
  private final String[] currencies = Vocabulary.CURRENCIES.toArray(String[]::new);
  private double[][] usdPerUnit;
  private final Map<Integer, Set<LandingSource>> emptyFiles = new HashMap<>();
  private final int[] visitorErasureDays;
  private final List<String> recentVisitors = new ArrayList<>();

  /** Actions due on each day: deliveries scheduled by earlier events. */
  private final List<ArrayDeque<Runnable>> queue;
  private final List<Runnable> carryOver = new ArrayList<>();
  private int today;

  private long postSeq;
  private long offerSeq;
  private long clickSeq;
  private long orderSeq;

  Simulation(SampleDataSettings settings, Scale scale, String baseCurrency, Path landingDir, Path groundTruth) {
    this.scale = scale;
    this.story = settings.story();
    this.baseCurrency = baseCurrency;
    this.startDate = settings.startDate();
    this.days = scale.days();
    this.startEpoch = startDate.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
    this.seed = settings.seed();
    SplittableRandom master = new SplittableRandom(settings.seed());
    this.world = master.split();
    this.market = master.split();
    this.shop = master.split();
    if (!Vocabulary.USD_PER_UNIT.containsKey(baseCurrency)) {
      throw new IllegalArgumentException("base currency " + baseCurrency
          + " (lakehouse.objectives.base-currency) has no sample exchange rates; the generator knows "
          + Vocabulary.CURRENCIES);
    }
    Set<LandingSource> gzip = settings.gzipSources().stream()
        .map(p -> LandingSource.byPath(p).orElseThrow()).collect(Collectors.toSet());
    this.landing = new Landing(landingDir, settings.maxRecordsPerFile(), gzip);
    this.defects = new Defects(story, settings.seed(), records);
    this.planDefects = new Defects(story, settings.seed() ^ PLAN_DEFECTS_SALT, records);
    this.truth = new GroundTruthWriter(groundTruth);
    this.queue = new ArrayList<>(days);
    for (int d = 0; d < days; d++) {
      queue.add(new ArrayDeque<>());
    }
    buildWorld(gzip);
    addUpcomingCampaigns();
    int erasures = erasureCount();
    this.visitorErasureDays = new int[erasures];
    for (int i = 0; i < erasures; i++) {
      visitorErasureDays[i] = dayBetween(world, 0.3, 0.95);
    }
  }

  /** Runs every day and closes the files; returns the landing parts written. */
  List<Landing.Part> run() {
    for (today = 0; today < days; today++) {
      Set<LandingSource> extra = EnumSet.noneOf(LandingSource.class);
      for (LandingSource s : LandingSource.values()) {
        if (defects.csvExtraColumnToday(s)) {
          extra.add(s);
        }
      }
      landing.startDay(date(today), extra);
      for (Runnable r : carryOver) {
        r.run();
      }
      carryOver.clear();
      writeFxRates();
      writeCampaigns();
      for (Influencer inf : influencers) {
        if (!inf.erased) {
          liveDay(inf);
        }
      }
      sendOffers();
      organicOrders();
      visitorErasures();
      while (!queue.get(today).isEmpty()) {
        queue.get(today).poll().run();
      }
      for (Influencer inf : influencers) {
        if (inf.erasureDay == today) {
          inf.erased = true;
        }
      }
      landing.endDay(emptyFiles.getOrDefault(today, Set.of()));
    }
    landing.close();
    truth.writeWorld(influencers, labelLift, this::date);
    truth.close();
    return landing.parts();
  }

  // ---- world ----------------------------------------------------------------------------------

  private void buildWorld(Set<LandingSource> gzip) {
    // Content labels: true log-lifts evenly spread in [-0.35, 0.35], assigned in a seeded order.
    List<String> labels = new ArrayList<>(Arrays.asList(Vocabulary.LABELS));
    for (int i = labels.size() - 1; i > 0; i--) {
      int j = world.nextInt(i + 1);
      String t = labels.get(i);
      labels.set(i, labels.get(j));
      labels.set(j, t);
    }
    for (int i = 0; i < labels.size(); i++) {
      labelLift.put(labels.get(i), Math.exp(-0.35 + 0.7 * i / (labels.size() - 1)));
    }

    usdPerUnit = new double[days][currencies.length];
    for (int c = 0; c < currencies.length; c++) {
      usdPerUnit[0][c] = Vocabulary.USD_PER_UNIT.get(currencies[c]);
    }
    for (int d = 1; d < days; d++) {
      for (int c = 0; c < currencies.length; c++) {
        usdPerUnit[d][c] = currencies[c].equals("USD") ? 1.0
            : usdPerUnit[d - 1][c] * Math.exp(Rand.normal(world, 0, 0.004));
      }
    }

    double[] countryWeights = Vocabulary.COUNTRIES.stream().mapToDouble(Vocabulary.Country::weight).toArray();
    Set<String> handles = new HashSet<>();
    for (int i = 0; i < scale.influencers(); i++) {
      influencers.add(newInfluencer(i, countryWeights, handles));
    }
    for (Influencer inf : influencers) {
      byCategory.computeIfAbsent(inf.category, k -> new ArrayList<>()).add(inf);
    }
    int erasures = erasureCount();
    List<Influencer> shuffled = new ArrayList<>(influencers);
    for (int i = 0; i < erasures && i < shuffled.size(); i++) {
      int j = i + world.nextInt(shuffled.size() - i);
      Influencer t = shuffled.get(i);
      shuffled.set(i, shuffled.get(j));
      shuffled.set(j, t);
      shuffled.get(i).erasureDay = dayBetween(world, 0.3, 0.9);
    }

    for (int b = 0; b < scale.brands(); b++) {
      Vocabulary.Country country = Vocabulary.COUNTRIES.get(Rand.weighted(world, countryWeights));
      String category = Vocabulary.CATEGORIES[Rand.weighted(world, Vocabulary.CATEGORY_WEIGHTS)];
      String word = Rand.pick(world, Vocabulary.BRAND_WORDS);
      brands.add(new Brand(String.format("BR-%04d", b + 1), (word + category + (b + 1)).toLowerCase(),
          country.code(), country.utcOffset(), country.currency(), category,
          Vocabulary.AOV.get(category) * Rand.lognormal(world, 1, 0.3), Rand.lognormal(world, 1, 0.3),
          Rand.lognormal(world, 6, 0.6)));
    }
    int n = 0;
    for (Brand brand : brands) {
      int count = 1 + Rand.poisson(world, days / 25.0);
      for (int k = 0; k < count; k++) {
        int start = -10 + world.nextInt(days + 3);
        int end = start + 14 + world.nextInt(29);
        int created = Math.max(0, start - 1 - world.nextInt(7));
        long createdAt = dayStart(created) + (9 - brand.utcOffset()) * HOUR + world.nextInt(36_000);
        int updateDay = Rand.chance(world, 0.2) ? created + 1 + world.nextInt(Math.max(1, end - created)) : -1;
        campaigns.add(new Campaign(String.format("CMP-%05d", ++n), brand,
            Vocabulary.OBJECTIVES[Rand.weighted(world, Vocabulary.OBJECTIVE_WEIGHTS)], start, end, created,
            createdAt, Rand.lognormal(world, 20_000, 0.8), updateDay, Rand.uniform(world, 0.7, 1.5), false));
      }
    }

    // Empty part files, only where a zero-byte file is a valid (empty) delivery: not gzipped.
    List<LandingSource> plain = Arrays.stream(LandingSource.values())
        .filter(s -> s.required() && !gzip.contains(s)).toList();
    for (int i = 0; i < story.emptyFiles() && !plain.isEmpty(); i++) {
      emptyFiles.computeIfAbsent(world.nextInt(days), k -> EnumSet.noneOf(LandingSource.class))
          .add(Rand.pick(world, plain));
    }
  }

  /**
   * Campaigns briefed in the last week of the window that start after it: what a planner plans on the
   * last day. They never run within the window, so they send no offers.
   */
  private void addUpcomingCampaigns() {
    SplittableRandom r = new SplittableRandom(seed ^ UPCOMING_SALT);
    int count = Math.max(2, scale.brands() / 3);
    for (int k = 0; k < count; k++) {
      Brand brand = brands.get(r.nextInt(brands.size()));
      int start = days + 1 + r.nextInt(10);
      int end = start + 14 + r.nextInt(17);
      int created = Math.max(0, days - 7 + r.nextInt(7));
      long createdAt = dayStart(created) + (9 - brand.utcOffset()) * HOUR + r.nextInt(36_000);
      campaigns.add(new Campaign(String.format("CMP-%05d", campaigns.size() + 1), brand,
          Vocabulary.OBJECTIVES[Rand.weighted(r, Vocabulary.OBJECTIVE_WEIGHTS)], start, end, created, createdAt,
          Rand.lognormal(r, 20_000, 0.8), -1, 1.0, true));
    }
  }

  private int erasureCount() {
    return story.erasureShare() > 0 ? (int) Math.max(1, Math.round(scale.influencers() * story.erasureShare())) : 0;
  }

  private Influencer newInfluencer(int i, double[] countryWeights, Set<String> handles) {
    SplittableRandom r = world.split();
    Vocabulary.Country country = Vocabulary.COUNTRIES.get(Rand.weighted(r, countryWeights));
    String platform = Vocabulary.PLATFORMS[Rand.weighted(r, Vocabulary.PLATFORM_WEIGHTS)];
    String category = Vocabulary.CATEGORIES[Rand.weighted(r, Vocabulary.CATEGORY_WEIGHTS)];
    double followers = Rand.clamp(Rand.lognormal(r, 25_000, 1.5), 800, 50_000_000);
    double u = r.nextDouble();
    String trend = u < story.risingShare() ? "rising"
        : u < story.risingShare() + story.decliningShare() ? "declining" : "stable";
    int onset = (int) Math.round(days * Rand.uniform(r, 0.2, 0.55));
    double strength = Rand.uniform(r, 0.6, 1.4);
    boolean inauthentic = Rand.chance(r, story.inauthenticShare());
    String kind = !inauthentic ? "" : new String[] {"bought_followers", "bought_likes", "both"}[
        Rand.weighted(r, new double[] {0.4, 0.4, 0.2})];
    int[] spikes = new int[0];
    if (inauthentic && !kind.equals("bought_likes")) {
      spikes = new int[1 + r.nextInt(3)];
      for (int k = 0; k < spikes.length; k++) {
        spikes[k] = dayBetween(r, 0.15, 0.9);
      }
    }
    String[] names = country.language().equals("ko") ? Vocabulary.KO_NAMES : Vocabulary.EN_NAMES;
    String handle = Rand.pick(r, names) + Vocabulary.HANDLE_SUFFIX.get(category);
    if (!handles.add(handle)) {
      handle = handle + (i + 1);
      handles.add(handle);
    }
    String email = Rand.chance(r, 0.95)
        ? handle.replace(".", "").replace("_", "") + "@" + Rand.pick(r, Vocabulary.EMAIL_DOMAINS) : null;
    double[] hourWeights = new double[24];
    for (int h = 0; h < 24; h++) {
      hourWeights[h] = h < 7 ? 0.1 : h < 11 ? 1.0 : h < 17 ? 1.3 : h < 22 ? 2.2 : 0.6;
    }
    Influencer inf = new Influencer(i, String.format("178414%010d", i + 1), handle, email, platform, country,
        category, followers,
        Math.round(kind.equals("bought_followers") || kind.equals("both")
            ? Rand.lognormal(r, 3_000, 0.5) : Rand.lognormal(r, 600, 0.8)),
        Math.round(Rand.lognormal(r, 400, 0.8)),
        Rand.clamp(Rand.lognormal(r, 0.3, 0.5), 0.05, 1.5),
        1 + r.nextInt(7), Rand.weighted(r, hourWeights), Rand.normal(r),
        TrueEffects.INCENTIVE_TYPES[Rand.weighted(r, new double[] {0.45, 0.35, 0.2})],
        Rand.lognormal(r, 0.035, 0.3), Rand.lognormal(r, 1, 0.5), trend, onset, strength, inauthentic, kind, spikes,
        r);
    inf.analyticsConsent = Rand.chance(r, story.analyticsConsentShare());
    inf.contentReuseConsent = Rand.chance(r, story.contentReuseConsentShare());
    inf.consentUpdatedAt = startEpoch - (long) (Rand.uniform(r, 1, 365) * DAY);
    if (Rand.chance(r, story.consentChangeShare())) {
      inf.consentChangeDay = dayBetween(r, 0.2, 0.8);
    }
    if (Rand.chance(r, 0.01)) {
      inf.categoryChangeDay = dayBetween(r, 0.2, 0.8);
      inf.nextCategory = Vocabulary.CATEGORIES[Rand.weighted(r, Vocabulary.CATEGORY_WEIGHTS)];
    }
    if (Rand.chance(r, 0.005)) {
      inf.countryChangeDay = dayBetween(r, 0.2, 0.8);
      inf.nextCountry = Vocabulary.COUNTRIES.get(Rand.weighted(r, countryWeights));
    }
    return inf;
  }

  // ---- one day of one influencer ---------------------------------------------------------------

  private void liveDay(Influencer inf) {
    SplittableRandom r = inf.rng;
    double ramp = inf.trendRamp(today);
    inf.realFollowers *= 1 + 0.0005 + TrueEffects.trendGrowth(inf.trend, inf.trendStrength, ramp)
        + Rand.normal(r, 0, 0.002);
    for (int spike : inf.followerSpikeDays) {
      if (spike == today) {
        inf.boughtFollowers += inf.realFollowers * Rand.uniform(r, 0.2, 0.6);
      }
    }
    inf.boughtFollowers *= 0.995; // platforms purge some fake accounts every day
    inf.following = Math.max(0, inf.following + Rand.poisson(r, 0.3) - Rand.poisson(r, 0.25));

    long dayStart = dayStart(today);
    if (inf.categoryChangeDay == today) {
      inf.category = inf.nextCategory;
    }
    if (inf.countryChangeDay == today) {
      inf.country = inf.nextCountry.code();
      inf.utcOffset = inf.nextCountry.utcOffset();
    }
    if (inf.consentChangeDay == today) {
      inf.analyticsConsent = !inf.analyticsConsent;
      inf.consentUpdatedAt = dayStart + r.nextInt((int) DAY);
    }
    if (inf.erasureDay == today) {
      Map<String, Object> req = new LinkedHashMap<>();
      req.put("subject_type", "influencer");
      req.put("subject_id", inf.id);
      req.put("requested_at", Records.isoTime(dayStart + 12 * HOUR + r.nextInt(36_000), 0));
      emitJson(LandingSource.ERASURE_REQUESTS, req);
    }

    // Organic posts on the local day, around the habitual hour, more often on the habitual weekday.
    int weekday = date(today).getDayOfWeek().getValue();
    double p = inf.postsPerDay * (weekday == inf.habitWeekday ? 2.45 : 0.758);
    int posts = (Rand.chance(r, Math.min(p, 0.95)) ? 1 : 0) + (p > 1 && Rand.chance(r, p - 1) ? 1 : 0);
    for (int k = 0; k < posts; k++) {
      int hour = Math.floorMod((int) Math.round(inf.habitHour + Rand.normal(r, 0, 1.3)), 24);
      long t = dayStart + hour * HOUR + r.nextInt(3600) - inf.utcOffset * HOUR;
      createPost(inf, t, null);
    }

    Map<String, Object> snap = new LinkedHashMap<>();
    snap.put("influencer_id", inf.id);
    snap.put("handle", inf.handle);
    snap.put("platform", inf.platform);
    if (inf.email != null) {
      snap.put("email", inf.email);
    }
    snap.put("country", inf.country);
    snap.put("language", inf.language);
    snap.put("category", inf.category);
    snap.put("followers_count", Math.round(inf.followers()));
    snap.put("following_count", inf.following);
    snap.put("media_count", inf.mediaCount);
    Map<String, Object> consent = new LinkedHashMap<>();
    consent.put("analytics", inf.analyticsConsent);
    consent.put("content_reuse", inf.contentReuseConsent);
    consent.put("updated_at", Records.isoTime(inf.consentUpdatedAt, inf.utcOffset));
    snap.put("consent", consent);
    snap.put("snapshot_at", Records.isoTime(dayStart + 2 * HOUR + r.nextInt(1800), 0));
    emitJson(LandingSource.INFLUENCERS, snap);
  }

  // ---- posts, engagement, clicks and orders -------------------------------------------------------

  /** A sponsored post's context: the offer it fulfils. */
  private record OfferContext(String offerId, Campaign campaign, String deliverable, String promoCode) {}

  private String createPost(Influencer inf, long t, OfferContext offer) {
    SplittableRandom r = inf.rng;
    String postId = String.format("1790%013d", ++postSeq);
    String media = mediaType(r, inf.platform, offer == null ? null : offer.deliverable());

    List<String> preferred = Vocabulary.CATEGORY_LABELS.get(inf.category);
    int labelCount = Math.min(4, 1 + Rand.poisson(r, 0.8));
    List<String> trueLabels = new ArrayList<>(labelCount);
    while (trueLabels.size() < labelCount) {
      String l = Rand.chance(r, 0.7) ? Rand.pick(r, preferred) : Rand.pick(r, Vocabulary.LABELS);
      if (!trueLabels.contains(l)) {
        trueLabels.add(l);
      }
    }
    List<Map<String, Object>> labelRecords = new ArrayList<>();
    for (String l : trueLabels) {
      labelRecords.add(label(l, Rand.uniform(r, 0.55, 0.99)));
    }
    if (Rand.chance(r, 0.25)) {
      // A low-confidence guess of the vision API: carries no engagement effect.
      String l = Rand.pick(r, Vocabulary.LABELS);
      if (!trueLabels.contains(l)) {
        labelRecords.add(label(l, Rand.uniform(r, 0.15, 0.45)));
      }
    }
    String friend = Rand.chance(r, 0.1) ? Rand.pick(r, influencers).handle : null;
    String caption = Captions.caption(r, inf.language, inf.category, trueLabels,
        offer == null ? null : offer.campaign().brand.handle(), friend);

    double ramp = inf.trendRamp(dayOf(t));
    double trendEngagement = TrueEffects.trendEngagement(inf.trend, inf.trendStrength, ramp);
    double real = inf.realFollowers;
    double mediaReach = switch (media) {
      case "REELS" -> 1.4;
      case "VIDEO" -> 1.2;
      case "CAROUSEL_ALBUM" -> 1.05;
      default -> 1.0;
    };
    double expectedReach = real * TrueEffects.reachRate(inf.platform, real) * Math.sqrt(trendEngagement) * mediaReach
        * (offer != null ? 0.85 : 1.0);
    double reach = expectedReach * Rand.lognormal(r, 1, 0.35);
    double lift = 1;
    for (String l : trueLabels) {
      lift *= labelLift.get(l);
    }
    double expectedEngagements = expectedReach * TrueEffects.engagementPerReach(real) * lift * trendEngagement
        * (offer != null ? 0.9 : 1.0);
    double engagements = expectedEngagements * (reach / expectedReach) * Rand.lognormal(r, 1, 0.25);
    double likes = 0.86 * engagements;
    double comments = likes * inf.commentRatio;
    double saves = 0.06 * engagements;
    double shares = 0.04 * engagements;
    double boughtLikes = inf.buysLikes() ? likes * Rand.uniform(r, 2, 5) : 0;
    double impressions = reach * Rand.uniform(r, 1.2, 1.8);
    boolean video = media.equals("VIDEO") || media.equals("REELS");
    double views = video ? reach * Rand.uniform(r, 1.5, 3) : 0;
    inf.mediaCount++;

    Map<String, Object> post = new LinkedHashMap<>();
    post.put("id", postId);
    post.put("owner", Map.of("id", inf.id));
    post.put("timestamp", Records.graphTime(t, inf.utcOffset));
    post.put("media_type", media);
    post.put("caption", caption);
    post.put("permalink", permalink(inf, postId));
    if (offer != null) {
      post.put("offer_id", offer.offerId());
    }
    post.put("content_labels", labelRecords);
    emitJson(LandingSource.POSTS, post);

    for (int h : CAPTURE_HOURS) {
      long at = t + h * HOUR + r.nextInt(3000);
      double f = 1 - Math.exp(-h / 18.0);
      double fr = 1 - Math.exp(-h / 14.0);
      Map<String, Object> ins = new LinkedHashMap<>();
      ins.put("post_id", postId);
      ins.put("captured_at", Records.isoTime(at, 0));
      ins.put("like_count", Math.round(likes * f + boughtLikes * Math.min(1, 3 * f)));
      ins.put("comments_count", Math.round(comments * f));
      ins.put("impressions", Math.round(impressions * fr));
      ins.put("reach", Math.round(reach * fr));
      ins.put("saved", Math.round(saves * f));
      ins.put("shares", Math.round(shares * f));
      if (video) {
        ins.put("video_views", Math.round(views * f));
      }
      schedule(at, () -> {
        if (!inf.erased) {
          emitJson(LandingSource.POST_INSIGHTS, ins);
        }
      });
    }

    double expectedClicks = 0;
    double expectedOrders = 0;
    double expectedRevenue = 0;
    if (offer != null) {
      Campaign c = offer.campaign();
      Brand brand = c.brand;
      boolean fit = brand.category().equals(inf.category);
      expectedClicks = expectedReach * TrueEffects.clickRate(fit, inf.conversionPropensity, c.objective,
          offer.deliverable(), inf.inauthentic);
      double cvr = TrueEffects.conversionRate(brand.conversionFactor(), inf.conversionPropensity);
      double promoOnly = expectedClicks * TrueEffects.PROMO_ONLY_PER_CLICK;
      expectedOrders = expectedClicks * cvr + promoOnly;
      expectedRevenue = expectedOrders * brand.averageOrderValue()
          * Math.exp(TrueEffects.REVENUE_SIGMA * TrueEffects.REVENUE_SIGMA / 2);
      String trackingUrl = "https://go.influencelakehouse.example/c/" + offer.offerId() + "?inf=" + inf.id
          + "&post=" + postId;
      int clicks = Rand.poisson(r, expectedClicks);
      for (int k = 0; k < clicks; k++) {
        double delay;
        do {
          delay = Rand.exponential(r, 20 * HOUR);
        } while (delay >= 5 * DAY);
        long tc = t + (long) delay;
        String clickId = "clk_" + Long.toString(++clickSeq, 36) + Rand.hex(r, 6);
        String visitor = "v_" + Rand.hex(r, 12);
        String country = Rand.chance(r, 0.8) ? inf.country
            : Vocabulary.COUNTRIES.get(r.nextInt(Vocabulary.COUNTRIES.size())).code();
        int visitorOffset = offsetOf(country);
        List<String> click = List.of(clickId, Records.isoTime(tc, visitorOffset), trackingUrl, visitor,
            Vocabulary.DEVICES[Rand.weighted(r, Vocabulary.DEVICE_WEIGHTS)], country);
        schedule(tc, () -> {
          emitCsv(LandingSource.CLICKS, click);
          rememberVisitor(visitor);
        });
        if (Rand.chance(r, cvr)) {
          double orderDelay;
          do {
            orderDelay = Rand.exponential(r, 3 * HOUR);
          } while (orderDelay >= 20 * HOUR);
          String promo = Rand.chance(r, 0.35) ? offer.promoCode() : "";
          scheduleOrder(r, brand, t + (long) delay + (long) orderDelay, visitor, promo, clickId);
        }
      }
      int promoOrders = Rand.poisson(r, promoOnly);
      for (int k = 0; k < promoOrders; k++) {
        scheduleOrder(r, brand, t + (long) (Rand.uniform(r, 0, 6) * DAY), "v_" + Rand.hex(r, 12),
            offer.promoCode(), "");
      }
    }
    truth.post(postId, inf.id, offer == null ? "" : offer.offerId(), t, trueLabels, expectedReach,
        expectedEngagements, boughtLikes, expectedClicks, expectedOrders, expectedRevenue);
    return postId;
  }

  private void scheduleOrder(SplittableRandom r, Brand brand, long at, String visitor, String promo, String clickId) {
    int day = dayOf(at);
    if (day >= days) {
      return;
    }
    String orderId = String.format("ord_%010d", ++orderSeq);
    double revenueBase = brand.averageOrderValue() * Rand.lognormal(r, 1, TrueEffects.REVENUE_SIGMA);
    double amount = revenueBase / rateToBase(brand.currency(), Math.max(0, day));
    List<String> order = List.of(orderId, Records.isoTime(at, brand.utcOffset()), visitor,
        Records.money(amount, brand.currency()), brand.currency(), promo, clickId,
        Integer.toString(1 + Rand.poisson(r, 0.6)));
    schedule(at, () -> emitCsv(LandingSource.ORDERS, order));
  }

  private static Map<String, Object> label(String label, double confidence) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("label", label);
    m.put("confidence", Math.round(confidence * 1000) / 1000.0);
    return m;
  }

  private static String mediaType(SplittableRandom r, String platform, String deliverable) {
    if (deliverable != null) {
      return switch (deliverable) {
        case "reel" -> "REELS";
        case "video" -> "VIDEO";
        default -> platform.equals("instagram") ? (Rand.chance(r, 0.7) ? "IMAGE" : "CAROUSEL_ALBUM") : "VIDEO";
      };
    }
    return switch (platform) {
      case "instagram" -> new String[] {"IMAGE", "CAROUSEL_ALBUM", "REELS"}[
          Rand.weighted(r, new double[] {0.45, 0.25, 0.3})];
      case "tiktok" -> Rand.chance(r, 0.7) ? "VIDEO" : "REELS";
      default -> "VIDEO";
    };
  }

  private static String permalink(Influencer inf, String postId) {
    String code = Long.toString(Long.parseLong(postId.substring(4)) * 2_654_435_761L & 0xFFFFFFFFFFL, 36);
    return switch (inf.platform) {
      case "tiktok" -> "https://www.tiktok.com/@" + inf.handle + "/video/" + postId;
      case "youtube" -> "https://www.youtube.com/watch?v=" + code;
      default -> "https://www.instagram.com/p/" + code + "/";
    };
  }

  // ---- campaigns and offers -------------------------------------------------------------------

  private void writeCampaigns() {
    for (Campaign c : campaigns) {
      if (c.createdDay == today) {
        emitCampaign(c, c.createdAt);
        emitBrief(c);
      }
      if (c.updateDay == today) {
        c.budgetBase *= c.updateFactor;
        emitCampaign(c, dayStart(today) + (10 - c.brand.utcOffset()) * HOUR + market.nextInt(28_800));
      }
    }
  }

  private void emitCampaign(Campaign c, long updatedAt) {
    String currency = c.brand.currency();
    emitCsv(LandingSource.CAMPAIGNS, List.of(c.id, c.brand.id(), c.brand.category(), c.objective,
        date(c.startDay).toString(), date(c.endDay).toString(), budgetText(c, updatedAt), currency,
        Records.isoTime(updatedAt, c.brand.utcOffset())), c.upcoming ? planDefects : defects);
  }

  /** The budget in the brand's currency at the rate of the version's day. */
  private String budgetText(Campaign c, long updatedAt) {
    String currency = c.brand.currency();
    return Records.money(c.budgetBase / rateToBase(currency, Math.max(0, Math.min(days - 1, dayOf(updatedAt)))),
        currency);
  }

  /**
   * The campaign's brief, with the campaign row's budget and version time: the objective follows the
   * campaign's; a share of briefs restrict tiers, platforms or countries, cap the offers or set a
   * fairness floor (one the allowed influencers can meet), all drawn from the campaign id's own stream.
   */
  private void emitBrief(Campaign c) {
    SplittableRandom r = new SplittableRandom(seed ^ BRIEF_SALT ^ c.id.hashCode() * 0x9E3779B97F4A7C15L);
    String objective = switch (c.objective) {
      case "conversions" -> r.nextInt(3) == 0 ? "revenue" : "orders";
      case "awareness" -> "reach";
      default -> "posts";
    };
    List<String> tiers = List.of(TrueEffects.TIERS);
    if (r.nextInt(3) == 0) {
      int n = 2 + r.nextInt(2);
      int from = r.nextInt(tiers.size() - n + 1);
      tiers = tiers.subList(from, from + n);
    }
    List<String> platforms = List.of(Vocabulary.PLATFORMS);
    if (r.nextInt(4) == 0) {
      List<String> kept = new ArrayList<>(platforms);
      kept.remove(r.nextInt(kept.size()));
      if (r.nextBoolean()) {
        kept.remove(r.nextInt(kept.size()));
      }
      platforms = kept;
    }
    String countries = r.nextInt(6) == 0 ? c.brand.country() : "";
    String floor = "";
    if (r.nextInt(4) == 0) {
      // On the smallest tier or a platform the brief allows: a floor the allowed pool can meet.
      floor = r.nextBoolean()
          ? "follower_tier=" + tiers.get(0) + ":" + new String[] {"0.1", "0.2", "0.3"}[r.nextInt(3)]
          : "platform=" + (platforms.contains("youtube") ? "youtube" : platforms.get(platforms.size() - 1)) + ":"
              + new String[] {"0.1", "0.15", "0.2"}[r.nextInt(3)];
    }
    // Caps between 20 and 200 offers, smaller in small worlds (the small scale's 2 500 influencers spans all).
    String maxOffers = r.nextInt(3) == 0
        ? Long.toString(20 + Math.round(180 * r.nextDouble() * Math.min(1.0, scale.influencers() / 2_500.0))) : "";
    emitCsv(LandingSource.BRIEFS, List.of(c.id, c.brand.id(), c.brand.category(), objective, budgetText(c, c.createdAt),
        c.brand.currency(), date(c.startDay).toString(), date(c.endDay).toString(), maxOffers,
        tiers.size() == TrueEffects.TIERS.length ? "" : String.join("|", tiers),
        platforms.size() == Vocabulary.PLATFORMS.length ? "" : String.join("|", platforms), countries, floor,
        Records.isoTime(c.createdAt, c.brand.utcOffset())), planDefects);
  }

  private void sendOffers() {
    List<Campaign> active = campaigns.stream().filter(c -> c.activeOn(today)).toList();
    if (active.isEmpty()) {
      return;
    }
    double[] weights = active.stream().mapToDouble(c -> c.budgetBase).toArray();
    int weekday = date(today).getDayOfWeek().getValue();
    double expected = scale.influencers() * scale.offersPerInfluencerPerWeek() / 7.0 * (weekday >= 6 ? 0.5 : 1.15);
    int n = Rand.poisson(market, expected);
    for (int i = 0; i < n; i++) {
      Campaign c = active.get(Rand.weighted(market, weights));
      List<Influencer> pool = Rand.chance(market, 0.7) ? byCategory.getOrDefault(c.brand.category(), influencers)
          : influencers;
      Influencer inf = Rand.pick(market, pool);
      if (inf.erased || inf.erasureDay == today) {
        continue;
      }
      sendOffer(c, inf);
    }
  }

  private void sendOffer(Campaign c, Influencer inf) {
    Brand brand = c.brand;
    int brandHour = 8 + market.nextInt(13);
    long t = dayStart(today) + (brandHour - brand.utcOffset()) * HOUR + market.nextInt(3600);
    String type = TrueEffects.INCENTIVE_TYPES[Rand.weighted(market, incentiveMix(brand.category()))];
    String tier = inf.tier();
    double norm = TrueEffects.tierNorm(tier, type);
    double wanted = norm * Rand.clamp(Rand.lognormal(market, 1, 0.5), 0.15, 6);
    String currency = brand.currency();
    String amountText;
    double relative;
    if (type.equals("commission")) {
      double rate = Rand.clamp(Math.round(wanted * 2) / 2.0, 1, 60);
      amountText = Records.decimal(rate, 1);
      relative = rate / norm;
    } else {
      double rate = rateToBase(currency, today);
      double local = roundNicely(wanted / rate);
      amountText = Records.money(local, currency);
      relative = local * rate / norm;
    }
    String[] deliverables = Vocabulary.DELIVERABLES;
    double[] dw = switch (inf.platform) {
      case "tiktok" -> new double[] {0, 0.1, 0.3, 0.6};
      case "youtube" -> new double[] {0, 0.15, 0, 0.85};
      default -> new double[] {0.4, 0.25, 0.3, 0.05};
    };
    String deliverable = deliverables[Rand.weighted(market, dw)];
    int deadline = Vocabulary.DEADLINES[Rand.weighted(market, Vocabulary.DEADLINE_WEIGHTS)];
    String offerId = String.format("OFR-%08d", ++offerSeq);
    String promo = (inf.handle.replaceAll("[^a-z]", "").toUpperCase() + "XXXX").substring(0, 5)
        + String.format("%04d", offerSeq % 10_000);

    long local = t + inf.utcOffset * HOUR;
    int localWeekday = java.time.Instant.ofEpochSecond(local).atOffset(ZoneOffset.UTC).getDayOfWeek().getValue();
    int localHour = (int) Math.floorMod(local / HOUR, 24L);
    TrueEffects.PostingDrivers drivers = new TrueEffects.PostingDrivers(inf.responsiveness,
        type.equals(inf.preferredIncentiveType), relative, localWeekday == inf.habitWeekday,
        TrueEffects.hourDistance(localHour, inf.habitHour), inf.trend,
        inf.trendStrength * inf.trendRamp(today), deliverable, deadline, inf.inauthentic, tier);
    double p = drivers.probability();
    SplittableRandom r = inf.rng;
    boolean posts = Rand.chance(r, p);
    truth.offer(offerId, inf.id, c.id, t, type, relative, tier, drivers, p, posts);

    emitCsv(LandingSource.OFFERS, List.of(offerId, c.id, inf.id, Records.isoTime(t, brand.utcOffset()), type,
        amountText, currency, deliverable, Integer.toString(deadline), promo));

    OfferContext ctx = new OfferContext(offerId, c, deliverable, promo);
    long deadlineAt = t + deadline * DAY;
    if (posts) {
      long acceptAt = t + (long) (Rand.uniform(r, 1, 36) * HOUR);
      long postAt = acceptAt + 2 * HOUR
          + (long) ((deadlineAt - HOUR - acceptAt - 2 * HOUR) * Math.pow(r.nextDouble(), 1.6));
      respond(offerId, "accepted", acceptAt, "", brand);
      schedulePost(inf, ctx, postAt, r);
    } else {
      double u = r.nextDouble();
      if (u < 0.62) {
        respond(offerId, "declined", t + (long) (Rand.uniform(r, 1, 72) * HOUR), "", brand);
      } else if (u < 0.9) {
        respond(offerId, "expired", deadlineAt + r.nextInt(7200), "", brand);
      } else {
        respond(offerId, "accepted", t + (long) (Rand.uniform(r, 1, 36) * HOUR), "", brand);
        if (Rand.chance(r, 0.4)) {
          schedulePost(inf, ctx, deadlineAt + (long) (Rand.uniform(r, 1, 5) * DAY), r);
        }
      }
    }
  }

  private void schedulePost(Influencer inf, OfferContext ctx, long postAt, SplittableRandom r) {
    long seenAt = postAt + 300 + r.nextInt(6 * 3600);
    schedule(postAt, () -> {
      if (!inf.erased) {
        String postId = createPost(inf, postAt, ctx);
        respond(ctx.offerId(), "accepted", seenAt, postId, ctx.campaign().brand);
      }
    });
  }

  private void respond(String offerId, String status, long at, String postId, Brand brand) {
    // Responses carry the brand account's offset; expiries are stamped by the platform in UTC.
    int offset = status.equals("expired") ? 0 : brand.utcOffset();
    List<String> row = List.of(offerId, status, Records.isoTime(at, offset), postId);
    schedule(at, () -> emitCsv(LandingSource.OFFER_RESPONSES, row));
  }

  private static double[] incentiveMix(String category) {
    return switch (category) {
      case "tech", "travel" -> new double[] {0.6, 0.25, 0.15};
      case "fashion", "beauty" -> new double[] {0.3, 0.5, 0.2};
      default -> new double[] {0.45, 0.35, 0.2};
    };
  }

  /** Two significant digits, as marketers quote amounts. */
  private static double roundNicely(double x) {
    if (x <= 0) {
      return x;
    }
    return new BigDecimal(x).round(new MathContext(2)).doubleValue();
  }

  // ---- shops, reference data, privacy ------------------------------------------------------------

  private void organicOrders() {
    int weekday = date(today).getDayOfWeek().getValue();
    for (Brand brand : brands) {
      int n = Rand.poisson(shop, brand.organicOrdersPerDay() * (weekday >= 6 ? 1.2 : 1.0));
      for (int k = 0; k < n; k++) {
        String promo = Rand.chance(shop, 0.2) ? Rand.pick(shop, Vocabulary.GENERIC_PROMO_CODES) : "";
        scheduleOrder(shop, brand, dayStart(today) + shop.nextInt((int) DAY), "v_" + Rand.hex(shop, 12), promo, "");
      }
    }
  }

  private void rememberVisitor(String visitor) {
    if (recentVisitors.size() < 500) {
      recentVisitors.add(visitor);
    } else {
      recentVisitors.set(shop.nextInt(500), visitor);
    }
  }

  private void visitorErasures() {
    for (int day : visitorErasureDays) {
      if (day == today && !recentVisitors.isEmpty()) {
        String visitor = recentVisitors.remove(shop.nextInt(recentVisitors.size()));
        Map<String, Object> req = new LinkedHashMap<>();
        req.put("subject_type", "visitor");
        req.put("subject_id", visitor);
        req.put("requested_at", Records.isoTime(dayStart(today) + 20 * HOUR + shop.nextInt(10_000), 0));
        emitJson(LandingSource.ERASURE_REQUESTS, req);
        truth.visitorErasure(visitor, date(today));
      }
    }
  }

  private void writeFxRates() {
    for (String c : currencies) {
      emitCsv(LandingSource.FX_RATES, List.of(date(today).toString(), c,
          new BigDecimal(rateToBase(c, today)).round(new MathContext(8)).toPlainString()));
    }
  }

  /** Units of base currency per unit of {@code currency} on a day. */
  private double rateToBase(String currency, int day) {
    int c = Arrays.asList(currencies).indexOf(currency);
    int b = Arrays.asList(currencies).indexOf(baseCurrency);
    return usdPerUnit[day][c] / usdPerUnit[day][b];
  }

  private static int offsetOf(String country) {
    return Vocabulary.COUNTRIES.stream().filter(c -> c.code().equals(country)).findFirst().orElseThrow().utcOffset();
  }

  // ---- writing ------------------------------------------------------------------------------------

  private void emitJson(LandingSource source, Map<String, Object> record) {
    String line;
    if (defects.jsonExtraField()) {
      Map<String, Object> decorated = new LinkedHashMap<>(record);
      decorated.put("client_version", defects.extraFieldValue());
      line = records.json(decorated);
      landing.write(source, line, DefectKind.EXTRA_COLUMN);
    } else {
      line = records.json(record);
      landing.write(source, line, null);
    }
    // Broken copies start from the declared fields; duplicates and truncations from the line as written.
    deliver(source, defects.json(source, record, line));
  }

  private void emitCsv(LandingSource source, List<String> fields) {
    emitCsv(source, fields, defects);
  }

  /** Writes a CSV record with the broken copies {@code noise} draws for it. */
  private void emitCsv(LandingSource source, List<String> fields, Defects noise) {
    String extra = extraColumnValue(source);
    String line = records.csv(fields) + (extra == null ? "" : "," + extra);
    landing.write(source, line, extra == null ? null : DefectKind.EXTRA_COLUMN);
    deliver(source, noise.csv(source, fields, line, extra));
  }

  /** Today's value of the undeclared CSV column, or null when today's delivery has none. */
  private String extraColumnValue(LandingSource source) {
    return landing.hasExtraColumn(source) ? "b" + (today + 1) : null;
  }

  private void deliver(LandingSource source, List<Defects.Noise> noise) {
    for (Defects.Noise n : noise) {
      if (n.nextDay()) {
        // A re-sent postback, rendered against the header of the delivery that carries it.
        Runnable resend = () -> {
          String extra = extraColumnValue(source);
          landing.write(source, n.line() + (extra == null ? "" : "," + extra), n.kind());
        };
        if (today + 1 < days) {
          carryOver.add(resend); // on the last day there is no next delivery to carry it
        }
      } else {
        landing.write(source, n.line(), n.kind());
      }
    }
  }

  /** Runs {@code action} during the export of the day containing {@code at}; events after the period are not delivered. */
  private void schedule(long at, Runnable action) {
    int day = dayOf(at);
    if (day >= days) {
      return;
    }
    if (day <= today) {
      queue.get(today).add(action);
    } else {
      queue.get(day).add(action);
    }
  }

  private long dayStart(int day) {
    return startEpoch + day * DAY;
  }

  private int dayOf(long epochSecond) {
    return (int) Math.floorDiv(epochSecond - startEpoch, DAY);
  }

  private LocalDate date(int day) {
    return startDate.plusDays(day);
  }

  private int dayBetween(SplittableRandom r, double from, double to) {
    return Math.min(days - 1, (int) Math.floor(days * Rand.uniform(r, from, to)));
  }
}
