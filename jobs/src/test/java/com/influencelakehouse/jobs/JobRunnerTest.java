package com.influencelakehouse.jobs;

import static com.influencelakehouse.jobs.TestJobs.job;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import io.delta.tables.DeltaTable;
import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class JobRunnerTest {
  /** A table of this test only. */
  private static final TableDef TINY = new TableDef(Layer.GOLD, "tiny_table", "A test table.", "one label",
      List.of("label"), List.of(), new org.apache.spark.sql.types.StructType()
          .add("label", org.apache.spark.sql.types.DataTypes.StringType, false)
          .add("lift", org.apache.spark.sql.types.DataTypes.DoubleType, false));

  @TempDir
  Path tmp;

  @Test
  void aSuccessfulRunIsLoggedWithRowsVersionsObjectivesAndTaggedCommits() {
    LakehouseConfig config = TestConfigs.local(tmp);
    Warehouse w = new Warehouse(SharedSpark.get(), config.warehouse());
    JobRunner runner = new JobRunner(w, config, Clock.systemUTC(), TestConfigs.pseudonymiser());
    DateRange dates = new DateRange(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-03"));

    JobResult result = runner.run(job("tiny_job", List.of(), List.of(TINY), ctx -> {
      var rows = ctx.warehouse().spark().sql("SELECT 'outdoor' AS label, 1.2D AS lift");
      return new JobResult().addRowsIn(5).addQuarantined(2).wrote(ctx.warehouse().overwrite(TINY, rows));
    }), dates);

    assertEquals(1, result.rowsOut());
    Row log = w.read(Tables.RUN_LOG).first();
    assertEquals(runner.runId(), log.getAs("run_id"));
    assertEquals("tiny_job", log.getAs("job"));
    assertEquals("SUCCEEDED", log.getAs("status"));
    assertEquals(java.sql.Date.valueOf("2026-09-01"), log.getAs("run_date_from"));
    assertEquals(java.sql.Date.valueOf("2026-09-03"), log.getAs("run_date_to"));
    assertEquals(5L, (long) log.getAs("rows_in"));
    assertEquals(1L, (long) log.getAs("rows_out"));
    assertEquals(2L, (long) log.getAs("rows_quarantined"));
    // Version 0 creates the table with its declared schema and constraints; the job's write is version 1.
    assertEquals(Map.of("gold.tiny_table", 1L), log.getJavaMap(log.fieldIndex("table_versions")));
    assertTrue(((String) log.getAs("objectives")).contains("\"target-posting-probability\":0.6"));

    String commitTag = DeltaTable.forPath(w.spark(), w.path(TINY)).history(1)
        .select("userMetadata").first().getString(0);
    assertEquals("run_id=" + runner.runId() + ";job=tiny_job;dates=2026-09-01..2026-09-03", commitTag);
  }

  @Test
  void aFailedRunIsLoggedWithItsReasonAndItsDependentsNeverStart() {
    LakehouseConfig config = TestConfigs.local(tmp);
    Warehouse w = new Warehouse(SharedSpark.get(), config.warehouse());
    JobRunner runner = new JobRunner(w, config, Clock.systemUTC(), TestConfigs.pseudonymiser());
    DateRange day = DateRange.of(LocalDate.parse("2026-09-01"));
    boolean[] secondRan = {false};

    JobFailedException e = assertThrows(JobFailedException.class, () -> runner.runAll(List.of(
        job("breaks", List.of(), List.of(Tables.CONTENT_LABEL_LIFT), ctx -> {
          throw new IllegalStateException("landing folder social/posts/dt=2026-09-01 is missing");
        }),
        // Reads what the failed job writes: it must never start.
        job("after", List.of(Tables.CONTENT_LABEL_LIFT), List.of(), ctx -> {
          secondRan[0] = true;
          return new JobResult();
        })), day));

    assertEquals("job breaks failed for 2026-09-01: landing folder social/posts/dt=2026-09-01 is missing",
        e.getMessage());
    assertEquals(false, secondRan[0]);
    Row log = w.read(Tables.RUN_LOG).first();
    assertEquals("FAILED", log.getAs("status"));
    assertEquals("landing folder social/posts/dt=2026-09-01 is missing", log.getAs("error"));
  }
}
