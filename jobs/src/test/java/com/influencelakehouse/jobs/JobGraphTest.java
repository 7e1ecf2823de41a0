package com.influencelakehouse.jobs;

import static com.influencelakehouse.jobs.TestJobs.deleting;
import static com.influencelakehouse.jobs.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class JobGraphTest {
  @Test
  void jobsRunAfterTheProducersOfTheTablesTheyRead() {
    JobGraph g = new JobGraph(List.of(
        job("build_features", List.of(Tables.FACT_POST, Tables.FACT_OFFER), List.of(Tables.FEATURES_INFLUENCER_DAILY)),
        job("conform_offers", List.of(Tables.BRONZE_OFFERS), List.of(Tables.FACT_OFFER)),
        job("ingest", List.of(), List.of(Tables.BRONZE_OFFERS, Tables.BRONZE_POSTS)),
        job("conform_posts", List.of(Tables.BRONZE_POSTS), List.of(Tables.FACT_POST))));
    assertEquals(List.of("ingest", "conform_offers", "conform_posts", "build_features"), g.names());
    assertEquals(Set.of("conform_offers", "conform_posts"), g.upstreamOf("build_features"));
    assertEquals("conform_offers", g.producersOf(Tables.FACT_OFFER).get(0).name());
  }

  @Test
  void aSharedTableHasSeveralWritersAndItsReadersRunAfterAllOfThem() {
    JobGraph g = new JobGraph(List.of(
        job("report", List.of(Tables.QUARANTINE), List.of(Tables.CONTENT_LABEL_LIFT)),
        job("a", List.of(), List.of(Tables.BRONZE_POSTS, Tables.QUARANTINE)),
        job("b", List.of(), List.of(Tables.BRONZE_OFFERS, Tables.QUARANTINE))));
    assertEquals(List.of("a", "b", "report"), g.names());
    assertEquals(Set.of("a", "b"), g.upstreamOf("report"));
  }

  @Test
  void aTableWithTwoProducersIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JobGraph(List.of(
        job("a", List.of(), List.of(Tables.FACT_OFFER)), job("b", List.of(), List.of(Tables.FACT_OFFER)))));
    assertEquals("silver.fact_offer is written by both a and b: each table has one producer", e.getMessage());
  }

  @Test
  void readingATableNoJobWritesIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> new JobGraph(List.of(job("a", List.of(Tables.FACT_POST), List.of(Tables.FACT_OFFER)))));
    assertEquals("a reads silver.fact_post, which no job writes", e.getMessage());
  }

  @Test
  void aCycleIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JobGraph(List.of(
        job("a", List.of(Tables.FACT_POST), List.of(Tables.FACT_OFFER)),
        job("b", List.of(Tables.FACT_OFFER), List.of(Tables.FACT_POST)))));
    assertTrue(e.getMessage().startsWith("the job graph has a cycle"), e.getMessage());
  }

  @Test
  void theNightlyGraphIsValid() {
    JobGraph nightly = JobGraph.nightly();
    assertEquals(nightly.names().size(), Set.copyOf(nightly.names()).size());
  }

  @Test
  void aJobDeletingFromATableRunsAfterItsWritersAndReaders() {
    JobGraph g = new JobGraph(List.of(
        deleting("expire", List.of(), List.of(), List.of(Tables.BRONZE_POSTS)),
        job("conform_posts", List.of(Tables.BRONZE_POSTS), List.of(Tables.FACT_POST)),
        job("ingest", List.of(), List.of(Tables.BRONZE_POSTS)),
        job("build_features", List.of(Tables.FACT_POST), List.of(Tables.FEATURES_INFLUENCER_DAILY))));
    assertEquals(List.of("ingest", "conform_posts", "expire", "build_features"), g.names());
    assertEquals(Set.of("ingest", "conform_posts"), g.upstreamOf("expire"));
    assertEquals(List.of(Tables.BRONZE_POSTS), g.deletesLastFrom("expire"), "no job writes bronze after it");
    assertEquals("expire", g.deletersOf(Tables.BRONZE_POSTS).get(0).name());
    assertEquals(List.of(), g.deletersOf(Tables.FACT_POST));
  }

  @Test
  void aJobDeletingFromATableRunsBeforeTheJobsThatReadWhatItWrites() {
    // Erasure: ingest reads the erasure log and leaves erased subjects out, so it runs after the erasure
    // that deletes from its table; silver, built from that bronze, after both.
    JobGraph g = new JobGraph(List.of(
        job("conform_posts", List.of(Tables.BRONZE_POSTS), List.of(Tables.FACT_POST)),
        job("ingest_social", List.of(Tables.ERASURE_LOG), List.of(Tables.BRONZE_POSTS)),
        deleting("erase", List.of(Tables.BRONZE_ERASURE_REQUESTS), List.of(Tables.ERASURE_LOG),
            List.of(Tables.BRONZE_POSTS, Tables.FACT_POST, Tables.BRONZE_ERASURE_REQUESTS)),
        job("ingest_privacy", List.of(), List.of(Tables.BRONZE_ERASURE_REQUESTS))));
    assertEquals(List.of("ingest_privacy", "erase", "ingest_social", "conform_posts"), g.names());
    assertEquals(Set.of("ingest_privacy"), g.upstreamOf("erase"));
    assertEquals(List.of(Tables.BRONZE_ERASURE_REQUESTS), g.deletesLastFrom("erase"),
        "later jobs write bronze and silver posts, after reading the log");
  }

  @Test
  void deletingFromATableTheJobWritesIsRejected() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new JobGraph(List.of(
        deleting("a", List.of(), List.of(Tables.FACT_POST), List.of(Tables.FACT_POST)))));
    assertEquals("a both writes and deletes from silver.fact_post: a producer's deletes are part of its writes",
        e.getMessage());
  }

  @Test
  void aSubsetOrdersItsDeletingJobAfterTheWritersAndReadersAmongIt() {
    List<Job> jobs = List.of(deleting("expire", List.of(), List.of(), List.of(Tables.BRONZE_POSTS)),
        job("conform_posts", List.of(Tables.BRONZE_POSTS), List.of(Tables.FACT_POST)));
    assertEquals(Set.of("conform_posts"), JobGraph.dependenciesAmong(jobs).get("expire"));
  }

  @Test
  void erasureRunsBeforeTheNightsIngestAndExpiryAfterBronzesWritersAndReaders() {
    JobGraph nightly = JobGraph.nightly();
    List<String> order = nightly.names();
    Job erasures = nightly.job("register_erasures").orElseThrow();
    Job expiry = nightly.job("expire_bronze").orElseThrow();
    assertEquals(List.of(Tables.BRONZE_ERASURE_REQUESTS), erasures.reads());
    assertEquals(List.of(), expiry.reads(), "expiry reads nothing: it deletes by date");
    assertTrue(erasures.deletesFrom().containsAll(List.of(Tables.BRONZE_POSTS, Tables.QUARANTINE, Tables.FACT_POST,
        Tables.FACT_ORDER, Tables.DIM_INFLUENCER, Tables.FEATURES_INFLUENCER_DAILY)), erasures.deletesFrom().toString());
    assertEquals(Tables.inLayer(Layer.BRONZE), expiry.deletesFrom());
    // The requests are logged before anything else is ingested, so the night never stores an erased subject.
    assertEquals(Set.of("ingest_privacy"), nightly.upstreamOf("register_erasures"));
    for (Job j : nightly.inOrder()) {
      if (!j.readsLanding().isEmpty() && !j.name().equals("ingest_privacy")) {
        assertTrue(order.indexOf("register_erasures") < order.indexOf(j.name()), j.name());
      }
    }
    // Raw data goes only once every job that writes or reads bronze has run.
    for (Job j : nightly.inOrder()) {
      if (j != expiry && (j.reads().stream().anyMatch(t -> t.layer() == Layer.BRONZE)
          || j.writes().stream().anyMatch(t -> t.layer() == Layer.BRONZE))) {
        assertTrue(nightly.upstreamOf("expire_bronze").contains(j.name()), j.name());
      }
    }
    // The order these declarations give is the one the former stand-in reads gave.
    assertEquals(List.of("ingest_privacy", "register_erasures", "ingest_reference", "ingest_social",
        "ingest_campaigns", "ingest_conversions", "conform_reference", "conform_influencers", "conform_campaigns",
        "conform_briefs", "conform_posts", "conform_offers", "conform_conversions", "expire_bronze"),
        order.subList(0, order.indexOf("expire_bronze") + 1));
  }

  /** Jobs whose declared reads stand for an order, not for data they read (with why). */
  private static final Map<String, String> READS_ONLY_TO_ORDER = Map.of(
      "optimize_gold", "compacts the gold tables it lists after their producers; it reads no rows of them");

  @Test
  void everyDeclaredReadIsReadInTheJobsCode() throws IOException {
    Map<TableDef, String> constants = new HashMap<>();
    for (Field f : Tables.class.getFields()) {
      if (f.getType() == TableDef.class) {
        try {
          constants.put((TableDef) f.get(null), f.getName());
        } catch (IllegalAccessException e) {
          throw new IllegalStateException(e);
        }
      }
    }
    List<String> notRead = new ArrayList<>();
    for (Job job : JobGraph.nightly().inOrder()) {
      if (READS_ONLY_TO_ORDER.containsKey(job.name())) {
        continue;
      }
      String own = source(job.getClass()) + source(job.getClass().getSuperclass());
      StringBuilder helpers = new StringBuilder();
      Matcher imported = Pattern.compile("import (com\\.influencelakehouse\\.jobs\\.[\\w.]+);").matcher(own);
      while (imported.find()) {
        helpers.append(source(imported.group(1)));
      }
      for (TableDef t : job.reads()) {
        Pattern named = Pattern.compile("\\b" + constants.get(t) + "\\b");
        // Named once where it is declared: a read names it again, in the job or a helper it uses.
        if (named.matcher(own).results().count() < 2 && !named.matcher(helpers).find()) {
          notRead.add(job.name() + " reads " + t.qualifiedName());
        }
      }
    }
    assertEquals(List.of(), notRead, "declared reads the code never makes: declare what the job really reads "
        + "(deletesFrom for tables it only deletes from)");
  }

  private static String source(Class<?> c) throws IOException {
    return source(c.getName());
  }

  private static String source(String className) throws IOException {
    Path file = ROOT.resolve("jobs/src/main/java/" + className.replace('.', '/') + ".java");
    return Files.exists(file) ? Files.readString(file) : "";
  }

  private static final Path ROOT = Path.of(System.getProperty("checkout.root", ".."));
}
