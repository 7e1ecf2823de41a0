package com.influencelakehouse.common.io;

import java.util.ArrayList;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.storage.StorageLevel;

/**
 * Datasets a job reuses within one run, released together at its end (try-with-resources): a working
 * set read by several writes is computed once, and never outlives the job.
 */
public final class Cache implements AutoCloseable {
  private final List<Dataset<Row>> kept = new ArrayList<>();

  /** Persists (memory, spilling to disk) until this cache closes. */
  public Dataset<Row> keep(Dataset<Row> data) {
    Dataset<Row> persisted = data.persist(StorageLevel.MEMORY_AND_DISK());
    kept.add(persisted);
    return persisted;
  }

  @Override
  public void close() {
    kept.forEach(Dataset::unpersist);
    kept.clear();
  }
}
