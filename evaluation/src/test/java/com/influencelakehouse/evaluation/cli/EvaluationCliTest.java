package com.influencelakehouse.evaluation.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** The local command line: the job jar's commands and the sample-data ones (demo, generate, quality). */
@Tag("unit")
class EvaluationCliTest {
  @TempDir
  Path tmp;

  private record Outcome(int exit, String out, String err) {}

  private Outcome run(String... args) {
    CommandLine cli = EvaluationCli.commandLine();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    cli.setOut(new PrintWriter(out));
    cli.setErr(new PrintWriter(err));
    int exit = cli.execute(args);
    return new Outcome(exit, out.toString(), err.toString());
  }

  @Test
  void everySubcommandHasHelp() {
    for (String sub : new String[] {"nightly", "run", "jobs", "tables", "sql", "docs", "unlock", "generate", "demo",
        "quality"}) {
      Outcome o = run(sub, "--help");
      assertEquals(0, o.exit(), sub);
      assertTrue(o.out().startsWith("Usage: lakehouse " + sub), o.out());
    }
  }

  @Test
  void theTopLevelHelpListsTheJobsAndTheSampleDataCommands() {
    Outcome o = run("--help");
    assertEquals(0, o.exit(), o.err());
    for (String sub : new String[] {"nightly", "run", "jobs", "unlock", "generate", "demo", "quality"}) {
      assertTrue(o.out().contains("\n  " + sub + " "), sub + " in " + o.out());
    }
  }

  @Test
  void badConfigurationStopsTheSampleDataCommandsTooAndNamesTheKey() {
    Outcome o = run("generate", "-Dlakehouse.objectives.base-currency=usd");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("lakehouse.objectives.base-currency = \"usd\" (command-line -D): must be an ISO 4217"),
        o.err());
  }

  @Test
  void generateWritesTheLandingZoneAndReportsIt() {
    Outcome o = run("generate", "--scale", "tiny", "--days", "3", "--influencers", "30",
        "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(0, o.exit(), o.err());
    assertTrue(o.out().contains("Generated scale 'tiny': 30 influencers, 2026-08-03..2026-08-05"), o.out());
    assertTrue(Files.isDirectory(tmp.resolve("landing/social/posts/dt=2026-08-05")));
    assertTrue(Files.isRegularFile(tmp.resolve("ground_truth/landing_manifest.csv")));
  }

  @Test
  void generateRefusesAnObjectStoreLandingZone() {
    Outcome o = run("generate", "--env", "prod");
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("sample data is generated into a local directory"), o.err());
  }

  @Test
  void qualityWithoutGroundTruthIsAClearErrorBeforeSparkStarts() {
    Outcome o = run("quality", "-Dlakehouse.warehouse.root=" + tmp);
    assertEquals(2, o.exit());
    assertTrue(o.err().contains("no ground truth at " + tmp.resolve("ground_truth")), o.err());
  }
}
