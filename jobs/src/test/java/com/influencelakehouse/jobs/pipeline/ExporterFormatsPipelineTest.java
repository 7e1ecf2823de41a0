package com.influencelakehouse.jobs.pipeline;

import static org.apache.spark.sql.functions.col;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.io.TableChecksum;
import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.testing.TestPipeline;
import com.influencelakehouse.sampledata.ExporterFormats;
import com.influencelakehouse.sampledata.GenerationReport;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.types.MapType;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The same tiny world delivered twice, once in the canonical contracts and once as real exporters
 * deliver it (Graph API, YouTube, TikTok, Shopify, UTM, Airbyte: ExporterFormats), gives the same
 * silver tables; only what those formats cannot carry differs, and only where they cannot carry it.
 */
@Tag("pipeline")
class ExporterFormatsPipelineTest {
  /** Columns of silver.fact_post that YouTube and TikTok exports cannot carry: the author's offset, and so the
   *  local time; YouTube's permalink is built from the video id; TikTok has no REELS. */
  private static final List<String> LOSSY_POST_COLUMNS =
      List.of("utc_offset_minutes", "posted_local_weekday", "posted_local_hour", "permalink", "media_type");

  @TempDir
  static Path canonicalRoot;
  @TempDir
  static Path exporterRoot;
  static TestPipeline canonical;
  static TestPipeline exporter;
  static Map<String, ExporterFormats.Counts> rewritten;

  @BeforeAll
  static void deliverTwice() {
    canonical = new TestPipeline(canonicalRoot);
    exporter = new TestPipeline(exporterRoot);
    GenerationReport g = canonical.generate(60, 5, canonical.story(0, 0));
    exporter.generate(60, 5, exporter.story(0, 0));
    rewritten = ExporterFormats.rewrite(Path.of(exporter.config().warehouse().landing()));
    DateRange dates = new DateRange(g.firstDate(), g.lastDate());
    List<Job> upToSilver = TestPipeline.bronzeAndSilverJobs();
    canonical.run(upToSilver, dates);
    exporter.run(upToSilver, dates);
  }

  @Test
  void everyRewrittenSourceWentThroughItsAdapters() {
    Map<String, Long> formats = new TreeMap<>();
    for (LandingSource s : LandingSource.values()) {
      TableDef b = Tables.bronzeOf(s);
      if (!exporter.warehouse().exists(b)) {
        continue;
      }
      for (Row r : exporter.warehouse().read(b).groupBy(Tables.SOURCE_FORMAT).count().collectAsList()) {
        formats.merge(s.path() + " " + r.getString(0), r.getLong(1), Long::sum);
      }
    }
    for (String expected : List.of("social/posts instagram-graph-media", "social/posts youtube-videos",
        "social/posts tiktok-videos", "social/post_insights instagram-graph-insights",
        "conversions/orders shopify-orders", "conversions/clicks utm-clicks", "campaigns/offers airbyte",
        "campaigns/offer_responses airbyte")) {
      assertTrue(formats.getOrDefault(expected, 0L) > 0, expected + " in " + formats);
    }
    rewritten.forEach((source, c) -> assertEquals(0, c.canonicalRecords(), source + " left canonical: " + c));
  }

  @Test
  void nothingIsQuarantinedAndEveryRecordIsLoaded() {
    long quarantined = exporter.warehouse().read(Tables.QUARANTINE).count();
    assertEquals(canonical.warehouse().read(Tables.QUARANTINE).count(), quarantined,
        exporter.warehouse().read(Tables.QUARANTINE).select("source", "reason", "reason_detail").limit(20)
            .collectAsList().toString());
    for (LandingSource s : LandingSource.values()) {
      TableDef b = Tables.bronzeOf(s);
      if (canonical.warehouse().exists(b)) {
        assertEquals(canonical.warehouse().read(b).count(), exporter.warehouse().read(b).count(), b.qualifiedName());
      }
    }
  }

  @Test
  void silverIsTheSameThroughTheAdaptersAsFromTheCanonicalContracts() {
    Set<String> lineage = Set.of(Tables.SOURCE_FILE, Tables.LINE_NUMBER, Tables.INGESTED_AT);
    int compared = 0;
    for (TableDef t : Tables.all()) {
      if (t.layer() != Layer.SILVER || !canonical.warehouse().exists(t)) {
        continue;
      }
      Column[] cols = Arrays.stream(t.schema().fields())
          .filter(f -> !lineage.contains(f.name()) && !(f.dataType() instanceof MapType))
          .map(f -> col(f.name())).toArray(Column[]::new);
      Dataset<Row> a = canonical.warehouse().read(t).select(cols);
      Dataset<Row> b = exporter.warehouse().read(t).select(cols);
      assertEquals(a.count(), b.count(), t.qualifiedName() + " rows");
      if (t == Tables.FACT_POST) {
        // Instagram posts keep everything; YouTube and TikTok posts everything but the lossy columns.
        Column instagram = col("permalink").startsWith("https://www.instagram.com/");
        assertEquals(TableChecksum.of(a.where(instagram)), TableChecksum.of(b.where(instagram)), "instagram posts");
        assertTrue(a.where(instagram).count() > 0 && a.where(instagram.unary_$bang()).count() > 0);
        a = a.drop(LOSSY_POST_COLUMNS.toArray(String[]::new));
        b = b.drop(LOSSY_POST_COLUMNS.toArray(String[]::new));
      }
      assertEquals(0, a.except(b).count() + b.except(a).count(), t.qualifiedName() + " differs: "
          + a.except(b).limit(3).collectAsList() + " vs " + b.except(a).limit(3).collectAsList());
      compared++;
    }
    assertTrue(compared >= 8, "silver tables compared: " + compared);
  }
}
