package com.influencelakehouse.evaluation.bench;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.jobs.JobGraph;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/bench crash [SCALE]}: the crash matrix. Generates a world, runs the nightly once clean,
 * then for each job of the graph kills a run one second after that job started (SIGKILL), runs the
 * same command again and compares every table with the clean run; also kills while the catalog is
 * registered, and kills a run, runs the next night, then the killed dates again. Prints one line
 * per point: jobs in flight, re-run exit and time, whether every checksum equals the clean run's.
 * A third argument N starts at the N-th point of that order (0-based), to resume a stopped bench;
 * {@code next-night} runs only the killed-then-next-night point.
 */
public final class CrashBench {
  private static final int STRIDE = 4;

  private CrashBench() {}

  public static void main(String[] args) {
    BenchSetup setup = BenchSetup.generate(new String[] {args.length > 0 ? args[0] : "tiny",
        (args.length > 1 ? args[1] : "/tmp/lakehouse-crash") + "/generated"});
    Path work = Path.of(args.length > 1 ? args[1] : "/tmp/lakehouse-crash").resolve("runs");
    String first = setup.generated().firstDate().toString();
    String last = setup.generated().lastDate().toString();
    // Enough examples to train and score at this scale: the kill points cover training and scoring too.
    String train = "-Dlakehouse.models.min-examples=100";
    if (args.length > 2 && args[2].equals("next-night")) {
      killedThenNextNight(setup, work, train);
      return;
    }
    List<String> range = List.of("nightly", "--from", first, "--to", last, train);
    CrashMatrix matrix = new CrashMatrix(work, Path.of(setup.config().warehouse().landing()), range);
    long t0 = System.nanoTime();
    Map<String, String> clean = matrix.clean();
    System.out.printf("== crash matrix at %s (%s..%s): clean run and checksums %.0f s, %d tables%n", setup.scale(),
        first, last, (System.nanoTime() - t0) / 1e9, clean.size());
    System.out.println("point | jobs in flight at the kill | re-run exit | re-run s | tables equal");
    List<CrashMatrix.Point> inGraphOrder = new ArrayList<>();
    List<Job> jobs = JobGraph.nightly().inOrder();
    jobs.forEach(j -> inGraphOrder.add(CrashMatrix.Point.afterStartOf(j.name(), 1_000)));
    inGraphOrder.add(new CrashMatrix.Point("catalog registration", "done  " + jobs.get(jobs.size() - 1).name(), 200));
    // Every fourth point first, then the ones between: a run stopped early still spans every stage.
    List<CrashMatrix.Point> points = new ArrayList<>();
    for (int k = 0; k < STRIDE; k++) {
      for (int i = k; i < inGraphOrder.size(); i += STRIDE) {
        points.add(inGraphOrder.get(i));
      }
    }
    int equal = 0;
    int firstPass = (inGraphOrder.size() + STRIDE - 1) / STRIDE;
    int from = args.length > 2 ? Integer.parseInt(args[2]) : 0;
    System.out.printf("%d points in this order: %s; starting at point %d%n", points.size(),
        points.stream().map(CrashMatrix.Point::label).toList(), from);
    for (int i = from; i < points.size(); i++) {
      equal += print(matrix.kill(points.get(i), clean, null, List.of())) ? 1 : 0;
      if (i == Math.max(firstPass, from + 1) - 1) {
        equal += killedThenNextNight(setup, work, train) ? 1 : 0;
      }
    }
    System.out.printf("%d of %d points: every table equal to the clean run's%n", equal, points.size() - from + 1);
  }

  /**
   * Killed, then the next night is started before the killed dates are run again: it must be refused
   * (a night on top of a hole in history would differ from the clean run for good), then the killed
   * dates and the next night run, and the warehouse equals running both in order.
   */
  private static boolean killedThenNextNight(BenchSetup setup, Path work, String train) {
    String first = setup.generated().firstDate().toString();
    String last = setup.generated().lastDate().toString();
    String dayBefore = setup.generated().lastDate().minusDays(1).toString();
    List<String> earlier = List.of("nightly", "--from", first, "--to", dayBefore, train);
    List<String> next = List.of("nightly", "--date", last, train);
    CrashMatrix other = new CrashMatrix(work, Path.of(setup.config().warehouse().landing()), earlier);
    Map<String, String> inOrder = other.clean("clean-then-next", List.of(earlier, next));
    CrashMatrix.Outcome o = other.kill(CrashMatrix.Point.afterStartOf("conform_posts", 1_000), inOrder, next,
        List.of(earlier, next));
    System.out.println("(killed; the next night: " + o.firstRerun() + "; then the killed dates and the next night)");
    return print(o);
  }

  private static boolean print(CrashMatrix.Outcome o) {
    System.out.printf("%s | %s | %d | %.0f | %s%n", o.point().label(), o.killed() ? o.inFlight() : "(ended first)",
        o.rerunExit(), o.rerunSeconds(), o.equal() ? "yes" : "NO " + o.differing());
    System.out.flush();
    return o.equal();
  }
}
