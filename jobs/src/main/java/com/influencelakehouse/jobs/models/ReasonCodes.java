package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.abs;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.expr;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.row_number;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.NumericType;

/**
 * Per-row reason codes for any fitted model: an input's contribution is how much the prediction
 * changes when that input alone is replaced by its reference value (the training median, or the most
 * frequent category) and the row re-scored. Positive: the input raises the prediction above what a
 * typical value would give. The largest contributions by size are kept, with a readable reason.
 */
public final class ReasonCodes {
  private ReasonCodes() {}

  /** Reference values of the inputs, from the training fold: medians of numbers, most frequent other values. */
  public static Map<String, Object> references(Dataset<Row> train, List<String[]> reasons) {
    Map<String, Object> refs = new LinkedHashMap<>();
    List<String> numeric = reasons.stream().map(r -> r[0])
        .filter(c -> train.schema().apply(c).dataType() instanceof NumericType).toList();
    Map<String, Double> medians = ModelPipelines.medians(train, numeric);
    for (String[] r : reasons) {
      String c = r[0];
      if (medians.containsKey(c)) {
        refs.put(c, medians.get(c));
      } else {
        Row top = train.where(col(c).isNotNull()).groupBy(col(c)).count().orderBy(col("count").desc(), col(c))
            .first();
        refs.put(c, top == null ? null : top.get(0));
      }
    }
    return refs;
  }

  /**
   * {@code idColumn, reasons: array<struct<reason, input, contribution>>}: the top {@code top}
   * contributions per row, largest first. The row and its variants (one input at its reference each)
   * are scored in one pass of the model.
   */
  public static Dataset<Row> explain(PipelineModel model, Dataset<Row> rows, String idColumn, String prediction,
      Map<String, Object> references, List<String[]> reasons, int top) {
    Dataset<Row> variants = rows.withColumn("_variant", lit(""));
    List<Column> names = new java.util.ArrayList<>();
    for (String[] r : reasons) {
      DataType type = rows.schema().apply(r[0]).dataType();
      Column reference = lit(references.get(r[0])).cast(type);
      variants = variants.unionByName(rows.withColumn(r[0], reference).withColumn("_variant", lit(r[0])));
      names.add(lit(r[0]));
      names.add(lit(r[1]));
    }
    Dataset<Row> scored = model.transform(variants).select(col(idColumn), col("_variant"), col(prediction).as("_q"));
    Dataset<Row> base = scored.where(col("_variant").equalTo("")).select(col(idColumn), col("_q").as("_p"));
    Column reasonOf = org.apache.spark.sql.functions.element_at(
        org.apache.spark.sql.functions.map(names.toArray(Column[]::new)), col("_variant"));
    Dataset<Row> all = scored.where(col("_variant").notEqual("")).join(base, idColumn)
        .select(col(idColumn), reasonOf.as("reason"), col("_variant").as("input"),
            col("_p").minus(col("_q")).as("contribution"));
    var bySize = Window.partitionBy(idColumn).orderBy(abs(col("contribution")).desc(), col("input"));
    return all.withColumn("_rank", row_number().over(bySize)).where(col("_rank").leq(top))
        .groupBy(col(idColumn))
        .agg(expr("transform(array_sort(collect_list(struct(_rank, reason, input, contribution))), "
            + "x -> named_struct('reason', x.reason, 'input', x.input, 'contribution', x.contribution))")
            .as("reasons"));
  }
}
