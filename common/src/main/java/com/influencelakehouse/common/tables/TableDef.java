package com.influencelakehouse.common.tables;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.apache.spark.sql.types.DataType;
import org.apache.spark.sql.types.DateType;
import org.apache.spark.sql.types.NumericType;
import org.apache.spark.sql.types.StringType;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.sql.types.TimestampType;

/**
 * One warehouse table as declared in the {@link Tables} registry: where it lives, what one row is
 * (grain and key), how it is partitioned and, once built, its schema.
 *
 * @param layer        bronze, silver, gold or audit
 * @param name         table name, unique across the warehouse; the directory name under the layer
 * @param description  what the table is for, in the business's words (also the catalog comment)
 * @param grain        what one row is
 * @param key          columns unique per row
 * @param partitionBy  partition columns (empty when unpartitioned)
 * @param schema       the table's columns, or null while the table's producer is not built yet
 * @param checks       Delta CHECK constraints by name: the invariants every row must satisfy
 * @param shared       written by several jobs, each replacing only its own slice (e.g. its sources)
 * @param clusterBy    the columns analysts filter by: data is sorted (and Z-ordered by maintenance) on them
 */
public record TableDef(
    Layer layer,
    String name,
    String description,
    String grain,
    List<String> key,
    List<String> partitionBy,
    StructType schema,
    Map<String, String> checks,
    boolean shared,
    List<String> clusterBy) {

  public TableDef {
    Objects.requireNonNull(layer, "layer");
    Objects.requireNonNull(name, "name");
    key = List.copyOf(key);
    partitionBy = List.copyOf(partitionBy);
    checks = Collections.unmodifiableMap(new LinkedHashMap<>(checks));
    clusterBy = List.copyOf(clusterBy);
  }

  /** A table without constraints, written by one job. */
  public TableDef(Layer layer, String name, String description, String grain, List<String> key,
      List<String> partitionBy, StructType schema) {
    this(layer, name, description, grain, key, partitionBy, schema, Map.of(), false, List.of());
  }

  /** The name analysts query, e.g. {@code gold.influencer_scores}. */
  public String qualifiedName() {
    return layer.schemaName() + "." + name;
  }

  /** Whether the producer of this table exists yet (it then declares the schema). */
  public boolean hasSchema() {
    return schema != null;
  }

  /**
   * The columns Delta keeps min/max statistics for in its log ({@code delta.dataSkippingStatsColumns}):
   * dates, timestamps and numbers (Delta keeps none for booleans), and the string columns data is
   * clustered by unless they identify a subject. Other strings and nested columns are left out because
   * they can hold a person's id, pseudonym, handle, e-mail or free text, and an erasure rewrites data
   * files but never the log.
   */
  public List<String> statisticsColumns() {
    if (schema == null) {
      return List.of();
    }
    List<String> out = new ArrayList<>();
    for (StructField f : schema.fields()) {
      DataType t = f.dataType();
      boolean atomic = t instanceof NumericType || t instanceof DateType || t instanceof TimestampType;
      boolean clusteredLabel = t instanceof StringType && clusterBy.contains(f.name())
          && !f.metadata().contains(Tables.SUBJECT);
      if ((atomic || clusteredLabel) && !partitionBy.contains(f.name())) {
        out.add(f.name());
      }
    }
    return out;
  }

  /** The Delta table properties the registry sets: which columns get statistics (see {@link #statisticsColumns}). */
  public Map<String, String> deltaProperties() {
    List<String> stats = statisticsColumns();
    return stats.isEmpty() ? Map.of("delta.dataSkippingNumIndexedCols", "0")
        : Map.of("delta.dataSkippingStatsColumns", String.join(",", stats));
  }

  @Override
  public String toString() {
    return qualifiedName();
  }
}
