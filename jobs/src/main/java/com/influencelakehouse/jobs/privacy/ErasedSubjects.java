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
import java.util.LinkedHashMap;
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
  private final Map<String, Set<String>> keys;

  ErasedSubjects(Map<String, Set<String>> keys) {
    this.keys = keys;
  }

  /** Everyone erased so far: one row per subject, few whatever the data volume. */
  public static ErasedSubjects load(Warehouse w) {
    Map<String, Set<String>> keys = emptyKeys();
    for (Row r : w.readOrEmpty(Tables.ERASURE_LOG).select("subject_type", "subject_key").collectAsList()) {
      keys.get(r.getString(0)).add(r.getString(1));
    }
    return new ErasedSubjects(keys);
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
    Set<String> influencers = keys.get("influencer");
    Set<String> visitors = keys.get("visitor");
    if (isEmpty()) {
      return lit(false);
    }
    UDF1<String, Boolean> mentions = text -> {
      if (text == null) {
        return false;
      }
      for (String token : text.split("[^A-Za-z0-9_]+")) {
        if (token.length() >= 6 && (influencers.contains(p.pseudonym(Domain.INFLUENCER, token))
            || visitors.contains(p.pseudonym(Domain.VISITOR, token)))) {
          return true;
        }
      }
      return false;
    };
    return functions.udf(mentions, DataTypes.BooleanType).apply(raw);
  }

  /** The subject id a personal field holds: the field itself, or the influencer id inside a tracking link. */
  private static Column idIn(Column value, String field) {
    return field.equals("tracking_url") ? expr("try_parse_url(tracking_url, 'QUERY', 'inf')") : value;
  }

  private Column inKeys(Pseudonymiser p, String subjectType, Column raw) {
    Set<String> k = keys.getOrDefault(subjectType, Set.of());
    // A null id (absent field, unreadable link) owns nothing: without the coalesce, null OR false is null.
    return k.isEmpty() ? lit(false) : coalesce(p.pseudonymise(domain(subjectType), raw).isin(k.toArray()), lit(false));
  }

  static Domain domain(String subjectType) {
    return subjectType.equals("visitor") ? Domain.VISITOR : Domain.INFLUENCER;
  }
}
