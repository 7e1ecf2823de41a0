package com.influencelakehouse.evaluation.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.date_sub;
import static org.apache.spark.sql.functions.to_timestamp;

import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.models.BinaryMetrics;
import com.influencelakehouse.jobs.models.CountMetrics;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The champions against the best achievable on their own holdouts: the generator recorded each offer's
 * true posting probability and each post's true expected orders (its ground truth, never read by a
 * job). Normalised scores say how much of the achievable is reached: (AUC - 0.5) / (oracle AUC - 0.5),
 * and deviance explained / the oracle's deviance explained.
 *
 * <p>The oracle knows each influencer's latent responsiveness, which the data reveal only through
 * their past offers' outcomes. The <em>informed oracle</em> is the best any model could do with what
 * is known when an offer's features are taken: every other true effect exactly, and the Bayes
 * posterior of the responsiveness given the outcomes resolved by then (grid over its standard normal
 * prior). It bounds what is achievable from the data; the gap between the two oracles is information
 * the warehouse does not hold yet.
 */
public record ModelQuality(String postingVersion, String algorithm, long holdout, double auc, double oracleAuc,
    double informedOracleAuc,
    double historicalRateAuc, double incentiveOnlyAuc, double ece, long flaggedGroups, String conversionVersion,
    String conversionAlgorithm, double devianceExplained, double oracleDevianceExplained) {

  public double normalisedAuc() {
    return (auc - 0.5) / (oracleAuc - 0.5);
  }

  /** (AUC − 0.5) / (informed oracle AUC − 0.5): the share of what the data at send time allow. */
  public double normalisedToInformedAuc() {
    return (auc - 0.5) / (informedOracleAuc - 0.5);
  }

  public double normalisedDevianceExplained() {
    return devianceExplained / oracleDevianceExplained;
  }

  /**
   * Evaluates the latest model version of each kind (the champion, if it was promoted); the delivery
   * lag of the features tells the informed oracle which outcomes were known.
   */
  public static ModelQuality evaluate(Warehouse w, Path groundTruth, int deliveryLagDays) {
    Row posting = latest(w, "posting");
    String pv = posting.getAs("model_version");
    Dataset<Row> truth = w.spark().read().option("header", "true")
        .csv(groundTruth.resolve("offers.csv").toString())
        .select(col("offer_id").as("example_id"), col("true_posting_probability").cast("double").as("truth"));
    Dataset<Row> p = w.read(Tables.MODEL_PREDICTIONS).where(col("model_version").equalTo(pv)).join(truth, "example_id")
        .cache();
    Map<String, Double> m = scala.jdk.javaapi.CollectionConverters.asJava(posting.<String, Double>getMap(
        posting.fieldIndex("metrics")));
    Row conversion = latest(w, "conversion");
    String cv = conversion.getAs("model_version");
    Dataset<Row> posts = w.spark().read().option("header", "true").csv(groundTruth.resolve("posts.csv").toString())
        .select(col("post_id").as("example_id"), col("expected_orders_7d").cast("double").as("truth"));
    Dataset<Row> c = w.read(Tables.MODEL_PREDICTIONS).where(col("model_version").equalTo(cv)).join(posts, "example_id")
        .cache();
    double mean = c.agg(avg("label")).first().getDouble(0);
    ModelQuality q = new ModelQuality(pv, posting.getAs("algorithm"), p.count(),
        BinaryMetrics.auc(p, "label", "prediction"), BinaryMetrics.auc(p, "label", "truth"),
        BinaryMetrics.auc(informedOracle(w, groundTruth, p, deliveryLagDays), "label", "informed"),
        m.get("baseline_historical_rate_auc"), m.get("baseline_incentive_only_auc"), m.get("ece"),
        Math.round(m.get("fairness_flagged_groups")), cv, conversion.getAs("algorithm"),
        CountMetrics.devianceExplained(c, "label", "prediction", mean),
        CountMetrics.devianceExplained(c, "label", "truth", mean));
    p.unpersist();
    c.unpersist();
    return q;
  }

  /**
   * The holdout offers ({@code example_id}, {@code label}) with the informed oracle's probability
   * {@code informed} (see the class comment). Public for notebooks comparing an experiment on a holdout.
   */
  public static Dataset<Row> informedOracle(Warehouse w, Path groundTruth, Dataset<Row> holdout, int lag) {
    Dataset<Row> targets = holdout.select(col("example_id").as("offer_id"), col("label"))
        .join(w.read(Tables.TRAINING_POSTING).select(col("offer_id"), col("feature_date")), "offer_id")
        .join(ResponsivenessPosterior.trueRest(w, groundTruth).withColumnRenamed("_rest", "_target_rest"), "offer_id")
        .withColumn("_cutoff", to_timestamp(date_sub(col("feature_date"), lag - 1)));
    return ResponsivenessPosterior.of(w, groundTruth, targets, "_cutoff", "offer_id", "label", "_target_rest")
        .groupBy(col("offer_id"), col("label"))
        .agg(ResponsivenessPosterior.predictive(col("_target_rest")).as("informed"));
  }

  private static Dataset<Row> csv(Warehouse w, Path file) {
    return w.spark().read().option("header", "true").csv(file.toString());
  }

  private static Row latest(Warehouse w, String kind) {
    return w.read(Tables.MODEL_REGISTRY).where(col("model_kind").equalTo(kind)).orderBy(col("run_date").desc())
        .first();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "posting model %s (%s), holdout of %d offers:%n"
            + "  AUC %.3f vs oracle %.3f: normalised %.3f; vs informed oracle %.3f: normalised %.3f;%n"
            + "  baselines: historical posting rate %.3f, incentive only %.3f%n"
            + "  expected calibration error %.4f; fairness flags: %d group(s)%n"
            + "conversion model %s (%s): deviance explained %.3f vs oracle %.3f: normalised %.3f",
        postingVersion, algorithm, holdout, auc, oracleAuc, normalisedAuc(), informedOracleAuc,
        normalisedToInformedAuc(), historicalRateAuc, incentiveOnlyAuc, ece,
        flaggedGroups, conversionVersion, conversionAlgorithm, devianceExplained, oracleDevianceExplained,
        normalisedDevianceExplained());
  }
}
