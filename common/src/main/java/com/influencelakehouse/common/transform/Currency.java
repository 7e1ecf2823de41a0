package com.influencelakehouse.common.transform;

import static org.apache.spark.sql.functions.broadcast;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.max;
import static org.apache.spark.sql.functions.when;

import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Converts amounts to the base currency at the rate of their date, or of the latest earlier date
 * with a rate (weekends, late reference data). Only the distinct (currency, date) pairs of the data
 * are resolved against the rate table, then joined back: cost grows with the data, not with it times
 * the rate history.
 */
public final class Currency {
  private Currency() {}

  /**
   * Adds {@code out} = amount x rate; null when no rate on or before the date exists (callers
   * quarantine such rows). {@code rates} has currency, rate_date, rate_to_base (silver.fx_rate_daily).
   */
  public static Dataset<Row> toBase(Dataset<Row> data, String amount, String currency, String date,
      Dataset<Row> rates, String baseCurrency, String out) {
    Dataset<Row> pairs = data.select(col(currency).as("_fx_ccy"), col(date).as("_fx_on")).distinct();
    Dataset<Row> asOf = pairs.join(broadcast(rates),
            col("_fx_ccy").equalTo(col("currency")).and(col("rate_date").leq(col("_fx_on"))), "left")
        .groupBy("_fx_ccy", "_fx_on").agg(max("rate_date").as("_fx_rate_date"));
    Dataset<Row> resolved = asOf.join(broadcast(rates), col("_fx_ccy").equalTo(col("currency"))
            .and(col("_fx_rate_date").equalTo(col("rate_date"))), "left")
        .select(col("_fx_ccy"), col("_fx_on"), col("rate_to_base").as("_fx_rate"));
    Column rate = when(col(currency).equalTo(lit(baseCurrency)), lit(1.0)).otherwise(col("_fx_rate"));
    return data.join(resolved, col(currency).equalTo(col("_fx_ccy")).and(col(date).equalTo(col("_fx_on"))), "left")
        .withColumn(out, col(amount).multiply(rate))
        .drop("_fx_ccy", "_fx_on", "_fx_rate");
  }
}
