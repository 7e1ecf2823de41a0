package com.influencelakehouse.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.sampledata.SampleDataSettings.Scale;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The relationships the models must later recover hold in the generated landing data, as read
 * back from the files (not from the generator's memory), and agree with the ground truth.
 */
@Tag("unit")
class CausalStoryTest {
  private static final SampleDataSettings SETTINGS = SampleDataSettings.from(LakehouseConfig.load("local"));
  private static final Scale SCALE = SETTINGS.scale("tiny").withInfluencers(600).withDays(42);

  @TempDir
  static Path tmp;
  static Path landing;
  static Path truth;
  static List<Map<String, String>> offersTruth;
  static Map<String, Map<String, String>> influencersTruth = new HashMap<>();
  static Instant periodEnd;

  @BeforeAll
  static void generate() {
    landing = tmp.resolve("landing");
    truth = tmp.resolve("truth");
    GenerationReport r = SampleDataGenerator.generate(SETTINGS.withStory(SETTINGS.story().clean()), SCALE, "USD",
        landing, truth);
    periodEnd = r.lastDate().plusDays(1).atStartOfDay().toInstant(java.time.ZoneOffset.UTC);
    offersTruth = csv(truth.resolve("offers.csv"));
    for (Map<String, String> row : csv(truth.resolve("influencers.csv"))) {
      influencersTruth.put(row.get("influencer_id"), row);
    }
  }

  /** Offers whose deadline passed within the period, with the outcome read from the landing files. */
  private static List<double[]> labelledOffers() {
    Map<String, Instant> postTime = new HashMap<>();
    for (JsonNode post : jsonRecords(LandingSource.POSTS)) {
      postTime.put(post.get("id").asText(), time(post.get("timestamp").asText()));
    }
    Map<String, String> postOfOffer = new HashMap<>();
    for (Map<String, String> r : csvRecords(LandingSource.OFFER_RESPONSES)) {
      if (!r.get("post_id").isEmpty()) {
        postOfOffer.put(r.get("offer_id"), r.get("post_id"));
      }
    }
    Map<String, Map<String, String>> offers = new HashMap<>();
    for (Map<String, String> r : csvRecords(LandingSource.OFFERS)) {
      offers.put(r.get("offer_id"), r);
    }
    List<double[]> out = new ArrayList<>(); // relative incentive, true p, posted (landing), posted (truth)
    for (Map<String, String> t : offersTruth) {
      Map<String, String> o = offers.get(t.get("offer_id"));
      Instant deadline = time(o.get("sent_at")).plusSeconds(86_400L * Integer.parseInt(o.get("deadline_days")));
      boolean erased = !influencersTruth.get(t.get("influencer_id")).get("erasure_date").isEmpty();
      if (deadline.plusSeconds(6 * 3600).isAfter(periodEnd) || erased) {
        continue;
      }
      String post = postOfOffer.get(t.get("offer_id"));
      boolean posted = post != null && !postTime.get(post).isAfter(deadline);
      out.add(new double[] {Double.parseDouble(t.get("relative_incentive")),
          Double.parseDouble(t.get("true_posting_probability")), posted ? 1 : 0,
          Boolean.parseBoolean(t.get("posted_within_deadline")) ? 1 : 0});
    }
    return out;
  }

  @Test
  void theLandingDataShowsWhoPostedExactlyAsTheGroundTruthSays() {
    List<double[]> offers = labelledOffers();
    assertTrue(offers.size() > 2000, "enough labelled offers: " + offers.size());
    for (double[] o : offers) {
      assertEquals(o[3], o[2], "landing outcome equals the ground truth's");
    }
  }

  @Test
  void offersWithAHigherRelativeIncentiveArePostedMoreOften() {
    List<double[]> offers = new ArrayList<>(labelledOffers());
    offers.sort(Comparator.comparingDouble(o -> o[0]));
    int third = offers.size() / 3;
    double low = mean(offers.subList(0, third), 2);
    double high = mean(offers.subList(offers.size() - third, offers.size()), 2);
    assertTrue(high - low > 0.15, "posting rate low-incentive third " + low + " vs high-incentive third " + high);
  }

  @Test
  void postingOutcomesAreDrawnFromTheRecordedTrueProbabilities() {
    List<double[]> offers = labelledOffers();
    double p = mean(offers, 1);
    double rate = mean(offers, 2);
    double se = Math.sqrt(p * (1 - p) / offers.size());
    assertTrue(Math.abs(rate - p) < 4 * se, "realised " + rate + " vs mean true probability " + p);
    // Within the top decile of true probability the realised rate is far above the bottom decile's.
    List<double[]> sorted = new ArrayList<>(offers);
    sorted.sort(Comparator.comparingDouble(o -> o[1]));
    int tenth = sorted.size() / 10;
    assertTrue(mean(sorted.subList(sorted.size() - tenth, sorted.size()), 2) - mean(sorted.subList(0, tenth), 2) > 0.4);
  }

  @Test
  void theShareOfInauthenticInfluencersMatchesTheParameter() {
    double share = influencersTruth.values().stream().filter(r -> r.get("inauthentic").equals("true")).count()
        / (double) influencersTruth.size();
    double p = SETTINGS.story().inauthenticShare();
    assertTrue(Math.abs(share - p) < 4 * Math.sqrt(p * (1 - p) / influencersTruth.size()), "share " + share);
  }

  @Test
  void boughtLikesShowAsFewCommentsPerLike() {
    Map<String, String> owner = new HashMap<>();
    for (JsonNode post : jsonRecords(LandingSource.POSTS)) {
      owner.put(post.get("id").asText(), post.get("owner").get("id").asText());
    }
    Map<String, long[]> finalCounts = new HashMap<>(); // post -> likes, comments (latest snapshot)
    Map<String, Instant> latest = new HashMap<>();
    for (JsonNode s : jsonRecords(LandingSource.POST_INSIGHTS)) {
      String post = s.get("post_id").asText();
      Instant at = time(s.get("captured_at").asText());
      if (!latest.containsKey(post) || at.isAfter(latest.get(post))) {
        latest.put(post, at);
        finalCounts.put(post, new long[] {s.get("like_count").asLong(), s.get("comments_count").asLong()});
      }
    }
    List<Double> buyers = new ArrayList<>();
    List<Double> others = new ArrayList<>();
    finalCounts.forEach((post, c) -> {
      if (c[0] < 50) {
        return;
      }
      String kind = influencersTruth.get(owner.get(post)).get("inauthentic_kind");
      (kind.equals("bought_likes") || kind.equals("both") ? buyers : others).add(c[1] / (double) c[0]);
    });
    assertTrue(median(buyers) * 2.5 < median(others), "comments per like " + median(buyers) + " vs " + median(others));
  }

  @Test
  void risingInfluencersGainFollowersAndDecliningOnesLoseThem() {
    Map<String, long[]> firstLast = new HashMap<>();
    for (Path f : new LandingValidator(landing).files(LandingSource.INFLUENCERS)) {
      for (String line : LandingValidator.lines(f)) {
        JsonNode n = SampleDataGeneratorTest.json(line);
        long followers = n.get("followers_count").asLong();
        firstLast.computeIfAbsent(n.get("influencer_id").asText(), k -> new long[] {followers, followers})[1] = followers;
      }
    }
    Map<String, List<Double>> growth = new HashMap<>();
    firstLast.forEach((id, fl) -> {
      Map<String, String> t = influencersTruth.get(id);
      if (t.get("inauthentic").equals("false")) {
        growth.computeIfAbsent(t.get("trend"), k -> new ArrayList<>()).add(fl[1] / (double) fl[0]);
      }
    });
    double rising = median(growth.get("rising"));
    double stable = median(growth.get("stable"));
    double declining = median(growth.get("declining"));
    assertTrue(rising > stable * 1.08 && stable > declining * 1.04,
        "median follower growth rising " + rising + ", stable " + stable + ", declining " + declining);
  }

  @Test
  void contentLabelsWithAHigherTrueLiftDrawMoreEngagementPerReach() {
    Map<String, Double> lift = new HashMap<>();
    for (Map<String, String> r : csv(truth.resolve("content_labels.csv"))) {
      lift.put(r.get("label"), Double.parseDouble(r.get("true_lift")));
    }
    List<String> byLift = lift.keySet().stream().sorted(Comparator.comparingDouble(lift::get)).toList();
    List<String> bottom = byLift.subList(0, 4);
    List<String> top = byLift.subList(byLift.size() - 4, byLift.size());
    Map<String, Double> engagementPerReach = finalEngagementPerReach();
    List<Double> withTop = new ArrayList<>();
    List<Double> withBottom = new ArrayList<>();
    for (JsonNode post : jsonRecords(LandingSource.POSTS)) {
      Double r = engagementPerReach.get(post.get("id").asText());
      if (r == null) {
        continue;
      }
      boolean hasTop = false;
      boolean hasBottom = false;
      for (JsonNode l : post.get("content_labels")) {
        if (l.get("confidence").asDouble() >= 0.5) {
          hasTop |= top.contains(l.get("label").asText());
          hasBottom |= bottom.contains(l.get("label").asText());
        }
      }
      if (hasTop && !hasBottom) {
        withTop.add(r);
      } else if (hasBottom && !hasTop) {
        withBottom.add(r);
      }
    }
    assertTrue(median(withTop) > 1.25 * median(withBottom),
        "engagement per reach with top-lift labels " + median(withTop) + " vs bottom " + median(withBottom));
  }

  private static Map<String, Double> finalEngagementPerReach() {
    Map<String, Double> out = new HashMap<>();
    Map<String, Instant> latest = new HashMap<>();
    for (JsonNode s : jsonRecords(LandingSource.POST_INSIGHTS)) {
      String post = s.get("post_id").asText();
      Instant at = time(s.get("captured_at").asText());
      long reach = s.get("reach").asLong();
      if (reach > 100 && (!latest.containsKey(post) || at.isAfter(latest.get(post)))) {
        latest.put(post, at);
        out.put(post, (s.get("like_count").asLong() + s.get("comments_count").asLong() + s.get("saved").asLong()
            + s.get("shares").asLong()) / (double) reach);
      }
    }
    return out;
  }

  private static double mean(List<double[]> rows, int column) {
    return rows.stream().mapToDouble(r -> r[column]).average().orElseThrow();
  }

  private static double median(List<Double> xs) {
    List<Double> s = xs.stream().sorted().toList();
    return s.get(s.size() / 2);
  }

  private static Instant time(String s) {
    for (String pattern : List.of("yyyy-MM-dd'T'HH:mm:ssXXX", "yyyy-MM-dd'T'HH:mm:ssxx")) {
      try {
        return OffsetDateTime.parse(s, DateTimeFormatter.ofPattern(pattern)).toInstant();
      } catch (DateTimeParseException e) {
        // next
      }
    }
    throw new IllegalArgumentException(s);
  }

  private static List<JsonNode> jsonRecords(LandingSource s) {
    return new LandingValidator(landing).files(s).stream().flatMap(f -> LandingValidator.lines(f).stream())
        .map(SampleDataGeneratorTest::json).toList();
  }

  private static List<Map<String, String>> csvRecords(LandingSource s) {
    List<Map<String, String>> out = new ArrayList<>();
    for (Path f : new LandingValidator(landing).files(s)) {
      out.addAll(rows(LandingValidator.lines(f)));
    }
    return out;
  }

  private static List<Map<String, String>> csv(Path file) {
    try (Stream<String> lines = Files.lines(file)) {
      return rows(lines.toList());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static List<Map<String, String>> rows(List<String> lines) {
    List<String> header = LandingValidator.parseCsv(lines.get(0));
    List<Map<String, String>> out = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = LandingValidator.parseCsv(line);
      Map<String, String> row = new HashMap<>();
      for (int i = 0; i < header.size(); i++) {
        row.put(header.get(i), f.get(i));
      }
      out.add(row);
    }
    return out;
  }
}
