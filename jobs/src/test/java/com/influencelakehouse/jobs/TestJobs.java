package com.influencelakehouse.jobs;

import com.influencelakehouse.common.job.Job;
import com.influencelakehouse.common.job.JobContext;
import com.influencelakehouse.common.job.JobResult;
import com.influencelakehouse.common.tables.TableDef;
import java.util.List;
import java.util.function.Function;

/** Small jobs for testing the graph and the runner. */
final class TestJobs {
  private TestJobs() {}

  static Job job(String name, List<TableDef> reads, List<TableDef> writes) {
    return job(name, reads, writes, ctx -> new JobResult());
  }

  static Job job(String name, List<TableDef> reads, List<TableDef> writes, Function<JobContext, JobResult> body) {
    return job(name, reads, writes, List.of(), body);
  }

  /** A job that also deletes from tables it does not produce. */
  static Job deleting(String name, List<TableDef> reads, List<TableDef> writes, List<TableDef> deletesFrom) {
    return job(name, reads, writes, deletesFrom, ctx -> new JobResult());
  }

  private static Job job(String name, List<TableDef> reads, List<TableDef> writes, List<TableDef> deletesFrom,
      Function<JobContext, JobResult> body) {
    return new Job() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String description() {
        return "test job " + name;
      }

      @Override
      public List<TableDef> reads() {
        return reads;
      }

      @Override
      public List<TableDef> writes() {
        return writes;
      }

      @Override
      public List<TableDef> deletesFrom() {
        return deletesFrom;
      }

      @Override
      public JobResult run(JobContext context) {
        return body.apply(context);
      }
    };
  }
}
