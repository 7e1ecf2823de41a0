package com.influencelakehouse.jobs.gold;

import static com.influencelakehouse.jobs.gold.FeatureWindows.FEATURE_DATE;
import static org.apache.spark.sql.functions.array_contains;
import static org.apache.spark.sql.functions.array_distinct;
import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.count;
import static org.apache.spark.sql.functions.count_distinct;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.job.DateRange;
import java.sql.Date;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.RealVector;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.expressions.Window;
import scala.Tuple2;

/**
 * Engagement lift per content label, estimated within influencers: ln(engagements at the engagement
 * age) regressed on label indicators, media type and sponsorship, every variable demeaned per
 * influencer (fixed effects), so an influencer's size, niche and habits cancel out and only how the
 * same influencer's posts with and without a label differ remains. Spark computes the sufficient
 * statistics (cross-products) per as-of date in one pass; the small normal equations (one unknown per
 * label) are solved on the driver.
 */
public final class ContentLift {
  static final List<String> MEDIA_DUMMIES = List.of("VIDEO", "CAROUSEL_ALBUM", "REELS");
  private static final String KEY = "influencer_key";
  private static final double Z95 = new NormalDistribution().inverseCumulativeProbability(0.975);
  /**
   * A label is ranked among the supported ones only when at least this many influencers posted both
   * with and without it in the window (only they inform a within-influencer lift); the others rank
   * after all supported labels.
   */
  static final int MIN_RANK_INFLUENCERS = 10;

  private ContentLift() {}

  /** Labels carried by at least {@code minPosts} posts of the frame: the regression's unknowns. */
  public static List<String> vocabulary(Dataset<Row> atAge, int minPosts) {
    List<String> labels = new ArrayList<>();
    for (Row r : atAge.select(explode(col("labels")).as("label")).groupBy("label").agg(count(lit(1)).as("n"))
        .where(col("n").geq(minPosts)).orderBy("label").collectAsList()) {
      labels.add(r.getString(0));
    }
    return labels;
  }

  /**
   * One row per label and as-of date of the range, columns as {@code gold.content_label_lift}. The rank
   * orders labels supported by {@link #MIN_RANK_INFLUENCERS} influencers before the others, each group by
   * {@link #conservativeLogLift} (then the point estimate, then the label), so a large but uncertain lift
   * does not come first.
   *
   * @param atAge  posts with engagement at age ({@link PostFeatures#engagementAtAge})
   * @param labels the labels to estimate ({@link #vocabulary})
   */
  public static List<Row> estimate(Dataset<Row> atAge, List<String> labels, int minPosts, int historyDays,
      DateRange dates) {
    List<String> names = new ArrayList<>();
    List<Column> xs = new ArrayList<>();
    for (int i = 0; i < labels.size(); i++) {
      names.add("x" + i);
      xs.add(when(array_contains(col("labels"), labels.get(i)), 1.0).otherwise(0.0).as("x" + i));
    }
    for (String media : MEDIA_DUMMIES) {
      names.add("x" + names.size());
      xs.add(when(col("media_type").equalTo(media), 1.0).otherwise(0.0).as(names.get(names.size() - 1)));
    }
    names.add("x" + names.size());
    xs.add(when(col("is_sponsored"), 1.0).otherwise(0.0).as(names.get(names.size() - 1)));
    int k = names.size();

    List<Column> select = new ArrayList<>(List.of(col(KEY), col(FEATURE_DATE), log(col("engagements")).as("y")));
    select.addAll(xs);
    Dataset<Row> window = FeatureWindows.trailing(atAge.where(col("engagements").gt(0)), col("available_date"),
        historyDays, dates);
    Dataset<Row> rows = window.select(select.toArray(Column[]::new));
    var byInfluencer = Window.partitionBy(KEY, FEATURE_DATE);
    List<Column> demeaned = new ArrayList<>(List.of(col(FEATURE_DATE)));
    for (String v : concat("y", names)) {
      demeaned.add(col(v).minus(avg(col(v)).over(byInfluencer)).as("d_" + v));
    }
    for (int a = 0; a < labels.size(); a++) {
      demeaned.add(col("x" + a));
    }
    // Cross-products summed per as-of date in plain Java per partition, then across partitions: a
    // few hundred sums per row are far cheaper this way than as as many SQL aggregate functions.
    int width = 2 + k + k * k + labels.size();
    Map<Date, double[]> stats = rows.select(demeaned.toArray(Column[]::new)).javaRDD()
        .mapPartitionsToPair(it -> {
          Map<Date, double[]> acc = new HashMap<>();
          while (it.hasNext()) {
            Row r = it.next();
            double[] s = acc.computeIfAbsent(r.getDate(0), d -> new double[width]);
            double y = r.getDouble(1);
            s[0] += 1;
            s[1] += y * y;
            for (int a = 0; a < k; a++) {
              double xa = r.getDouble(2 + a);
              s[2 + a] += xa * y;
              for (int b = 0; b < k; b++) {
                s[2 + k + a * k + b] += xa * r.getDouble(2 + b);
              }
            }
            for (int a = 0; a < width - 2 - k - k * k; a++) {
              s[2 + k + k * k + a] += r.getDouble(2 + k + a);
            }
          }
          List<Tuple2<Date, double[]>> out = new ArrayList<>();
          acc.forEach((d, v) -> out.add(new Tuple2<>(d, v)));
          return out.iterator();
        })
        .reduceByKey(ContentLift::add)
        .collectAsMap();
    Map<Date, Long> groups = new HashMap<>();
    for (Row r : rows.groupBy(col(FEATURE_DATE)).agg(count_distinct(col(KEY))).collectAsList()) {
      groups.put(r.getDate(0), r.getLong(1));
    }
    // Per label: influencers who posted it, and those of them who also posted without it.
    Map<Date, Map<String, long[]>> influencers = new HashMap<>();
    for (Row r : window.withColumn("_posts", count(lit(1)).over(Window.partitionBy(KEY, FEATURE_DATE)))
        .select(col(FEATURE_DATE), col(KEY), col("_posts"), explode(array_distinct(col("labels"))).as("label"))
        .groupBy(col(FEATURE_DATE), col(KEY), col("label")).agg(count(lit(1)).as("_with"), max("_posts").as("_posts"))
        .groupBy(col(FEATURE_DATE), col("label"))
        .agg(count(lit(1)), count(when(col("_with").lt(col("_posts")), lit(1)))).collectAsList()) {
      influencers.computeIfAbsent(r.getDate(0), d -> new HashMap<>())
          .put(r.getString(1), new long[] {r.getLong(2), r.getLong(3)});
    }
    List<Row> out = new ArrayList<>();
    // One set of sufficient statistics per as-of date: as many as days in the range.
    for (Map.Entry<Date, double[]> e : new TreeMap<>(stats).entrySet()) {
      out.addAll(solve(e.getKey(), e.getValue(), groups.get(e.getKey()),
          influencers.getOrDefault(e.getKey(), Map.of()), labels, k, minPosts));
    }
    return out;
  }

  private static double[] add(double[] a, double[] b) {
    double[] c = a.clone();
    for (int i = 0; i < c.length; i++) {
      c[i] += b[i];
    }
    return c;
  }

  private static List<Row> solve(Date asOf, double[] s, long groups, Map<String, long[]> influencers,
      List<String> labels, int k, int minPosts) {
    long n = Math.round(s[0]);
    List<Integer> keep = new ArrayList<>();
    for (int a = 0; a < k; a++) {
      double xx = s[2 + k + a * k + a];
      boolean enough = a >= labels.size() || s[2 + k + k * k + a] >= minPosts;
      if (enough && xx > 1e-9) {
        keep.add(a);
      }
    }
    int m = keep.size();
    long dof = n - groups - m;
    if (m == 0 || dof <= 0) {
      return List.of();
    }
    RealMatrix xtx = new Array2DRowRealMatrix(m, m);
    RealVector xty = new ArrayRealVector(m);
    for (int i = 0; i < m; i++) {
      xty.setEntry(i, s[2 + keep.get(i)]);
      for (int j = 0; j < m; j++) {
        xtx.setEntry(i, j, s[2 + k + keep.get(i) * k + keep.get(j)]);
      }
    }
    DecompositionSolver solver = new LUDecomposition(xtx).getSolver();
    if (!solver.isNonSingular()) {
      return List.of();
    }
    RealVector beta = solver.solve(xty);
    RealMatrix inverse = solver.getInverse();
    double sigma2 = Math.max(0, s[1] - beta.dotProduct(xty)) / dof;
    List<Object[]> rows = new ArrayList<>();
    List<Ranked> order = new ArrayList<>();
    for (int i = 0; i < m; i++) {
      int a = keep.get(i);
      if (a >= labels.size()) {
        continue;
      }
      double b = beta.getEntry(i);
      double se = Math.sqrt(sigma2 * inverse.getEntry(i, i));
      long[] support = influencers.getOrDefault(labels.get(a), new long[2]);
      order.add(new Ranked(rows.size(), support[1] >= MIN_RANK_INFLUENCERS, conservativeLogLift(b, se), b,
          labels.get(a)));
      rows.add(new Object[] {asOf, labels.get(a), Math.exp(b), Math.exp(b - Z95 * se), Math.exp(b + Z95 * se), b, se,
          Math.round(s[2 + k + k * k + a]), support[0], 0, n});
    }
    order.sort(RANKING);
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < order.size(); i++) {
      Object[] row = rows.get(order.get(i).row());
      row[9] = i + 1;
      out.add(RowFactory.create(row));
    }
    return out;
  }

  /**
   * The end of the 95 % interval of a log lift nearest 0 (no effect), 0 when the interval holds 0:
   * sign(b) * max(0, |b| - z * se). A wide interval moves a label towards "no effect", not to the top
   * or the bottom.
   */
  static double conservativeLogLift(double b, double se) {
    return Math.signum(b) * Math.max(0, Math.abs(b) - Z95 * se);
  }

  /** A label's place in the ranking: supported labels first, then by the conservative lift, point estimate, name. */
  record Ranked(int row, boolean supported, double conservative, double logLift, String label) {}

  static final Comparator<Ranked> RANKING = Comparator.comparing((Ranked r) -> !r.supported())
      .thenComparing(Comparator.comparingDouble(Ranked::conservative).reversed())
      .thenComparing(Comparator.comparingDouble(Ranked::logLift).reversed())
      .thenComparing(Ranked::label);

  private static List<String> concat(String head, List<String> tail) {
    List<String> all = new ArrayList<>(List.of(head));
    all.addAll(tail);
    return all;
  }
}
