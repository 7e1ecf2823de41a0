package com.influencelakehouse.common.config;

import java.util.Map;
import java.util.Optional;

/**
 * How the Spark session is built: application name, the master used when spark-submit gives none,
 * and Spark settings applied unless the same key was set on the spark-submit line.
 */
public record SparkSettings(String appName, Optional<String> master, Map<String, String> conf) {
  public SparkSettings {
    conf = Map.copyOf(conf);
  }
}
