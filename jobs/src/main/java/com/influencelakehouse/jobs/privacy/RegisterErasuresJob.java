package com.influencelakehouse.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.map_keys;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.size;
import static org.apache.spark.sql.functions.trim;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Timestamps;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Carries out right-to-erasure requests before the night's data is ingested. A newly requested
 * subject is logged in {@code audit.erasure_log} (by pseudonym only) and removed from what earlier
 * nights stored: bronze (by the pseudonyms of its personal fields), the quarantine, and every silver
 * and gold column the registry tags as identifying that kind of subject; orders stay with their brand
 * without the erased influencer. VACUUM then removes the files still holding the subject once the
 * configured retention has passed. Ingest jobs run after this one and leave erased subjects' new
 * records out, so the night never stores them. The raw requests are deleted from bronze once logged.
 */
public final class RegisterErasuresJob extends BaseJob {
  public RegisterErasuresJob() {
    super("register_erasures", "Log erasure requests and remove their subjects from every layer's history, then vacuum.",
        List.of(Tables.BRONZE_ERASURE_REQUESTS),
        List.of(Tables.ERASURE_LOG), holdingSubjects());
  }

  /** Every table an erasure deletes from or scrubs: where {@link #eraseHistory} and the request clean-up reach. */
  static List<TableDef> holdingSubjects() {
    Set<TableDef> out = new LinkedHashSet<>();
    for (LandingSource s : LandingSource.values()) {
      if (ErasedSubjects.hasPersonalFields(s)) {
        out.add(Tables.bronzeOf(s));
      }
    }
    out.add(Tables.BRONZE_POST_INSIGHTS);
    out.add(Tables.BRONZE_ERASURE_REQUESTS);
    out.add(Tables.QUARANTINE);
    out.addAll(MENTIONING.keySet());
    out.add(Tables.FACT_ORDER);
    ErasedSubjects.emptyKeys().keySet().forEach(type -> Tables.subjectColumns(type).forEach(c -> out.add(c.getKey())));
    return Tables.all().stream().filter(out::contains).toList(); // registry order: the same on every run
  }

  private static final Logger LOG = LoggerFactory.getLogger(RegisterErasuresJob.class);

  /** A newly requested subject: type, pseudonym, and when it was asked. */
  private record Subject(String type, String key, Timestamp requestedAt) {}

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    Pseudonymiser p = ctx.pseudonymiser();
    JobResult result = new JobResult();
    // The log exists from the first night, empty until someone asks: an auditor's query finds no one, not no table.
    w.ensureTable(Tables.ERASURE_LOG);
    ErasedSubjects known = ErasedSubjects.load(w);
    Dataset<Row> requests = w.readDates(Tables.BRONZE_ERASURE_REQUESTS, Tables.INGEST_DATE, ctx.dates())
        .select(lower(trim(col("subject_type"))).as("subject_type"), trim(col("subject_id")).as("subject_id"),
            Timestamps.parse(col("requested_at")).as("requested_at"));
    List<Subject> fresh = new ArrayList<>();
    Map<String, Set<String>> freshKeys = ErasedSubjects.emptyKeys();
    // One row per requested subject: requests are few, whatever the data volume. Bronze holds the
    // request by the subject's pseudonym already (ingest_privacy): the raw id is never stored.
    for (Row r : requests.groupBy("subject_type", "subject_id").agg(min("requested_at")).collectAsList()) {
      String type = r.getString(0);
      String key = r.getString(1);
      if (!known.keys().get(type).contains(key) && freshKeys.get(type).add(key)) {
        fresh.add(new Subject(type, key, r.getTimestamp(2)));
      }
    }
    result.addRowsIn(fresh.size());
    Removed removed = new Removed();
    Map<String, Set<String>> handles = fresh.isEmpty() ? Map.of()
        : handlesOf(w, p, freshKeys.get("influencer"), ctx.config().privacy().pseudonymiseHandle());
    if (!fresh.isEmpty()) {
      Set<String> allHandles = new HashSet<>();
      handles.values().forEach(allHandles::addAll);
      eraseHistory(w, p, new ErasedSubjects(freshKeys, allHandles), removed);
    }
    // Once logged, the requests go, files included: the erasure log is the one record of who asked.
    removed.add(null, Tables.BRONZE_ERASURE_REQUESTS, w.delete(Tables.BRONZE_ERASURE_REQUESTS,
        col(Tables.INGEST_DATE).between(java.sql.Date.valueOf(ctx.dates().from()),
            java.sql.Date.valueOf(ctx.dates().to()))));
    // Old versions of the tables that held a subject keep it until VACUUM removes their files; their
    // log keeps what was deleted until the log purge after the same retention.
    Set<String> toVacuum = new TreeSet<>(removed.total.keySet());
    toVacuum.addAll(removed.scrubbed.keySet());
    toVacuum.addAll(recentlyErasedTables(w, ctx));
    // Files a table no longer references (a re-run's replaced partition, a re-made plan) may hold a subject
    // whose current rows are gone: every table with a column of an erased kind of subject is vacuumed too.
    fresh.stream().map(Subject::type).distinct().flatMap(type -> Tables.subjectColumns(type).stream())
        .map(Map.Entry::getKey).filter(w::exists).forEach(t -> toVacuum.add(t.qualifiedName()));
    for (String table : toVacuum) {
      w.vacuum(Tables.byName(table).orElseThrow(), ctx.config().privacy().vacuumRetentionHours());
    }
    if (!fresh.isEmpty()) {
      List<Row> rows = new ArrayList<>();
      for (Subject s : fresh) {
        Set<String> h = handles.get(s.key());
        rows.add(RowFactory.create(s.type(), s.key(), s.requestedAt(), Timestamp.from(ctx.now()), ctx.runId(),
            removed.bySubject.getOrDefault(s.key(), Map.of()), h == null ? null : List.copyOf(h)));
      }
      // Logged once: a re-run of the night finds the subject known and leaves the row as it is.
      result.wrote(w.upsert(Tables.ERASURE_LOG, w.spark().createDataFrame(rows, Tables.ERASURE_LOG.schema()),
          List.of("subject_type", "subject_key"), null, null));
      LOG.info("{} new erasure(s); rows removed from history per table: {}; rows whose @mentions were removed: {}",
          fresh.size(), removed.total, removed.scrubbed);
    }
    result.addRowsOut(removed.total.values().stream().mapToLong(Long::longValue).sum());
    return result;
  }

  /** Rows removed, per table and per subject (a row naming two erased subjects counts for each). */
  private static final class Removed {
    final Map<String, Long> total = new LinkedHashMap<>();
    /** Rows of other people whose @mentions of an erased influencer were removed, per table. */
    final Map<String, Long> scrubbed = new LinkedHashMap<>();
    final Map<String, Map<String, Long>> bySubject = new LinkedHashMap<>();

    void add(String subjectKey, TableDef t, long n) {
      if (n <= 0) {
        return;
      }
      if (subjectKey == null) {
        total.merge(t.qualifiedName(), n, Long::sum);
      } else {
        bySubject.computeIfAbsent(subjectKey, k -> new TreeMap<>()).merge(t.qualifiedName(), n, Long::sum);
      }
    }

    /** Counts {@code rows} per value of their {@code key} column (few: one per erased subject). */
    void addPerSubject(TableDef t, Dataset<Row> keys) {
      for (Row r : keys.where(col("k").isNotNull()).groupBy("k").count().collectAsList()) {
        add(r.getString(0), t, r.getLong(1));
      }
    }
  }

  /**
   * The tables erasures applied in the last retention period (plus two days, as Delta rounds the log's
   * retention down to midnight) touched: vacuumed and their logs purged again each night, so the log
   * entries of the erasure itself go once the retention has passed.
   */
  private static Set<String> recentlyErasedTables(Warehouse w, JobContext ctx) {
    Timestamp since = Timestamp.from(ctx.now().minus(java.time.Duration.ofHours(
        ctx.config().privacy().vacuumRetentionHours() + 48L)));
    Set<String> out = new TreeSet<>();
    for (Row r : w.readOrEmpty(Tables.ERASURE_LOG).where(col("applied_at").geq(lit(since)))
        .select(explode(map_keys(col("rows_deleted"))))
        .distinct().collectAsList()) {
      out.add(r.getString(0));
    }
    if (!out.isEmpty()) {
      out.add(Tables.BRONZE_ERASURE_REQUESTS.qualifiedName());
      MENTIONING.keySet().forEach(t -> out.add(t.qualifiedName()));
    }
    return out;
  }

  /**
   * The pseudonyms of the handles each erased influencer used (from the profiles in bronze, and in
   * silver, whose handle is the pseudonym already when handles are pseudonymised): their mentions in
   * other people's captions go with them.
   */
  private static Map<String, Set<String>> handlesOf(Warehouse w, Pseudonymiser p, Set<String> influencers,
      boolean pseudonymisedInSilver) {
    Map<String, Set<String>> out = new LinkedHashMap<>();
    if (influencers.isEmpty()) {
      return out;
    }
    Column handleKey = p.pseudonymise(Domain.HANDLE, lower(col("handle")));
    List<Dataset<Row>> sources = new ArrayList<>();
    if (w.exists(Tables.BRONZE_INFLUENCERS)) {
      Column key = ErasedSubjects.subjectKeys(LandingSource.INFLUENCERS, p).get(0).getValue();
      sources.add(w.read(Tables.BRONZE_INFLUENCERS).select(key.as("k"), handleKey.as("h")));
    }
    if (w.exists(Tables.DIM_INFLUENCER)) {
      sources.add(w.read(Tables.DIM_INFLUENCER).select(col("influencer_key").as("k"),
          pseudonymisedInSilver ? col("handle").as("h") : handleKey.as("h")));
    }
    for (Dataset<Row> d : sources) {
      // A few handles per erased influencer.
      for (Row r : d.where(ErasedSubjects.memberOf(col("k"), influencers).and(col("h").isNotNull())).distinct()
          .collectAsList()) {
        out.computeIfAbsent(r.getString(0), k -> new TreeSet<>()).add(r.getString(1));
      }
    }
    return out;
  }

  /** Free-text columns that can @mention an influencer, per table: scrubbed when that influencer is erased. */
  private static final Map<TableDef, List<String>> MENTIONING = Map.of(
      Tables.BRONZE_POSTS, List.of("caption", Tables.RAW_PAYLOAD),
      Tables.QUARANTINE, List.of("raw"),
      Tables.FACT_POST, List.of("caption"));

  /** The new subjects, out of everything stored so far. */
  private static void eraseHistory(Warehouse w, Pseudonymiser p, ErasedSubjects subjects, Removed removed) {
    Set<String> all = new HashSet<>();
    subjects.keys().values().forEach(all::addAll);
    for (LandingSource s : LandingSource.values()) {
      TableDef bronze = Tables.bronzeOf(s);
      if (!ErasedSubjects.hasPersonalFields(s) || !w.exists(bronze)) {
        continue;
      }
      Column owned = subjects.owns(s, p);
      List<Map.Entry<String, Column>> keys = ErasedSubjects.subjectKeys(s, p);
      for (Map.Entry<String, Column> k : keys) {
        removed.addPerSubject(bronze, w.read(bronze).select(k.getValue().as("k"))
            .where(ErasedSubjects.memberOf(col("k"), all)));
      }
      if (s == LandingSource.POSTS) {
        // Insights carry no personal field: they go with the subject's posts.
        Map<String, String> owner = new LinkedHashMap<>();
        for (Row r : w.read(bronze).where(owned).select(col("id"), keys.get(0).getValue()).distinct()
            .collectAsList()) {
          owner.put(r.getString(0), r.getString(1));
        }
        if (!owner.isEmpty()) {
          Column ofTheirPosts = ErasedSubjects.memberOf(col("post_id"), owner.keySet());
          for (Row r : w.read(Tables.BRONZE_POST_INSIGHTS).where(ofTheirPosts).groupBy("post_id").count()
              .collectAsList()) {
            removed.add(owner.get(r.getString(0)), Tables.BRONZE_POST_INSIGHTS, r.getLong(1));
          }
          removed.add(null, Tables.BRONZE_POST_INSIGHTS, w.delete(Tables.BRONZE_POST_INSIGHTS, ofTheirPosts));
        }
      }
      removed.add(null, bronze, w.delete(bronze, owned));
    }
    Column mentionedBy = subjects.mentionedBy(col("raw"), p);
    if (w.exists(Tables.QUARANTINE)) {
      removed.addPerSubject(Tables.QUARANTINE, w.read(Tables.QUARANTINE)
          .select(explode(mentionedBy).as("k")));
      removed.add(null, Tables.QUARANTINE, w.delete(Tables.QUARANTINE, size(mentionedBy).gt(0)));
    }

    if (subjects.hasHandles()) {
      for (Map.Entry<TableDef, List<String>> t : MENTIONING.entrySet()) {
        if (!w.exists(t.getKey())) {
          continue;
        }
        Column mentions = lit(false);
        Map<String, Column> set = new LinkedHashMap<>();
        for (String c : t.getValue()) {
          mentions = mentions.or(subjects.mentionsErased(col(c), p));
          set.put(c, subjects.withoutMentions(col(c), p));
        }
        long n = w.update(t.getKey(), mentions, set);
        if (n > 0) {
          removed.scrubbed.merge(t.getKey().qualifiedName(), n, Long::sum);
          LOG.info("removed erased influencers' @mentions from {} rows of {}", n, t.getKey().qualifiedName());
        }
      }
    }

    Set<String> influencers = subjects.keys().get("influencer");
    if (!influencers.isEmpty() && w.exists(Tables.FACT_ORDER)) {
      // Orders belong to their brand: they stay, without the erased influencer and their post.
      Column theirs = ErasedSubjects.memberOf(col("influencer_key"), influencers);
      removed.addPerSubject(Tables.FACT_ORDER, w.read(Tables.FACT_ORDER).where(theirs).select(col("influencer_key")
          .as("k")));
      removed.add(null, Tables.FACT_ORDER, w.update(Tables.FACT_ORDER, theirs,
          Map.of("influencer_key", lit(null).cast("string"), "post_id", lit(null).cast("string"))));
    }
    for (Map.Entry<String, Set<String>> e : subjects.keys().entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      Dataset<Row> keyTable = w.spark().createDataset(List.copyOf(e.getValue()), Encoders.STRING()).toDF("k");
      for (Map.Entry<TableDef, String> column : Tables.subjectColumns(e.getKey())) {
        TableDef t = column.getKey();
        if (!w.exists(t)) {
          continue;
        }
        removed.addPerSubject(t, w.read(t).select(col(column.getValue()).as("k"))
            .where(ErasedSubjects.memberOf(col("k"), e.getValue())));
        // By a key table (MERGE ... WHEN MATCHED DELETE): the logged condition names columns, not pseudonyms.
        removed.add(null, t, w.deleteKeys(t, column.getValue(), keyTable));
      }
    }
  }
}
