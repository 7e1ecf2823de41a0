package com.influencelakehouse.common.config;

import com.typesafe.config.Config;
import com.typesafe.config.ConfigException;
import com.typesafe.config.ConfigObject;
import com.typesafe.config.ConfigOrigin;
import com.typesafe.config.ConfigRenderOptions;
import com.typesafe.config.ConfigUtil;
import com.typesafe.config.ConfigValue;
import com.typesafe.config.ConfigValueType;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;

/**
 * Reads typed values from a resolved {@link Config}, collecting every problem (with key and origin)
 * instead of stopping at the first, so one start-up reports everything that is wrong. Public for a
 * module that owns a block under {@code lakehouse} (the generator's {@code lakehouse.sample-data}) and
 * validates it the same way.
 */
public final class SettingsReader {
  private final Config config;
  private final List<String> problems = new ArrayList<>();

  public SettingsReader(Config config) {
    this.config = config;
  }

  public List<String> problems() {
    return problems;
  }

  public String string(String path) {
    try {
      String s = config.getString(path);
      if (s.isBlank()) {
        fail(path, "must not be empty");
      }
      return s;
    } catch (ConfigException e) {
      record(path, e, "a string");
      return null;
    }
  }

  /** A string that may be set to null (or omitted from every layer) on purpose. */
  public String optionalString(String path) {
    try {
      return config.getIsNull(path) ? null : config.getString(path);
    } catch (ConfigException.Missing e) {
      return null;
    } catch (ConfigException e) {
      record(path, e, "a string or null");
      return null;
    }
  }

  public String oneOf(String path, Collection<String> allowed) {
    String s = string(path);
    if (s != null && !allowed.contains(s)) {
      fail(path, "must be one of " + allowed);
    }
    return s;
  }

  public boolean bool(String path) {
    try {
      return config.getBoolean(path);
    } catch (ConfigException e) {
      record(path, e, "true or false");
      return false;
    }
  }

  public int intIn(String path, int min, int max) {
    try {
      int v = config.getInt(path);
      if (!isWhole(config.getNumber(path))) {
        // Typesafe Config truncates 2.5 to 2 without a word.
        fail(path, "must be a whole number between " + min + " and " + max + ", not " + config.getNumber(path));
        return min;
      }
      if (v < min || v > max) {
        fail(path, "must be between " + min + " and " + max);
      }
      return v;
    } catch (ConfigException e) {
      record(path, e, "a whole number");
      return min;
    }
  }

  public long longValue(String path) {
    try {
      long v = config.getLong(path);
      if (!isWhole(config.getNumber(path))) {
        fail(path, "must be a whole number, not " + config.getNumber(path));
      }
      return v;
    } catch (ConfigException e) {
      record(path, e, "a whole number");
      return 0L;
    }
  }

  private static boolean isWhole(Number n) {
    return !(n instanceof Double || n instanceof Float) || n.doubleValue() == Math.rint(n.doubleValue());
  }

  /** A number in [min, max]; pass exclusive bounds through {@link #doubleOpen}. */
  public double doubleIn(String path, double min, double max) {
    try {
      double v = config.getDouble(path);
      if (!(v >= min && v <= max)) {
        fail(path, "must be between " + min + " and " + max);
      }
      return v;
    } catch (ConfigException e) {
      record(path, e, "a number");
      return min;
    }
  }

  /** A number strictly between min and max, e.g. a probability target. */
  public double doubleOpen(String path, double min, double max) {
    try {
      double v = config.getDouble(path);
      if (!(v > min && v < max)) {
        fail(path, "must be strictly between " + min + " and " + max);
      }
      return v;
    } catch (ConfigException e) {
      record(path, e, "a number");
      return (min + max) / 2;
    }
  }

  /** A list of strings, or null when the value is not one (the problem is already recorded). */
  public List<String> stringList(String path) {
    try {
      return List.copyOf(config.getStringList(path));
    } catch (ConfigException e) {
      record(path, e, "a list of strings");
      return null;
    }
  }

  /** A list of numbers, or null when the value is not one (the problem is already recorded). */
  public List<Double> doubleList(String path) {
    try {
      return List.copyOf(config.getDoubleList(path));
    } catch (ConfigException e) {
      record(path, e, "a list of numbers");
      return null;
    }
  }

  public LocalDate date(String path) {
    String s = string(path);
    if (s == null) {
      return null;
    }
    try {
      return LocalDate.parse(s);
    } catch (DateTimeParseException e) {
      fail(path, "must be a date YYYY-MM-DD");
      return null;
    }
  }

  /** A warehouse location (a local path made absolute, or a URI). */
  public String location(String path) {
    String s = string(path);
    return s == null ? null : WarehouseSettings.normalise(s);
  }

  public Config subConfig(String path) {
    try {
      return config.getConfig(path);
    } catch (ConfigException e) {
      record(path, e, "an object");
      return null;
    }
  }

  /** Records a problem about a present key: "key = value (file:line): message". */
  public void fail(String path, String message) {
    problems.add(path + " = " + render(path) + " (" + origin(path) + "): " + message);
  }

  public void check(boolean ok, String path, String message) {
    if (!ok) {
      fail(path, message);
    }
  }

  private void record(String path, ConfigException e, String expected) {
    if (e instanceof ConfigException.Missing || e instanceof ConfigException.Null) {
      if (e instanceof ConfigException.Null) {
        problems.add(path + " is null (" + origin(path) + "): expected " + expected);
      } else {
        problems.add(path + " is missing: expected " + expected
            + " (every key is declared in conf/application.conf; was it removed or set to null by an overlay?)");
      }
    } else if (e instanceof ConfigException.WrongType || e instanceof ConfigException.BadValue) {
      problems.add(path + " = " + render(path) + " (" + origin(path) + "): expected " + expected);
    } else {
      problems.add(path + ": " + e.getMessage());
    }
  }

  private String render(String path) {
    ConfigValue v = valueOrNull(path);
    if (v == null) {
      return "?";
    }
    return v.valueType() == ConfigValueType.STRING ? "\"" + v.unwrapped() + "\""
        : v.render(ConfigRenderOptions.concise());
  }

  public String origin(String path) {
    ConfigValue v = valueOrNull(path);
    return v == null ? "unknown origin" : describe(v.origin());
  }

  /** The value at a path, null values included (Config.getValue refuses those). */
  private ConfigValue valueOrNull(String path) {
    ConfigValue v = config.root();
    for (String key : ConfigUtil.splitPath(path)) {
      if (!(v instanceof ConfigObject o) || !o.containsKey(key)) {
        return null;
      }
      v = o.get(key);
    }
    return v;
  }

  static String describe(ConfigOrigin origin) {
    String where = origin.resource() != null ? origin.resource()
        : origin.filename() != null ? origin.filename() : origin.description();
    return origin.lineNumber() > 0 ? where + " line " + origin.lineNumber() : where;
  }
}
