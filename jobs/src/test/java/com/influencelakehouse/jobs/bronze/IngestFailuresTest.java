package com.influencelakehouse.jobs.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.job.DateRange;
import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.JobFailedException;
import com.influencelakehouse.jobs.testing.TestPipeline;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ingestion stops with a message naming what is wrong, and the run log says so. */
@Tag("pipeline")
class IngestFailuresTest {
  private static final LocalDate DAY = LocalDate.parse("2026-09-03");
  @TempDir
  Path root;

  private Path folder(TestPipeline p, LandingSource s) throws IOException {
    return Files.createDirectories(Path.of(p.config().warehouse().landingPath(s, DAY)));
  }

  @Test
  void aMissingRequiredFolderFailsTheRunNamingTheFolder() throws IOException {
    TestPipeline p = new TestPipeline(root);
    Files.writeString(folder(p, LandingSource.INFLUENCERS).resolve("part-00000.jsonl"), "");
    Files.writeString(folder(p, LandingSource.POST_INSIGHTS).resolve("part-00000.jsonl"), "");
    JobFailedException e = assertThrows(JobFailedException.class,
        () -> p.run(List.of(new IngestSocialJob()), DateRange.of(DAY)));
    assertTrue(e.getMessage().contains("landing folder " + p.config().warehouse().landingPath(LandingSource.POSTS, DAY)
        + " is missing (required source social/posts, 1 date(s) missing in all)"), e.getMessage());
    assertEquals("FAILED", p.warehouse().read(Tables.RUN_LOG).first().getAs("status"));
  }

  @Test
  void aJobFailingAfterItsFirstSourceLeavesNoneOfItsSourcesCommittedAndSaysWhichItRolledBack() throws IOException {
    TestPipeline p = new TestPipeline(root);
    String profile = "{\"influencer_id\":\"1784140000000001\",\"handle\":\"liam.paws\",\"platform\":\"instagram\","
        + "\"email\":\"liampaws@mail.example\",\"country\":\"US\",\"language\":\"en\",\"category\":\"pets\","
        + "\"followers_count\":142754,\"following_count\":249,\"media_count\":154,\"consent\":{\"analytics\":true,"
        + "\"content_reuse\":true,\"updated_at\":\"2025-09-22T18:42:16-05:00\"},"
        + "\"snapshot_at\":\"2026-09-03T02:04:53Z\"}\n";
    Files.writeString(folder(p, LandingSource.INFLUENCERS).resolve("part-00000.jsonl"), profile);
    Files.writeString(folder(p, LandingSource.POSTS).resolve("part-00000.jsonl"), "");
    Files.writeString(folder(p, LandingSource.POST_INSIGHTS).resolve("part-00000.jsonl"), "");
    p.run(List.of(new IngestSocialJob()), DateRange.of(DAY));
    String loaded = p.fingerprint(Tables.BRONZE_INFLUENCERS);
    long version = p.warehouse().version(Tables.BRONZE_INFLUENCERS);
    long checks = p.warehouse().read(Tables.DQ_RESULTS).count();

    // Re-delivered with a second profile, and the posts folder gone: profiles commit first, then posts fail.
    Files.writeString(folder(p, LandingSource.INFLUENCERS).resolve("part-00000.jsonl"),
        profile + profile.replace("0000000001", "0000000002").replace("liam.paws", "mia.paws"));
    Files.delete(folder(p, LandingSource.POSTS).resolve("part-00000.jsonl"));
    Files.delete(folder(p, LandingSource.POSTS));
    JobFailedException e = assertThrows(JobFailedException.class,
        () -> p.run(List.of(new IngestSocialJob()), DateRange.of(DAY)));
    assertTrue(e.getMessage().contains("is missing (required source social/posts")
        && e.getMessage().contains("rolled back bronze.influencers (to version " + version + ")"), e.getMessage());
    assertEquals(loaded, p.fingerprint(Tables.BRONZE_INFLUENCERS), "the profiles as before the failed job");
    assertEquals(1, p.warehouse().read(Tables.BRONZE_INFLUENCERS).count());
    assertEquals(checks, p.warehouse().read(Tables.DQ_RESULTS).count(), "no data-quality rows for uncommitted data");
  }

  @Test
  void aMissingFolderOfAnOptionalSourceIsOnlyCounted() {
    TestPipeline p = new TestPipeline(root);
    p.run(List.of(new IngestPrivacyJob()), DateRange.of(DAY));
    assertEquals(1.0, p.warehouse().read(Tables.DQ_RESULTS).where("check_name = 'folder_absent'").first()
        .<Double>getAs("observed"));
  }

  @Test
  void aTruncatedGzipFailsTheRunNamingTheFileAndWritesNothing() throws IOException {
    TestPipeline p = new TestPipeline(root);
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write("2026-09-03,EUR,1.08\n".repeat(3000).getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = out.toByteArray();
    Files.write(folder(p, LandingSource.FX_RATES).resolve("part-00000.csv.gz"), Arrays.copyOf(whole, whole.length / 2));
    JobFailedException e = assertThrows(JobFailedException.class,
        () -> p.run(List.of(new IngestReferenceJob()), DateRange.of(DAY)));
    assertTrue(e.getMessage().startsWith("job ingest_reference failed for 2026-09-03: landing file "
        + "reference/fx_rates/dt=2026-09-03/part-00000.csv.gz cannot be read to its end"), e.getMessage());
    assertEquals(0, p.warehouse().readOrEmpty(Tables.BRONZE_FX_RATES).count(), "nothing half-read");
  }

  @Test
  void configuredToQuarantineATruncatedFileBecomesOneQuarantinedRecordAndTheRestLoads() throws IOException {
    TestPipeline p = new TestPipeline(root, Map.of("lakehouse.ingest.corrupt-file", "quarantine"));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (GZIPOutputStream gz = new GZIPOutputStream(out)) {
      gz.write("date,currency,rate_to_base\n2026-09-03,EUR,1.08\n".getBytes(StandardCharsets.UTF_8));
    }
    byte[] whole = out.toByteArray();
    Path dir = folder(p, LandingSource.FX_RATES);
    Files.write(dir.resolve("part-00000.csv.gz"), Arrays.copyOf(whole, whole.length - 12));
    Files.writeString(dir.resolve("part-00001.csv"), "date,currency,rate_to_base\n2026-09-03,GBP,1.27\n");
    p.run(List.of(new IngestReferenceJob()), DateRange.of(DAY));
    assertEquals(1, p.warehouse().read(Tables.BRONZE_FX_RATES).count());
    assertEquals("corrupt_file", p.warehouse().read(Tables.QUARANTINE).first().getAs("reason"));
  }
}
