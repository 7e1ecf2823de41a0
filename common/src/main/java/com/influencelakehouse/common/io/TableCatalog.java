package com.influencelakehouse.common.io;

import com.influencelakehouse.common.tables.TableDef;
import java.util.Collection;
import java.util.HashSet;
import java.util.Set;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.catalyst.TableIdentifier;
import org.apache.spark.sql.catalyst.catalog.SessionCatalog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import scala.Option;

/**
 * Registers warehouse tables in the session's catalog under their schema names ({@code gold.influencer_scores})
 * as external Delta tables at their locations, with the registry's description as the table comment
 * (column comments travel in the Delta schema). Idempotent: a table already registered at the same
 * location is left alone; one registered elsewhere (another warehouse) is re-pointed.
 */
public final class TableCatalog {
  private static final Logger LOG = LoggerFactory.getLogger(TableCatalog.class);

  private TableCatalog() {}

  /** Registers those of {@code tables} that exist on storage; returns how many were (re-)registered. */
  public static int register(Warehouse w, Collection<TableDef> tables) {
    SparkSession spark = w.spark();
    Set<String> schemas = new HashSet<>();
    int registered = 0;
    for (TableDef t : tables) {
      if (!w.exists(t)) {
        continue;
      }
      String schema = t.layer().schemaName();
      if (schemas.add(schema)) {
        spark.sql("CREATE SCHEMA IF NOT EXISTS " + schema + " COMMENT '" + escape(t.layer().name().toLowerCase()
            + " layer of the Influence Lakehouse") + "'");
      }
      String location = w.path(t);
      String name = t.qualifiedName();
      // The session catalog's own metadata: a registration whose files are gone (another warehouse,
      // deleted) is still readable here, where resolving it as a Delta table would fail.
      SessionCatalog catalog = ((org.apache.spark.sql.classic.SparkSession) spark).sessionState().catalog();
      TableIdentifier id = new TableIdentifier(t.name(), Option.apply(schema), Option.empty());
      if (catalog.tableExists(id)) {
        if (sameLocation(location, registeredLocation(catalog, id))) {
          continue;
        }
        catalog.dropTable(id, true, false); // external: only the registration goes
      }
      spark.sql("CREATE TABLE " + name + " USING delta LOCATION '" + escape(location) + "' COMMENT '"
          + escape(t.description()) + "'");
      registered++;
    }
    if (registered > 0) {
      LOG.info("registered {} table(s) in the catalog", registered);
    }
    return registered;
  }

  private static String registeredLocation(SessionCatalog catalog, TableIdentifier id) {
    try {
      return catalog.getTableMetadata(id).location().toString();
    } catch (org.apache.spark.sql.catalyst.analysis.NoSuchNamespaceException
        | org.apache.spark.sql.catalyst.analysis.NoSuchTableException e) {
      return "";
    }
  }

  private static boolean sameLocation(String a, String b) {
    return strip(a).equals(strip(b));
  }

  private static String strip(String location) {
    String s = location.startsWith("file://") ? location.substring("file://".length())
        : location.startsWith("file:") ? location.substring("file:".length()) : location;
    return s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }

  private static String escape(String s) {
    return s.replace("\\", "\\\\").replace("'", "\\'");
  }
}
