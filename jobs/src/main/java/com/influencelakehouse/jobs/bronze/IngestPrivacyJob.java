package com.influencelakehouse.jobs.bronze;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.lower;
import static org.apache.spark.sql.functions.trim;
import static org.apache.spark.sql.functions.when;

import com.influencelakehouse.common.io.LandingFiles;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import com.influencelakehouse.common.privacy.Pseudonymiser.Domain;
import com.influencelakehouse.common.tables.LandingSource;
import java.util.List;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Ingests right-to-erasure requests into bronze, by pseudonym: the id of a subject who asked to be
 * forgotten is never stored, not even until the night's {@code register_erasures} deletes the request.
 */
public final class IngestPrivacyJob extends IngestJob {
  public IngestPrivacyJob() {
    super("ingest_privacy", "privacy requests", List.of(LandingSource.ERASURE_REQUESTS), false);
  }

  @Override
  protected Dataset<Row> beforeStoring(Dataset<Row> validated, Pseudonymiser p) {
    return byPseudonym(validated, p);
  }

  /**
   * Valid requests with {@code subject_id} replaced by the subject's pseudonym (in the domain of its
   * type, of the trimmed id: what silver and gold key the subject by) and their raw line dropped.
   * A rejected request keeps its raw line in the quarantine, where the operator needs it to fix it.
   */
  static Dataset<Row> byPseudonym(Dataset<Row> validated, Pseudonymiser p) {
    Column valid = col("reason").isNull();
    Column id = trim(col("subject_id"));
    Column key = when(lower(trim(col("subject_type"))).equalTo("visitor"), p.pseudonymise(Domain.VISITOR, id))
        .otherwise(p.pseudonymise(Domain.INFLUENCER, id));
    Dataset<Row> out = validated.withColumn("subject_id", when(valid, key).otherwise(col("subject_id")));
    for (String raw : List.of("value", LandingFiles.PAYLOAD)) {
      if (List.of(out.columns()).contains(raw)) {
        out = out.withColumn(raw, when(valid, lit(null).cast("string")).otherwise(col(raw)));
      }
    }
    return out;
  }
}
