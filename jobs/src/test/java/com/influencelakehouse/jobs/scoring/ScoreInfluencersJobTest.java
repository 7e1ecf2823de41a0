package com.influencelakehouse.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.io.TableCatalog;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.TestPipeline;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Scoring before any model exists: the scored tables exist empty and the run says why. */
@Tag("pipeline")
class ScoreInfluencersJobTest {
  @TempDir
  Path root;

  @Test
  void withoutAChampionModelTheScoredTablesExistEmptyAndTheRunSaysWhy() {
    TestPipeline p = new TestPipeline(root);
    JobResult r = p.run(List.of(new ScoreInfluencersJob()), DateRange.of(LocalDate.parse("2026-09-03")))
        .get("score_influencers");
    assertTrue(r.notes().get(0).startsWith("no champion posting model yet: nothing scored for 2026-09-03; "
        + "gold.influencer_scores and gold.incentive_recommendations stay empty"), r.notes().toString());
    TableCatalog.register(p.warehouse(), Tables.all());
    // The README's example query works on a warehouse of organic posts only.
    assertEquals(0, p.warehouse().spark()
        .sql("SELECT * FROM gold.influencer_scores ORDER BY posting_probability DESC LIMIT 10").count());
    assertEquals(0, p.warehouse().spark().sql("SELECT * FROM gold.incentive_recommendations").count());
  }
}
