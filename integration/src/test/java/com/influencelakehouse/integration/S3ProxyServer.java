package com.influencelakehouse.integration;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * A real S3-compatible server on loopback: S3Proxy (from Maven Central) over a local directory, with
 * AWS signature v2/v4 authentication. Its credentials exist only for the test.
 */
final class S3ProxyServer implements AutoCloseable {
  static final String ACCESS_KEY = "integration-test-access-key";
  static final String SECRET_KEY = "integration-test-secret-key";

  private final JavaProcess process;
  final String endpoint;

  private S3ProxyServer(JavaProcess process, String endpoint) {
    this.process = process;
    this.endpoint = endpoint;
  }

  /** Starts the server with these buckets (directories under its base directory). */
  static S3ProxyServer start(Path baseDir, List<String> buckets) {
    try {
      for (String b : buckets) {
        Files.createDirectories(baseDir.resolve(b));
      }
      String endpoint = "http://127.0.0.1:" + SparkDistribution.freePort();
      Path props = baseDir.resolveSibling("s3proxy.properties");
      Files.writeString(props, String.join("\n",
          "s3proxy.endpoint=" + endpoint,
          "s3proxy.authorization=aws-v2-or-v4",
          "s3proxy.identity=" + ACCESS_KEY,
          "s3proxy.credential=" + SECRET_KEY,
          "jclouds.provider=filesystem",
          "jclouds.filesystem.basedir=" + baseDir, ""));
      JavaProcess p = JavaProcess.start("s3proxy", List.of("-Xmx512m"),
          SparkDistribution.TOOLS.resolve("s3proxy.jar").toString(), "org.gaul.s3proxy.Main",
          List.of("--properties", props.toString()), Map.of(), SparkDistribution.WORK.resolve("logs/s3proxy.log"));
      p.awaitLog("Started", Duration.ofSeconds(60));
      return new S3ProxyServer(p, endpoint);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server's credentials as the environment of a machine: what the AWS SDK's default provider chain
   * reads, as it would read an instance role's. Nothing secret goes into a file or a Spark setting.
   */
  static Map<String, String> credentialsEnvironment() {
    return Map.of("AWS_ACCESS_KEY_ID", ACCESS_KEY, "AWS_SECRET_ACCESS_KEY", SECRET_KEY, "AWS_REGION", "us-east-1");
  }

  /** A driver's environment: the machine's credentials and the run's pseudonymisation key. */
  static Map<String, String> driverEnvironment(String pseudonymisationKey) {
    Map<String, String> env = new java.util.TreeMap<>(credentialsEnvironment());
    env.put("LAKEHOUSE_PSEUDONYMISATION_KEY", pseudonymisationKey);
    return env;
  }

  /** Hadoop settings for an s3a client of this server (tests only: static keys, plain HTTP, path-style). */
  Map<String, String> s3aSettings() {
    return Map.of("fs.s3a.endpoint", endpoint, "fs.s3a.endpoint.region", "us-east-1",
        "fs.s3a.path.style.access", "true", "fs.s3a.connection.ssl.enabled", "false",
        "fs.s3a.aws.credentials.provider", "org.apache.hadoop.fs.s3a.SimpleAWSCredentialsProvider",
        "fs.s3a.access.key", ACCESS_KEY, "fs.s3a.secret.key", SECRET_KEY);
  }

  @Override
  public void close() {
    process.close();
  }
}
