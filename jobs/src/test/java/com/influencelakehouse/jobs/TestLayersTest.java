package com.influencelakehouse.jobs;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Every test class of every module carries exactly one layer tag (unit, pipeline, quality, integration),
 * so that {@code bin/test}, {@code bin/test --fast}, {@code bin/test --layer ...} and {@code bin/bench quality}
 * select it: they all run named layers, so an untagged class would never run. Reads the sources of every
 * module, the evaluation module's included, relative to the jobs module (surefire's working directory).
 */
@Tag("unit")
class TestLayersTest {
  static final List<String> LAYERS = List.of("unit", "pipeline", "quality", "integration");
  static final List<Path> TREES = List.of(Path.of("../common/src/test/java"), Path.of("src/test/java"),
      Path.of("../sample-data/src/test/java"), Path.of("../evaluation/src/test/java"),
      Path.of("../integration/src/test/java"));
  /** The checkout, to name the offending files from it. */
  private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  private static final Pattern TAG = Pattern.compile("@(?:org\\.junit\\.jupiter\\.api\\.)?Tag\\(\\s*\"([^\"]*)\"\\s*\\)");

  @Test
  void everyTestClassHasExactlyOneLayerTag() throws IOException {
    List<String> offending = new ArrayList<>();
    int checked = 0;
    for (Path tree : TREES) {
      assertTrue(Files.isDirectory(tree), "no test sources at " + tree.toAbsolutePath().normalize());
      List<Path> files;
      try (Stream<Path> walk = Files.walk(tree)) {
        files = walk.filter(p -> p.getFileName().toString().endsWith("Test.java")).sorted().toList();
      }
      for (Path f : files) {
        checked++;
        List<String> layers = new ArrayList<>();
        Matcher m = TAG.matcher(Files.readString(f));
        while (m.find()) {
          if (LAYERS.contains(m.group(1))) {
            layers.add(m.group(1));
          }
        }
        if (layers.size() != 1) {
          offending.add(ROOT.relativize(f.toAbsolutePath().normalize()) + " "
              + (layers.isEmpty() ? "has no layer tag" : "has " + layers));
        }
      }
    }
    assertTrue(checked > 0, "no *Test.java found under " + TREES);
    assertTrue(offending.isEmpty(), "each test class needs exactly one of @Tag(\"unit\"), @Tag(\"pipeline\"), "
        + "@Tag(\"quality\") or @Tag(\"integration\") (see README, Quick start):\n  " + String.join("\n  ", offending));
  }
}
