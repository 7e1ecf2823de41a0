package com.influencelakehouse.common.config;

import java.util.List;

/** A configuration problem found at start-up; the message names every offending key and the file it came from. */
public final class ConfigError extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final List<String> problems;

  public ConfigError(List<String> problems, List<String> layers) {
    super(format(problems, layers));
    this.problems = List.copyOf(problems);
  }

  public ConfigError(String problem) {
    this(List.of(problem), List.of());
  }

  /** Each problem on its own, for tests and tools. */
  public List<String> problems() {
    return problems;
  }

  private static String format(List<String> problems, List<String> layers) {
    StringBuilder sb = new StringBuilder("Invalid configuration (")
        .append(problems.size()).append(problems.size() == 1 ? " problem" : " problems").append("):");
    for (String p : problems) {
      sb.append("\n  - ").append(p);
    }
    if (!layers.isEmpty()) {
      sb.append("\nLoaded, highest precedence first: ").append(String.join(", ", layers));
    }
    return sb.toString();
  }
}
