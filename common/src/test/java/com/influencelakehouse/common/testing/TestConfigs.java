package com.influencelakehouse.common.testing;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.privacy.Pseudonymiser;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** The local configuration pointed at a temporary warehouse, as tests use it. */
public final class TestConfigs {
  private TestConfigs() {}

  /** The key tests pseudonymise with (a test key, not the development key). */
  public static final String PSEUDONYMISATION_KEY = "test-pseudonymisation-key-0123456789";

  /** A pseudonymiser with {@link #PSEUDONYMISATION_KEY}. */
  public static Pseudonymiser pseudonymiser() {
    return new Pseudonymiser(PSEUDONYMISATION_KEY.getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }

  public static LakehouseConfig local(Path warehouseRoot) {
    return local(warehouseRoot, Map.of());
  }

  public static LakehouseConfig local(Path warehouseRoot, Map<String, String> overrides) {
    Map<String, String> all = new LinkedHashMap<>(overrides);
    all.put("lakehouse.warehouse.root", warehouseRoot.toString());
    return LakehouseConfig.load("local", null, all);
  }
}
