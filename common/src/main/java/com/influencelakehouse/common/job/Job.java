package com.influencelakehouse.common.job;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.TableDef;
import java.util.List;

/**
 * A nightly job: reads named tables, transforms them with pure functions, writes its tables through
 * the one idempotent writer, and returns what it did. Running it again for the same dates leaves
 * the same tables. The job graph orders jobs by the tables they read, write and delete from.
 */
public interface Job {
  /** Stable name used on the command line, in the run log and as the Airflow task id. */
  String name();

  /** One sentence: what the job produces, in the business's words. */
  String description();

  /** Landing sources the job reads (ingest jobs only). */
  default List<LandingSource> readsLanding() {
    return List.of();
  }

  /** Tables the job reads; their producers run before it. */
  List<TableDef> reads();

  /** Tables the job writes; each table has exactly one producing job. */
  List<TableDef> writes();

  /**
   * Tables the job deletes rows from without producing them (erasure, retention), read as it finds
   * them: it runs after the night's other writers and readers of each, except the jobs that run after
   * it anyway because they read what it writes.
   */
  default List<TableDef> deletesFrom() {
    return List.of();
  }

  /** Processes the context's date range and returns rows and versions written. */
  JobResult run(JobContext context);
}
