package com.influencelakehouse.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Properties;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileAlreadyExistsException;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The warehouse run lock: one writing run at a time per warehouse, across processes and machines.
 * Delta's S3 log store is safe only with a single writer per table (docs/deployment.md); this lease
 * file enforces it. The holder renews its heartbeat while it runs and deletes the file when done; a
 * lease not renewed within its duration (a killed run) is taken over with a warning.
 */
public final class RunLock implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RunLock.class);
  /** The lock file's name under the warehouse root. */
  public static final String FILE_NAME = "_run.lock";
  private static final Duration POLL = Duration.ofSeconds(5);

  private final FileSystem fs;
  private final Path file;
  private final String owner;
  private final Clock clock;
  private final ScheduledExecutorService heartbeat;

  private RunLock(FileSystem fs, Path file, String owner, Clock clock, Duration lease) {
    this.fs = fs;
    this.file = file;
    this.owner = owner;
    this.clock = clock;
    this.heartbeat = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "lakehouse-run-lock-heartbeat");
      t.setDaemon(true);
      return t;
    });
    long every = Math.max(1, lease.toMillis() / 3);
    heartbeat.scheduleAtFixedRate(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  /** Who holds a lock, as its file says. */
  public record Holder(String owner, String host, Instant acquired, Instant heartbeat) {}

  /**
   * Takes the lock {@code file} for {@code owner} (a run id), waiting up to {@code wait} for another
   * holder to finish; fails naming the holder when it does not.
   */
  public static RunLock acquire(FileSystem fs, Path file, String owner, Duration lease, Duration wait, Clock clock) {
    Instant deadline = clock.instant().plus(wait);
    boolean said = false;
    while (true) {
      Holder held = read(fs, file);
      Instant now = clock.instant();
      if (held == null) {
        if (tryCreate(fs, file, owner, now)) {
          // On an object store create-if-absent is not atomic: read back who won after writes settle.
          settle(fs);
          Holder confirmed = read(fs, file);
          if (confirmed != null && confirmed.owner().equals(owner)) {
            LOG.info("run lock {} taken by {}", file, owner);
            return new RunLock(fs, file, owner, clock, lease);
          }
        }
        continue;
      }
      if (held.heartbeat().plus(lease).isBefore(now)) {
        LOG.warn("run lock {} held by {} on {} has not been renewed since {} (lease {} s): taking it over",
            file, held.owner(), held.host(), held.heartbeat(), lease.toSeconds());
        delete(fs, file);
        continue;
      }
      if (!now.isBefore(deadline)) {
        throw new RunLockedException(String.format(
            "the warehouse is being written by run %s on %s (since %s, last heartbeat %s): %s is held%s. "
                + "One writer at a time (docs/deployment.md); wait for it, or raise lakehouse.pipeline.lock.wait-minutes.",
            held.owner(), held.host(), held.acquired(), held.heartbeat(), file,
            wait.isZero() ? "" : " after waiting " + wait.toMinutes() + " min"));
      }
      if (!said) {
        LOG.info("waiting for the run lock {} held by run {} on {}", file, held.owner(), held.host());
        said = true;
      }
      sleep(POLL);
    }
  }

  /** The current holder of the lock file, or null when there is none. */
  public static Holder read(FileSystem fs, Path file) {
    try (var in = fs.open(file)) {
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      return new Holder(p.getProperty("owner"), p.getProperty("host"),
          Instant.ofEpochMilli(Long.parseLong(p.getProperty("acquired"))),
          Instant.ofEpochMilli(Long.parseLong(p.getProperty("heartbeat"))));
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run lock " + file, e);
    } catch (RuntimeException e) {
      // Being written right now (created, content not yet there) or foreign: its age is the file's.
      try {
        Instant modified = Instant.ofEpochMilli(fs.getFileStatus(file).getModificationTime());
        return new Holder("(lock file being written or unreadable)", "?", modified, modified);
      } catch (java.io.FileNotFoundException gone) {
        return null;
      } catch (IOException io) {
        throw new UncheckedIOException("cannot read the run lock " + file, io);
      }
    }
  }

  private static boolean tryCreate(FileSystem fs, Path file, String owner, Instant now) {
    if (fs instanceof LocalFileSystem local) {
      // Hadoop's local create checks, then creates: the operating system's create-new is atomic.
      try {
        java.nio.file.Files.write(local.pathToFile(file).toPath(), content(owner, now, now),
            java.nio.file.StandardOpenOption.CREATE_NEW, java.nio.file.StandardOpenOption.WRITE);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the run lock " + file, e);
      }
    }
    try (FSDataOutputStream out = fs.create(file, false)) {
      out.write(content(owner, now, now));
      return true;
    } catch (FileAlreadyExistsException e) {
      return false;
    } catch (IOException e) {
      if (e.getMessage() != null && e.getMessage().contains("already exists")) {
        return false;
      }
      throw new UncheckedIOException("cannot create the run lock " + file, e);
    }
  }

  private static byte[] content(String owner, Instant acquired, Instant heartbeat) {
    return ("owner=" + owner + "\nhost=" + host() + "\nacquired=" + acquired.toEpochMilli() + "\nheartbeat="
        + heartbeat.toEpochMilli() + "\n").getBytes(StandardCharsets.UTF_8);
  }

  private void renew() {
    try {
      Holder held = read(fs, file);
      if (held == null || !held.owner().equals(owner)) {
        LOG.error("run lock {} is no longer held by {} (now: {}): another writer may be running",
            file, owner, held == null ? "nobody" : held.owner());
        return;
      }
      try (FSDataOutputStream out = fs.create(file, true)) {
        out.write(content(owner, held.acquired(), clock.instant()));
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not renew the run lock {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    Holder held = read(fs, file);
    if (held != null && held.owner().equals(owner)) {
      delete(fs, file);
      LOG.info("run lock {} released by {}", file, owner);
    }
  }

  private static void settle(FileSystem fs) {
    if (fs.getScheme().startsWith("s3")) {
      sleep(Duration.ofSeconds(2));
    }
  }

  private static void delete(FileSystem fs, Path file) {
    try {
      fs.delete(file, false);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the run lock " + file, e);
    }
  }

  private static String host() {
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown-host";
    }
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for the run lock", e);
    }
  }

  /** Another run holds the warehouse. */
  public static final class RunLockedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    RunLockedException(String message) {
      super(message);
    }
  }
}
