package com.influencelakehouse.common.job;

import com.influencelakehouse.common.tables.TableDef;
import java.util.List;

/** A job's identity and the tables it reads and writes, so a job class only has to say how it runs. */
public abstract class BaseJob implements Job {
  private final String name;
  private final String description;
  private final List<TableDef> reads;
  private final List<TableDef> writes;

  protected BaseJob(String name, String description, List<TableDef> reads, List<TableDef> writes) {
    this.name = name;
    this.description = description;
    this.reads = List.copyOf(reads);
    this.writes = List.copyOf(writes);
  }

  @Override
  public final String name() {
    return name;
  }

  @Override
  public final String description() {
    return description;
  }

  @Override
  public List<TableDef> reads() {
    return reads;
  }

  @Override
  public final List<TableDef> writes() {
    return writes;
  }
}
