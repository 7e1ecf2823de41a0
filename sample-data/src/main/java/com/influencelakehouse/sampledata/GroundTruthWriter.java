package com.influencelakehouse.sampledata;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.function.IntFunction;
import java.util.stream.Collectors;

/**
 * Writes what the generator knows and the pipeline must never read: true posting probabilities,
 * expected conversions, latent influencer traits, true content lifts. Offers and posts stream as the
 * simulation goes; the world-level files are written at the end.
 */
final class GroundTruthWriter implements AutoCloseable {
  private final Path dir;
  private final BufferedWriter offers;
  private final BufferedWriter posts;
  private final List<String> visitorErasures = new ArrayList<>();

  GroundTruthWriter(Path dir) {
    this.dir = dir;
    try {
      Files.createDirectories(dir);
      offers = Files.newBufferedWriter(dir.resolve("offers.csv"), StandardCharsets.UTF_8);
      offers.write("offer_id,influencer_id,campaign_id,sent_at,incentive_type,relative_incentive,tier_at_send,"
          + "preferred_type,on_habit_weekday,hours_from_habit,trend_effect,deliverable,deadline_days,"
          + "true_posting_probability,posted_within_deadline\n");
      posts = Files.newBufferedWriter(dir.resolve("posts.csv"), StandardCharsets.UTF_8);
      posts.write("post_id,influencer_id,offer_id,posted_at,true_labels,expected_reach,expected_engagements,"
          + "bought_likes,expected_clicks,expected_orders_7d,expected_revenue_7d_base\n");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void offer(String offerId, String influencerId, String campaignId, long sentAt, String type, double relative,
      String tier, TrueEffects.PostingDrivers d, double p, boolean posted) {
    line(offers, offerId, influencerId, campaignId, Records.isoTime(sentAt, 0), type, fmt(relative), tier,
        Boolean.toString(d.preferredType()), Boolean.toString(d.onHabitWeekday()),
        Integer.toString(d.hoursFromHabit()), fmt(d.trendEffect()), d.deliverable(),
        Integer.toString(d.deadlineDays()), fmt(p), Boolean.toString(posted));
  }

  void post(String postId, String influencerId, String offerId, long postedAt, List<String> labels,
      double reach, double engagements, double boughtLikes, double clicks, double orders, double revenue) {
    line(posts, postId, influencerId, offerId, Records.isoTime(postedAt, 0), String.join("|", labels),
        fmt(reach), fmt(engagements), fmt(boughtLikes), fmt(clicks), fmt(orders), fmt(revenue));
  }

  void visitorErasure(String visitor, LocalDate day) {
    visitorErasures.add(visitor + "," + day);
  }

  void writeWorld(List<Influencer> influencers, Map<String, Double> labelLift,
      IntFunction<LocalDate> date) {
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("influencers.csv"), StandardCharsets.UTF_8)) {
      w.write("influencer_id,platform,language,country_start,category_start,followers_start,tier_start,"
          + "followers_end,tier_end,posts_per_day,habit_weekday,habit_hour_local,utc_offset_start,responsiveness,"
          + "preferred_incentive_type,comment_ratio,conversion_propensity,trend,trend_onset_date,trend_strength,"
          + "inauthentic,inauthentic_kind,follower_spike_dates,analytics_consent_end,content_reuse_consent,"
          + "consent_change_date,category_change_date,country_change_date,erasure_date\n");
      for (Influencer i : influencers) {
        String spikes = Arrays.stream(i.followerSpikeDays).sorted().mapToObj(d -> date.apply(d).toString())
            .collect(Collectors.joining("|"));
        line(w, i.id, i.platform, i.language, i.startCountry, i.startCategory, fmt(i.startFollowers),
            i.startTier, fmt(i.followers()), i.tier(), fmt(i.postsPerDay), Integer.toString(i.habitWeekday),
            Integer.toString(i.habitHour), Integer.toString(i.startUtcOffset), fmt(i.responsiveness),
            i.preferredIncentiveType, fmt(i.commentRatio), fmt(i.conversionPropensity), i.trend,
            i.trend.equals("stable") ? "" : date.apply(i.trendOnsetDay).toString(), fmt(i.trendStrength),
            Boolean.toString(i.inauthentic), i.inauthenticKind, spikes, Boolean.toString(i.analyticsConsent),
            Boolean.toString(i.contentReuseConsent), dayOrEmpty(i.consentChangeDay, date),
            dayOrEmpty(i.categoryChangeDay, date), dayOrEmpty(i.countryChangeDay, date),
            dayOrEmpty(i.erasureDay, date));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("content_labels.csv"), StandardCharsets.UTF_8)) {
      w.write("label,true_lift\n");
      for (Map.Entry<String, Double> e : labelLift.entrySet()) {
        line(w, e.getKey(), fmt(e.getValue()));
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("tier_norms.csv"), StandardCharsets.UTF_8)) {
      w.write("tier,incentive_type,norm\n");
      for (String tier : TrueEffects.TIERS) {
        for (String type : TrueEffects.INCENTIVE_TYPES) {
          line(w, tier, type, fmt(TrueEffects.tierNorm(tier, type)));
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    try (BufferedWriter w = Files.newBufferedWriter(dir.resolve("visitor_erasures.csv"), StandardCharsets.UTF_8)) {
      w.write("visitor_id,requested_date\n");
      for (String v : visitorErasures) {
        w.write(v);
        w.write('\n');
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String dayOrEmpty(int day, IntFunction<LocalDate> date) {
    return day < 0 ? "" : date.apply(day).toString();
  }

  private static String fmt(double x) {
    return new BigDecimal(x).round(new MathContext(8)).stripTrailingZeros().toPlainString();
  }

  private static void line(BufferedWriter w, String... fields) {
    try {
      w.write(String.join(",", fields));
      w.write('\n');
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    try {
      offers.close();
      posts.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
