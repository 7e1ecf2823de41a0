package com.influencelakehouse.jobs.bench;

import static org.apache.spark.sql.functions.avg;
import static org.apache.spark.sql.functions.col;

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
 */
public record ModelQuality(String postingVersion, String algorithm, long holdout, double auc, double oracleAuc,
    double historicalRateAuc, double incentiveOnlyAuc, double ece, long flaggedGroups, String conversionVersion,
    String conversionAlgorithm, double devianceExplained, double oracleDevianceExplained) {

  public double normalisedAuc() {
    return (auc - 0.5) / (oracleAuc - 0.5);
  }

  public double normalisedDevianceExplained() {
    return devianceExplained / oracleDevianceExplained;
  }

  /** Evaluates the latest model version of each kind (the champion, if it was promoted). */
  public static ModelQuality evaluate(Warehouse w, Path groundTruth) {
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
        m.get("baseline_historical_rate_auc"), m.get("baseline_incentive_only_auc"), m.get("ece"),
        Math.round(m.get("fairness_flagged_groups")), cv, conversion.getAs("algorithm"),
        CountMetrics.devianceExplained(c, "label", "prediction", mean),
        CountMetrics.devianceExplained(c, "label", "truth", mean));
    p.unpersist();
    c.unpersist();
    return q;
  }

  private static Row latest(Warehouse w, String kind) {
    return w.read(Tables.MODEL_REGISTRY).where(col("model_kind").equalTo(kind)).orderBy(col("run_date").desc())
        .first();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "posting model %s (%s), holdout of %d offers:%n"
            + "  AUC %.3f vs oracle %.3f: normalised %.3f; baselines: historical posting rate %.3f, incentive only %.3f%n"
            + "  expected calibration error %.4f; fairness flags: %d group(s)%n"
            + "conversion model %s (%s): deviance explained %.3f vs oracle %.3f: normalised %.3f",
        postingVersion, algorithm, holdout, auc, oracleAuc, normalisedAuc(), historicalRateAuc, incentiveOnlyAuc, ece,
        flaggedGroups, conversionVersion, conversionAlgorithm, devianceExplained, oracleDevianceExplained,
        normalisedDevianceExplained());
  }
}
