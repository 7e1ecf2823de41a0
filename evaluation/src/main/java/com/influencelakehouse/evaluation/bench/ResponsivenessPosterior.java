package com.influencelakehouse.evaluation.bench;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.exp;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.sampledata.TrueEffects;
import java.nio.file.Path;
import java.util.Arrays;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * What the data reveal of an influencer's latent responsiveness by a cutoff: the Bayes posterior on a
 * grid (-4.0 .. 4.0 by 0.1) over its standard normal prior, given the outcomes of the influencer's
 * offers known before the cutoff, each with its true log-odds but for the responsiveness term (the
 * generator's ground truth). The informed oracles of {@link ModelQuality} (per holdout offer) and
 * {@link DecisionQuality} (per influencer, at the score date) are its posterior predictive.
 */
public final class ResponsivenessPosterior {
  /** The responsiveness grid value and its normalised posterior weight (summing to 1 per target). */
  public static final String GRID = "_g";
  public static final String WEIGHT = "_w";

  private ResponsivenessPosterior() {}

  /**
   * The posterior of each target.
   *
   * @param targets rows with {@code influencer_id} (the generator's id), a cutoff timestamp column and key
   *     columns; outcomes known strictly before the cutoff inform the posterior
   * @return the key columns, {@link #GRID} and {@link #WEIGHT}: 81 rows per target
   */
  public static Dataset<Row> of(Warehouse w, Path groundTruth, Dataset<Row> targets, String cutoff, String... keys) {
    Dataset<Row> offers = resolvedOffers(w, groundTruth);
    Dataset<Row> grid = w.spark().range(-40, 41).select(col("id").divide(10.0).as(GRID));
    Column[] groupKeys = Arrays.stream(keys).map(k -> col(k)).toArray(Column[]::new);
    Column[] withGrid = Arrays.copyOf(groupKeys, keys.length + 1);
    withGrid[keys.length] = col(GRID);
    Dataset<Row> t = targets.select(
        concat(groupKeys, col("influencer_id").as("_target_id"), col(cutoff).as("_cutoff")));
    Dataset<Row> past = t.join(offers, col("_target_id").equalTo(col("_past_id"))
            .and(col("_known_at").lt(col("_cutoff"))), "left")
        .crossJoin(grid)
        .withColumn("_q", sigmoid(col("_rest").plus(col(GRID).multiply(TrueEffects.RESPONSIVENESS))))
        .groupBy(withGrid)
        .agg(sum(when(col("_y"), log(col("_q"))).otherwise(log(lit(1.0).minus(col("_q"))))).as("_ll"));
    Column logPosterior = coalesce(col("_ll"), lit(0.0)).minus(col(GRID).multiply(col(GRID)).divide(2));
    Column weight = exp(logPosterior.minus(max(logPosterior).over(Window.partitionBy(groupKeys))));
    Dataset<Row> weighted = past.withColumn("_u", weight);
    return weighted.withColumn(WEIGHT, col("_u").divide(sum("_u").over(Window.partitionBy(groupKeys))))
        .select(concat(groupKeys, col(GRID), col(WEIGHT)));
  }

  /**
   * The posterior predictive probability, as an aggregate over a target's posterior rows: the sum of
   * {@code weight x sigmoid(rest + responsiveness effect)} for true log-odds {@code rest} without the
   * responsiveness term.
   */
  public static Column predictive(Column rest) {
    return sum(col(WEIGHT).multiply(sigmoid(rest.plus(col(GRID).multiply(TrueEffects.RESPONSIVENESS)))));
  }

  /**
   * Every offer of the ground truth with a known outcome: {@code _past_id} (influencer), {@code _rest}
   * (true log-odds without the responsiveness term), {@code _y} (posted within the deadline) and
   * {@code _known_at} (posting, decline or deadline time).
   */
  static Dataset<Row> resolvedOffers(Warehouse w, Path groundTruth) {
    return trueRest(w, groundTruth)
        .join(w.read(Tables.FACT_OFFER).select(col("offer_id"), col("posted_within_deadline").as("_y"),
            coalesce(when(col("posted_within_deadline"), col("posted_at")),
                when(col("status").equalTo("declined"), col("responded_at")), col("deadline_at")).as("_known_at")),
            "offer_id")
        .select(col("influencer_id").as("_past_id"), col("_rest"), col("_y"), col("_known_at"));
  }

  /**
   * Every offer the generator sent: {@code offer_id}, {@code influencer_id} and {@code _rest}, its true
   * log-odds of posting without the responsiveness term.
   */
  static Dataset<Row> trueRest(Warehouse w, Path groundTruth) {
    Dataset<Row> influencers = csv(w, groundTruth.resolve("influencers.csv"))
        .select(col("influencer_id"), col("responsiveness").cast("double").as("_r"));
    return csv(w, groundTruth.resolve("offers.csv")).join(influencers, "influencer_id")
        .withColumn("_p", col("true_posting_probability").cast("double"))
        .select(col("offer_id"), col("influencer_id"), log(col("_p").divide(lit(1.0).minus(col("_p"))))
            .minus(col("_r").multiply(TrueEffects.RESPONSIVENESS)).as("_rest"));
  }

  static Column sigmoid(Column logit) {
    return lit(1.0).divide(lit(1.0).plus(exp(logit.multiply(-1))));
  }

  private static Column[] concat(Column[] a, Column... b) {
    Column[] all = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, all, a.length, b.length);
    return all;
  }

  private static Dataset<Row> csv(Warehouse w, Path file) {
    return w.spark().read().option("header", "true").csv(file.toString());
  }
}
