package com.influencelakehouse.common.notebook;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.io.TableCatalog;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.spark.SparkSessions;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * A notebook's handle on the configured warehouse: the SparkSession the jobs would build, the tables by
 * their registry names, and the configuration itself ({@code var lh = Lakehouse.open();}).
 *
 * <p>The configuration is the jobs' own ({@link LakehouseConfig}): {@code conf/application.conf},
 * {@code conf/<env>.conf} with the environment from {@code LAKEHOUSE_ENV} (default {@code local}), and
 * {@code -Dlakehouse.x=...} system properties on the kernel's command line (bin/notebooks puts them
 * there). One change: an embedded metastore admits one JVM at a time, so a notebook names the tables in
 * its own session catalog instead, and notebooks and a nightly run can be open at once.
 */
public final class Lakehouse {
  /** Environment variable naming the configuration overlay, as for bin/lakehouse. */
  public static final String ENV_VARIABLE = "LAKEHOUSE_ENV";

  private final LakehouseConfig config;
  private final Warehouse warehouse;
  private boolean registered;

  Lakehouse(LakehouseConfig config, SparkSession spark) {
    this.config = config;
    this.warehouse = new Warehouse(spark, config.warehouse());
  }

  /** The warehouse of the environment in {@code LAKEHOUSE_ENV} (default local) with the kernel's -D overrides. */
  public static Lakehouse open() {
    String env = System.getenv(ENV_VARIABLE);
    return open(env == null || env.isBlank() ? "local" : env, Map.of());
  }

  /** The warehouse of a named environment ({@code local}, {@code prod}, ...). */
  public static Lakehouse open(String env) {
    return open(env, Map.of());
  }

  /** The warehouse of a named environment with overrides such as {@code lakehouse.warehouse.root}. */
  public static Lakehouse open(String env, Map<String, String> overrides) {
    // The kernel ships java.util.logging at FINEST, which breaks Spark's Janino code generation.
    java.util.logging.Logger.getLogger("").setLevel(java.util.logging.Level.INFO);
    LakehouseConfig config = configure(env, overrides);
    Lakehouse lh = new Lakehouse(config, SparkSessions.create(config.spark()));
    System.out.println("Influence Lakehouse: " + config.summary() + " catalog=" + config.catalogMetastore());
    return lh;
  }

  /**
   * The configuration a notebook runs with: the jobs' layers, with an embedded metastore replaced by the
   * session's own catalog (unless the metastore was chosen explicitly in {@code overrides}).
   */
  public static LakehouseConfig configure(String env, Map<String, String> overrides) {
    LakehouseConfig config = LakehouseConfig.load(env, null, overrides);
    if (!config.catalogMetastore().equals("embedded") || overrides.containsKey("lakehouse.catalog.metastore")) {
      return config;
    }
    Map<String, String> session = new LinkedHashMap<>(overrides);
    session.put("lakehouse.catalog.metastore", "session");
    return LakehouseConfig.load(env, null, session);
  }

  public LakehouseConfig config() {
    return config;
  }

  public SparkSession spark() {
    return warehouse.spark();
  }

  /** The jobs' reader and writer of this warehouse (for the project's functions that take one). */
  public Warehouse warehouse() {
    return warehouse;
  }

  /** The registry entry of a table, by qualified ({@code gold.influencer_scores}) or bare name. */
  public static TableDef def(String name) {
    return Tables.byName(name).orElseThrow(() -> new IllegalArgumentException("no table '" + name
        + "' in the registry; known: " + Tables.all().stream().map(TableDef::qualifiedName)
            .collect(Collectors.joining(", "))));
  }

  /** Whether a table has been written in this warehouse yet. */
  public boolean exists(String name) {
    return warehouse.exists(def(name));
  }

  /** The current version of a table, read from its registry location. */
  public Dataset<Row> table(String name) {
    TableDef t = def(name);
    if (!warehouse.exists(t)) {
      throw new IllegalStateException(t.qualifiedName() + " has not been written in " + config.warehouse().root()
          + " yet (produced by a nightly run; check audit.run_log)");
    }
    return warehouse.read(t);
  }

  /**
   * Runs SQL that names tables as analysts do ({@code gold.influencer_scores}); the warehouse's existing
   * tables are registered in the session's catalog on first use.
   */
  public Dataset<Row> sql(String query) {
    registerTables();
    return spark().sql(query);
  }

  /** Registers every existing table of the warehouse in the session's catalog (once); returns how many were new. */
  public synchronized int registerTables() {
    if (registered) {
      return 0;
    }
    int n = TableCatalog.register(warehouse, Tables.all());
    registered = true;
    return n;
  }

  /**
   * Row counts of every table of the warehouse, in registry order (by layer); -1 for a table not written
   * yet. Counted a few tables at a time: most of a small table's count is reading its Delta log.
   */
  public Map<String, Long> rowCounts() {
    java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(4);
    try {
      Map<String, java.util.concurrent.Future<Long>> pending = new LinkedHashMap<>();
      for (TableDef t : Tables.all()) {
        pending.put(t.qualifiedName(), pool.submit(() -> warehouse.exists(t) ? warehouse.read(t).count() : -1L));
      }
      Map<String, Long> counts = new LinkedHashMap<>();
      for (Map.Entry<String, java.util.concurrent.Future<Long>> e : pending.entrySet()) {
        counts.put(e.getKey(), e.getValue().get());
      }
      return counts;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("counting rows was interrupted", e);
    } catch (java.util.concurrent.ExecutionException e) {
      throw new IllegalStateException("cannot count a table's rows: " + e.getCause(), e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }

  /**
   * A notebook's assertion, on whatever JVM flags (Java's {@code assert} is off by default): prints the
   * claim when it holds, fails the cell naming it when it does not.
   */
  public static void check(boolean holds, String claim) {
    if (!holds) {
      throw new AssertionError("check failed: " + claim);
    }
    System.out.println("check: " + claim);
  }

  /** {@code System.out.printf} as one write (the kernel sends each write as its own output). */
  public static void printf(String format, Object... args) {
    System.out.print(String.format(java.util.Locale.ROOT, format, args));
  }

  /** Prints the first {@code limit} rows of a frame as a text table (the kernel captures System.out). */
  public static void show(Dataset<Row> rows, int limit) {
    System.out.print(TextTable.of(rows, limit));
  }
}
