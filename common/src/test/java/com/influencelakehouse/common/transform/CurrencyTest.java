package com.influencelakehouse.common.transform;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.common.testing.SharedSpark;
import java.sql.Date;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Amounts convert at their date's rate, or the latest earlier one; the base currency is itself; else null. */
@Tag("unit")
class CurrencyTest {
  private static Dataset<Row> frame(String ddl, List<Row> rows) {
    return SharedSpark.get().createDataFrame(rows, (StructType) DataType.fromDDL(ddl));
  }

  @Test
  void amountsConvertAtTheRateOfTheirDateOrTheLatestEarlierOne() {
    Dataset<Row> rates = frame("currency STRING, rate_date DATE, rate_to_base DOUBLE", List.of(
        RowFactory.create("EUR", Date.valueOf("2026-09-01"), 1.10),
        RowFactory.create("EUR", Date.valueOf("2026-09-03"), 1.20),
        RowFactory.create("KRW", Date.valueOf("2026-09-01"), 0.00075)));
    Dataset<Row> orders = frame("id STRING, amount DOUBLE, ccy STRING, day DATE", List.of(
        RowFactory.create("exact", 100.0, "EUR", Date.valueOf("2026-09-03")),
        RowFactory.create("weekend", 100.0, "EUR", Date.valueOf("2026-09-02")),
        RowFactory.create("won", 520000.0, "KRW", Date.valueOf("2026-09-05")),
        RowFactory.create("base", 42.0, "USD", Date.valueOf("2026-09-05")),
        RowFactory.create("before-any-rate", 100.0, "EUR", Date.valueOf("2026-08-31")),
        RowFactory.create("unknown", 100.0, "XYZ", Date.valueOf("2026-09-03"))));
    List<Row> r = Currency.toBase(orders, "amount", "ccy", "day", rates, "USD", "amount_usd").orderBy("id")
        .collectAsList();
    assertEquals(42.0, r.get(0).<Double>getAs("amount_usd"), 1e-9);
    assertNull(r.get(1).getAs("amount_usd"));
    assertEquals(120.0, r.get(2).<Double>getAs("amount_usd"), 1e-9);
    assertNull(r.get(3).getAs("amount_usd"));
    assertEquals(110.0, r.get(4).<Double>getAs("amount_usd"), 1e-9, "Sep 2 uses Sep 1's rate");
    assertEquals(390.0, r.get(5).<Double>getAs("amount_usd"), 1e-9);
  }
}
