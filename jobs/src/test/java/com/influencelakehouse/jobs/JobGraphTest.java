package com.influencelakehouse.jobs;

import static com.influencelakehouse.jobs.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.tables.Tables;
import java.util.List;
import java.util.Set;
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
}
