package com.influencelakehouse.jobs.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

@Tag("unit")
class LakehouseCliTest {
  @TempDir
  Path tmp;

  private record Outcome(int exit, String out, String err) {}

  private Outcome run(String... args) {
    CommandLine cli = LakehouseCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"nightly", "run", "jobs", "tables", "sql", "docs", "unlock"}) {
      Outcome o = run(sub, "--help");
      assertEquals(0, o.exit(), sub);
      assertTrue(o.out().startsWith("Usage: lakehouse " + sub), o.out());
    }
  }

  /** The job jar's entry point: the sample-data commands live in the evaluation module (EvaluationCliTest). */
  @Test
  void theJobJarOffersNoSampleDataCommands() {
    for (String sub : new String[] {"demo", "generate", "quality"}) {
      Outcome o = run(sub, "-Dlakehouse.warehouse.root=" + tmp);
      assertEquals(2, o.exit(), sub);
      assertTrue(o.err().contains("Unmatched arguments from index 0: '" + sub + "'"), o.err());
    }
    assertTrue(!LakehouseCli.commandLine().getSubcommands().keySet().stream()
        .anyMatch(java.util.Set.of("demo", "generate", "quality")::contains));
  }

  @Test
  void theJobListShowsWhatTheDeletingJobsDeleteFrom() {
    Outcome o = run("jobs");
    assertEquals(0, o.exit(), o.err());
    String expiry = o.out().substring(o.out().indexOf("expire_bronze\n"));
    assertTrue(expiry.contains("  reads:  -\n  writes: -\n  deletes from: bronze.influencers, bronze.posts"),
        expiry);
    assertTrue(o.out().contains("  writes: audit.erasure_log\n  deletes from: bronze.influencers"), o.out());
  }

  @Test
  void aBadDateIsAClearErrorWithExitCodeTwo() {
    Outcome o = run("nightly", "--date", "2026-02-30");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("Invalid value for option '--date': '2026-02-30' is not a date YYYY-MM-DD"), o.err());
  }

  @Test
  void aMissingDateSaysWhatToGive() {
    Outcome o = run("nightly", "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("a run date is required: --date YYYY-MM-DD, or --from YYYY-MM-DD --to YYYY-MM-DD"),
        o.err());
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsRejected() {
    Outcome o = run("nightly", "--from", "2026-09-05", "--to", "2026-09-01");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("--to 2026-09-01 is before --from 2026-09-05"), o.err());
  }

  @Test
  void anUnknownJobListsTheKnownOnes() {
    Outcome o = run("run", "no_such_job", "--date", "2026-09-01");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("unknown job 'no_such_job'; the jobs are:"), o.err());
  }

  @Test
  void badConfigurationStopsAnyCommandAndNamesTheKey() {
    Outcome o = run("jobs", "-Dlakehouse.objectives.base-currency=usd");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("lakehouse.objectives.base-currency = \"usd\" (command-line -D): must be an ISO 4217"),
        o.err());
  }

  @Test
  void aDryRunValidatesWithoutRunning() {
    Outcome o = run("nightly", "--from", "2026-09-01", "--to", "2026-09-07", "--dry-run",
        "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().startsWith("would run"), o.out());
    assertTrue(o.out().contains("for 2026-09-01..2026-09-07 (env local)"), o.out());
  }

  @Test
  void unlockRefusesALiveHolderAndRemovesADeadOne() throws Exception {
    java.nio.file.Path lock = tmp.resolve(com.influencelakehouse.common.io.RunLock.FILE_NAME);
    String host = com.influencelakehouse.common.io.RunLock.host();
    long now = System.currentTimeMillis();
    // This test's own process holds it: alive.
    java.nio.file.Files.writeString(lock, "owner=run-alive\nhost=" + host + "\npid=" + ProcessHandle.current().pid()
        + "\nacquired=" + now + "\nheartbeat=" + now + "\n");
    Outcome alive = run("unlock", "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(1, alive.exit(), alive.err());
    assertTrue(alive.err().contains("FAILED: not unlocked") && alive.err().contains("That process is running on this host"),
        alive.err());
    assertTrue(java.nio.file.Files.exists(lock));
    // A process that has ended: dead, removed.
    Process ended = new ProcessBuilder("true").start();
    ended.waitFor();
    java.nio.file.Files.writeString(lock, "owner=run-killed\nhost=" + host + "\npid=" + ended.pid()
        + "\nacquired=" + now + "\nheartbeat=" + now + "\n");
    Outcome dead = run("unlock", "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(0, dead.exit(), dead.err());
    assertTrue(dead.out().contains("held by run run-killed on " + host + " (process " + ended.pid() + ")"), dead.out());
    assertTrue(java.nio.file.Files.notExists(lock));
    assertTrue(run("unlock", "-Dlakehouse.warehouse.root=" + tmp).out().contains("nothing to do"));
  }

  @Test
  void aMissingQueryFileIsOneFailedLineWithoutAStackTrace() {
    Outcome o = run("sql", "--file", tmp.resolve("queries.sql").toString(), "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(1, o.exit(), o.err());
    assertTrue(o.err().startsWith("FAILED: cannot read " + tmp.resolve("queries.sql") + ": NoSuchFileException: "),
        o.err());
    assertEquals(1, o.err().strip().lines().count(), "one line: " + o.err());
    assertTrue(!o.err().contains("\tat "), o.err());
  }

  @Test
  void aMistypedWarehouseRootStopsBeforeCreatingAnything() throws Exception {
    java.nio.file.Path typo = tmp.resolve("wharehouse");
    Outcome o = run("nightly", "--date", "2026-09-01", "-Dlakehouse.warehouse.root=" + typo);
    assertEquals(2, o.exit(), o.err());
    assertTrue(o.err().contains("the landing zone " + typo.resolve("landing") + " does not exist: is "
        + "lakehouse.warehouse.root (" + typo + ") right?"), o.err());
    assertTrue(java.nio.file.Files.notExists(typo), "nothing created at the mistyped root");
  }

  @Test
  void anUnexpectedFailureIsDescribedByItsCausesOnOneLine() {
    Exception e = new java.io.UncheckedIOException("cannot write the run log /wh/audit/run_log",
        new java.nio.file.AccessDeniedException("/wh/audit/run_log/_delta_log/00000.json"));
    assertEquals("cannot write the run log /wh/audit/run_log: AccessDeniedException: "
        + "/wh/audit/run_log/_delta_log/00000.json", LakehouseCli.describe(e));
  }
}
