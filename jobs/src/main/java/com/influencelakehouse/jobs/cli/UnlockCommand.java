package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.io.RunLock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code lakehouse unlock}: removes the run lock a killed run left, refusing while its holder is alive. */
@Command(name = "unlock", mixinStandardHelpOptions = true,
    description = "Remove the warehouse run lock left by a killed run. Refused while the holding process runs on "
        + "this host; a lock from another host is removed only once its lease has ended, or with --force. "
        + "Rarely needed: a run takes over a dead run's lock by itself (docs/deployment.md).")
final class UnlockCommand extends LakehouseCommand {
  @Option(names = "--force", description = "Remove a lock held from another host before its lease ends "
      + "(only when you know that run is dead: two writers can corrupt Delta tables on S3).")
  boolean force;

  @Override
  protected int execute() {
    Path file = new Path(config().warehouse().root(), RunLock.FILE_NAME);
    FileSystem fs;
    try {
      fs = file.getFileSystem(hadoopConfiguration());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot reach the warehouse root " + config().warehouse().root(), e);
    }
    try {
      var removed = RunLock.unlock(fs, file, config().runLockLease(), force, Clock.systemUTC());
      out().println(removed.map(h -> "removed " + file + ", held by " + h.describe() + " since " + h.acquired()
          + " (last heartbeat " + h.heartbeat() + ")").orElse("no run lock at " + file + ": nothing to do"));
      out().flush();
      return 0;
    } catch (RunLock.RunLockedException e) {
      spec.commandLine().getErr().println("FAILED: " + e.getMessage());
      return LakehouseCli.JOB_FAILED;
    }
  }
}
