package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.ml.Pipeline;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.PipelineStage;
import org.apache.spark.ml.Transformer;
import org.apache.spark.ml.attribute.Attribute;
import org.apache.spark.ml.attribute.AttributeGroup;
import org.apache.spark.ml.feature.OneHotEncoder;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.StringIndexer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The feature stages every model shares: derived columns, missing numbers filled with the training
 * median (null-only columns with 0), categories indexed and one-hot encoded (unseen ones kept in an
 * extra slot), all assembled into {@code features}. Fitted on the training fold only.
 */
public final class ModelPipelines {
  public static final String FEATURES = "features";

  private ModelPipelines() {}

  /** Fitted feature stages plus the training medians used to fill gaps (also the reason-code references). */
  public record FittedFeatures(PipelineModel stages, Map<String, Double> medians, Map<String, String> modes) {
    /** Names of the assembled vector's slots, e.g. {@code incentive_type_vec_cash}. */
    public List<String> slotNames(Dataset<Row> transformed) {
      List<String> names = new ArrayList<>();
      AttributeGroup group = AttributeGroup.fromStructField(transformed.schema().apply(FEATURES));
      Attribute[] attributes = group.attributes().get();
      for (Attribute a : attributes) {
        names.add(a.name().get());
      }
      return names;
    }
  }

  /** Fits the feature stages on the training fold. */
  public static FittedFeatures fit(Dataset<Row> train, SQLTransformer derived, List<String> numeric,
      List<String> categorical) {
    Dataset<Row> d = derived.transform(train);
    Map<String, Double> medians = medians(d, numeric);
    Map<String, String> modes = new LinkedHashMap<>();
    for (String c : categorical) {
      Row top = d.groupBy(col(c)).count().orderBy(col("count").desc(), col(c)).first();
      modes.put(c, top.isNullAt(0) ? "" : top.getString(0));
    }
    StringBuilder fill = new StringBuilder("SELECT *");
    for (Map.Entry<String, Double> m : medians.entrySet()) {
      fill.append(String.format(Locale.ROOT, ", coalesce(cast(%s AS double), %s) AS %s_f", m.getKey(),
          Double.toString(m.getValue()), m.getKey()));
    }
    fill.append(" FROM __THIS__");
    String[] idx = categorical.stream().map(c -> c + "_idx").toArray(String[]::new);
    String[] vec = categorical.stream().map(c -> c + "_vec").toArray(String[]::new);
    List<String> assembled = new ArrayList<>(numeric.stream().map(c -> c + "_f").toList());
    assembled.addAll(List.of(vec));
    PipelineStage[] stages = {
        derived,
        new SQLTransformer().setStatement(fill.toString()),
        new StringIndexer().setInputCols(categorical.toArray(String[]::new)).setOutputCols(idx)
            .setHandleInvalid("keep").setStringOrderType("alphabetAsc"),
        new OneHotEncoder().setInputCols(idx).setOutputCols(vec).setHandleInvalid("keep"),
        new VectorAssembler().setInputCols(assembled.toArray(String[]::new)).setOutputCol(FEATURES)};
    return new FittedFeatures(new Pipeline().setStages(stages).fit(train), medians, modes);
  }

  /**
   * Medians of numeric columns in one pass over the data (nulls left out; 0 for a column with no
   * value at all).
   */
  public static Map<String, Double> medians(Dataset<Row> rows, List<String> columns) {
    Map<String, Double> medians = new LinkedHashMap<>();
    if (columns.isEmpty()) {
      return medians;
    }
    String[] names = columns.toArray(String[]::new);
    double[][] q = rows.select(columns.stream().map(c -> col(c).cast("double").as(c)).toArray(
        org.apache.spark.sql.Column[]::new)).stat().approxQuantile(names, new double[] {0.5}, 0.001);
    for (int i = 0; i < names.length; i++) {
      medians.put(names[i], q[i].length == 0 || Double.isNaN(q[i][0]) ? 0.0 : q[i][0]);
    }
    return medians;
  }

  /** One fitted pipeline from fitted parts (no fitting happens: every stage is already a model). */
  public static PipelineModel chain(Dataset<Row> any, Transformer... parts) {
    return new Pipeline().setStages(parts).fit(any.limit(0));
  }
}
