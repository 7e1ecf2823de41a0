package com.influencelakehouse.evaluation.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Crash consistency, measured: runs the nightly command in its own JVM, kills it with SIGKILL at a
 * chosen point (some time after a job started, or after the last job ended, while the catalog is
 * registered), runs the same command again, and compares every table's checksum with a clean
 * run's. Each point runs on its own copy of the landing zone. Used by {@code CrashConsistencyTest}
 * (a few points, in CI) and by {@code bin/bench crash} (a point per job, the closing table).
 */
public final class CrashMatrix {
  /** The run's history, legitimately different after a kill (the killed run's own rows). */
  static final Set<String> HISTORY = Set.of("audit.run_log");

  /** Where to kill: {@code delayMs} after the progress line containing {@code marker}. */
  public record Point(String label, String marker, long delayMs) {
    /** {@code delayMs} after job {@code job} started. */
    public static Point afterStartOf(String job, long delayMs) {
      return new Point(job + " +" + delayMs + " ms", " start " + job + " ", delayMs);
    }
  }

  /**
   * What happened at one point: {@code firstRerun} is the first command after the kill (its exit and
   * {@code FAILED:} line, when it was refused); {@code rerunExit} the last command's.
   */
  public record Outcome(Point point, boolean killed, String inFlight, String firstRerun, int rerunExit,
      double rerunSeconds, List<String> differing, String rerunTail) {
    public boolean equal() {
      return killed && rerunExit == 0 && differing.isEmpty();
    }
  }

  private final Path work;
  private final Path landing;
  private final List<String> command;

  /**
   * @param work    scratch folder: one warehouse per point under it
   * @param landing a generated landing zone, copied into each warehouse
   * @param command the CLI arguments of the run, e.g. {@code nightly --from A --to B}
   */
  public CrashMatrix(Path work, Path landing, List<String> command) {
    this.work = work;
    this.landing = landing;
    this.command = List.copyOf(command);
  }

  /** A clean run's checksums (the reference), table by table. */
  public Map<String, String> clean() {
    return clean("clean", List.of(command));
  }

  /** The checksums after clean runs of {@code commands}, one after the other, on a fresh copy named {@code name}. */
  public Map<String, String> clean(String name, List<List<String>> commands) {
    Path root = prepare(name);
    for (List<String> c : commands) {
      Run r = run(root, c, null);
      if (r.exit != 0) {
        throw new IllegalStateException("the clean run " + c + " failed (exit " + r.exit + "):\n" + r.tail());
      }
    }
    return checksums(root);
  }

  /**
   * Kills a run at {@code point}, runs {@code rerun} (default: the same command), then each of
   * {@code after} whatever the one before ended with (a refusal is an outcome), and compares with
   * {@code reference}.
   */
  public Outcome kill(Point point, Map<String, String> reference, List<String> rerun, List<List<String>> after) {
    Path root = prepare(point.label().replaceAll("[^A-Za-z0-9_.+-]", "_"));
    Run killed = run(root, command, point);
    long t0 = System.nanoTime();
    Run again = run(root, rerun == null ? command : rerun, null);
    String first = "exit " + again.exit + again.lines.stream().filter(l -> l.startsWith("FAILED:")).findFirst()
        .map(l -> " (" + l + ")").orElse("");
    for (List<String> next : after) {
      again = run(root, next, null);
    }
    double seconds = (System.nanoTime() - t0) / 1e9;
    List<String> differing = new ArrayList<>();
    if (again.exit == 0) {
      Map<String, String> got = checksums(root);
      Set<String> names = new LinkedHashSet<>(reference.keySet());
      names.addAll(got.keySet());
      for (String t : names) {
        if (!HISTORY.contains(t) && !String.valueOf(reference.get(t)).equals(String.valueOf(got.get(t)))) {
          differing.add(t + " (clean " + reference.get(t) + ", after the kill " + got.get(t) + ")");
        }
      }
    }
    return new Outcome(point, killed.killed, killed.inFlight, first, again.exit, seconds, differing, again.tail());
  }

  private Path prepare(String name) {
    Path root = work.resolve(name);
    try {
      if (Files.exists(root)) {
        try (Stream<Path> all = Files.walk(root)) {
          all.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
      }
      Path target = root.resolve("landing");
      try (Stream<Path> all = Files.walk(landing)) {
        for (Path p : (Iterable<Path>) all::iterator) {
          Path to = target.resolve(landing.relativize(p).toString());
          if (Files.isDirectory(p)) {
            Files.createDirectories(to);
          } else {
            Files.copy(p, to);
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare " + root, e);
    }
    return root;
  }

  private static final class Run {
    int exit;
    boolean killed;
    String inFlight = "";
    final List<String> lines = new ArrayList<>();

    String tail() {
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }
  }

  /** Runs the CLI in its own JVM on {@code root}; with a point, kills it there (SIGKILL). */
  private Run run(Path root, List<String> args, Point point) {
    List<String> cmd = new ArrayList<>(jvm(root));
    cmd.add("com.influencelakehouse.jobs.cli.LakehouseCli");
    cmd.addAll(args);
    cmd.add("-Dlakehouse.warehouse.root=" + root);
    Run r = new Run();
    try {
      ProcessBuilder pb = new ProcessBuilder(cmd).redirectErrorStream(true).directory(checkout().toFile());
      pb.environment().put("SPARK_LOCAL_IP", "127.0.0.1");
      Process p = pb.start();
      Set<String> running = new LinkedHashSet<>();
      long killAt = Long.MAX_VALUE;
      try (BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
        String line;
        while ((line = out.readLine()) != null) {
          track(line, r, running);
          if (point != null && killAt == Long.MAX_VALUE && line.contains(point.marker())) {
            killAt = System.nanoTime() + point.delayMs() * 1_000_000L;
            long wait = point.delayMs();
            if (wait > 0) {
              // Keep reading on another thread while waiting, so the child never blocks on a full pipe.
              Thread drain = drain(out, r, running);
              Thread.sleep(wait);
              kill(p, r, running);
              drain.join(10_000);
              break;
            }
            kill(p, r, running);
            break;
          }
        }
      }
      r.exit = p.waitFor(60, TimeUnit.MINUTES) ? p.exitValue() : -1;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot run " + cmd, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
    return r;
  }

  private static final java.util.regex.Pattern PROGRESS =
      java.util.regex.Pattern.compile(" (start|done|skip|FAILED) +([a-z_]+)");

  /** Keeps a child's output line and the jobs its progress lines say are running. */
  private static void track(String line, Run r, Set<String> running) {
    synchronized (r) {
      r.lines.add(line);
      java.util.regex.Matcher m = PROGRESS.matcher(line);
      if (m.find()) {
        if (m.group(1).equals("start")) {
          running.add(m.group(2));
        } else {
          running.remove(m.group(2));
        }
      }
    }
  }

  private static Thread drain(BufferedReader out, Run r, Set<String> running) {
    Thread t = new Thread(() -> {
      try {
        String line;
        while ((line = out.readLine()) != null) {
          track(line, r, running);
        }
      } catch (IOException e) {
        // the process was killed: its pipe closes
      }
    });
    t.setDaemon(true);
    t.start();
    return t;
  }

  private static void kill(Process p, Run r, Set<String> running) {
    synchronized (r) {
      r.inFlight = p.isAlive() ? String.join(", ", running) : "(had ended)";
      r.killed = p.isAlive();
    }
    p.destroyForcibly(); // SIGKILL: no shutdown hook, no finally block
    try {
      p.waitFor(60, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Each table's checksum, from {@code lakehouse tables --checksums} in its own JVM. */
  public Map<String, String> checksums(Path root) {
    Run r = run(root, List.of("tables", "--checksums"), null);
    if (r.exit != 0) {
      throw new IllegalStateException("tables --checksums failed:\n" + r.tail());
    }
    Map<String, String> out = new TreeMap<>();
    for (String line : r.lines) {
      java.util.regex.Matcher m = CHECKSUM.matcher(line);
      if (m.matches()) {
        out.put(m.group(1), m.group(2));
      }
    }
    return out;
  }

  private static final java.util.regex.Pattern CHECKSUM =
      java.util.regex.Pattern.compile("^([a-z_]+\\.[a-z_0-9]+)\\s+(\\d+ rows, -?\\d+)$");

  /** This JVM's Java, classpath and Spark flags, with the checkout's console and file logging. */
  private static List<String> jvm(Path root) {
    List<String> cmd = new ArrayList<>();
    cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("--add-") || a.startsWith("-XX:") || a.startsWith("--enable-native") || a.startsWith("-Djdk.")
          || a.startsWith("-Dio.netty")) {
        cmd.add(a);
      }
    }
    cmd.add("-Xmx3g");
    Path conf = checkout().resolve("conf/log4j2.properties");
    cmd.add("-Dlog4j2.configurationFile=" + conf);
    cmd.add("-Dlog.lakehouse.file=" + root.resolve("lakehouse.log"));
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    return cmd;
  }

  /** The checkout: the working directory or the first parent with conf/log4j2.properties. */
  static Path checkout() {
    for (Path p = Path.of("").toAbsolutePath(); p != null; p = p.getParent()) {
      if (Files.exists(p.resolve("conf/log4j2.properties")) && Files.exists(p.resolve("conf/application.conf"))) {
        return p;
      }
    }
    throw new IllegalStateException("no checkout (conf/log4j2.properties) above " + Path.of("").toAbsolutePath());
  }
}
