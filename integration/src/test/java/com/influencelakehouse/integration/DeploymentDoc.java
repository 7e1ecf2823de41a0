package com.influencelakehouse.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The spark-submit lines of docs/deployment.md that the tests run: each follows a marker
 * {@code <!-- tested: NAME -->} and is taken from the doc as written, its {@code $VARIABLES} filled in
 * by the test. So the doc's commands are the ones the tests run.
 */
final class DeploymentDoc {
  static final Path DOC = SparkDistribution.CHECKOUT.resolve("docs/deployment.md");
  private static final Pattern VARIABLE = Pattern.compile("\\$([A-Z_]+)|\\$\\{([A-Z_]+)}");

  private DeploymentDoc() {}

  /** The arguments after {@code spark-submit} of the block marked {@code name}, variables substituted. */
  static List<String> sparkSubmitArgs(String name, Map<String, String> variables) {
    List<String> words = words(block(name), variables);
    if (words.isEmpty() || !words.get(0).equals("spark-submit")) {
      throw new AssertionError(DOC + ": the block marked tested: " + name + " is not a spark-submit line: " + words);
    }
    return words.subList(1, words.size());
  }

  static String block(String name) {
    List<String> lines;
    try {
      lines = Files.readAllLines(DOC);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int marker = lines.indexOf("<!-- tested: " + name + " -->");
    if (marker < 0 || marker + 1 >= lines.size() || !lines.get(marker + 1).startsWith("```")) {
      throw new AssertionError(DOC + " has no fenced block after <!-- tested: " + name + " -->");
    }
    StringBuilder command = new StringBuilder();
    for (int i = marker + 2; i < lines.size() && !lines.get(i).startsWith("```"); i++) {
      String line = lines.get(i).strip();
      command.append(line.endsWith("\\") ? line.substring(0, line.length() - 1) : line).append(' ');
    }
    return command.toString().strip();
  }

  /** Shell-like words: whitespace-separated, double quotes grouping, $VAR and ${VAR} substituted. */
  static List<String> words(String command, Map<String, String> variables) {
    List<String> out = new ArrayList<>();
    StringBuilder word = new StringBuilder();
    boolean quoted = false;
    boolean inWord = false;
    for (int i = 0; i < command.length(); i++) {
      char c = command.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        inWord = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (inWord) {
          out.add(substitute(word.toString(), variables));
          word.setLength(0);
          inWord = false;
        }
      } else {
        word.append(c);
        inWord = true;
      }
    }
    if (quoted) {
      throw new AssertionError("unbalanced quotes in: " + command);
    }
    if (inWord) {
      out.add(substitute(word.toString(), variables));
    }
    return out;
  }

  private static String substitute(String word, Map<String, String> variables) {
    Matcher m = VARIABLE.matcher(word);
    StringBuilder sb = new StringBuilder();
    while (m.find()) {
      String name = m.group(1) != null ? m.group(1) : m.group(2);
      String value = variables.get(name);
      if (value == null) {
        throw new AssertionError(DOC + " uses $" + name + ", which the test does not set (it sets "
            + variables.keySet() + ")");
      }
      m.appendReplacement(sb, Matcher.quoteReplacement(value));
    }
    m.appendTail(sb);
    return sb.toString();
  }
}
