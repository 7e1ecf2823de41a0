package com.influencelakehouse.evaluation.quality;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.when;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.io.TableCatalog;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.evaluation.testing.SmallScaleWarehouse;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The scored gold tables of the small-scale nightly run, as analysts meet them: by name in the
 * catalog, with comments; the documented example queries; send times against the generator's habits;
 * and re-runs that change nothing.
 */
@Tag("quality")
class ScoredTablesSmallScaleTest {
  static final List<TableDef> SCORED = List.of(Tables.INFLUENCER_SCORES, Tables.INCENTIVE_RECOMMENDATIONS,
      Tables.CONTENT_REUSE_CANDIDATES, Tables.CAMPAIGN_PERFORMANCE, Tables.INFLUENCER_ROI);
  static SmallScaleWarehouse small;
  static Warehouse w;

  @BeforeAll
  static void build() {
    small = SmallScaleWarehouse.get();
    w = small.pipeline().warehouse();
    // Other tests in this JVM register their own warehouses under the same names: point them back here.
    TableCatalog.register(w, Tables.all());
  }

  /** The ```sql blocks of docs/tables.md. */
  static List<String> exampleQueries() throws IOException {
    String doc = Files.readString(Path.of(System.getProperty("checkout.root", ".."), "docs", "tables.md"));
    Matcher m = Pattern.compile("```sql\n(.*?)```", Pattern.DOTALL).matcher(doc);
    List<String> queries = new ArrayList<>();
    while (m.find()) {
      queries.add(m.group(1).strip().replaceAll(";$", ""));
    }
    return queries;
  }

  @Test
  void everyExampleQueryOfTheTableCatalogRunsByNameAndReturnsRows() throws IOException {
    List<String> queries = exampleQueries();
    assertTrue(queries.size() >= 5, "docs/tables.md has at least 5 example queries, found " + queries.size());
    for (String q : queries) {
      long rows = w.spark().sql(q).count();
      assertTrue(rows > 0, "no rows from:\n" + q);
    }
  }

  @Test
  void goldAndAuditTablesAreInTheCatalogWithTableAndColumnComments() {
    for (TableDef t : JobGraph.nightly().inOrder().stream().flatMap(j -> j.writes().stream()).distinct()
        .filter(t -> t.layer().schemaName().equals("gold") || t.layer().schemaName().equals("audit")).toList()) {
      assertTrue(w.spark().catalog().tableExists(t.qualifiedName()), t.qualifiedName() + " is registered");
      Map<String, String> described = new LinkedHashMap<>();
      for (Row r : w.spark().sql("DESCRIBE TABLE EXTENDED " + t.qualifiedName()).collectAsList()) {
        // Column rows carry the comment in the third field; "Comment" (the table's) in the second.
        boolean noThird = r.isNullAt(2) || r.getString(2).isEmpty();
        described.putIfAbsent(r.getString(0), noThird ? r.getString(1) : r.getString(2));
      }
      assertEquals(t.description(), described.get("Comment"), t.qualifiedName() + " table comment");
      if (t.hasSchema()) {
        for (StructField f : t.schema().fields()) {
          assertEquals(f.metadata().getString(LandingSource.COMMENT), described.get(f.name()),
              t.qualifiedName() + "." + f.name() + " column comment");
        }
      }
    }
  }

  /**
   * The generator gives each influencer a habitual posting weekday and hour, which raise the posting
   * probability of offers that arrive then. Influencers with a clear habit in the data (at least 8
   * organic posts in the recent window) should have it recovered as their best send time.
   */
  @Test
  void theBestSendTimeRecoversTheHabitOfInfluencersWithEnoughHistory() {
    Pseudonymiser p = TestConfigs.pseudonymiser();
    Dataset<Row> truth = w.spark().read().option("header", "true")
        .csv(small.groundTruth().resolve("influencers.csv").toString())
        .select(p.pseudonymise(Pseudonymiser.Domain.INFLUENCER, col("influencer_id")).as("influencer_key"),
            col("habit_weekday").cast("int").as("true_weekday"), col("habit_hour_local").cast("int").as("true_hour"));
    Dataset<Row> scored = w.read(Tables.INFLUENCER_SCORES)
        .join(w.read(Tables.FEATURES_INFLUENCER_DAILY).select(col("influencer_key"),
            col("feature_date").as("score_date"), col("posts_recent")), new String[] {"influencer_key", "score_date"})
        .where(col("posts_recent").geq(8))
        .join(truth, "influencer_key");
    var hourGap = abs(col("best_send_hour").minus(col("true_hour")));
    Row r = scored.agg(count(lit(1)),
        count(when(col("best_send_weekday").equalTo(col("true_weekday"))
            .and(least(hourGap, lit(24).minus(hourGap)).leq(1)), true))).first();
    double recovered = (double) r.getLong(1) / r.getLong(0);
    System.out.printf("best send time = habit (weekday, hour +-1) for %d of %d influencers with enough history: "
        + "%.3f%n", r.getLong(1), r.getLong(0), recovered);
    assertTrue(r.getLong(0) >= 200, "enough influencers to judge: " + r.getLong(0));
    assertTrue(recovered >= 0.8, "recovered for " + recovered);
  }

  @Test
  void reRunningTheLastNightsScoringLeavesTheScoredTablesIdentical() {
    Map<String, String> before = new LinkedHashMap<>();
    SCORED.forEach(t -> before.put(t.qualifiedName(), small.pipeline().fingerprint(t)));
    DateRange last = new DateRange(small.dates().to(), small.dates().to());
    // Forced to run: the same night with nothing new would otherwise be skipped, and prove nothing.
    var rerun = new TestPipeline(java.nio.file.Path.of(small.pipeline().config().warehouse().root()),
        Map.of("lakehouse.pipeline.skip-unchanged", "false")).run(JobGraph.nightly().inOrder().stream()
        .filter(j -> SCORED.stream().anyMatch(j.writes()::contains)).toList(), last);
    assertTrue(!rerun.isEmpty() && rerun.values().stream().noneMatch(JobResult::isSkipped), "the scoring jobs ran: "
        + rerun.keySet());
    for (TableDef t : SCORED) {
      assertTrue(w.read(t).count() > 0, t.qualifiedName() + " has rows");
      assertEquals(before.get(t.qualifiedName()), small.pipeline().fingerprint(t), t.qualifiedName());
    }
  }
}
