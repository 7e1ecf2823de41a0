package com.influencelakehouse.common.tables;

import java.util.Locale;

/** Warehouse layers; each is a directory under the warehouse root and a schema in the Spark catalog. */
public enum Layer {
  BRONZE,
  SILVER,
  GOLD,
  AUDIT;

  /** The catalog schema and directory name, e.g. {@code silver}. */
  public String schemaName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
