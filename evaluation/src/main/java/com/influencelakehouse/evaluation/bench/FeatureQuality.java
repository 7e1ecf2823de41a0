package com.influencelakehouse.evaluation.bench;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.datediff;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.median;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.config.FeatureSettings;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.gold.InfluencerFeatures;
import java.nio.file.Path;
import java.sql.Date;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * How well the gold features recover what the sample-data generator knows (its ground truth, which no
 * job reads): influence-trend and authenticity precision and recall on one feature date, the error of
 * the estimated trend start, and the rank correlation of content-label lifts with the true lifts.
 */
public record FeatureQuality(LocalDate asOf, long influencers, Classification rising, Classification declining,
    Double onsetMedianErrorDays, Classification suspicious, double liftSpearman, int labels) {

  /** Predicted-vs-true counts of one class. */
  public record Classification(long truePositives, long predicted, long actual) {
    public double precision() {
      return predicted == 0 ? Double.NaN : (double) truePositives / predicted;
    }

    public double recall() {
      return actual == 0 ? Double.NaN : (double) truePositives / actual;
    }

    @Override
    public String toString() {
      return String.format(Locale.ROOT, "precision %.3f (%d/%d), recall %.3f (%d/%d)", precision(), truePositives,
          predicted, recall(), truePositives, actual);
    }
  }

  /** Evaluates the features of {@code asOf} and the lifts of that date against the ground truth directory. */
  public static FeatureQuality evaluate(Warehouse w, Path groundTruth, Pseudonymiser p, FeatureSettings s,
      LocalDate asOf) {
    Dataset<Row> truth = w.spark().read().option("header", "true")
        .csv(groundTruth.resolve("influencers.csv").toString())
        .select(p.pseudonymise(Pseudonymiser.Domain.INFLUENCER, col("influencer_id")).as("influencer_key"),
            col("trend").as("true_trend"), col("trend_onset_date").cast("date").as("true_onset"),
            col("inauthentic").cast("boolean").as("true_inauthentic"));
    Dataset<Row> f = w.read(Tables.FEATURES_INFLUENCER_DAILY).where(col("feature_date").equalTo(Date.valueOf(asOf)))
        .join(truth, "influencer_key");
    Row r = f.agg(
        sum(lit(1L)),
        count(col("influence_trend").equalTo("rising").and(col("true_trend").equalTo("rising"))),
        count(col("influence_trend").equalTo("rising")),
        count(col("true_trend").equalTo("rising")),
        count(col("influence_trend").equalTo("declining").and(col("true_trend").equalTo("declining"))),
        count(col("influence_trend").equalTo("declining")),
        count(col("true_trend").equalTo("declining")),
        count(InfluencerFeatures.isSuspicious(s).and(col("true_inauthentic"))),
        count(InfluencerFeatures.isSuspicious(s)),
        count(col("true_inauthentic")),
        median(when(col("influence_trend").equalTo(col("true_trend")).and(col("true_trend").notEqual("stable")),
            abs(datediff(col("trend_started_on"), col("true_onset")))))).first();
    Double onset = r.isNullAt(10) ? null : ((Number) r.get(10)).doubleValue();

    Map<String, Double> trueLift = new HashMap<>();
    for (Row l : w.spark().read().option("header", "true").csv(groundTruth.resolve("content_labels.csv").toString())
        .collectAsList()) {
      trueLift.put(l.getString(0), Double.parseDouble(l.getString(1)));
    }
    List<Row> lifts = w.read(Tables.CONTENT_LABEL_LIFT).where(col("as_of_date").equalTo(Date.valueOf(asOf)))
        .select("label", "lift").collectAsList();
    double[] estimated = lifts.stream().mapToDouble(l -> l.getDouble(1)).toArray();
    double[] actual = lifts.stream().mapToDouble(l -> trueLift.getOrDefault(l.getString(0), Double.NaN)).toArray();
    return new FeatureQuality(asOf, r.getLong(0), new Classification(r.getLong(1), r.getLong(2), r.getLong(3)),
        new Classification(r.getLong(4), r.getLong(5), r.getLong(6)), onset,
        new Classification(r.getLong(7), r.getLong(8), r.getLong(9)), spearman(estimated, actual), lifts.size());
  }

  private static Column count(Column condition) {
    return sum(when(condition, 1L).otherwise(0L));
  }

  /** Spearman's rank correlation (no ties expected: continuous values). */
  static double spearman(double[] a, double[] b) {
    if (a.length < 3) {
      return Double.NaN;
    }
    return new org.apache.commons.math3.stat.correlation.SpearmansCorrelation().correlation(a, b);
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "features as of %s, %d influencers with ground truth%n"
            + "  influence trend rising:    %s%n"
            + "  influence trend declining: %s%n"
            + "  trend start, median error: %s days%n"
            + "  authenticity flagged:      %s%n"
            + "  content-label lift: Spearman %.3f with the true lifts over %d labels",
        asOf, influencers, rising, declining, onsetMedianErrorDays, suspicious, liftSpearman, labels);
  }
}
