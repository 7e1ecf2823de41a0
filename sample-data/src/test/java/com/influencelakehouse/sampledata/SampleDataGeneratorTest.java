package com.influencelakehouse.sampledata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.sampledata.SampleDataSettings.Scale;
import com.influencelakehouse.sampledata.SampleDataSettings.Story;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class SampleDataGeneratorTest {
  private static final SampleDataSettings SETTINGS = SampleDataSettings.from(LakehouseConfig.load("local"));

  @TempDir
  Path tmp;

  @Test
  void theSameSeedWritesTheSameBytesAndAnotherSeedDoesNot() {
    Scale scale = SETTINGS.scale("tiny").withInfluencers(60).withDays(8);
    Map<String, String> first = digests(generate(SETTINGS, scale, "a"));
    Map<String, String> second = digests(generate(SETTINGS, scale, "b"));
    assertEquals(first, second);
    assertTrue(first.keySet().stream().anyMatch(k -> k.endsWith(".gz")), "gzipped sources are covered");
    assertTrue(first.keySet().stream().anyMatch(k -> k.startsWith("truth/")), "ground truth is covered");

    Map<String, String> otherSeed = digests(generate(SETTINGS.withSeed(SETTINGS.seed() + 1), scale, "c"));
    assertNotEquals(first.get("landing/social/influencers/dt=2026-08-03/part-00000.jsonl"),
        otherSeed.get("landing/social/influencers/dt=2026-08-03/part-00000.jsonl"));
  }

  @Test
  void theScaleSetsInfluencersDaysAndDeliveryDates() {
    Scale scale = SETTINGS.scale("tiny").withInfluencers(40).withDays(5);
    Story noErasures = new Story(0.08, 0.12, 0.12, 0.92, 0.7, 0.02, 0, 0, 0, 0, 0);
    GenerationReport report = generate(SETTINGS.withStory(noErasures), scale, "s");
    assertEquals(LocalDate.parse("2026-08-03"), report.firstDate());
    assertEquals(LocalDate.parse("2026-08-07"), report.lastDate());
    Path landing = tmp.resolve("s/landing");
    for (LandingSource s : LandingSource.values()) {
      if (s.required()) {
        try (Stream<Path> dirs = Files.list(landing.resolve(s.path()))) {
          assertEquals(List.of("dt=2026-08-03", "dt=2026-08-04", "dt=2026-08-05", "dt=2026-08-06", "dt=2026-08-07"),
              dirs.map(p -> p.getFileName().toString()).sorted().toList(), s.path());
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    Set<String> firstDay = new HashSet<>();
    for (String line : LandingValidator.lines(landing.resolve("social/influencers/dt=2026-08-03/part-00000.jsonl"))) {
      firstDay.add(json(line).get("influencer_id").asText());
    }
    assertEquals(40, firstDay.size());
    assertEquals(40 * 5, report.sources().get("social/influencers").records(), "one snapshot per influencer and day");
    assertEquals(8 * 5, report.sources().get("reference/fx_rates").records(), "eight currencies a day");
  }

  @Test
  void everyDefectTheManifestDeclaresIsFoundByAnIndependentReadingOfTheFiles() {
    Story dirty = new Story(0.08, 0.12, 0.12, 0.92, 0.7, 0.02, 0.004, 0.15, 0.02, 0.01, 2);
    Scale scale = SETTINGS.scale("tiny").withInfluencers(300).withDays(8);
    generate(SETTINGS.withStory(dirty), scale, "d");
    List<LandingManifest.Entry> manifest = LandingManifest.read(tmp.resolve("d/truth"));
    Map<String, Map<DefectKind, Long>> found = new LandingValidator(tmp.resolve("d/landing")).classify();

    Map<String, Map<DefectKind, Long>> declared = new TreeMap<>();
    EnumMap<DefectKind, Long> totals = new EnumMap<>(DefectKind.class);
    for (LandingManifest.Entry e : manifest) {
      Map<DefectKind, Long> d = new EnumMap<>(e.defects());
      d.remove(DefectKind.EMPTY_FILE); // a property of the file, checked below
      declared.put(e.file(), d);
      e.defects().forEach((k, v) -> totals.merge(k, v, Long::sum));
      long lines = LandingValidator.lines(tmp.resolve("d/landing").resolve(e.file())).size();
      long header = e.source().format() == LandingSource.Format.CSV && lines > 0 ? 1 : 0;
      assertEquals(e.records(), lines - header, "records in " + e.file());
      if (e.defects(DefectKind.EMPTY_FILE) > 0) {
        assertEquals(0, e.bytes() + size(tmp.resolve("d/landing").resolve(e.file())), e.file() + " is empty");
      }
    }
    assertEquals(declared, found);
    assertEquals(EnumSet.allOf(DefectKind.class), totals.keySet(), "every kind of defect occurs: " + totals);
  }

  @Test
  void recordsCarryExactlyTheContractFieldsApartFromDeclaredExtras() {
    generate(SETTINGS.withStory(SETTINGS.story().clean()), SETTINGS.scale("tiny").withDays(4), "c");
    LandingValidator reader = new LandingValidator(tmp.resolve("c/landing"));
    for (LandingSource s : LandingSource.values()) {
      for (Path f : reader.files(s)) {
        List<String> lines = LandingValidator.lines(f);
        if (s.format() == LandingSource.Format.CSV) {
          assertEquals(s.fieldNames(), LandingValidator.parseCsv(lines.get(0)), f.toString());
        } else {
          for (String line : lines) {
            Iterator<String> names = json(line).fieldNames();
            while (names.hasNext()) {
              String n = names.next();
              assertTrue(s.fieldNames().contains(n), f + " has undeclared field " + n);
            }
          }
        }
      }
    }
    Map<String, Map<DefectKind, Long>> found = reader.classify();
    assertTrue(found.values().stream().allMatch(Map::isEmpty), "a clean story has no defects: " + found);
  }

  @Test
  void everyCampaignIsBriefedOnItsCreationAndUpcomingCampaignsStartAfterTheWindowWithoutOffers() {
    Scale scale = SETTINGS.scale("tiny");
    GenerationReport report = generate(SETTINGS.withStory(SETTINGS.story().clean()), scale, "b");
    LandingValidator reader = new LandingValidator(tmp.resolve("b/landing"));
    Map<String, List<String>> created = new TreeMap<>(); // campaign id -> its first version
    for (List<String> c : rows(reader, LandingSource.CAMPAIGNS)) {
      created.putIfAbsent(c.get(0), c);
    }
    Map<String, List<String>> briefs = new TreeMap<>();
    for (List<String> b : rows(reader, LandingSource.BRIEFS)) {
      assertEquals(null, briefs.put(b.get(0), b), "one brief per campaign: " + b.get(0));
    }
    assertEquals(created.keySet(), briefs.keySet(), "every campaign delivered has a brief");

    List<String> f = LandingSource.BRIEFS.fieldNames();
    Map<String, String> objectives = Map.of("awareness", "reach", "traffic", "posts");
    int constrained = 0;
    for (Map.Entry<String, List<String>> e : briefs.entrySet()) {
      List<String> c = created.get(e.getKey());
      List<String> b = e.getValue();
      String campaignObjective = c.get(3);
      String objective = b.get(f.indexOf("objective"));
      assertTrue(campaignObjective.equals("conversions") ? Set.of("orders", "revenue").contains(objective)
          : objectives.get(campaignObjective).equals(objective), e.getKey() + ": " + campaignObjective + " as "
          + objective);
      assertEquals(List.of(c.get(1), c.get(2), c.get(6), c.get(7), c.get(4), c.get(5), c.get(8)),
          List.of(b.get(f.indexOf("brand_id")), b.get(f.indexOf("brand_category")), b.get(f.indexOf("budget")),
              b.get(f.indexOf("currency")), b.get(f.indexOf("start_date")), b.get(f.indexOf("end_date")),
              b.get(f.indexOf("updated_at"))), "the brief states the campaign as created: " + e.getKey());
      String max = b.get(f.indexOf("max_offers"));
      assertTrue(max.isEmpty() || Integer.parseInt(max) >= 20 && Integer.parseInt(max) <= 200, max);
      assertTrue(List.of("nano", "micro", "mid", "macro", "mega").containsAll(items(b, "allowed_tiers")));
      assertTrue(List.of("instagram", "tiktok", "youtube").containsAll(items(b, "allowed_platforms")));
      String floor = b.get(f.indexOf("min_group_shares"));
      assertTrue(floor.isEmpty() || floor.matches("(follower_tier|platform)=[a-z]+:0\\.[0-9]+"), floor);
      constrained += b.subList(f.indexOf("max_offers"), f.indexOf("updated_at")).stream()
          .anyMatch(v -> !v.isEmpty()) ? 1 : 0;
    }
    assertTrue(constrained > 0 && constrained < briefs.size(), "some briefs, not all, carry constraints: "
        + constrained + " of " + briefs.size());

    Set<String> upcoming = created.values().stream()
        .filter(c -> LocalDate.parse(c.get(4)).isAfter(report.lastDate())).map(c -> c.get(0))
        .collect(Collectors.toSet());
    assertTrue(upcoming.size() >= Math.max(2, scale.brands() / 3), "upcoming campaigns: " + upcoming);
    for (String id : upcoming) {
      LocalDate briefed = LocalDate.parse(created.get(id).get(8).substring(0, 10));
      assertTrue(!briefed.isBefore(report.lastDate().minusDays(7)), id + " briefed in the window's last week");
    }
    Set<String> offered = rows(reader, LandingSource.OFFERS).stream().map(o -> o.get(1)).collect(Collectors.toSet());
    assertTrue(offered.stream().noneMatch(upcoming::contains), "an upcoming campaign sends no offer in the window");
  }

  private static List<String> items(List<String> brief, String field) {
    String v = brief.get(LandingSource.BRIEFS.fieldNames().indexOf(field));
    return v.isEmpty() ? List.of() : List.of(v.split("\\|"));
  }

  /** The records of a CSV source, in delivery order, without headers. */
  private static List<List<String>> rows(LandingValidator reader, LandingSource source) {
    return reader.files(source).stream().flatMap(p -> LandingValidator.lines(p).stream().skip(1))
        .map(LandingValidator::parseCsv).toList();
  }

  @Test
  void theGroundTruthIsNeverWrittenIntoTheLandingZone() {
    SampleDataSettings s = SETTINGS;
    Scale scale = s.scale("tiny").withDays(2);
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> SampleDataGenerator.generate(s, scale, "USD", tmp, tmp.resolve("truth")));
    assertTrue(e.getMessage().contains("must not be under the landing zone"), e.getMessage());
  }

  @Test
  void captionsAreUnicodeWithKoreanTextHashtagsMentionsAndEmoji() {
    generate(SETTINGS.withStory(SETTINGS.story().clean()), SETTINGS.scale("tiny"), "u");
    List<String> captions = new LandingValidator(tmp.resolve("u/landing")).files(LandingSource.POSTS).stream()
        .flatMap(f -> LandingValidator.lines(f).stream()).map(l -> json(l).path("caption").asText()).toList();
    assertTrue(captions.stream().anyMatch(c -> c.codePoints().anyMatch(cp -> cp >= 0xAC00 && cp <= 0xD7A3)), "Hangul");
    assertTrue(captions.stream().anyMatch(c -> c.codePoints().anyMatch(cp -> cp >= 0x1F300)), "emoji");
    assertTrue(captions.stream().anyMatch(c -> c.contains("\u200D")), "zero-width-joiner emoji sequences");
    assertTrue(captions.stream().allMatch(c -> c.contains("#")), "every caption has a hashtag");
    assertTrue(captions.stream().anyMatch(c -> c.contains("#광고") || c.contains("#ad")), "sponsorship disclosed");
  }

  private GenerationReport generate(SampleDataSettings s, Scale scale, String dir) {
    return SampleDataGenerator.generate(s, scale, "USD", tmp.resolve(dir).resolve("landing"),
        tmp.resolve(dir).resolve("truth"));
  }

  private static Map<String, String> digests(GenerationReport report) {
    Path root = report.landing().getParent();
    try (Stream<Path> walk = Files.walk(root)) {
      return walk.filter(Files::isRegularFile).collect(Collectors.toMap(p -> root.relativize(p).toString(),
          SampleDataGeneratorTest::sha256, (a, b) -> a, TreeMap::new));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String sha256(Path p) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(p)));
    } catch (IOException | NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static long size(Path p) {
    try {
      return Files.size(p);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static JsonNode json(String line) {
    try {
      return new ObjectMapper().readTree(line);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
