package com.influencelakehouse.jobs.privacy;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * The subjects who asked for erasure (their pseudonyms, from {@code audit.erasure_log}) and how to
 * recognise their records: in a landing source by the pseudonym of each field the contract marks as
 * holding a subject's id, in quarantined raw text by any id-like token.
 */
public final class ErasedSubjects implements Serializable {
  private static final long serialVersionUID = 1L;
  /** What replaces an erased influencer's @mention in other people's captions. */
  public static final String ERASED_MENTION = "@[erased]";
  private static final java.util.regex.Pattern MENTION = java.util.regex.Pattern.compile("@([\\p{L}\\p{N}_.]+)");
  private final Map<String, Set<String>> keys;
  private final Set<String> handles;

  ErasedSubjects(Map<String, Set<String>> keys, Set<String> handles) {
    this.keys = keys;
    this.handles = Set.copyOf(handles);
  }

  /** Everyone erased so far: one row per subject, few whatever the data volume. */
  public static ErasedSubjects load(Warehouse w) {
    Map<String, Set<String>> keys = emptyKeys();
    Set<String> handles = new LinkedHashSet<>();
    for (Row r : w.readOrEmpty(Tables.ERASURE_LOG).select("subject_type", "subject_key", "handle_keys")
        .collectAsList()) {
      keys.get(r.getString(0)).add(r.getString(1));
      if (!r.isNullAt(2)) {
        handles.addAll(r.getList(2));
      }
    }
    return new ErasedSubjects(keys, handles);
  }

  /** Whether any erased influencer's handle is known (their mentions are then removed from captions). */
  public boolean hasHandles() {
    return !handles.isEmpty();
  }

  /**
   * The text with every @mention of an erased influencer replaced by {@value #ERASED_MENTION}: a
   * mention is recognised by the pseudonym of its lower-cased handle (a trailing full stop is
   * punctuation), so only pseudonyms are needed, and they stay in the UDF's closure.
   */
  public Column withoutMentions(Column text, Pseudonymiser p) {
    Set<String> erased = handles;
    return functions.udf((UDF1<String, String>) t -> scrub(t, erased, p), DataTypes.StringType).apply(text);
  }

  /** True where the text mentions an erased influencer (see {@link #withoutMentions}). */
  public Column mentionsErased(Column text, Pseudonymiser p) {
    Set<String> erased = handles;
    return functions.udf((UDF1<String, Boolean>) t -> t != null && !t.equals(scrub(t, erased, p)),
        DataTypes.BooleanType).apply(text);
  }

  static String scrub(String text, Set<String> erasedHandles, Pseudonymiser p) {
    if (text == null || erasedHandles.isEmpty() || text.indexOf('@') < 0) {
      return text;
    }
    java.util.regex.Matcher m = MENTION.matcher(text);
    StringBuilder out = new StringBuilder(text.length());
    while (m.find()) {
      String handle = m.group(1);
      String trailing = "";
      while (handle.endsWith(".")) {
        handle = handle.substring(0, handle.length() - 1);
        trailing += ".";
      }
      String lower = handle.toLowerCase(java.util.Locale.ROOT);
      boolean erased = !handle.isEmpty() && erasedHandles.contains(p.pseudonym(Domain.HANDLE, lower));
      m.appendReplacement(out, java.util.regex.Matcher.quoteReplacement(erased ? ERASED_MENTION + trailing
          : m.group()));
    }
    m.appendTail(out);
    return out.toString();
  }

  static Map<String, Set<String>> emptyKeys() {
    Map<String, Set<String>> keys = new LinkedHashMap<>();
    keys.put("influencer", new LinkedHashSet<>());
    keys.put("visitor", new LinkedHashSet<>());
    return keys;
  }

  public boolean isEmpty() {
    return keys.values().stream().allMatch(Set::isEmpty);
  }

  Map<String, Set<String>> keys() {
    return keys;
  }

  /** Whether a source's records can carry a subject's id at all (its contract marks a personal field). */
  public static boolean hasPersonalFields(LandingSource source) {
    for (StructField f : source.contract().fields()) {
      if (f.metadata().contains(LandingSource.PERSONAL)) {
        return true;
      }
      if (f.dataType() instanceof StructType st) {
        for (StructField inner : st.fields()) {
          if (inner.metadata().contains(LandingSource.PERSONAL)) {
            return true;
          }
        }
      }
    }
    return false;
  }

  /**
   * True for a typed record of the source that belongs to an erased subject, false otherwise: never
   * null, also when a personal field is null or its id cannot be read (a tracking link without inf=).
   */
  public Column owns(LandingSource source, Pseudonymiser p) {
    Column match = lit(false);
    for (StructField f : source.contract().fields()) {
      if (f.metadata().contains(LandingSource.PERSONAL)) {
        match = match.or(inKeys(p, f.metadata().getString(LandingSource.PERSONAL), idIn(col(f.name()), f.name())));
      } else if (f.dataType() instanceof StructType st) {
        for (StructField inner : st.fields()) {
          if (inner.metadata().contains(LandingSource.PERSONAL)) {
            match = match.or(inKeys(p, inner.metadata().getString(LandingSource.PERSONAL),
                col(f.name() + "." + inner.name())));
          }
        }
      }
    }
    return coalesce(match, lit(false));
  }

  /** True for raw text (a quarantined record) containing an erased subject's id, checked token by token. */
  public Column mentioned(Column raw, Pseudonymiser p) {
    return functions.size(mentionedBy(raw, p)).gt(0);
  }

  /**
   * The pseudonyms of the erased subjects whose id raw text (a quarantined record) contains (see
   * {@link #subjectsIn}). The pseudonyms stay in the UDF's closure, out of Delta's logged predicates.
   */
  public Column mentionedBy(Column raw, Pseudonymiser p) {
    Set<String> influencers = Set.copyOf(keys.get("influencer"));
    Set<String> visitors = Set.copyOf(keys.get("visitor"));
    UDF1<String, String[]> mentions = text -> subjectsIn(text, influencers, visitors, p).toArray(String[]::new);
    return functions.udf(mentions, DataTypes.createArrayType(DataTypes.StringType)).apply(raw);
  }

  /** Splits words: ids are runs of letters, digits and {@code _}. */
  private static final java.util.regex.Pattern WORD_BREAK = java.util.regex.Pattern.compile("[^A-Za-z0-9_]+");
  /** Splits fields of a CSV line, a JSON object or a URL: ids such as UUIDs or GA client ids keep their - . : + */
  private static final java.util.regex.Pattern FIELD_BREAK =
      java.util.regex.Pattern.compile("[\\s\"',;{}\\[\\]()=&?/|<>\\\\]+");

  /**
   * The erased subjects whose id the text holds, by pseudonym: every word of six or more id characters
   * and every delimited field (so {@code 3f2a-...} UUIDs and {@code GA1.2.33.44} client ids count too)
   * is pseudonymised as an influencer and as a visitor id and looked up. Raw ids are never kept, not
   * even the requests', so raw text can only be matched this way.
   */
  static Set<String> subjectsIn(String text, Set<String> influencers, Set<String> visitors, Pseudonymiser p) {
    Set<String> found = new LinkedHashSet<>();
    if (text == null) {
      return found;
    }
    Set<String> tokens = new LinkedHashSet<>();
    for (String word : WORD_BREAK.split(text)) {
      if (word.length() >= 6) {
        tokens.add(word);
      }
    }
    for (String field : FIELD_BREAK.split(text)) {
      String f = field.replaceAll("^[.:]+|[.:]+$", "");
      if (!f.isEmpty()) {
        tokens.add(f);
      }
    }
    for (String token : tokens) {
      String i = p.pseudonym(Domain.INFLUENCER, token);
      String v = p.pseudonym(Domain.VISITOR, token);
      if (influencers.contains(i)) {
        found.add(i);
      }
      if (visitors.contains(v)) {
        found.add(v);
      }
    }
    return found;
  }

  /** The subject id a personal field holds: the field itself, or the influencer id inside a tracking link. */
  private static Column idIn(Column value, String field) {
    return field.equals("tracking_url") ? expr("try_parse_url(tracking_url, 'QUERY', 'inf')") : value;
  }

  private Column inKeys(Pseudonymiser p, String subjectType, Column raw) {
    Set<String> k = keys.getOrDefault(subjectType, Set.of());
    // A null id (absent field, unreadable link) owns nothing: without the coalesce, null OR false is null.
    return k.isEmpty() ? lit(false) : coalesce(memberOf(p.pseudonymise(domain(subjectType), raw), k), lit(false));
  }

  /**
   * True where {@code value} is one of {@code values}. A UDF rather than {@code isin}: Delta writes a
   * DELETE's or UPDATE's predicate into its log, and an {@code isin} would spell every erased subject's
   * pseudonym there; the UDF's closure, holding them, lives only in memory.
   */
  public static Column memberOf(Column value, Set<String> values) {
    Set<String> in = Set.copyOf(values);
    return functions.udf((UDF1<String, Boolean>) v -> v != null && in.contains(v), DataTypes.BooleanType)
        .apply(value);
  }

  /**
   * Per personal field of the source: the pseudonym of the subject it names (null when it names
   * none), with the subject type. Used to count, per erased subject, the records an erasure removes.
   */
  public static List<Map.Entry<String, Column>> subjectKeys(LandingSource source, Pseudonymiser p) {
    List<Map.Entry<String, Column>> out = new ArrayList<>();
    for (StructField f : source.contract().fields()) {
      if (f.metadata().contains(LandingSource.PERSONAL)) {
        String type = f.metadata().getString(LandingSource.PERSONAL);
        out.add(Map.entry(type, p.pseudonymise(domain(type), idIn(col(f.name()), f.name()))));
      } else if (f.dataType() instanceof StructType st) {
        for (StructField inner : st.fields()) {
          if (inner.metadata().contains(LandingSource.PERSONAL)) {
            String type = inner.metadata().getString(LandingSource.PERSONAL);
            out.add(Map.entry(type, p.pseudonymise(domain(type), col(f.name() + "." + inner.name()))));
          }
        }
      }
    }
    return out;
  }

  static Domain domain(String subjectType) {
    return subjectType.equals("visitor") ? Domain.VISITOR : Domain.INFLUENCER;
  }
}
