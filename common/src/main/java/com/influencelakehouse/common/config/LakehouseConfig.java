package com.influencelakehouse.common.config;

import com.influencelakehouse.common.config.BusinessObjectives.RecommendationMode;
import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigFactory;
import com.typesafe.config.ConfigParseOptions;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigValue;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The typed, validated configuration of one run, loaded once at start-up.
 *
 * <p>Layers, highest precedence first: explicit overrides (the CLI's {@code -D}), JVM system
 * properties under {@code lakehouse.}, {@code CONFIG_FORCE_} environment variables, an external file
 * ({@code --config}), {@code conf/<env>.conf}, {@code conf/application.conf}. Every key must be
 * declared in {@code conf/application.conf}; anything else under {@code lakehouse} is reported as
 * unknown. All problems are reported together, each naming its key and the file it came from.
 *
 * <p>{@code lakehouse.sample-data} is owned by the sample-data module (the generator, not part of the
 * product): here only its key names are checked; its values are read and validated by
 * {@code SampleDataSettings.from(config)} wherever the generator's settings are used.
 */
public final class LakehouseConfig {
  static final String ROOT = "lakehouse";
  static final String DEFAULTS = "conf/application.conf";
  /** Sections whose keys are free-form (Spark settings, scale names: the sample-data module checks those). */
  private static final List<String> FREE_FORM = List.of("lakehouse.spark.conf.", "lakehouse.sample-data.scales.",
      "lakehouse.ingest.formats.");
  private static final Set<String> FAIRNESS_GROUPS =
      Set.of("follower_tier", "platform", "country", "category", "language");
  private static final Set<String> INCENTIVE_TYPES = Set.of("cash", "product", "commission");
  private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");

  private final String env;
  private final Config raw;
  private final List<String> layers;
  private final WarehouseSettings warehouse;
  private final SparkSettings spark;
  private final IngestSettings ingest;
  private final FeatureSettings features;
  private final ModelSettings models;
  private final int parallelism;
  private final boolean skipUnchanged;
  private final PrivacySettings privacy;
  private final BusinessObjectives objectives;

  private LakehouseConfig(String env, Config raw, List<String> layers, WarehouseSettings warehouse,
      SparkSettings spark, int parallelism, boolean skipUnchanged, IngestSettings ingest, FeatureSettings features, ModelSettings models, PrivacySettings privacy,
      BusinessObjectives objectives) {
    this.env = env;
    this.raw = raw;
    this.layers = layers;
    this.warehouse = warehouse;
    this.spark = spark;
    this.parallelism = parallelism;
    this.skipUnchanged = skipUnchanged;
    this.ingest = ingest;
    this.features = features;
    this.models = models;
    this.privacy = privacy;
    this.objectives = objectives;
  }

  /**
   * {@code -Dkey=value} settings: a value that reads as a HOCON list or object ({@code [3, 5]}) is one;
   * anything else is taken as the text given.
   */
  private static Config commandLine(Map<String, String> overrides) {
    Config c = ConfigFactory.empty("command-line -D");
    for (Map.Entry<String, String> e : overrides.entrySet()) {
      String v = e.getValue().trim();
      Config one = null;
      if (v.startsWith("[") || v.startsWith("{")) {
        try {
          one = ConfigFactory.parseString(e.getKey() + " = " + v,
              ConfigParseOptions.defaults().setOriginDescription("command-line -D"));
        } catch (ConfigException notHocon) {
          one = null;
        }
      }
      if (one == null) {
        one = ConfigFactory.parseMap(Map.of(e.getKey(), e.getValue()), "command-line -D");
      }
      c = one.withFallback(c);
    }
    return c;
  }

  /** Loads {@code conf/<env>.conf} over the defaults, with the JVM's and environment's overrides. */
  public static LakehouseConfig load(String env) {
    return load(env, null, Map.of());
  }

  /**
   * Loads and validates the configuration.
   *
   * @param env          environment overlay name ({@code local}, {@code prod}, ...)
   * @param externalFile optional file with further settings (spark-submit {@code --files}), may be null
   * @param overrides    highest-precedence settings, e.g. from the CLI's {@code -Dkey=value}
   * @throws ConfigError naming every missing, malformed or unknown key and where it came from
   */
  public static LakehouseConfig load(String env, Path externalFile, Map<String, String> overrides) {
    if (env == null || !env.matches("[a-z][a-z0-9_-]*")) {
      throw new ConfigError("environment name '" + env + "' must be a lower-case word such as local or prod");
    }
    List<String> layers = new ArrayList<>();
    Config defaults = resource(DEFAULTS, null);
    Config overlay = resource("conf/" + env + ".conf", env);
    Config merged = defaults;
    layers.add(0, DEFAULTS);
    merged = overlay.withFallback(merged);
    layers.add(0, "conf/" + env + ".conf");
    if (externalFile != null) {
      if (!Files.isRegularFile(externalFile)) {
        throw new ConfigError("configuration file " + externalFile + " (--config) does not exist or is not a file");
      }
      merged = parse(() -> ConfigFactory.parseFile(externalFile.toFile(),
          ConfigParseOptions.defaults().setAllowMissing(false))).withFallback(merged);
      layers.add(0, externalFile.toString());
    }
    merged = ConfigFactory.systemEnvironmentOverrides().withFallback(merged);
    layers.add(0, "CONFIG_FORCE_* environment variables");
    merged = lakehouseSystemProperties().withFallback(merged);
    layers.add(0, "-D system properties");
    if (!overrides.isEmpty()) {
      merged = commandLine(overrides).withFallback(merged);
      layers.add(0, "command-line -D");
    }

    Config resolved;
    try {
      resolved = merged.resolve();
    } catch (ConfigException e) {
      throw new ConfigError(List.of(e.getMessage()), layers);
    }
    List<String> problems = new ArrayList<>(unknownKeys(defaults, resolved));
    LakehouseConfig config = read(resolved, layers, problems);
    if (!problems.isEmpty()) {
      throw new ConfigError(problems, layers);
    }
    return config;
  }

  private static Config resource(String name, String env) {
    if (LakehouseConfig.class.getClassLoader().getResource(name) == null) {
      throw new ConfigError(env == null
          ? name + " is not on the classpath: run from a build of the project (bin/lakehouse builds it)"
          : "unknown environment '" + env + "': there is no " + name
              + " (environments are the overlay files in conf/, e.g. local, prod)");
    }
    return parse(() -> ConfigFactory.parseResources(name, ConfigParseOptions.defaults().setAllowMissing(false)));
  }

  private static Config parse(java.util.function.Supplier<Config> parser) {
    try {
      return parser.get();
    } catch (ConfigException e) {
      throw new ConfigError("cannot parse configuration: " + e.getMessage());
    }
  }

  /** Only lakehouse.* system properties, read now (not cached), so tests and notebooks can set them. */
  private static Config lakehouseSystemProperties() {
    Properties props = new Properties();
    System.getProperties().forEach((k, v) -> {
      if (k.toString().startsWith(ROOT + ".")) {
        props.put(k, v);
      }
    });
    return ConfigFactory.parseProperties(props,
        ConfigParseOptions.defaults().setOriginDescription("-D system properties"));
  }

  /** Keys under lakehouse that conf/application.conf does not declare: almost always typos. */
  /**
   * {@code lakehouse.ingest.formats}: landing source path to the format its files arrive in ({@code auto} for
   * every source not named); a key that is no source, or a format the source has no adapter for, is refused.
   */
  private static java.util.Map<String, String> formats(Config resolved, SettingsReader r) {
    String key = "lakehouse.ingest.formats";
    java.util.Map<String, String> out = new java.util.TreeMap<>();
    for (com.influencelakehouse.common.tables.LandingSource s : com.influencelakehouse.common.tables.LandingSource.values()) {
      out.put(s.path(), com.influencelakehouse.common.io.formats.SourceFormats.AUTO);
    }
    if (!resolved.hasPath(key)) {
      return out;
    }
    com.typesafe.config.ConfigObject o;
    try {
      o = resolved.getObject(key);
    } catch (com.typesafe.config.ConfigException e) {
      r.check(false, key, "must be an object of landing source path = format, e.g. { \"social/posts\" = auto }");
      return out;
    }
    o.forEach((path, value) -> {
      String name = key + ".\"" + path + "\"";
      var source = com.influencelakehouse.common.tables.LandingSource.byPath(path);
      if (source.isEmpty()) {
        r.check(false, name, "is not a landing source; sources are " + java.util.Arrays.stream(
            com.influencelakehouse.common.tables.LandingSource.values()).map(x -> x.path()).toList());
        return;
      }
      java.util.List<String> allowed = com.influencelakehouse.common.io.formats.SourceFormats.allowed(source.get());
      Object v = value.unwrapped();
      if (!(v instanceof String f) || !allowed.contains(f)) {
        r.check(false, name, "is " + v + "; must be one of " + allowed);
        return;
      }
      out.put(path, f);
    });
    return out;
  }

  private static List<String> unknownKeys(Config defaults, Config resolved) {
    Set<String> known = new TreeSet<>();
    Config declared;
    try {
      declared = defaults.resolve();
    } catch (ConfigException e) {
      return List.of("conf/application.conf does not resolve on its own: " + e.getMessage());
    }
    declared.getConfig(ROOT).entrySet().forEach(e -> known.add(ROOT + "." + e.getKey()));
    List<String> problems = new ArrayList<>();
    if (!resolved.hasPath(ROOT)) {
      return problems;
    }
    for (Map.Entry<String, ConfigValue> e : resolved.getConfig(ROOT).entrySet()) {
      String key = ROOT + "." + e.getKey();
      if (known.contains(key) || FREE_FORM.stream().anyMatch(key::startsWith)) {
        continue;
      }
      String suggestion = nearest(key, known);
      problems.add(key + " (" + SettingsReader.describe(e.getValue().origin()) + ") is not a known key"
          + (suggestion == null ? "" : "; did you mean " + suggestion + "?")
          + " Every key is declared in conf/application.conf.");
    }
    return problems;
  }

  private static String nearest(String key, Set<String> known) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (String k : known) {
      int d = levenshtein(key, k);
      if (d < bestDistance) {
        bestDistance = d;
        best = k;
      }
    }
    return bestDistance <= Math.max(3, key.length() / 8) ? best : null;
  }

  private static int levenshtein(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int cost = a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1;
        cur[j] = Math.min(Math.min(cur[j - 1] + 1, prev[j] + 1), prev[j - 1] + cost);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  private static LakehouseConfig read(Config c, List<String> layers, List<String> problems) {
    SettingsReader r = new SettingsReader(c);
    String env = r.string("lakehouse.env");

    WarehouseSettings warehouse = new WarehouseSettings(
        location(r, "lakehouse.warehouse.root"),
        location(r, "lakehouse.warehouse.landing"),
        location(r, "lakehouse.warehouse.bronze"),
        location(r, "lakehouse.warehouse.silver"),
        location(r, "lakehouse.warehouse.gold"),
        location(r, "lakehouse.warehouse.audit"),
        location(r, "lakehouse.warehouse.models"));

    Map<String, String> sparkConf = new TreeMap<>();
    Config sc = r.subConfig("lakehouse.spark.conf");
    if (sc != null) {
      for (Map.Entry<String, Object> e : sc.root().unwrapped().entrySet()) {
        if (e.getValue() == null) {
          continue; // null = leave Spark's (or the cluster's) own value
        }
        if (e.getValue() instanceof Map || e.getValue() instanceof List) {
          r.fail("lakehouse.spark.conf.\"" + e.getKey() + "\"", "Spark settings are single values");
        } else if (!e.getKey().startsWith("spark.")) {
          r.fail("lakehouse.spark.conf.\"" + e.getKey() + "\"", "Spark setting names start with 'spark.'");
        } else {
          sparkConf.put(e.getKey(), String.valueOf(e.getValue()));
        }
      }
    }
    catalogConf(r, warehouse, sparkConf);
    r.bool("lakehouse.maintenance.z-order"); // validated here, read by optimize_gold
    r.intIn("lakehouse.pipeline.lock.lease-seconds", 10, 86_400); // validated here, read by the job runner
    r.intIn("lakehouse.pipeline.lock.wait-minutes", 0, 1_440);
    SparkSettings spark = new SparkSettings(r.string("lakehouse.spark.app-name"),
        Optional.ofNullable(r.optionalString("lakehouse.spark.master")), sparkConf);

    PrivacySettings privacy = new PrivacySettings(
        r.string("lakehouse.privacy.pseudonymisation-key-env"),
        r.bool("lakehouse.privacy.pseudonymise-handle"),
        r.bool("lakehouse.privacy.allow-development-key"),
        r.intIn("lakehouse.privacy.bronze-retention-days", 1, 3650),
        r.intIn("lakehouse.privacy.vacuum-retention-hours", 0, 24 * 3650));
    if (privacy.pseudonymisationKeyEnv() != null) {
      r.check(privacy.pseudonymisationKeyEnv().matches("[A-Z_][A-Z0-9_]*"),
          "lakehouse.privacy.pseudonymisation-key-env",
          "must be the NAME of an environment variable (the key itself never goes in a file)");
    }

    List<String> policies = List.of("fail", "warn");
    IngestSettings ingest = new IngestSettings(
        "fail".equals(r.oneOf("lakehouse.ingest.missing-required-folder", policies)),
        "fail".equals(r.oneOf("lakehouse.ingest.missing-optional-folder", policies)),
        r.intIn("lakehouse.ingest.future-tolerance-hours", 0, 24 * 365),
        r.date("lakehouse.ingest.earliest-timestamp"),
        "fail".equals(r.oneOf("lakehouse.ingest.corrupt-file", List.of("fail", "quarantine"))),
        r.doubleIn("lakehouse.ingest.max-quarantine-share", 0, 1),
        r.intIn("lakehouse.ingest.quarantine-share-min-records", 0, Integer.MAX_VALUE),
        r.intIn("lakehouse.ingest.lookback-days", 1, 3650),
        formats(c, r));

    String f = "lakehouse.features.";
    FeatureSettings features = new FeatureSettings(
        r.intIn(f + "delivery-lag-days", 0, 30),
        r.intIn(f + "history-days", 7, 3650),
        r.intIn(f + "recent-days", 7, 365),
        r.intIn(f + "engagement-age-hours", 1, 24 * 60),
        r.intIn(f + "trend-days", 14, 3650),
        r.doubleIn(f + "rising-growth-pct", 0, 100),
        r.doubleIn(f + "declining-growth-pct", -100, 0),
        r.doubleIn(f + "engagement-trend-threshold", 0, 10),
        r.doubleIn(f + "authenticity-threshold", 0, 1),
        r.intIn(f + "min-label-posts", 1, Integer.MAX_VALUE));

    String m = "lakehouse.models.";
    List<Double> depths = r.doubleList(m + "gbt-depths");
    List<Double> regParams = r.doubleList(m + "reg-params");
    if (depths != null) {
      r.check(!depths.isEmpty() && depths.stream().allMatch(d -> d >= 1 && d <= 12 && d == Math.rint(d)),
          m + "gbt-depths", "must be a non-empty list of whole numbers from 1 to 12");
    }
    if (regParams != null) {
      r.check(!regParams.isEmpty() && regParams.stream().allMatch(x -> x >= 0), m + "reg-params",
          "must be a non-empty list of non-negative numbers");
    }
    double holdoutShare = r.doubleIn(m + "holdout-share", 0.01, 0.5);
    double validationShare = r.doubleIn(m + "validation-share", 0.01, 0.5);
    ModelSettings models = new ModelSettings(
        r.intIn(m + "training-days", 7, 3650), holdoutShare, validationShare,
        r.intIn(m + "min-examples", 10, Integer.MAX_VALUE),
        r.intIn(m + "gbt-iterations", 1, 1000),
        depths == null ? List.of() : depths.stream().map(Double::intValue).toList(),
        regParams == null ? List.of() : regParams,
        r.intIn(m + "reason-codes", 1, 20),
        r.intIn(m + "training-partitions", 1, 100_000));

    BusinessObjectives objectives = readObjectives(r);

    // Read before the problems are gathered: a key read after them is never validated.
    int parallelism = r.intIn("lakehouse.pipeline.parallelism", 1, 64);
    boolean skipUnchanged = r.bool("lakehouse.pipeline.skip-unchanged");
    problems.addAll(r.problems());
    return new LakehouseConfig(env, c, List.copyOf(layers), warehouse, spark,
        parallelism, skipUnchanged, ingest, features, models, privacy, objectives);
  }

  /** The metastores a catalog can use (lakehouse.catalog.metastore). */
  public static final List<String> METASTORES = List.of("embedded", "external", "session");

  /**
   * Spark settings of the table catalog (unless set explicitly in lakehouse.spark.conf): Hive support
   * for a persistent catalog, and for the embedded one a Derby database inside the warehouse.
   */
  private static void catalogConf(SettingsReader r, WarehouseSettings warehouse, Map<String, String> sparkConf) {
    String metastore = r.oneOf("lakehouse.catalog.metastore", METASTORES);
    if (metastore == null || metastore.equals("session")) {
      return;
    }
    sparkConf.putIfAbsent("spark.sql.catalogImplementation", "hive");
    if (metastore.equals("embedded")) {
      String dir = location(r, "lakehouse.catalog.embedded-dir");
      if (dir == null) {
        return;
      }
      if (!WarehouseSettings.isLocalLocation(dir)) {
        r.fail("lakehouse.catalog.embedded-dir", "an embedded metastore needs a local directory, not " + dir
            + " (use metastore = \"external\" with a warehouse on object storage)");
        return;
      }
      String local = dir.startsWith("file:") ? java.net.URI.create(dir).getPath() : dir;
      sparkConf.putIfAbsent("spark.hadoop.javax.jdo.option.ConnectionURL",
          "jdbc:derby:;databaseName=" + local + "/metastore_db;create=true");
      sparkConf.putIfAbsent("spark.sql.warehouse.dir", local + "/spark-warehouse");
    }
  }

  /** The merged configuration as loaded (for tools and tests that walk every key). */
  public Config raw() {
    return raw;
  }

  /** lakehouse.maintenance.z-order: whether optimize_gold Z-orders the partitions it compacts. */
  public boolean zOrder() {
    return raw.getBoolean("lakehouse.maintenance.z-order");
  }

  /** lakehouse.pipeline.lock.lease-seconds: how long a run lock stays valid without a heartbeat. */
  public java.time.Duration runLockLease() {
    return java.time.Duration.ofSeconds(raw.getInt("lakehouse.pipeline.lock.lease-seconds"));
  }

  /** lakehouse.pipeline.lock.wait-minutes: how long a run waits for another run's lock before failing. */
  public java.time.Duration runLockWait() {
    return java.time.Duration.ofMinutes(raw.getInt("lakehouse.pipeline.lock.wait-minutes"));
  }

  /** lakehouse.catalog.metastore: embedded, external or session. */
  public String catalogMetastore() {
    return raw.getString("lakehouse.catalog.metastore");
  }

  private static String location(SettingsReader r, String path) {
    return r.location(path);
  }

  private static BusinessObjectives readObjectives(SettingsReader r) {
    String p = "lakehouse.objectives.";
    String currency = r.string(p + "base-currency");
    if (currency != null) {
      r.check(CURRENCY.matcher(currency).matches(), p + "base-currency", "must be an ISO 4217 code such as USD");
    }
    String modeName = r.oneOf(p + "recommendation.mode",
        Arrays.stream(RecommendationMode.values()).map(RecommendationMode::configName).toList());
    List<Double> grid = r.doubleList(p + "recommendation.incentive-grid");
    if (grid != null) {
      boolean ascending = !grid.isEmpty();
      for (int i = 0; i < grid.size(); i++) {
        ascending &= grid.get(i) > 0 && (i == 0 || grid.get(i) > grid.get(i - 1));
      }
      r.check(ascending, p + "recommendation.incentive-grid",
          "must be a non-empty list of positive, ascending multiples");
    }
    List<String> types = r.stringList(p + "recommendation.incentive-types");
    if (types != null) {
      r.check(!types.isEmpty() && INCENTIVE_TYPES.containsAll(types), p + "recommendation.incentive-types",
          "must be a non-empty subset of " + new TreeSet<>(INCENTIVE_TYPES));
    }
    BusinessObjectives.Recommendation recommendation = new BusinessObjectives.Recommendation(
        RecommendationMode.fromConfig(modeName),
        r.doubleOpen(p + "recommendation.target-posting-probability", 0, 1),
        r.doubleOpen(p + "recommendation.gross-margin", 0, 1),
        grid, types,
        r.doubleIn(p + "recommendation.confidence", 0.5, 0.99));

    List<String> groups = r.stringList(p + "fairness.groups");
    if (groups != null) {
      r.check(!groups.isEmpty() && FAIRNESS_GROUPS.containsAll(groups), p + "fairness.groups",
          "must be a non-empty subset of " + new TreeSet<>(FAIRNESS_GROUPS));
    }
    BusinessObjectives.Fairness fairness = new BusinessObjectives.Fairness(groups,
        r.doubleOpen(p + "fairness.min-ratio", 0, 1),
        r.intIn(p + "fairness.min-group-size", 1, 1_000_000),
        r.doubleIn(p + "fairness.gate-min-ratio", 0, 1),
        r.intIn(p + "fairness.gate-min-group-size", 1, 1_000_000),
        r.doubleIn(p + "fairness.gate-max-calibration-gap", 0, 1));

    return new BusinessObjectives(currency, recommendation, fairness,
        modelObjective(r, p + "models.posting."), modelObjective(r, p + "models.conversion."));
  }

  private static BusinessObjectives.ModelObjective modelObjective(SettingsReader r, String p) {
    return new BusinessObjectives.ModelObjective(r.string(p + "objective"),
        r.intIn(p + "retrain-every-days", 0, 365), r.doubleIn(p + "champion-margin", 0, 1));
  }

  public String env() {
    return env;
  }

  public WarehouseSettings warehouse() {
    return warehouse;
  }

  public SparkSettings spark() {
    return spark;
  }

  /** How many jobs may run at once. */
  public int parallelism() {
    return parallelism;
  }

  /** Whether a job whose inputs, outputs, configuration and code are as at its last success is skipped. */
  public boolean skipUnchanged() {
    return skipUnchanged;
  }

  /**
   * A one-way digest of every setting a job's output can depend on (all of {@code lakehouse} but how
   * jobs are scheduled, {@code lakehouse.pipeline}): equal digests, equal settings.
   */
  public String settingsDigest() {
    String text = raw.getConfig("lakehouse").withoutPath("pipeline").root()
        .render(ConfigRenderOptions.concise().setJson(true));
    try {
      byte[] d = java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(java.nio.charset.StandardCharsets.UTF_8));
      return java.util.HexFormat.of().formatHex(d, 0, 16);
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  public IngestSettings ingest() {
    return ingest;
  }

  /** How models are trained and split. */
  public ModelSettings models() {
    return models;
  }

  /** Windows and thresholds of the gold features. */
  public FeatureSettings features() {
    return features;
  }

  public PrivacySettings privacy() {
    return privacy;
  }

  public BusinessObjectives objectives() {
    return objectives;
  }

  /** The configuration layers that were merged, highest precedence first. */
  public List<String> layers() {
    return layers;
  }

  /** The business objectives as compact JSON, as echoed into {@code audit.run_log}. */
  public String objectivesJson() {
    return raw.getConfig("lakehouse.objectives").root()
        .render(ConfigRenderOptions.concise().setJson(true));
  }

  /** One line for the start-up log: environment, warehouse and master. */
  public String summary() {
    return String.format(Locale.ROOT, "env=%s warehouse=%s landing=%s master=%s", env, warehouse.root(),
        warehouse.landing(), spark.master().orElse("(from spark-submit)"));
  }
}
