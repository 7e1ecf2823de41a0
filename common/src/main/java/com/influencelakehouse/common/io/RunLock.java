package com.influencelakehouse.common.io;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
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
 * file enforces it. The holder renews its heartbeat while it runs and deletes the file when done.
 *
 * <p>Recovery after a killed run needs no hand surgery: the file names the holder's host, process
 * id and process start, so on the same host a holder whose process is gone is taken over at once;
 * from another host the lease rule applies (not renewed within its duration: taken over), and a
 * refusal says when the lease ends. On a local disk the file is written beside itself and renamed
 * into place (no Hadoop checksum sidecar that a deletion by hand can leave disagreeing), so a kill
 * at any instant leaves it whole or absent.
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

  /**
   * Who holds a lock, as its file says. {@code pid} and {@code processStart} are null for a file
   * written before they were recorded, or one that cannot be read.
   */
  public record Holder(String owner, String host, Long pid, Instant processStart, Instant acquired,
      Instant heartbeat) {
    /** When the lease ends unless renewed. */
    public Instant leaseEnds(Duration lease) {
      return heartbeat.plus(lease);
    }

    /** "run X on H (process P)" for messages. */
    public String describe() {
      return "run " + owner + " on " + host + (pid == null ? "" : " (process " + pid + ")");
    }
  }

  /** What can be said of a holder from here. */
  public enum Liveness {
    /** On this host, its process runs. */
    ALIVE_HERE,
    /** On this host, its process is gone: a killed run. */
    DEAD_HERE,
    /** On another host (or unknown process): its lease is still running. */
    LEASE_RUNNING,
    /** Its lease was not renewed in time. */
    LEASE_EXPIRED
  }

  /** Whether {@code held} is alive, judged by its process on this host, else by its lease. */
  public static Liveness liveness(Holder held, Instant now, Duration lease) {
    if (held.pid() != null && host().equals(held.host())) {
      Optional<ProcessHandle> process = ProcessHandle.of(held.pid());
      boolean same = process.isPresent() && process.get().isAlive()
          && (held.processStart() == null || process.get().info().startInstant()
              .map(s -> Math.abs(Duration.between(s, held.processStart()).toMillis()) < 2_000)
              .orElse(true)); // a recycled process id has another start time
      return same ? Liveness.ALIVE_HERE : Liveness.DEAD_HERE;
    }
    return held.leaseEnds(lease).isBefore(now) ? Liveness.LEASE_EXPIRED : Liveness.LEASE_RUNNING;
  }

  /**
   * Takes the lock {@code file} for {@code owner} (a run id), waiting up to {@code wait} for another
   * holder to finish; fails naming the holder, and when its lease ends, when it does not.
   */
  public static RunLock acquire(FileSystem fs, Path file, String owner, Duration lease, Duration wait, Clock clock) {
    FileSystem store = raw(fs);
    removeChecksumSidecar(store, file);
    Instant deadline = clock.instant().plus(wait);
    boolean said = false;
    while (true) {
      Holder held = read(store, file);
      Instant now = clock.instant();
      if (held == null) {
        if (tryCreate(store, file, owner, now)) {
          // On an object store create-if-absent is not atomic: read back who won after writes settle.
          settle(store);
          Holder confirmed = read(store, file);
          if (confirmed != null && confirmed.owner().equals(owner)) {
            LOG.info("run lock {} taken by {}", file, owner);
            return new RunLock(store, file, owner, clock, lease);
          }
        }
        continue;
      }
      Liveness liveness = liveness(held, now, lease);
      if (liveness == Liveness.DEAD_HERE) {
        LOG.warn("run lock {} is held by {}, whose process is gone (a killed run; last heartbeat {}): taking it over. "
            + "Delta commits are atomic, so this run rewrites whatever that run's dates left unfinished.",
            file, held.describe(), held.heartbeat());
        delete(store, file);
        continue;
      }
      if (liveness == Liveness.LEASE_EXPIRED) {
        LOG.warn("run lock {} held by {} has not been renewed since {} (lease {} s): taking it over",
            file, held.describe(), held.heartbeat(), lease.toSeconds());
        delete(store, file);
        continue;
      }
      if (!now.isBefore(deadline)) {
        throw new RunLockedException(refusal(held, liveness, file, lease, now)
            + (wait.isZero() ? "" : " Waited " + wait.toMinutes() + " min.")
            + " One writer at a time (docs/deployment.md); wait for it, or raise lakehouse.pipeline.lock.wait-minutes.");
      }
      if (!said) {
        LOG.info("waiting for the run lock {} held by {}", file, held.describe());
        said = true;
      }
      sleep(POLL);
    }
  }

  /** Why {@code held} still holds the lock, in words an operator can act on. */
  static String refusal(Holder held, Liveness liveness, Path file, Duration lease, Instant now) {
    String who = String.format("the warehouse is being written by %s (since %s, last heartbeat %s): %s is held.",
        held.describe(), held.acquired(), held.heartbeat(), file);
    if (liveness == Liveness.ALIVE_HERE) {
      return who + " That process is running on this host.";
    }
    long left = Math.max(0, Duration.between(now, held.leaseEnds(lease)).toSeconds());
    return who + String.format(" If that run is dead, its lease ends at %s (in %d s) and the next run takes over; "
        + "or, knowing it is dead, `bin/lakehouse unlock --force`.", held.leaseEnds(lease), left);
  }

  /** The current holder of the lock file, or null when there is none. */
  public static Holder read(FileSystem fs, Path file) {
    FileSystem store = raw(fs);
    try (var in = store.open(file)) {
      Properties p = new Properties();
      p.load(new java.io.InputStreamReader(in, StandardCharsets.UTF_8));
      String pid = p.getProperty("pid");
      String started = p.getProperty("process_start");
      return new Holder(p.getProperty("owner"), p.getProperty("host"),
          pid == null ? null : Long.valueOf(pid),
          started == null || started.isEmpty() ? null : Instant.ofEpochMilli(Long.parseLong(started)),
          Instant.ofEpochMilli(Long.parseLong(p.getProperty("acquired"))),
          Instant.ofEpochMilli(Long.parseLong(p.getProperty("heartbeat"))));
    } catch (java.io.FileNotFoundException e) {
      return null;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the run lock " + file, e);
    } catch (RuntimeException e) {
      // Being written right now on an object store, or foreign: its age is the file's.
      try {
        Instant modified = Instant.ofEpochMilli(store.getFileStatus(file).getModificationTime());
        return new Holder("(lock file being written or unreadable)", "?", null, null, modified, modified);
      } catch (java.io.FileNotFoundException gone) {
        return null;
      } catch (IOException io) {
        throw new UncheckedIOException("cannot read the run lock " + file, io);
      }
    }
  }

  /**
   * Removes the lock of a run that is not alive ({@code bin/lakehouse unlock}): refused while its
   * process runs on this host, or while its lease runs elsewhere unless {@code force}.
   *
   * @return the holder removed, or empty when there was no lock
   */
  public static Optional<Holder> unlock(FileSystem fs, Path file, Duration lease, boolean force, Clock clock) {
    FileSystem store = raw(fs);
    Holder held = read(store, file);
    if (held == null) {
      removeChecksumSidecar(store, file);
      return Optional.empty();
    }
    Liveness liveness = liveness(held, clock.instant(), lease);
    if (liveness == Liveness.ALIVE_HERE || (liveness == Liveness.LEASE_RUNNING && !force)) {
      throw new RunLockedException("not unlocked: " + refusal(held, liveness, file, lease, clock.instant()));
    }
    delete(store, file);
    removeChecksumSidecar(store, file);
    return Optional.of(held);
  }

  /** On a local disk, the raw file system: Hadoop's checksummed one writes a .crc sidecar beside the lock. */
  private static FileSystem raw(FileSystem fs) {
    return fs instanceof LocalFileSystem local ? local.getRawFileSystem() : fs;
  }

  /** A sidecar left by an earlier version (or a deletion by hand) would make Hadoop's reader reject the new lock. */
  private static void removeChecksumSidecar(FileSystem store, Path file) {
    Path crc = new Path(file.getParent(), "." + file.getName() + ".crc");
    try {
      if (store.exists(crc)) {
        store.delete(crc, false);
        LOG.info("removed the stale checksum file {}", crc);
      }
    } catch (IOException e) {
      LOG.warn("could not remove {}: {}", crc, e.toString());
    }
  }

  private static boolean tryCreate(FileSystem store, Path file, String owner, Instant now) {
    byte[] content = content(owner, now, now);
    if (isLocal(store)) {
      // Written whole beside the lock, then linked into place: link(2) fails if the lock exists, so
      // taking it is atomic and a kill leaves either no lock or a complete one.
      java.nio.file.Path lock = localPath(store, file);
      java.nio.file.Path tmp = lock.resolveSibling(FILE_NAME + "." + owner + ".tmp");
      try {
        Files.write(tmp, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.createLink(lock, tmp);
        return true;
      } catch (java.nio.file.FileAlreadyExistsException e) {
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create the run lock " + file, e);
      } finally {
        deleteQuietly(tmp);
      }
    }
    try (FSDataOutputStream out = store.create(file, false)) {
      out.write(content);
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

  private static java.nio.file.Path localPath(FileSystem store, Path file) {
    return java.nio.file.Path.of(store.makeQualified(file).toUri());
  }

  private static void deleteQuietly(java.nio.file.Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (IOException e) {
      LOG.debug("could not delete {}", p, e);
    }
  }

  private static byte[] content(String owner, Instant acquired, Instant heartbeat) {
    ProcessHandle self = ProcessHandle.current();
    return ("owner=" + owner + "\nhost=" + host() + "\npid=" + self.pid()
        + "\nprocess_start=" + self.info().startInstant().map(i -> String.valueOf(i.toEpochMilli())).orElse("")
        + "\nacquired=" + acquired.toEpochMilli() + "\nheartbeat=" + heartbeat.toEpochMilli() + "\n")
        .getBytes(StandardCharsets.UTF_8);
  }

  private void renew() {
    try {
      Holder held = read(fs, file);
      if (held == null || !held.owner().equals(owner)) {
        LOG.error("run lock {} is no longer held by {} (now: {}): another writer may be running",
            file, owner, held == null ? "nobody" : held.owner());
        return;
      }
      byte[] content = content(owner, held.acquired(), clock.instant());
      if (isLocal(fs)) {
        // Replaced by a rename, never rewritten in place: a kill mid-write leaves the old heartbeat.
        java.nio.file.Path lock = localPath(fs, file);
        java.nio.file.Path tmp = lock.resolveSibling(FILE_NAME + "." + owner + ".renew.tmp");
        Files.write(tmp, content, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
            StandardOpenOption.WRITE, StandardOpenOption.SYNC);
        Files.move(tmp, lock, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } else {
        // An object store's PUT replaces the whole object at close.
        try (FSDataOutputStream out = fs.create(file, true)) {
          out.write(content);
        }
      }
    } catch (IOException | RuntimeException e) {
      LOG.warn("could not renew the run lock {}: {}", file, e.toString());
    }
  }

  @Override
  public void close() {
    heartbeat.shutdownNow();
    try {
      heartbeat.awaitTermination(10, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    Holder held = read(fs, file);
    if (held != null && held.owner().equals(owner)) {
      delete(fs, file);
      LOG.info("run lock {} released by {}", file, owner);
    }
  }

  private static boolean isLocal(FileSystem fs) {
    return "file".equals(fs.getUri().getScheme());
  }

  private static void settle(FileSystem fs) {
    if (!isLocal(fs)) {
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

  /** This machine's name, as recorded in the lock. */
  public static String host() {
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
