package com.influencelakehouse.common.testing;

import com.influencelakehouse.common.config.LakehouseConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local configuration pointed at a temporary warehouse, as tests use it. */
public final class TestConfigs {
  private TestConfigs() {}

  public static LakehouseConfig local(Path warehouseRoot) {
    return local(warehouseRoot, Map.of());
  }

  public static LakehouseConfig local(Path warehouseRoot, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.put("lakehouse.warehouse.root", warehouseRoot.toString());
    return LakehouseConfig.load("local", null, all);
  }
}
