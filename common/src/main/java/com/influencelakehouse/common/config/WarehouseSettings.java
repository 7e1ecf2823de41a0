package com.influencelakehouse.common.config;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.regex.Pattern;

/**
 * Where the warehouse lives: the landing zone and one location per layer, each a local directory
 * (made absolute at load) or an object-store URI. The only place table paths are computed.
 */
public record WarehouseSettings(
    String root, String landing, String bronze, String silver, String gold, String audit, String models) {

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  /** The location of a table: {@code <layer location>/<table name>}. */
  public String pathOf(TableDef table) {
    return layerRoot(table.layer()) + "/" + table.name();
  }

  public String layerRoot(Layer layer) {
    return switch (layer) {
      case BRONZE -> bronze;
      case SILVER -> silver;
      case GOLD -> gold;
      case AUDIT -> audit;
    };
  }

  /** The folder of one source's delivery for one date: {@code <landing>/<source>/dt=YYYY-MM-DD}. */
  public String landingPath(LandingSource source, LocalDate date) {
    return landingPath(source) + "/dt=" + date;
  }

  /** The folder holding all deliveries of one source. */
  public String landingPath(LandingSource source) {
    return landing + "/" + source.path();
  }

  /** Directory of one fitted model version under the model store. */
  public String modelPath(String modelName, String version) {
    return models + "/" + modelName + "/" + version;
  }

  /** True when the whole warehouse is on the local file system (no URI scheme, or file:). */
  public boolean isLocal() {
    return isLocalLocation(root) && isLocalLocation(landing);
  }

  /** True for a local path or file: URI; false for object stores (s3a:, abfss:, gs: ...). */
  public static boolean isLocalLocation(String location) {
    return !SCHEME.matcher(location).matches() || location.startsWith("file:");
  }

  /** Relative local paths resolve against the working directory, so every job sees the same table. */
  static String normalise(String location) {
    if (!isLocalLocation(location) || location.startsWith("file:")) {
      return stripTrailingSlash(location);
    }
    return stripTrailingSlash(Path.of(location).toAbsolutePath().normalize().toString());
  }

  private static String stripTrailingSlash(String s) {
    return s.length() > 1 && s.endsWith("/") ? s.substring(0, s.length() - 1) : s;
  }
}
