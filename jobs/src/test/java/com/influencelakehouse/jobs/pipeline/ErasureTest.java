package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.sampledata.GenerationReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.functions;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * An erasure request removes its subject from every layer, old Delta files included once vacuumed,
 * and the subject's later deliveries never get stored.
 */
@Tag("pipeline")
class ErasureTest {
  @TempDir
  Path root;

  @Test
  void anErasedInfluencerAndVisitorAreGoneFromEveryLayerAndStayGone() throws IOException {
    TestPipeline pipeline = new TestPipeline(root, Map.of("lakehouse.privacy.vacuum-retention-hours", "0"));
    GenerationReport g = pipeline.generate(40, 5, pipeline.story(0, 0));
    LocalDate day4 = g.firstDate().plusDays(3);
    pipeline.nightly(new DateRange(g.firstDate(), day4.minusDays(1)));

    // The subjects: an influencer whose sponsored post was clicked, and a visitor who clicked.
    Row click = pipeline.warehouse().read(Tables.BRONZE_CLICKS).orderBy("click_id").first();
    String influencer = java.net.URI.create(click.<String>getAs("tracking_url")).getQuery().replaceAll(".*inf=(\\d+).*",
        "$1");
    String visitor = click.getAs("visitor_id");
    var p = TestConfigs.pseudonymiser();
    String influencerKey = p.pseudonym(Domain.INFLUENCER, influencer);
    String visitorKey = p.pseudonym(Domain.VISITOR, visitor);
    assertTrue(pipeline.warehouse().read(Tables.FACT_POST).where(col("influencer_key").equalTo(influencerKey)).count()
        > 0, "the influencer has posts before the request");

    Path requests = Path.of(pipeline.config().warehouse().landingPath(LandingSource.ERASURE_REQUESTS, day4));
    Files.createDirectories(requests);
    Files.writeString(requests.resolve("part-00000.jsonl"),
        "{\"subject_type\":\"influencer\",\"subject_id\":\"" + influencer + "\",\"requested_at\":\"" + day4
            + "T09:00:00Z\"}\n{\"subject_type\":\"visitor\",\"subject_id\":\"" + visitor + "\",\"requested_at\":\""
            + day4 + "T10:00:00+09:00\"}\n");
    pipeline.nightly(new DateRange(day4, g.lastDate()));

    Dataset<Row> log = pipeline.warehouse().read(Tables.ERASURE_LOG);
    assertEquals(List.of(influencerKey, visitorKey),
        log.orderBy("subject_type").select("subject_key").as(Encoders.STRING()).collectAsList());
    assertEquals(0, pipeline.warehouse().read(Tables.BRONZE_ERASURE_REQUESTS).count(), "raw requests deleted");
    for (var e : Tables.subjectColumns("influencer")) {
      if (!pipeline.warehouse().exists(e.getKey())) {
        continue; // never written at this scale (e.g. scores without a champion model): nothing to erase
      }
      assertEquals(0, pipeline.warehouse().read(e.getKey()).where(col(e.getValue()).equalTo(influencerKey)).count(),
          e.getKey().qualifiedName());
    }
    for (var e : Tables.subjectColumns("visitor")) {
      if (!pipeline.warehouse().exists(e.getKey())) {
        continue;
      }
      assertEquals(0, pipeline.warehouse().read(e.getKey()).where(col(e.getValue()).equalTo(visitorKey)).count(),
          e.getKey().qualifiedName());
    }
    assertEquals(0, pipeline.warehouse().read(Tables.FACT_ORDER).where(col("influencer_key").equalTo(influencerKey))
        .count(), "orders kept, influencer detached");

    // The generator keeps delivering the influencer on day 5: left out at ingest, and counted.
    double erasedLater = pipeline.warehouse().read(Tables.DQ_RESULTS)
        .where(col("check_name").equalTo("erased").and(col("run_date").geq(java.sql.Date.valueOf(day4))))
        .agg(functions.sum("observed")).first().getDouble(0);
    assertTrue(erasedLater > 0, "later deliveries of the subject were left out: " + erasedLater);

    // No file of bronze, silver or the quarantine, of any version still on disk, holds the raw ids.
    String raw = Pattern.quote(influencer) + "|" + Pattern.quote(visitor) + "|" + influencerKey + "|" + visitorKey;
    for (Layer layer : List.of(Layer.BRONZE, Layer.SILVER)) {
      try (Stream<Path> dirs = Files.list(Path.of(pipeline.config().warehouse().layerRoot(layer)))) {
        for (Path table : dirs.toList()) {
          if (!hasParquet(table)) {
            continue;
          }
          Dataset<Row> files = SharedSpark.get().read().option("recursiveFileLookup", "true")
              .option("pathGlobFilter", "*.parquet").parquet(table.toString());
          assertEquals(0, files.select(functions.to_json(functions.struct("*")).as("row"))
              .where(col("row").rlike(raw)).count(), table.getFileName() + " still holds the subject");
        }
      }
    }
  }

  private static boolean hasParquet(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.anyMatch(f -> f.toString().endsWith(".parquet"));
    }
  }
}
