package com.influencelakehouse.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.audit.RunLog;
import com.influencelakehouse.common.audit.RunRecord;
import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.WriteResult;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("pipeline")
class WarehouseTest {
  private static final StructType DAILY = new StructType(new StructField[] {
      Tables.column("day", DataTypes.DateType, false, "Day."),
      Tables.column("id", DataTypes.StringType, false, "Id."),
      Tables.column("value", DataTypes.LongType, false, "Value.")});
  private static final TableDef DAILY_TABLE =
      new TableDef(Layer.GOLD, "test_daily", "A test table.", "one id on one day", List.of("id", "day"),
          List.of("day"), DAILY);

  @TempDir
  Path tmp;

  private SparkSession spark;
  private Warehouse warehouse;
  private LakehouseConfig config;

  @BeforeEach
  void setUp() {
    spark = SharedSpark.get();
    config = TestConfigs.local(tmp);
    warehouse = new Warehouse(spark, config.warehouse());
  }

  @Test
  void replacingADateRangeTwiceLeavesTheSameRowsAndOtherDatesUntouched() {
    WriteResult first = warehouse.replaceDates(DAILY_TABLE, rows("2026-09-01", "2026-09-02"), "day",
        new DateRange(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-02")));
    assertEquals(4, first.rowsWritten());

    WriteResult again = warehouse.replaceDates(DAILY_TABLE, rows("2026-09-02"), "day",
        DateRange.of(LocalDate.parse("2026-09-02")));
    assertEquals(first.version() + 1, again.version(), "one new version per replacement");
    assertEquals(2, again.rowsWritten());
    assertEquals(4, warehouse.read(DAILY_TABLE).count(), "re-running a date replaces it, never duplicates");
    assertEquals(2, warehouse.read(DAILY_TABLE).where("day = DATE'2026-09-01'").count());
    assertEquals(again.version(), warehouse.version(DAILY_TABLE));
    assertEquals(4, warehouse.readVersion(DAILY_TABLE, first.version()).count(), "time travel to the first write");
  }

  @Test
  void aTableWhoseCreationWasKilledBeforeItsFirstCommitIsCreatedOnTheNextWrite() throws Exception {
    // What a SIGKILL during the first write leaves: the log folder Delta makes first, a data file, no commit.
    Path dir = Path.of(config.warehouse().pathOf(DAILY_TABLE));
    java.nio.file.Files.createDirectories(dir.resolve("_delta_log/_staged_commits"));
    java.nio.file.Files.createDirectories(dir.resolve("day=2026-09-01"));
    java.nio.file.Files.writeString(dir.resolve("day=2026-09-01/part-00000.snappy.parquet"), "half-written");
    assertEquals(4, warehouse.replaceDates(DAILY_TABLE, rows("2026-09-01", "2026-09-02"), "day",
        new DateRange(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-02"))).rowsWritten());
    assertEquals(4, warehouse.read(DAILY_TABLE).count());
    assertTrue(java.nio.file.Files.notExists(dir.resolve("day=2026-09-01/part-00000.snappy.parquet")),
        "the uncommitted leftover is gone");
  }

  @Test
  void deletingByKeysRemovesEveryRowOfThoseKeysAndNothingWhenThereAreNone() {
    warehouse.replaceDates(DAILY_TABLE, rows("2026-09-01", "2026-09-02"), "day",
        new DateRange(LocalDate.parse("2026-09-01"), LocalDate.parse("2026-09-02")));
    long version = warehouse.version(DAILY_TABLE);
    assertEquals(0, warehouse.deleteKeys(DAILY_TABLE, "id", spark.sql("SELECT 'z' AS k WHERE false")));
    assertEquals(version, warehouse.version(DAILY_TABLE), "no keys, no commit");
    assertEquals(2, warehouse.deleteKeys(DAILY_TABLE, "id", spark.sql("SELECT 'a' AS k UNION ALL SELECT 'a'")));
    assertEquals(List.of("b", "b"), warehouse.read(DAILY_TABLE).select("id").as(Encoders.STRING()).collectAsList());
  }

  @Test
  void rowsOutsideTheReplacedRangeAreRejectedNotWritten() {
    warehouse.replaceDates(DAILY_TABLE, rows("2026-09-01"), "day", DateRange.of(LocalDate.parse("2026-09-01")));
    assertThrows(Exception.class, () -> warehouse.replaceDates(DAILY_TABLE, rows("2026-09-03"), "day",
        DateRange.of(LocalDate.parse("2026-09-02"))));
    assertEquals(2, warehouse.read(DAILY_TABLE).count());
  }

  @Test
  void aWriteThatDoesNotMatchTheDeclaredSchemaNamesEveryDifference() {
    Dataset<Row> wrong = spark.sql("SELECT DATE'2026-09-01' AS day, 1 AS id, 'x' AS extra");
    IllegalStateException e = assertThrows(IllegalStateException.class,
        () -> warehouse.replaceDates(DAILY_TABLE, wrong, "day", DateRange.of(LocalDate.parse("2026-09-01"))));
    assertTrue(e.getMessage().contains("gold.test_daily"), e.getMessage());
    assertTrue(e.getMessage().contains("missing column value"), e.getMessage());
    assertTrue(e.getMessage().contains("column id is int, declared string"), e.getMessage());
    assertTrue(e.getMessage().contains("undeclared columns [extra]"), e.getMessage());
  }

  @Test
  void columnCommentsFromTheRegistryAreStoredInTheTable() {
    warehouse.replaceDates(DAILY_TABLE, rows("2026-09-01"), "day", DateRange.of(LocalDate.parse("2026-09-01")));
    StructType stored = warehouse.read(DAILY_TABLE).schema();
    assertEquals("Value.", stored.apply("value").getComment().get());
  }

  @Test
  void readingATableThatWasNeverWrittenSaysWhichAndWhere() {
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> warehouse.read(Tables.FACT_OFFER));
    assertTrue(e.getMessage().startsWith("Table silver.fact_offer has not been written yet"), e.getMessage());
    assertEquals(-1, warehouse.version(Tables.FACT_OFFER));
  }

  @Test
  void theRunLogKeepsOneRowPerRunWithVersionsAndObjectives() {
    Instant start = Instant.parse("2026-09-02T01:00:00Z");
    RunLog.append(warehouse, new RunRecord("run-1", "ingest_social", LocalDate.parse("2026-09-01"),
        LocalDate.parse("2026-09-01"), RunRecord.Status.SUCCEEDED, 10, 9, 1, Map.of("bronze.posts", 3L), start,
        start.plusSeconds(12), "local", config.objectivesJson(), null, "abc", Map.of("bronze.posts", 3L)));
    RunLog.append(warehouse, new RunRecord("run-2", "ingest_social", LocalDate.parse("2026-09-01"),
        LocalDate.parse("2026-09-01"), RunRecord.Status.FAILED, 0, 0, 0, Map.of(), start, start.plusSeconds(1),
        "local", config.objectivesJson(), "landing folder missing", null, null));
    List<Row> rows = warehouse.read(Tables.RUN_LOG).orderBy("run_id").collectAsList();
    assertEquals(2, rows.size());
    Row ok = rows.get(0);
    assertEquals("SUCCEEDED", ok.getAs("status"));
    assertEquals(12_000L, (long) ok.getAs("duration_ms"));
    assertEquals(3L, ok.<String, Long>getJavaMap(ok.fieldIndex("table_versions")).get("bronze.posts"));
    assertTrue(((String) ok.getAs("objectives")).contains("target-posting-probability"));
    assertEquals("landing folder missing", rows.get(1).getAs("error"));
  }

  private Dataset<Row> rows(String... days) {
    StringBuilder sql = new StringBuilder();
    for (String d : days) {
      if (sql.length() > 0) {
        sql.append(" UNION ALL ");
      }
      sql.append("SELECT DATE'").append(d).append("' AS day, 'a' AS id, 1L AS value UNION ALL SELECT DATE'")
          .append(d).append("', 'b', 2L");
    }
    return spark.sql(sql.toString());
  }

  @Test
  void aRunLogWrittenBeforeTheDigestColumnsGetsThemAndAcceptsTheNewStatus() {
    // The run log as an earlier release created it: two columns fewer, the status check without SKIPPED.
    List<StructField> old = new java.util.ArrayList<>(List.of(Tables.RUN_LOG.schema().fields()));
    old.removeIf(f -> f.name().equals("inputs_digest") || f.name().equals("output_versions"));
    String path = warehouse.path(Tables.RUN_LOG);
    spark.createDataFrame(List.of(), new StructType(old.toArray(StructField[]::new))).write().format("delta")
        .save(path);
    spark.sql("ALTER TABLE delta.`" + path + "` ADD CONSTRAINT known_status CHECK (status IN ('SUCCEEDED', 'FAILED'))");

    Instant start = Instant.parse("2026-09-02T01:00:00Z");
    RunLog.append(warehouse, new RunRecord("run-3", "conform_posts", LocalDate.parse("2026-09-01"),
        LocalDate.parse("2026-09-01"), RunRecord.Status.SKIPPED, 0, 0, 0, Map.of(), start, start.plusSeconds(1),
        "local", config.objectivesJson(), null, "d1", Map.of("silver.fact_post", 7L)));

    Row row = warehouse.read(Tables.RUN_LOG).first();
    assertEquals("SKIPPED", row.getAs("status"));
    assertEquals("d1", row.getAs("inputs_digest"));
    assertEquals(7L, row.<String, Long>getJavaMap(row.fieldIndex("output_versions")).get("silver.fact_post"));
    assertThrows(Exception.class, () -> spark.sql("INSERT INTO delta.`" + path + "` (run_id, job, run_date_from, "
        + "run_date_to, status, rows_in, rows_out, rows_quarantined, table_versions, started_at, finished_at, "
        + "duration_ms, env, objectives) VALUES ('r', 'j', DATE'2026-09-01', DATE'2026-09-01', 'DONE', 0, 0, 0, "
        + "map(), TIMESTAMP'2026-09-01 00:00:00', TIMESTAMP'2026-09-01 00:00:00', 0, 'local', '{}')").collect(),
        "the replaced check still rejects an unknown status");
  }
}
