package com.influencelakehouse.jobs.models;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.explode;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.log;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import java.util.List;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.expressions.Window;

/**
 * The posting probability of offers across an incentive grid (multiples of the tier norm), made
 * monotone: the probability at an incentive is the highest the model gives at that incentive or any
 * lower one, so paying more never lowers the estimate whatever the model family.
 */
public final class IncentiveResponse {
  public static final String MULTIPLE = "incentive_multiple";
  public static final String MONOTONE = "monotone_probability";

  private IncentiveResponse() {}

  /**
   * One row per input row and grid multiple, with the model's {@code posting_probability} and the
   * monotone envelope.
   *
   * @param offers rows with the training table's columns (incentive_norm set) and a unique {@code idColumn}
   */
  public static Dataset<Row> curve(PipelineModel model, Dataset<Row> offers, List<Double> grid, String idColumn) {
    var upToHere = Window.partitionBy(idColumn).orderBy(MULTIPLE)
        .rowsBetween(Window.unboundedPreceding(), Window.currentRow());
    return model.transform(expand(offers, grid))
        .withColumn(MONOTONE, max(col(PostingModel.PROBABILITY)).over(upToHere));
  }

  /** Each offer repeated at every grid multiple of its tier norm, incentive columns set accordingly. */
  public static Dataset<Row> expand(Dataset<Row> offers, List<Double> grid) {
    Column multiple = col(MULTIPLE);
    Column amount = col("incentive_norm").multiply(multiple);
    return offers
        .withColumn(MULTIPLE, explode(org.apache.spark.sql.functions.array(grid.stream().map(g -> lit(g))
            .toArray(Column[]::new))))
        .withColumn("relative_incentive", multiple)
        .withColumn("log_relative_incentive", log(multiple))
        .withColumn("incentive_amount_base", when(col("incentive_type").notEqual("commission"), amount))
        .withColumn("commission_rate_pct", when(col("incentive_type").equalTo("commission"), amount));
  }
}
