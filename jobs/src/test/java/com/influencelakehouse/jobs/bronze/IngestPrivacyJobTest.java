package com.influencelakehouse.jobs.bronze;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.testing.SharedSpark;
import com.influencelakehouse.common.testing.TestConfigs;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Bronze never holds the raw id of a subject who asked for erasure; a rejected request stays readable. */
@Tag("unit")
class IngestPrivacyJobTest {
  private final Pseudonymiser p = TestConfigs.pseudonymiser();

  @Test
  void aValidRequestIsStoredByThePseudonymOfItsSubjectInTheDomainOfItsTypeWithoutItsRawLine() {
    StructType schema = new StructType().add("subject_type", DataTypes.StringType)
        .add("subject_id", DataTypes.StringType).add("value", DataTypes.StringType)
        .add("reason", DataTypes.StringType);
    Dataset<Row> validated = SharedSpark.get().createDataFrame(List.of(
        RowFactory.create("influencer", " 17841400000000001 ", "{\"subject_id\":\"17841400000000001\"}", null),
        RowFactory.create("visitor", "v-8842a", "{\"subject_id\":\"v-8842a\"}", null),
        RowFactory.create("nobody", "17841400000000002", "{\"subject_id\":\"17841400000000002\"}", "invalid_value")),
        schema);

    List<Row> out = IngestPrivacyJob.byPseudonym(validated, p).orderBy("subject_type").collectAsList();

    // The influencer's id is trimmed first: silver and gold key the subject by the trimmed id's pseudonym.
    assertEquals(p.pseudonym(Domain.INFLUENCER, "17841400000000001"), out.get(0).getAs("subject_id"));
    assertNull(out.get(0).getAs("value"));
    // The rejected request keeps what was delivered: the quarantine shows the operator what to fix.
    assertEquals("17841400000000002", out.get(1).getAs("subject_id"));
    assertEquals("{\"subject_id\":\"17841400000000002\"}", out.get(1).getAs("value"));
    assertEquals(p.pseudonym(Domain.VISITOR, "v-8842a"), out.get(2).getAs("subject_id"));
    assertNull(out.get(2).getAs("value"));
  }
}
