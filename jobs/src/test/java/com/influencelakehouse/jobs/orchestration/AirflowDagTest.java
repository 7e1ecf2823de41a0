package com.influencelakehouse.jobs.orchestration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.influencelakehouse.jobs.JobGraph;
import com.influencelakehouse.jobs.JobGraphJson;
import com.influencelakehouse.jobs.cli.LakehouseCli;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/**
 * The Airflow DAG, checked without Airflow (it cannot be installed here): its graph file is the job
 * graph's current export, the DAG file passes its Python checks against the Airflow stand-in, and every
 * task's arguments are accepted by the CLI's own parser.
 */
@Tag("unit")
class AirflowDagTest {
  static final Path ROOT = Path.of(System.getProperty("checkout.root", ".."));

  @Test
  void theDagsGraphFileIsTheCurrentJobGraph() throws IOException {
    assertEquals(JobGraphJson.render(JobGraph.nightly()), Files.readString(ROOT.resolve(JobGraphJson.FILE)),
        JobGraphJson.FILE + " is out of date: run bin/lakehouse docs and commit the result");
  }

  @Test
  void theDagFilePassesItsChecksWithPython() throws IOException, InterruptedException {
    Result r = python("airflow-dags/tests/test_dag.py");
    assertEquals(0, r.exit, r.output);
    assertTrue(r.output.contains("OK"), r.output);
  }

  @Test
  void everyTasksArgumentsAreAcceptedByTheCli() throws IOException, InterruptedException {
    Result r = python("airflow-dags/tests/test_dag.py", "--print-args");
    assertEquals(0, r.exit, r.output);
    JsonNode tasks = new ObjectMapper().readTree(r.output);
    List<String> jobs = JobGraph.nightly().names();
    assertEquals(jobs.size(), tasks.size());
    for (Iterator<Map.Entry<String, JsonNode>> it = tasks.fields(); it.hasNext(); ) {
      Map.Entry<String, JsonNode> task = it.next();
      List<String> args = new ArrayList<>();
      task.getValue().forEach(a -> args.add(a.asText()));
      CommandLine.ParseResult parsed = LakehouseCli.commandLine().parseArgs(args.toArray(String[]::new));
      CommandLine.ParseResult run = parsed.subcommand();
      assertEquals("run", run.commandSpec().name(), task.getKey());
      assertEquals(task.getKey(), run.matchedPositional(0).getValue(), "the task runs its own job");
      assertTrue(jobs.contains(task.getKey()));
      assertEquals("2026-09-01", String.valueOf(run.matchedOptionValue("--date", (Object) null)));
      assertEquals("prod", String.valueOf(run.matchedOptionValue("--env", (Object) null)));
    }
  }

  record Result(int exit, String output) {}

  static Result python(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>(List.of("python3"));
    command.addAll(List.of(args));
    Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(false).start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
    int exit = p.waitFor();
    // unittest reports on stderr; --print-args prints JSON on stdout.
    return new Result(exit, args.length > 1 ? out : out + err);
  }
}
