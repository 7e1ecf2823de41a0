package com.influencelakehouse.common.job;

import com.influencelakehouse.common.tables.TableDef;
import java.util.List;

/** A job's identity and the tables it reads, writes and deletes from, so a job class only has to say how it runs. */
public abstract class BaseJob implements Job {
  private final String name;
  private final String description;
  private final List<TableDef> reads;
  private final List<TableDef> writes;
  private final List<TableDef> deletesFrom;

  protected BaseJob(String name, String description, List<TableDef> reads, List<TableDef> writes) {
    this(name, description, reads, writes, List.of());
  }

  protected BaseJob(String name, String description, List<TableDef> reads, List<TableDef> writes,
      List<TableDef> deletesFrom) {
    this.name = name;
    this.description = description;
    this.reads = List.copyOf(reads);
    this.writes = List.copyOf(writes);
    this.deletesFrom = List.copyOf(deletesFrom);
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

  @Override
  public final List<TableDef> deletesFrom() {
    return deletesFrom;
  }
}
