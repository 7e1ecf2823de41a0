package com.influencelakehouse.sampledata;

import static com.influencelakehouse.sampledata.DefectKind.FUTURE_TIMESTAMP;
import static com.influencelakehouse.sampledata.DefectKind.MALFORMED_RECORD;
import static com.influencelakehouse.sampledata.DefectKind.MISSING_REQUIRED_FIELD;
import static com.influencelakehouse.sampledata.DefectKind.NEGATIVE_VALUE;
import static com.influencelakehouse.sampledata.DefectKind.UNKNOWN_ENUM;
import static com.influencelakehouse.sampledata.DefectKind.UNKNOWN_INFLUENCER;
import static com.influencelakehouse.sampledata.DefectKind.UNPARSEABLE_TIMESTAMP;
import static com.influencelakehouse.sampledata.DefectKind.WRONG_TYPE;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.sampledata.SampleDataSettings.Story;
import java.time.OffsetDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Injects dirty data on purpose. A defect is an additional, broken copy of a clean record (so the
 * clean data, and the causal story in it, is the same with or without defects), except for extra
 * columns, which decorate clean records. Uses its own random stream for the same reason.
 */
final class Defects {
  /** A broken line to deliver, and whether it goes into the next day's delivery. */
  record Noise(String line, DefectKind kind, boolean nextDay) {}

  /** What can go wrong in one source, by field. */
  private record Spec(List<DefectKind> kinds, List<String> required, Map<String, String> wrongType,
      List<String> negative, String timeField, Map<String, List<String>> badEnums) {}

  private static final Map<LandingSource, Spec> SPECS = new EnumMap<>(LandingSource.class);
  private static final String[] BAD_TIMESTAMPS = {"2026-13-45T10:00:00Z", "yesterday", "03/09/2026 10:00",
      "2026-09-03 25:61"};
  static final DateTimeFormatter GRAPH_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssxx");
  static final DateTimeFormatter ISO_TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ssXXX");

  static {
    SPECS.put(LandingSource.INFLUENCERS, new Spec(
        List.of(MALFORMED_RECORD, WRONG_TYPE, MISSING_REQUIRED_FIELD, NEGATIVE_VALUE, FUTURE_TIMESTAMP,
            UNPARSEABLE_TIMESTAMP, UNKNOWN_ENUM),
        List.of("influencer_id", "platform", "followers_count", "snapshot_at", "country"),
        Map.of("followers_count", "12.5k", "media_count", "lots"),
        List.of("followers_count", "following_count"), "snapshot_at",
        Map.of("platform", List.of("myspace", "vine"))));
    SPECS.put(LandingSource.POSTS, new Spec(
        List.of(MALFORMED_RECORD, WRONG_TYPE, MISSING_REQUIRED_FIELD, FUTURE_TIMESTAMP, UNPARSEABLE_TIMESTAMP,
            UNKNOWN_ENUM),
        List.of("id", "owner", "timestamp", "media_type"),
        Map.of("owner", "owner-unknown-format"),
        List.of(), "timestamp",
        Map.of("media_type", List.of("STORY_HIGHLIGHT", "LIVE"))));
    SPECS.put(LandingSource.POST_INSIGHTS, new Spec(
        List.of(MALFORMED_RECORD, WRONG_TYPE, MISSING_REQUIRED_FIELD, NEGATIVE_VALUE, FUTURE_TIMESTAMP,
            UNPARSEABLE_TIMESTAMP),
        List.of("post_id", "captured_at", "like_count", "reach"),
        Map.of("like_count", "1.2k", "reach", "n/a"),
        List.of("like_count", "comments_count", "reach", "impressions"), "captured_at", Map.of()));
    SPECS.put(LandingSource.CAMPAIGNS, new Spec(
        List.of(MALFORMED_RECORD, WRONG_TYPE, MISSING_REQUIRED_FIELD, NEGATIVE_VALUE, UNKNOWN_ENUM),
        List.of("campaign_id", "brand_id", "currency", "start_date"),
        Map.of("budget", "tbd"),
        List.of("budget"), "updated_at",
        Map.of("objective", List.of("viral", "brand_love"))));
    SPECS.put(LandingSource.OFFERS, new Spec(
        List.of(MALFORMED_RECORD, WRONG_TYPE, MISSING_REQUIRED_FIELD, NEGATIVE_VALUE, FUTURE_TIMESTAMP,
            UNPARSEABLE_TIMESTAMP, UNKNOWN_ENUM, UNKNOWN_INFLUENCER),
        List.of("offer_id", "influencer_id", "sent_at", "incentive_type", "incentive_amount"),
        Map.of("incentive_amount", "N/A", "deadline_days", "two weeks"),
        List.of("incentive_amount", "deadline_days"), "sent_at",
        Map.of("incentive_type", List.of("crypto", "voucher"), "deliverable", List.of("podcast"))));
    SPECS.put(LandingSource.OFFER_RESPONSES, new Spec(
        List.of(MALFORMED_RECORD, MISSING_REQUIRED_FIELD, FUTURE_TIMESTAMP, UNPARSEABLE_TIMESTAMP, UNKNOWN_ENUM),
        List.of("offer_id", "status", "responded_at"),
        Map.of(), List.of(), "responded_at",
        Map.of("status", List.of("maybe", "pending_review"))));
    SPECS.put(LandingSource.CLICKS, new Spec(
        List.of(MALFORMED_RECORD, MISSING_REQUIRED_FIELD, FUTURE_TIMESTAMP, UNPARSEABLE_TIMESTAMP),
        List.of("click_id", "ts", "tracking_url", "visitor_id"),
        Map.of(), List.of(), "ts", Map.of()));
    SPECS.put(LandingSource.ORDERS, new Spec(
        List.of(MALFORMED_RECORD, WRONG_TYPE, MISSING_REQUIRED_FIELD, NEGATIVE_VALUE, FUTURE_TIMESTAMP,
            UNPARSEABLE_TIMESTAMP),
        List.of("order_id", "ts", "revenue", "currency"),
        Map.of("revenue", "12.50 EUR", "items", "three"),
        List.of("revenue", "items"), "ts", Map.of()));
  }

  private final Story story;
  private final SplittableRandom rng;
  private final Records records;
  private int unknownInfluencerOffers;

  Defects(Story story, long seed, Records records) {
    this.story = story;
    this.rng = new SplittableRandom(seed ^ 0x5DEECE66DL);
    this.records = records;
  }

  /** Whether a CSV source's delivery today carries an undeclared column. */
  boolean csvExtraColumnToday(LandingSource source) {
    return story.extraColumnRate() > 0 && source.format() == LandingSource.Format.CSV
        && SPECS.containsKey(source) && Rand.chance(rng, Math.min(0.3, story.extraColumnRate() * 25));
  }

  /** Whether this JSON record gets an undeclared field. */
  boolean jsonExtraField() {
    return story.extraColumnRate() > 0 && Rand.chance(rng, story.extraColumnRate());
  }

  String extraFieldValue() {
    return "5." + rng.nextInt(10) + "." + rng.nextInt(20);
  }

  /** Broken copies (and duplicates) to deliver with a clean JSON record. */
  List<Noise> json(LandingSource source, Map<String, Object> record, String cleanLine) {
    List<Noise> out = new ArrayList<>(1);
    Spec spec = SPECS.get(source);
    if (spec != null && Rand.chance(rng, story.defectRate())) {
      DefectKind kind = Rand.pick(rng, spec.kinds());
      out.add(new Noise(kind == MALFORMED_RECORD ? truncate(cleanLine) : records.json(breakJson(spec, kind, record)),
          kind, false));
    }
    if (Rand.chance(rng, story.duplicateRate())) {
      out.add(new Noise(cleanLine, DefectKind.DUPLICATE_RECORD, false));
    }
    return out;
  }

  /** Broken copies (and duplicates) to deliver with a clean CSV record; {@code extra} is today's extra column value. */
  List<Noise> csv(LandingSource source, List<String> fields, String cleanLine, String extra) {
    List<Noise> out = new ArrayList<>(1);
    Spec spec = SPECS.get(source);
    if (spec != null && Rand.chance(rng, story.defectRate())) {
      DefectKind kind = Rand.pick(rng, spec.kinds());
      String line;
      if (kind == MALFORMED_RECORD) {
        // Too few fields: a row cut short by the exporter.
        int keep = 1 + rng.nextInt(fields.size() - 1);
        line = records.csv(fields.subList(0, keep));
      } else {
        line = records.csv(breakCsv(source, spec, kind, fields)) + (extra == null ? "" : "," + extra);
      }
      out.add(new Noise(line, kind, false));
    }
    if (Rand.chance(rng, story.duplicateRate())) {
      out.add(new Noise(cleanLine, DefectKind.DUPLICATE_RECORD, false));
    }
    if (source == LandingSource.ORDERS && Rand.chance(rng, story.duplicateRate() * 3)) {
      // Without today's extra column: the carrier renders it against its own day's header.
      out.add(new Noise(records.csv(fields), DefectKind.DUPLICATE_ORDER_POSTBACK, true));
    }
    return out;
  }

  private Map<String, Object> breakJson(Spec spec, DefectKind kind, Map<String, Object> clean) {
    Map<String, Object> r = new LinkedHashMap<>(clean);
    switch (kind) {
      case WRONG_TYPE -> {
        String field = Rand.pick(rng, List.copyOf(spec.wrongType().keySet().stream().sorted().toList()));
        r.put(field, spec.wrongType().get(field));
      }
      case MISSING_REQUIRED_FIELD -> r.remove(Rand.pick(rng, spec.required()));
      case NEGATIVE_VALUE -> {
        String field = Rand.pick(rng, spec.negative());
        r.put(field, -1 - rng.nextInt(500));
      }
      case FUTURE_TIMESTAMP -> r.put(spec.timeField(), future((String) r.get(spec.timeField())));
      case UNPARSEABLE_TIMESTAMP -> r.put(spec.timeField(), Rand.pick(rng, BAD_TIMESTAMPS));
      case UNKNOWN_ENUM -> {
        String field = Rand.pick(rng, spec.badEnums().keySet().stream().sorted().toList());
        r.put(field, Rand.pick(rng, spec.badEnums().get(field)));
      }
      default -> throw new IllegalStateException("not a JSON field defect: " + kind);
    }
    return r;
  }

  private List<String> breakCsv(LandingSource source, Spec spec, DefectKind kind, List<String> clean) {
    List<String> r = new ArrayList<>(clean);
    List<String> names = source.fieldNames();
    switch (kind) {
      case WRONG_TYPE -> {
        String field = Rand.pick(rng, spec.wrongType().keySet().stream().sorted().toList());
        r.set(names.indexOf(field), spec.wrongType().get(field));
      }
      case MISSING_REQUIRED_FIELD -> r.set(names.indexOf(Rand.pick(rng, spec.required())), "");
      case NEGATIVE_VALUE -> {
        int i = names.indexOf(Rand.pick(rng, spec.negative()));
        r.set(i, "-" + (r.get(i).isEmpty() ? "1" : r.get(i)));
      }
      case FUTURE_TIMESTAMP -> {
        int i = names.indexOf(spec.timeField());
        r.set(i, future(r.get(i)));
      }
      case UNPARSEABLE_TIMESTAMP -> r.set(names.indexOf(spec.timeField()), Rand.pick(rng, BAD_TIMESTAMPS));
      case UNKNOWN_ENUM -> {
        String field = Rand.pick(rng, spec.badEnums().keySet().stream().sorted().toList());
        r.set(names.indexOf(field), Rand.pick(rng, spec.badEnums().get(field)));
      }
      case UNKNOWN_INFLUENCER -> {
        unknownInfluencerOffers++;
        r.set(names.indexOf("offer_id"), String.format("OFR-U%07d", unknownInfluencerOffers));
        r.set(names.indexOf("influencer_id"), String.format("178419%010d", 1 + rng.nextInt(999_999)));
        r.set(names.indexOf("promo_code"), "");
      }
      default -> throw new IllegalStateException("not a CSV field defect: " + kind);
    }
    return r;
  }

  /** The same instant 30 to 400 days later, in the same format. */
  private String future(String timestamp) {
    int days = 30 + rng.nextInt(371);
    for (DateTimeFormatter f : List.of(ISO_TIME, GRAPH_TIME)) {
      try {
        return OffsetDateTime.parse(timestamp, f).plusDays(days).format(f);
      } catch (DateTimeParseException e) {
        // try the other format
      }
    }
    throw new IllegalStateException("generator wrote a timestamp it cannot read back: " + timestamp);
  }

  /** Cuts a JSON line short (at a code point, so the bytes stay valid UTF-8): never a whole object. */
  private String truncate(String line) {
    int codePoints = line.codePointCount(0, line.length());
    int keep = codePoints / 3 + rng.nextInt(Math.max(1, codePoints * 2 / 3 - 1));
    return line.substring(0, line.offsetByCodePoints(0, Math.min(keep, codePoints - 1)));
  }
}
