package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.collect_list;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.struct;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.greatest;
import static org.apache.spark.sql.functions.least;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.sqrt;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How sure a posting probability is: the spread of influencers' willingness to post that the model's
 * inputs leave unexplained, as a random effect on the log-odds.
 *
 * <p>The model: an offer's true log-odds are {@code a + s·u}, u standard normal and the same for all
 * offers of one influencer, where {@code a = logit(p)·sqrt(1 + π s²/8)} keeps the mean probability at
 * the calibrated p (the probit approximation of E[sigmoid(a + s·u)]). The spread s is estimated by
 * maximum marginal likelihood (u integrated out on {@link #NODES} equal-weight normal quantiles) over
 * the examples a model version trains on, grouped by influencer, separately per history bucket of
 * resolved offers: an influencer with twenty resolved offers is known better than one with two, and
 * the buckets let the data say by how much. The interval is then {@code sigmoid(a ± z·s)}, z the normal
 * quantile of the confidence. Why this and not a bootstrap of the model: a bootstrap measures how much
 * the fitted coefficients wobble, not how far one influencer can be from the average influencer with
 * the same inputs; only the latter says whether an offer will reach its target.
 */
public final class PostingUncertainty {
  /** Upper ends of the history buckets (resolved offers at the offer's feature date); the last is open. */
  /** The model_metrics rows holding the spreads: metric name and segment prefix (+ bucket). */
  public static final String METRIC = "latent_spread";
  public static final String SEGMENT = "offers_resolved:";
  static final int[] BUCKET_UPPER = {0, 2, 5, 10};
  static final int NODES = 16;
  /** Spreads tried, on the log-odds scale: 0 to 2.5 by 0.05. */
  static final double[] SPREADS = IntStream.rangeClosed(0, 50).mapToDouble(i -> i * 0.05).toArray();
  private static final double EPS = 1e-6;

  private PostingUncertainty() {}

  /** The history bucket of a number of resolved offers (null counts as none): "0", "1-2", "3-5", "6-10", "11+". */
  public static Column bucket(Column offersResolved) {
    Column n = coalesce(offersResolved, lit(0));
    Column b = lit((BUCKET_UPPER[BUCKET_UPPER.length - 1] + 1) + "+");
    for (int i = BUCKET_UPPER.length - 1; i >= 0; i--) {
      int from = i == 0 ? 0 : BUCKET_UPPER[i - 1] + 1;
      b = when(n.leq(BUCKET_UPPER[i]), lit(from == BUCKET_UPPER[i] ? Integer.toString(from)
          : from + "-" + BUCKET_UPPER[i])).otherwise(b);
    }
    return b;
  }

  /**
   * The spread per history bucket.
   *
   * @param scored examples with {@code groupColumn} (the influencer), {@code offers_resolved}, the 0/1
   *     {@code label} and the calibrated {@code probability} column
   */
  public static Map<String, Double> fit(Dataset<Row> scored, String groupColumn, String probability) {
    Column p = least(greatest(col(probability), lit(EPS)), lit(1 - EPS));
    // One row per influencer and bucket with its offers as an array (a handful each), then per spread the
    // marginal log-likelihood in SQL higher-order functions: groups x spreads rows, no row per node.
    Dataset<Row> groups = scored.select(col(groupColumn).as("_g"), bucket(col("offers_resolved")).as("_b"),
            col(PostingModel.LABEL).as("_y"), log(p.divide(lit(1.0).minus(p))).as("_l"))
        .groupBy("_b", "_g").agg(collect_list(struct(col("_y"), col("_l"))).as("_offers"));
    Dataset<Row> spreads = scored.sparkSession().createDataset(
        java.util.Arrays.stream(SPREADS).boxed().toList(), org.apache.spark.sql.Encoders.DOUBLE()).toDF("_s");
    String nodes = java.util.Arrays.stream(nodes()).mapToObj(z -> Double.toString(z) + "D")
        .collect(java.util.stream.Collectors.joining(", ", "array(", ")"));
    // log sigmoid(eta) = -ln(1 + e^-eta); log(1 - sigmoid(eta)) = -ln(1 + e^eta); eta = l·c + s·z
    String eta = "(o._l * sqrt(1D + pi() * _s * _s / 8D) + _s * z)";
    String perNode = "transform(" + nodes + ", z -> aggregate(_offers, 0D, (acc, o) -> acc - CASE WHEN o._y >= 0.5 "
        + "THEN ln(1D + exp(-" + eta + ")) ELSE ln(1D + exp(" + eta + ")) END))";
    List<Row> perSpread = groups.crossJoin(spreads)
        .withColumn("_ll", expr(perNode))
        .withColumn("_top", expr("array_max(_ll)"))
        // log of the mean over nodes of exp(ll), stably: max + ln(mean exp(ll - max))
        .withColumn("_marginal", expr("_top + ln(aggregate(_ll, 0D, (acc, x) -> acc + exp(x - _top)) / "
            + NODES + "D)"))
        .groupBy("_b", "_s").agg(sum("_marginal").as("_ll"))
        .orderBy("_b", "_s").collectAsList(); // buckets x spreads: a few hundred rows
    Map<String, Double> best = new LinkedHashMap<>();
    Map<String, Double> bestLl = new LinkedHashMap<>();
    for (Row r : perSpread) {
      String b = r.getString(0);
      if (!bestLl.containsKey(b) || r.getDouble(2) > bestLl.get(b) + 1e-9) {
        bestLl.put(b, r.getDouble(2));
        best.put(b, r.getDouble(1));
      }
    }
    return best;
  }

  /** Standard normal quantiles at (k + 1/2) / NODES: equal-weight nodes for the integral over u. */
  static double[] nodes() {
    NormalDistribution n = new NormalDistribution(0, 1);
    return IntStream.range(0, NODES).mapToDouble(k -> n.inverseCumulativeProbability((k + 0.5) / NODES)).toArray();
  }

  /** The normal quantile of a confidence level (0.8 -> 0.842). */
  public static double z(double confidence) {
    return new NormalDistribution(0, 1).inverseCumulativeProbability(confidence);
  }

  /** The bound {@code sigmoid(a + zSigned·s)} of probability p with spread s (zSigned < 0 for the lower bound). */
  public static Column bound(Column probability, Column spread, double zSigned) {
    Column p = least(greatest(probability, lit(EPS)), lit(1 - EPS));
    Column a = log(p.divide(lit(1.0).minus(p))).multiply(sqrt(lit(1.0).plus(spread.multiply(spread)
        .multiply(Math.PI / 8))));
    return lit(1.0).divide(lit(1.0).plus(exp(a.plus(spread.multiply(zSigned)).multiply(-1))));
  }

  /** The spreads recorded with a posting model version in audit.model_metrics (one row per bucket). */
  public static Map<String, Double> spreads(com.influencelakehouse.common.io.Warehouse w, String version) {
    Map<String, Double> spreads = new LinkedHashMap<>();
    for (Row r : w.read(com.influencelakehouse.common.tables.Tables.MODEL_METRICS)
        .where(col("model_version").equalTo(version).and(col("metric").equalTo(METRIC)))
        .select("segment", "value").collectAsList()) {
      spreads.put(r.getString(0).substring(SEGMENT.length()), r.getDouble(1));
    }
    return spreads;
  }

  /** The spreads as a lookup column by history bucket (a bucket the fit did not see gets the widest spread). */
  public static Column spreadOf(Column offersResolved, Map<String, Double> spreads) {
    Column s = lit(maxSpread(spreads));
    for (Map.Entry<String, Double> e : spreads.entrySet()) {
      s = when(bucket(offersResolved).equalTo(e.getKey()), lit(e.getValue())).otherwise(s);
    }
    return s;
  }

  /** A bucket missing from the fit gets the widest spread seen: unknown is not sure. */
  private static double maxSpread(Map<String, Double> spreads) {
    return spreads.values().stream().mapToDouble(Double::doubleValue).max().orElse(0.0);
  }
}
