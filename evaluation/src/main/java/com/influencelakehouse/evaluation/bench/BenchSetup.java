package com.influencelakehouse.evaluation.bench;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.config.SampleDataSettings;
import com.influencelakehouse.sampledata.GenerationReport;
import com.influencelakehouse.sampledata.SampleDataGenerator;
import java.nio.file.Path;
import java.util.Map;

/**
 * What every benchmark starts with: the local configuration on a scratch warehouse ({@code args[1]},
 * default /tmp/lakehouse-bench) and one generated scale ({@code args[0]}, default small) in its landing zone.
 */
record BenchSetup(String scale, Path root, LakehouseConfig config, GenerationReport generated) {
  static BenchSetup generate(String[] args) {
    String scale = args.length > 0 ? args[0] : "small";
    Path root = Path.of(args.length > 1 ? args[1] : "/tmp/lakehouse-bench");
    LakehouseConfig config = LakehouseConfig.load("local", null, Map.of("lakehouse.warehouse.root", root.toString()));
    SampleDataSettings s = config.sampleData();
    GenerationReport g = SampleDataGenerator.generate(s, s.scale(scale), config.objectives().baseCurrency(),
        Path.of(config.warehouse().landing()), Path.of(s.groundTruth()));
    return new BenchSetup(scale, root, config, g);
  }
}
