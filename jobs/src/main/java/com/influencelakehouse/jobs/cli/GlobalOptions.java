package com.influencelakehouse.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** Options every subcommand takes: which environment, an extra config file, and key overrides. */
public final class GlobalOptions {
  @Option(names = "--env", paramLabel = "ENV", defaultValue = "${env:LAKEHOUSE_ENV:-local}",
      description = "Configuration overlay conf/<ENV>.conf: local (default) or prod. Env: LAKEHOUSE_ENV.")
  String env;

  @Option(names = "--config", paramLabel = "FILE",
      description = "Extra HOCON file layered over conf/<ENV>.conf (e.g. one shipped with spark-submit --files).")
  Path configFile;

  @Option(names = "-D", paramLabel = "KEY=VALUE", mapFallbackValue = "",
      description = "Override one configuration key, e.g. -Dlakehouse.warehouse.root=/data/wh. Repeatable.")
  Map<String, String> overrides = new LinkedHashMap<>();
}
