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
    CompletableFuture<String> waiting = CompletableFuture.supplyAsync(() -> {
      try (RunLock second = RunLock.acquire(fs(), lockFile(), "run-B", LEASE, Duration.ofMinutes(1),
          Clock.systemUTC())) {
        return RunLock.read(fs(), lockFile()).owner();
      } catch (Exception ex) {
        throw new IllegalStateException(ex);
      }
    });
    Thread.sleep(1_000);
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

  @Test
  void theHolderRenewsItsHeartbeat() throws Exception {
    try (RunLock lock = RunLock.acquire(fs(), lockFile(), "run-A", Duration.ofSeconds(3), Duration.ZERO,
        Clock.systemUTC())) {
      var before = RunLock.read(fs(), lockFile()).heartbeat();
      Thread.sleep(2_500);
      var after = RunLock.read(fs(), lockFile());
      assertEquals("run-A", after.owner());
      assertTrue(after.heartbeat().isAfter(before), before + " -> " + after.heartbeat());
    }
  }
}
