package com.influencelakehouse.jobs.privacy;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.min;
import static org.apache.spark.sql.functions.trim;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.BaseJob;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.transform.Timestamps;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
        List.of(Tables.ERASURE_LOG));
  }

  private static final Logger LOG = LoggerFactory.getLogger(RegisterErasuresJob.class);

  /** A newly requested subject: type, pseudonym, the raw id (known only tonight), and when it was asked. */
  private record Subject(String type, String key, String rawId, Timestamp requestedAt) {}

  @Override
  public JobResult run(JobContext ctx) {
    Warehouse w = ctx.warehouse();
    Pseudonymiser p = ctx.pseudonymiser();
    JobResult result = new JobResult();
    ErasedSubjects known = ErasedSubjects.load(w);
    Dataset<Row> requests = w.readDates(Tables.BRONZE_ERASURE_REQUESTS, Tables.INGEST_DATE, ctx.dates())
        .select(lower(trim(col("subject_type"))).as("subject_type"), trim(col("subject_id")).as("subject_id"),
            Timestamps.parse(col("requested_at")).as("requested_at"));
    List<Subject> fresh = new ArrayList<>();
    Map<String, Set<String>> freshKeys = ErasedSubjects.emptyKeys();
    // One row per requested subject: requests are few, whatever the data volume.
    for (Row r : requests.groupBy("subject_type", "subject_id").agg(min("requested_at")).collectAsList()) {
      String type = r.getString(0);
      String key = p.pseudonym(ErasedSubjects.domain(type), r.getString(1));
      if (!known.keys().get(type).contains(key) && freshKeys.get(type).add(key)) {
        fresh.add(new Subject(type, key, r.getString(1), r.getTimestamp(2)));
      }
    }
    result.addRowsIn(fresh.size());
    Map<String, Long> deleted = new LinkedHashMap<>();
    if (!fresh.isEmpty()) {
      eraseHistory(w, p, fresh, new ErasedSubjects(freshKeys), deleted);
    }
    // The raw ids of the requests are personal data too: once logged, the requests go, files included.
    count(deleted, Tables.BRONZE_ERASURE_REQUESTS, w.delete(Tables.BRONZE_ERASURE_REQUESTS,
        col(Tables.INGEST_DATE).between(java.sql.Date.valueOf(ctx.dates().from()),
            java.sql.Date.valueOf(ctx.dates().to()))));
    // Old versions of the tables that held a subject keep it until VACUUM removes their files.
    for (String table : deleted.keySet()) {
      w.vacuum(Tables.byName(table).orElseThrow(), ctx.config().privacy().vacuumRetentionHours());
    }
    if (!fresh.isEmpty()) {
      Map<String, Long> fromHistory = new LinkedHashMap<>(deleted);
      fromHistory.remove(Tables.BRONZE_ERASURE_REQUESTS.qualifiedName());
      List<Row> rows = new ArrayList<>();
      for (Subject s : fresh) {
        rows.add(RowFactory.create(s.type(), s.key(), s.requestedAt(), Timestamp.from(ctx.now()), ctx.runId(),
            fromHistory));
      }
      // Logged once: a re-run of the night finds the subject known and leaves the row as it is.
      result.wrote(w.upsert(Tables.ERASURE_LOG, w.spark().createDataFrame(rows, Tables.ERASURE_LOG.schema()),
          List.of("subject_type", "subject_key"), null, null));
      LOG.info("{} new erasure(s); rows removed from history per table: {}", fresh.size(), fromHistory);
    }
    result.addRowsOut(deleted.values().stream().mapToLong(Long::longValue).sum());
    return result;
  }

  /** The new subjects, out of everything stored so far. */
  private static void eraseHistory(Warehouse w, Pseudonymiser p, List<Subject> fresh, ErasedSubjects subjects,
      Map<String, Long> deleted) {
    for (LandingSource s : LandingSource.values()) {
      Column owned = subjects.owns(s, p);
      TableDef bronze = Tables.bronzeOf(s);
      if (!ErasedSubjects.hasPersonalFields(s) || !w.exists(bronze)) {
        continue;
      }
      if (s == LandingSource.POSTS) {
        // Insights carry no personal field: they go with the subject's posts.
        List<String> posts = w.read(bronze).where(owned).select("id").distinct().as(Encoders.STRING())
            .collectAsList();
        if (!posts.isEmpty()) {
          count(deleted, Tables.BRONZE_POST_INSIGHTS,
              w.delete(Tables.BRONZE_POST_INSIGHTS, col("post_id").isin(posts.toArray())));
        }
      }
      count(deleted, bronze, w.delete(bronze, owned));
    }
    Column mention = subjects.mentioned(col("raw"), p);
    for (Subject s : fresh) {
      mention = mention.or(col("raw").contains(s.rawId()));
    }
    count(deleted, Tables.QUARANTINE, w.delete(Tables.QUARANTINE, mention));

    List<String> influencers = List.copyOf(subjects.keys().get("influencer"));
    if (!influencers.isEmpty()) {
      // Orders belong to their brand: they stay, without the erased influencer and their post.
      count(deleted, Tables.FACT_ORDER, w.update(Tables.FACT_ORDER, col("influencer_key").isin(influencers.toArray()),
          Map.of("influencer_key", lit(null).cast("string"), "post_id", lit(null).cast("string"))));
    }
    for (Map.Entry<String, Set<String>> e : subjects.keys().entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      for (Map.Entry<TableDef, String> column : Tables.subjectColumns(e.getKey())) {
        count(deleted, column.getKey(), w.delete(column.getKey(), col(column.getValue()).isin(e.getValue().toArray())));
      }
    }
  }

  private static void count(Map<String, Long> deleted, TableDef t, long n) {
    if (n > 0) {
      deleted.merge(t.qualifiedName(), n, Long::sum);
    }
  }
}
