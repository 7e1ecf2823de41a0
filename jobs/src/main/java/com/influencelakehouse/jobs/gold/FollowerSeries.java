package com.influencelakehouse.jobs.gold;

import static org.apache.spark.sql.functions.col;

import com.influencelakehouse.common.job.DateRange;
import java.io.Serializable;
import java.sql.Date;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.ArrayRealVector;
import org.apache.commons.math3.linear.DecompositionSolver;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.RealVector;
import org.apache.spark.api.java.function.FlatMapGroupsFunction;
import org.apache.spark.api.java.function.MapFunction;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Encoders;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Audience features from each influencer's daily follower series, computed per influencer (the
 * series of one influencer is a few hundred numbers): follower growth, the median daily growth with
 * bought-follower spikes left out, the largest one-day jump, and the change point of the
 * spike-adjusted log-follower curve (the day a two-segment line fits best), which dates a trend.
 */
public final class FollowerSeries implements Serializable {
  private static final long serialVersionUID = 1L;
  /** A one-day follower jump of 10 % or more is a spike: organic growth is a fraction of a percent a day. */
  public static final double SPIKE_JUMP = 0.10;
  /** Fewer daily growths than this in the recent window leave the median growth undefined. */
  static final int MIN_GROWTHS = 7;
  /** A change point is searched at least this many days inside the trend window, on each side. */
  static final int CHANGE_MARGIN_DAYS = 7;

  public static final StructType SCHEMA = new StructType()
      .add("influencer_key", DataTypes.StringType, false)
      .add(FeatureWindows.FEATURE_DATE, DataTypes.DateType, false)
      .add("followers", DataTypes.LongType, false)
      .add("following_follower_ratio", DataTypes.DoubleType, true)
      .add("follower_growth_7d", DataTypes.DoubleType, true)
      .add("follower_growth_28d", DataTypes.DoubleType, true)
      .add("follower_growth_median_pct", DataTypes.DoubleType, true)
      .add("max_follower_jump", DataTypes.DoubleType, true)
      .add("follower_spike_recent", DataTypes.BooleanType, false)
      .add("follower_change_date", DataTypes.DateType, true);

  private final int recentDays;
  private final int historyDays;
  private final int trendDays;

  public FollowerSeries(int recentDays, int historyDays, int trendDays) {
    this.recentDays = recentDays;
    this.historyDays = historyDays;
    this.trendDays = trendDays;
  }

  /**
   * One row per influencer and feature date of the range that has a snapshot on or before it.
   *
   * @param daily {@code influencer_key, snapshot_date, followers_count, following_count}, reaching back
   *              far enough for the longest window (see {@link #lookbackDays()})
   */
  public Dataset<Row> features(Dataset<Row> daily, DateRange dates) {
    long from = dates.from().toEpochDay();
    long to = dates.to().toEpochDay();
    FollowerSeries self = this;
    return daily.select(col("influencer_key"), col("snapshot_date"), col("followers_count"), col("following_count"))
        .groupByKey((MapFunction<Row, String>) r -> r.getString(0), Encoders.STRING())
        .flatMapGroups((FlatMapGroupsFunction<String, Row, Row>) (key, rows) -> {
          List<long[]> points = new ArrayList<>();
          while (rows.hasNext()) {
            Row r = rows.next();
            points.add(new long[] {r.getDate(1).toLocalDate().toEpochDay(), r.getLong(2), r.getLong(3)});
          }
          return self.series(key, points, from, to).iterator();
        }, Encoders.row(SCHEMA));
  }

  /** Days before the first feature date this needs. */
  public int lookbackDays() {
    return Math.max(historyDays, Math.max(trendDays, 28)) + 1;
  }

  /** The rows of one influencer: points are {epoch day, followers, following}, in any order. */
  List<Row> series(String key, List<long[]> points, long from, long to) {
    long[][] p = points.toArray(long[][]::new);
    Arrays.sort(p, (a, b) -> Long.compare(a[0], b[0]));
    List<Row> out = new ArrayList<>();
    for (long d = from; d <= to; d++) {
      int i = lastAtOrBefore(p, d);
      if (i < 0) {
        continue;
      }
      long followers = p[i][1];
      Double ratio = followers > 0 ? (double) p[i][2] / followers : null;
      Double jump = maxJump(p, d);
      out.add(RowFactory.create(key, Date.valueOf(LocalDate.ofEpochDay(d)), followers, ratio,
          growth(p, i, d - 7), growth(p, i, d - 28), medianGrowthPct(p, d), jump,
          jump != null && jump >= SPIKE_JUMP, changeDate(p, d)));
    }
    return out;
  }

  private static int lastAtOrBefore(long[][] p, long day) {
    int found = -1;
    for (int i = 0; i < p.length && p[i][0] <= day; i++) {
      found = i;
    }
    return found;
  }

  private static Double growth(long[][] p, int i, long before) {
    int j = lastAtOrBefore(p, before);
    return j < 0 || p[j][1] <= 0 || p[i][1] <= 0 ? null : Math.log((double) p[i][1] / p[j][1]);
  }

  /** Log growth per day between point k-1 and k, or NaN when undefined. */
  private static double dailyGrowth(long[][] p, int k) {
    if (k < 1 || p[k][1] <= 0 || p[k - 1][1] <= 0) {
      return Double.NaN;
    }
    return Math.log((double) p[k][1] / p[k - 1][1]) / (p[k][0] - p[k - 1][0]);
  }

  private static boolean isSpike(long[][] p, int k) {
    double g = dailyGrowth(p, k);
    return !Double.isNaN(g) && Math.expm1(g * (p[k][0] - p[k - 1][0])) >= SPIKE_JUMP;
  }

  private Double medianGrowthPct(long[][] p, long d) {
    List<Double> g = new ArrayList<>();
    for (int k = 1; k < p.length && p[k][0] <= d; k++) {
      if (p[k][0] > d - recentDays && !isSpike(p, k) && !Double.isNaN(dailyGrowth(p, k))) {
        g.add(dailyGrowth(p, k));
      }
    }
    if (g.size() < MIN_GROWTHS) {
      return null;
    }
    g.sort(Double::compare);
    int n = g.size();
    double median = n % 2 == 1 ? g.get(n / 2) : (g.get(n / 2 - 1) + g.get(n / 2)) / 2;
    return 100 * median;
  }

  private Double maxJump(long[][] p, long d) {
    Double max = null;
    for (int k = 1; k < p.length && p[k][0] <= d; k++) {
      double g = dailyGrowth(p, k);
      if (p[k][0] > d - historyDays && !Double.isNaN(g)) {
        double jump = Math.expm1(g * (p[k][0] - p[k - 1][0]));
        max = max == null ? jump : Math.max(max, jump);
      }
    }
    return max;
  }

  /**
   * The day at which a continuous two-segment line (y = a + b t + c max(0, t - k)) best fits the
   * spike-adjusted log-follower curve of the trend window: where growth changed.
   */
  private Date changeDate(long[][] p, long d) {
    long start = d - trendDays;
    List<double[]> pts = new ArrayList<>();
    double y = 0;
    for (int k = 0; k < p.length && p[k][0] <= d; k++) {
      if (p[k][0] < start || p[k][1] <= 0) {
        continue;
      }
      if (!pts.isEmpty()) {
        y += isSpike(p, k) || Double.isNaN(dailyGrowth(p, k)) ? 0 : Math.log((double) p[k][1] / p[k - 1][1]);
      }
      pts.add(new double[] {p[k][0] - start, y});
    }
    if (pts.size() < 3 * CHANGE_MARGIN_DAYS) {
      return null;
    }
    double best = Double.POSITIVE_INFINITY;
    long bestDay = -1;
    for (long c = CHANGE_MARGIN_DAYS; c <= trendDays - CHANGE_MARGIN_DAYS; c++) {
      double sse = hingeSse(pts, c);
      if (sse < best - 1e-12) {
        best = sse;
        bestDay = start + c;
      }
    }
    return bestDay < 0 ? null : Date.valueOf(LocalDate.ofEpochDay(bestDay));
  }

  private static double hingeSse(List<double[]> pts, double c) {
    double[][] xtx = new double[3][3];
    double[] xty = new double[3];
    double yy = 0;
    for (double[] pt : pts) {
      double[] x = {1, pt[0], Math.max(0, pt[0] - c)};
      for (int a = 0; a < 3; a++) {
        xty[a] += x[a] * pt[1];
        for (int b = 0; b < 3; b++) {
          xtx[a][b] += x[a] * x[b];
        }
      }
      yy += pt[1] * pt[1];
    }
    DecompositionSolver solver = new LUDecomposition(new Array2DRowRealMatrix(xtx, false)).getSolver();
    if (!solver.isNonSingular()) {
      return Double.POSITIVE_INFINITY;
    }
    RealVector beta = solver.solve(new ArrayRealVector(xty, false));
    return yy - beta.dotProduct(new ArrayRealVector(xty, false));
  }
}
