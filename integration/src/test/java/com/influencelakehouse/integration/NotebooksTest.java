package com.influencelakehouse.integration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The data scientists' notebooks, executed top to bottom by real Jupyter with the Java kernel
 * (bin/notebooks --execute), each in a clean kernel, on a copy of the tiny world's warehouse (the jobs'
 * range run over tiny sample data). A failing cell fails the test; the notebooks' own checks (the lab's
 * holdout is the champion's, recomputed audits equal the stored ones ...) run as cells.
 */
@Tag("integration")
class NotebooksTest {
  @Test
  void everyNotebookRunsTopToBottomOnTheTinyWarehouse() throws IOException, InterruptedException {
    // A copy of the shared world: the notebooks write nothing under it today (a copy was identical after a run;
    // their session catalog's folders go to the checkout's spark-warehouse/), but a notebook that did must not
    // change what the other tests compare with. 28 MB, a second.
    Path warehouse = TinyWarehouse.get().copy("notebooks-warehouse");
    Path out = SparkDistribution.WORK.resolve("notebooks");
    Path log = SparkDistribution.WORK.resolve("logs/notebooks.log");
    Files.createDirectories(log.getParent());
    Process p = new ProcessBuilder(SparkDistribution.CHECKOUT.resolve("bin/notebooks").toString(), "--execute",
        "--no-build", "-Dlakehouse.warehouse.root=" + warehouse, "--out", out.toString())
        .redirectErrorStream(true).redirectOutput(log.toFile()).start();
    if (!p.waitFor(20, TimeUnit.MINUTES)) {
      p.descendants().forEach(ProcessHandle::destroyForcibly);
      p.destroyForcibly();
    }
    String output = Files.readString(log);
    assertEquals(0, p.exitValue(), "bin/notebooks --execute failed:\n" + output);
    System.out.print(output.lines().filter(l -> l.matches("^\\S+\\.ipynb .*|^total.*")).map(l -> l + "\n")
        .reduce("", String::concat));
    List<Path> notebooks;
    try (var files = Files.list(SparkDistribution.CHECKOUT.resolve("notebooks"))) {
      notebooks = files.filter(f -> f.toString().endsWith(".ipynb")).sorted().toList();
    }
    assertTrue(notebooks.size() >= 4, "the four notebooks: " + notebooks);
    for (Path nb : notebooks) {
      String name = nb.getFileName().toString();
      assertTrue(output.contains(name.replace(".ipynb", "")) && !output.contains(name + " FAILED"), name + "\n" + output);
      String executed = Files.readString(out.resolve(name));
      assertTrue(executed.contains("\"outputs\""), name + " has outputs");
    }
    long charts = 0;
    for (Path nb : notebooks) {
      charts += Files.readString(out.resolve(nb.getFileName())).split("\"image/png\"", -1).length - 1;
    }
    assertTrue(charts >= 4, "charts shown as PNG images in the executed notebooks: " + charts);
  }
}
