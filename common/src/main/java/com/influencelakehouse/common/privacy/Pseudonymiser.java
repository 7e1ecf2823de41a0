package com.influencelakehouse.common.privacy;

import com.influencelakehouse.common.config.ConfigError;
import com.influencelakehouse.common.config.PrivacySettings;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.function.Function;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.api.java.UDF1;
import org.apache.spark.sql.expressions.UserDefinedFunction;
import org.apache.spark.sql.functions;
import org.apache.spark.sql.types.DataTypes;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keyed pseudonyms for personal identifiers: hex HMAC-SHA-256 of {@code domain:value}. The same key
 * gives the same pseudonym on every run (joins and erasure work); another key gives unrelated ones;
 * without the key a pseudonym cannot be recomputed from a guessed identifier. The key comes from an
 * environment variable and lives only in this object (and the UDF closures shipped to executors),
 * never in configuration, query plans, logs or tables.
 */
public final class Pseudonymiser implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(Pseudonymiser.class);
  /** The published key local runs fall back to. Not a secret: never acceptable outside local runs. */
  public static final String DEVELOPMENT_KEY = "influence-lakehouse-development-key-NOT-SECRET";

  /** What an identifier identifies; part of the hashed text so equal strings of different kinds differ. */
  public enum Domain {
    INFLUENCER,
    VISITOR,
    EMAIL,
    HANDLE;

    String prefix() {
      return name().toLowerCase(java.util.Locale.ROOT) + ":";
    }
  }

  private final byte[] key;
  private transient ThreadLocal<Mac> mac;

  public Pseudonymiser(byte[] key) {
    if (key == null || key.length < 16) {
      throw new IllegalArgumentException("a pseudonymisation key needs at least 16 bytes");
    }
    this.key = key.clone();
  }

  /**
   * The key from the environment variable the settings name; where the settings allow it (local
   * runs), the published development key when the variable is unset, with a warning saying so.
   *
   * @throws ConfigError when the variable is unset (or too short) and the development key is not allowed
   */
  public static Pseudonymiser fromEnvironment(PrivacySettings settings, Function<String, String> env) {
    String name = settings.pseudonymisationKeyEnv();
    String value = env.apply(name);
    if (value != null && !value.isEmpty()) {
      if (value.getBytes(StandardCharsets.UTF_8).length < 16) {
        throw new ConfigError("the pseudonymisation key in $" + name + " is shorter than 16 bytes: use a random key "
            + "of at least 32 bytes (e.g. openssl rand -hex 32)");
      }
      return new Pseudonymiser(value.getBytes(StandardCharsets.UTF_8));
    }
    if (!settings.allowDevelopmentKey()) {
      throw new ConfigError("environment variable " + name + " (lakehouse.privacy.pseudonymisation-key-env) is not "
          + "set: the pseudonymisation key is required outside local runs; set it from your secret store");
    }
    Pseudonymiser dev = new Pseudonymiser(DEVELOPMENT_KEY.getBytes(StandardCharsets.UTF_8));
    LOG.warn("{} is not set: using the published DEVELOPMENT pseudonymisation key (fingerprint {}). Fine for a local "
        + "demo; pseudonyms made with it protect nothing.", name, dev.fingerprint());
    return dev;
  }

  /** Pseudonym of one identifier, or null for null. */
  public String pseudonym(Domain domain, String value) {
    if (value == null) {
      return null;
    }
    if (mac == null) {
      mac = ThreadLocal.withInitial(this::newMac);
    }
    byte[] digest = mac.get().doFinal((domain.prefix() + value).getBytes(StandardCharsets.UTF_8));
    return HexFormat.of().formatHex(digest);
  }

  /** The column's values replaced by their pseudonyms (a UDF whose closure holds the key). */
  public Column pseudonymise(Domain domain, Column value) {
    Pseudonymiser self = this;
    UserDefinedFunction udf = functions.udf((UDF1<String, String>) v -> self.pseudonym(domain, v),
        DataTypes.StringType);
    return udf.apply(value);
  }

  /** A short, one-way fingerprint of the key, to tell in logs whether two runs used the same key. */
  public String fingerprint() {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(key)).substring(0, 12);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private Mac newMac() {
    try {
      Mac m = Mac.getInstance("HmacSHA256");
      m.init(new SecretKeySpec(key, "HmacSHA256"));
      return m;
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("HmacSHA256 is not available", e);
    }
  }

  @Override
  public String toString() {
    return "Pseudonymiser(key fingerprint " + fingerprint() + ")";
  }
}
