package com.influencelakehouse.common.fs;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import jdk.jfr.Recording;
import jdk.jfr.consumer.RecordedEvent;
import jdk.jfr.consumer.RecordingFile;
import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FSDataOutputStream;
import org.apache.hadoop.fs.FileContext;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Options;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.permission.FsPermission;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

@Tag("unit")
class LocalFileSystemWithoutShellTest {
  @TempDir
  java.nio.file.Path dir;

  /** Hadoop's configuration as conf/local.conf sets it through spark.hadoop.*. */
  static Configuration configured() {
    Configuration conf = new Configuration();
    conf.set("fs.file.impl", LocalFileSystemWithoutShell.class.getName());
    conf.set("fs.file.impl.disable.cache", "true");
    conf.set("fs.AbstractFileSystem.file.impl", LocalFsWithoutShell.class.getName());
    return conf;
  }

  @Test
  void writingChangingPermissionsAndRenamingAsDeltaCommitsStartNoProcess() throws Exception {
    Configuration conf = configured();
    Path file = new Path(dir.toUri().toString(), "00000000000000000001.json.tmp");
    Path committed = new Path(dir.toUri().toString(), "00000000000000000001.json");
    List<RecordedEvent> started;
    // Hadoop's Shell asks once per JVM, in its static initialiser, whether setsid exists (one process, not one
    // per call): loaded before the recording.
    boolean setsid = org.apache.hadoop.util.Shell.isSetsidAvailable;
    try (Recording recording = new Recording()) {
      recording.enable("jdk.ProcessStart");
      recording.start();
      FileSystem fs = FileSystem.get(file.toUri(), conf);
      try (FSDataOutputStream out = fs.create(file, FsPermission.createImmutable((short) 0644), false, 4096, (short) 1,
          fs.getDefaultBlockSize(file), null)) {
        out.write("{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8));
      }
      fs.setPermission(file, FsPermission.createImmutable((short) 0640));
      // Delta's HDFSLogStore commits with FileContext.rename, which asks for both paths' link status.
      FileContext.getFileContext(file.toUri(), conf).rename(file, committed, Options.Rename.NONE);
      recording.stop();
      java.nio.file.Path dump = dir.resolve("recording.jfr");
      recording.dump(dump);
      started = RecordingFile.readAllEvents(dump);
    }
    assertEquals(List.of(), started.stream().map(e -> e.getString("command")).toList(), "processes started");
    java.nio.file.Path onDisk = dir.resolve("00000000000000000001.json");
    assertArrayEquals("{\"commitInfo\":{}}\n".getBytes(StandardCharsets.UTF_8), Files.readAllBytes(onDisk));
    assertFalse(Files.exists(dir.resolve("00000000000000000001.json.tmp")));
    assertEquals("rw-r-----", PosixFilePermissions.toString(Files.getPosixFilePermissions(onDisk)));
    assertTrue(Files.exists(dir.resolve(".00000000000000000001.json.crc")), "the checksum file moved with it");
  }

  @Test
  void linksAndFilesHaveTheStatusHadoopsOwnLocalFileSystemGives() throws Exception {
    java.nio.file.Path target = Files.writeString(dir.resolve("target.txt"), "x");
    java.nio.file.Path link = Files.createSymbolicLink(dir.resolve("link.txt"), target);
    Configuration hadoops = new Configuration();
    hadoops.set("fs.file.impl.disable.cache", "true");
    // Named, since Hive's ProxyLocalFileSystem on the classpath registers itself for file: too.
    hadoops.set("fs.file.impl", org.apache.hadoop.fs.LocalFileSystem.class.getName());
    FileSystem theirs = FileSystem.get(dir.toUri(), hadoops);
    FileSystem ours = FileSystem.get(dir.toUri(), configured());
    assertEquals(org.apache.hadoop.fs.LocalFileSystem.class, theirs.getClass());
    for (java.nio.file.Path p : List.of(target, link)) {
      Path path = new Path(p.toUri());
      for (boolean followLink : List.of(true, false)) {
        org.apache.hadoop.fs.FileStatus a = followLink ? theirs.getFileStatus(path) : theirs.getFileLinkStatus(path);
        org.apache.hadoop.fs.FileStatus b = followLink ? ours.getFileStatus(path) : ours.getFileLinkStatus(path);
        assertEquals(List.of(a.isSymlink(), a.isFile(), a.getLen(), a.getPath(), a.getModificationTime()),
            List.of(b.isSymlink(), b.isFile(), b.getLen(), b.getPath(), b.getModificationTime()), p + " " + followLink);
      }
    }
  }

  @Test
  void permissionBitsMapOneToOne() {
    assertEquals("rwxr-x--x", PosixFilePermissions.toString(
        LocalFileSystemWithoutShell.posix(FsPermission.createImmutable((short) 0751))));
    assertEquals("---------", PosixFilePermissions.toString(
        LocalFileSystemWithoutShell.posix(FsPermission.createImmutable((short) 0))));
  }
}
