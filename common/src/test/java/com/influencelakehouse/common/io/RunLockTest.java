package com.influencelakehouse.common.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class RunLockTest {
  static final Duration LEASE = Duration.ofSeconds(30);
  @TempDir
  java.nio.file.Path dir;

  FileSystem fs() throws Exception {
    return FileSystem.getLocal(new Configuration());
  }

  Path lockFile() {
    return new Path(dir.toUri().toString(), RunLock.FILE_NAME);
  }

  @Test
  void aSecondRunFailsNamingTheHolderAndGetsTheLockOnceReleased() throws Exception {
    RunLock first = RunLock.acquire(fs(), lockFile(), "run-A", LEASE, Duration.ZERO, Clock.systemUTC());
    RunLock.RunLockedException e = assertThrows(RunLock.RunLockedException.class,
        () -> RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ZERO, Clock.systemUTC()));
    assertTrue(e.getMessage().contains("run run-A"), e.getMessage());
    assertTrue(e.getMessage().contains("lakehouse.pipeline.lock.wait-minutes"), e.getMessage());
    first.close();
    assertNull(RunLock.read(fs(), lockFile()), "released: the file is gone");
    try (RunLock second = RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ZERO, Clock.systemUTC())) {
      assertEquals("run-B", RunLock.read(fs(), lockFile()).owner());
    }
  }

  @Test
  void aWaitingRunTakesTheLockWhenTheHolderFinishes() throws Exception {
    RunLock first = RunLock.acquire(fs(), lockFile(), "run-A", LEASE, Duration.ZERO, Clock.systemUTC());
    // The waiter reads the clock once for its deadline, then once per look at the lock: a third reading means
    // it found the lock held and came back to look again, i.e. it is waiting.
    java.util.concurrent.CountDownLatch lookedTwice = new java.util.concurrent.CountDownLatch(3);
    Clock counting = new Clock() {
      @Override
      public java.time.ZoneId getZone() {
        return java.time.ZoneOffset.UTC;
      }

      @Override
      public Clock withZone(java.time.ZoneId zone) {
        return this;
      }

      @Override
      public java.time.Instant instant() {
        lookedTwice.countDown();
        return java.time.Instant.now();
      }
    };
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
      try (RunLock second = RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ofMinutes(1), counting)) {
        return RunLock.read(fs(), lockFile()).owner();
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    });
    assertTrue(lookedTwice.await(30, TimeUnit.SECONDS), "the second run looked at the lock again");
    assertFalse(waiting.isDone(), "the second run waits while the first holds the lock");
    first.close();
    assertEquals("run-B", waiting.get(30, TimeUnit.SECONDS));
  }

  @Test
  void aLeaseNobodyRenewedIsTakenOver() throws Exception {
    // A run killed an hour ago left its lock behind.
    long anHourAgo = System.currentTimeMillis() - 3_600_000L;
    Files.writeString(dir.resolve(RunLock.FILE_NAME), "owner=run-killed\nhost=elsewhere\nacquired=" + anHourAgo
        + "\nheartbeat=" + anHourAgo + "\n", StandardCharsets.UTF_8);
    try (RunLock lock = RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ZERO, Clock.systemUTC())) {
      assertEquals("run-B", RunLock.read(fs(), lockFile()).owner());
    }
  }

  /** Holds the lock in its own JVM until killed: a nightly run's process, for the kill tests. */
  public static final class HoldingProcess {
    public static void main(String[] args) throws Exception {
      RunLock.acquire(FileSystem.getLocal(new Configuration()), new Path(args[0]), args[1], LEASE, Duration.ZERO,
          Clock.systemUTC());
      System.out.println("holding");
      System.out.flush();
      Thread.sleep(600_000);
    }
  }

  @Test
  void aRunKilledOnThisHostIsTakenOverAtOnceNotAfterItsLease() throws Exception {
    Process holder = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-cp", System.getProperty("java.class.path"), HoldingProcess.class.getName(), lockFile().toString(), "run-killed")
        .redirectErrorStream(true).start();
    try (var out = new java.io.BufferedReader(new java.io.InputStreamReader(holder.getInputStream()))) {
      String line;
      while ((line = out.readLine()) != null && !line.contains("holding")) {
        // the child's log lines
      }
      assertEquals("run-killed", RunLock.read(fs(), lockFile()).owner());
      assertEquals(holder.pid(), RunLock.read(fs(), lockFile()).pid());
      RunLock.RunLockedException alive = assertThrows(RunLock.RunLockedException.class,
          () -> RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ZERO, Clock.systemUTC()));
      assertTrue(alive.getMessage().contains("That process is running on this host"), alive.getMessage());
      assertThrows(RunLock.RunLockedException.class,
          () -> RunLock.unlock(fs(), lockFile(), LEASE, true, Clock.systemUTC()), "unlock refuses a live holder");
      holder.destroyForcibly().waitFor(); // SIGKILL: no shutdown hook, the lock stays behind
    }
    assertEquals("run-killed", RunLock.read(fs(), lockFile()).owner(), "the killed run left its lock");
    long start = System.nanoTime();
    try (RunLock lock = RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ZERO, Clock.systemUTC())) {
      assertEquals("run-B", RunLock.read(fs(), lockFile()).owner());
    }
    assertTrue(System.nanoTime() - start < LEASE.toNanos() / 2, "taken over without waiting for the lease");
  }

  @Test
  void aLockDeletedByHandBesideItsChecksumFileDoesNotBreakLaterRuns() throws Exception {
    // What an earlier version left: Hadoop's checksummed writer put ._run.lock.crc beside the lock, and
    // an operator deleted only _run.lock; the next lock's content disagrees with that checksum.
    try (FSDataOutputStream out = fs().create(lockFile(), true)) {
      out.write("owner=old\nhost=elsewhere\nacquired=1\nheartbeat=1\n".getBytes(StandardCharsets.UTF_8));
    }
    assertTrue(Files.exists(dir.resolve("." + RunLock.FILE_NAME + ".crc")));
    Files.delete(dir.resolve(RunLock.FILE_NAME));
    for (String run : new String[] {"run-1", "run-2"}) {
      try (RunLock lock = RunLock.acquire(fs(), lockFile(), run, LEASE, Duration.ZERO, Clock.systemUTC())) {
        assertEquals(run, RunLock.read(fs(), lockFile()).owner());
      }
    }
    assertFalse(Files.exists(dir.resolve("." + RunLock.FILE_NAME + ".crc")), "the stale sidecar is gone");
    try (var files = Files.list(dir)) {
      assertEquals(0, files.count(), "nothing left behind after the runs: no lock, no temporary file");
    }
  }

  @Test
  void aRefusalFromAnotherHostSaysWhenTheLeaseEndsAndUnlockNeedsForceUntilThen() throws Exception {
    long now = System.currentTimeMillis();
    Files.writeString(dir.resolve(RunLock.FILE_NAME), "owner=run-far\nhost=another-machine\npid=4242\nacquired="
        + now + "\nheartbeat=" + now + "\n", StandardCharsets.UTF_8);
    RunLock.RunLockedException e = assertThrows(RunLock.RunLockedException.class,
        () -> RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ZERO, Clock.systemUTC()));
    String leaseEnds = java.time.Instant.ofEpochMilli(now).plus(LEASE).toString();
    assertTrue(e.getMessage().contains("run run-far on another-machine (process 4242)"), e.getMessage());
    assertTrue(e.getMessage().contains("its lease ends at " + leaseEnds), e.getMessage());
    assertThrows(RunLock.RunLockedException.class, () -> RunLock.unlock(fs(), lockFile(), LEASE, false, Clock.systemUTC()));
    assertEquals("run-far", RunLock.unlock(fs(), lockFile(), LEASE, true, Clock.systemUTC()).orElseThrow().owner());
    assertNull(RunLock.read(fs(), lockFile()));
    assertTrue(RunLock.unlock(fs(), lockFile(), LEASE, false, Clock.systemUTC()).isEmpty(), "nothing to unlock");
  }

  @Test
  void theHolderRenewsItsHeartbeat() throws Exception {
    try (RunLock lock = RunLock.acquire(fs(), lockFile(), "run-A", Duration.ofSeconds(3), Duration.ZERO,
        Clock.systemUTC())) {
      var before = RunLock.read(fs(), lockFile()).heartbeat();
      // Waits for the renewal itself (every third of the lease), not for a guessed time.
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      var after = RunLock.read(fs(), lockFile());
      while (!after.heartbeat().isAfter(before) && System.nanoTime() < deadline) {
        Thread.sleep(50);
        after = RunLock.read(fs(), lockFile());
      }
      assertEquals("run-A", after.owner());
      assertTrue(after.heartbeat().isAfter(before), before + " -> " + after.heartbeat());
    }
  }
}
