package com.influencelakehouse.sampledata;

import java.util.SplittableRandom;

/** One simulated influencer: the latent truth the pipeline must infer, and the state that evolves daily. */
final class Influencer {
  final int index;
  final String id;
  final String handle;
  final String email;
  final String platform;
  final String language;
  final SplittableRandom rng;

  String country;
  int utcOffset;
  String category;

  double realFollowers;
  double boughtFollowers;
  long following;
  long mediaCount;

  final double postsPerDay;
  /** Habitual posting weekday (ISO 1 = Monday) and hour, both in local time: also the best time to send an offer. */
  final int habitWeekday;
  final int habitHour;
  final double responsiveness;
  final String preferredIncentiveType;
  final double commentRatio;
  final double conversionPropensity;

  final String trend;
  final int trendOnsetDay;
  final double trendStrength;

  final boolean inauthentic;
  final String inauthenticKind;
  final int[] followerSpikeDays;

  boolean analyticsConsent;
  boolean contentReuseConsent;
  long consentUpdatedAt;
  int consentChangeDay = -1;

  int categoryChangeDay = -1;
  String nextCategory;
  int countryChangeDay = -1;
  Vocabulary.Country nextCountry;

  int erasureDay = -1;
  boolean erased;

  final String startTier;
  final double startFollowers;
  final String startCategory;
  final String startCountry;
  final int startUtcOffset;

  Influencer(int index, String id, String handle, String email, String platform, Vocabulary.Country country,
      String category, double followers, long following, long mediaCount, double postsPerDay, int habitWeekday,
      int habitHour, double responsiveness, String preferredIncentiveType, double commentRatio,
      double conversionPropensity, String trend, int trendOnsetDay, double trendStrength, boolean inauthentic,
      String inauthenticKind, int[] followerSpikeDays, SplittableRandom rng) {
    this.index = index;
    this.id = id;
    this.handle = handle;
    this.email = email;
    this.platform = platform;
    this.country = country.code();
    this.utcOffset = country.utcOffset();
    this.language = country.language();
    this.category = category;
    this.realFollowers = followers;
    this.following = following;
    this.mediaCount = mediaCount;
    this.postsPerDay = postsPerDay;
    this.habitWeekday = habitWeekday;
    this.habitHour = habitHour;
    this.responsiveness = responsiveness;
    this.preferredIncentiveType = preferredIncentiveType;
    this.commentRatio = commentRatio;
    this.conversionPropensity = conversionPropensity;
    this.trend = trend;
    this.trendOnsetDay = trendOnsetDay;
    this.trendStrength = trendStrength;
    this.inauthentic = inauthentic;
    this.inauthenticKind = inauthenticKind;
    this.followerSpikeDays = followerSpikeDays;
    this.rng = rng;
    this.startTier = TrueEffects.tier(followers);
    this.startFollowers = followers;
    this.startCategory = category;
    this.startCountry = country.code();
    this.startUtcOffset = country.utcOffset();
  }

  double followers() {
    return realFollowers + boughtFollowers;
  }

  String tier() {
    return TrueEffects.tier(followers());
  }

  double trendRamp(int day) {
    return trend.equals("stable") ? 0 : TrueEffects.trendRamp(day - trendOnsetDay);
  }

  boolean buysLikes() {
    return inauthentic && !inauthenticKind.equals("bought_followers");
  }

  boolean buysFollowers() {
    return inauthentic && !inauthenticKind.equals("bought_likes");
  }
}
