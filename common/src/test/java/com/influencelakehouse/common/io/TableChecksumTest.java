package com.influencelakehouse.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.influencelakehouse.common.testing.SharedSpark;
import java.sql.Timestamp;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Equal content, equal checksum: whatever the run, the warehouse it ran in, or the order sums were added in. */
@Tag("unit")
class TableChecksumTest {
  private static final StructType SCHEMA = new StructType().add("model_version", DataTypes.StringType)
      .add("auc", DataTypes.DoubleType).add("metrics", DataTypes.createMapType(DataTypes.StringType,
          DataTypes.DoubleType)).add("trained_at", DataTypes.TimestampType).add("model_path", DataTypes.StringType);

  private static Dataset<Row> registry(double auc, double logLoss, String at, String root) {
    return SharedSpark.get().createDataFrame(List.of(RowFactory.create("posting-20260823", auc,
        Map.of("log_loss", logLoss), Timestamp.valueOf(at),
        root + "/models/posting/posting-20260823")), SCHEMA);
  }

  @Test
  void aModelTrainedAgainElsewhereWithLastBitNoiseHasTheSameChecksum() {
    // 0.1 + 0.2 and 0.3 differ in the last bit only: what summing in another order does.
    double auc = 13 / 21.0;
    assertEquals(TableChecksum.of(registry(auc, 0.3, "2026-12-05 19:58:38", "/tmp/a")),
        TableChecksum.of(registry(Math.nextUp(auc), 0.1 + 0.2, "2026-12-05 21:00:41", "/tmp/b")));
  }

  @Test
  void aDifferentMetricHasADifferentChecksum() {
    String clean = TableChecksum.of(registry(0.619047619, 0.3, "2026-12-05 19:58:38", "/tmp/a"));
    assertNotEquals(clean, TableChecksum.of(registry(0.619047618, 0.3, "2026-12-05 19:58:38", "/tmp/a")));
    assertNotEquals(clean, TableChecksum.of(registry(0.619047619, 0.30001, "2026-12-05 19:58:38", "/tmp/a")));
  }
}
