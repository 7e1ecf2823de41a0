package com.influencelakehouse.jobs.scoring;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.jobs.models.PostingModel;
import com.influencelakehouse.jobs.testing.Rows;
import java.util.Map;
import java.util.stream.Collectors;
import com.influencelakehouse.jobs.models.ModelPipelines;
import org.apache.spark.ml.PipelineModel;
import org.apache.spark.ml.classification.LogisticRegressionModel;
import org.apache.spark.ml.feature.SQLTransformer;
import org.apache.spark.ml.feature.VectorAssembler;
import org.apache.spark.ml.linalg.Vectors;
import org.apache.spark.ml.regression.IsotonicRegression;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** The best send time, searched over the whole week. */
@Tag("unit")
class CandidatesTest {
  static final String OFFERS = "influencer_key STRING, preferred_post_weekday INT, preferred_post_hour INT, "
      + "weekday_mix ARRAY<DOUBLE>, hour_mix ARRAY<DOUBLE>";

  /**
   * A posting model whose log-odds are +1 on Friday at noon (the usual hour) and +2 on Wednesday at 20:00.
   * A search over weekdays at the usual hour, then hours on that weekday, ends at Friday 12:00; the
   * week's best is Wednesday 20:00.
   */
  static PipelineModel model() {
    SQLTransformer score = new SQLTransformer().setStatement("SELECT *, "
        + "CASE WHEN sent_local_weekday = 5 AND sent_local_hour = 12 THEN 1.0 ELSE 0.0 END AS _friday_noon, "
        + "CASE WHEN sent_local_weekday = 3 AND sent_local_hour = 20 THEN 1.0 ELSE 0.0 END AS _wednesday_evening "
        + "FROM __THIS__");
    VectorAssembler features = new VectorAssembler().setInputCols(new String[] {"_friday_noon", "_wednesday_evening"})
        .setOutputCol("features");
    LogisticRegressionModel lr = new LogisticRegressionModel("send-time", Vectors.dense(1.0, 2.0), -1.0);
    // The identity map as the calibration stage: posting_probability = the model's probability.
    Dataset<Row> points = SharedSpark.get().createDataFrame(java.util.List.of(
        org.apache.spark.sql.RowFactory.create(Vectors.dense(1.0, 0.0), 0.0),
        org.apache.spark.sql.RowFactory.create(Vectors.dense(0.0, 1.0), 1.0)),
        new org.apache.spark.sql.types.StructType().add("probability", org.apache.spark.ml.linalg.SQLDataTypes.VectorType())
            .add("label", org.apache.spark.sql.types.DataTypes.DoubleType));
    var calibration = new IsotonicRegression().setFeaturesCol("probability").setFeatureIndex(1).setLabelCol("label")
        .setPredictionCol(PostingModel.PROBABILITY).fit(points);
    return ModelPipelines.chain(Rows.of("sent_local_weekday INT, sent_local_hour INT"), score, features, lr,
        calibration);
  }

  @Test
  void theBestSendTimeIsTheBestOfAll168HoursNotOfAWeekdayThenHourSearch() {
    Dataset<Row> offers = Rows.of(OFFERS,
        new Object[] {"a", 5, 12, null, null},
        new Object[] {"b", 1, 9, null, null});
    Map<String, Row> best = Candidates.bestSendTime(model(), offers).collectAsList().stream()
        .collect(Collectors.toMap(r -> r.getString(0), r -> r));
    assertEquals(3, best.get("a").<Integer>getAs("best_send_weekday"));
    assertEquals(20, best.get("a").<Integer>getAs("best_send_hour"));
    assertEquals(2, best.size(), "one send time per influencer");
  }
}
