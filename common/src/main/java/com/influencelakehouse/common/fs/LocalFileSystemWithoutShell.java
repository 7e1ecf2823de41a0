package com.influencelakehouse.common.fs;

import java.io.File;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.LocalFileSystem;
import org.apache.hadoop.fs.Path;
import org.apache.hadoop.fs.RawLocalFileSystem;
import org.apache.hadoop.fs.permission.FsPermission;

/**
 * Hadoop's local file system ({@code file:}) without a process per call. Without Hadoop's native library,
 * which no Maven artifact ships, {@link RawLocalFileSystem} runs {@code chmod} for every file it creates and
 * {@code readlink} for every rename (each Delta commit): about 3,400 processes in one tiny night, each a fork
 * of the driver's JVM. This does both through {@code java.nio} and is otherwise Hadoop's own class.
 * Registered as {@code fs.file.impl} (and its {@code FileContext} twin, {@link LocalFsWithoutShell}) in
 * {@code conf/local.conf}; object stores and the cluster configuration are unaffected.
 */
public class LocalFileSystemWithoutShell extends LocalFileSystem {
  public LocalFileSystemWithoutShell() {
    super(new Raw());
  }

  /** The raw (unchecksummed) local file system behind it. */
  public static class Raw extends RawLocalFileSystem {
    @Override
    public void setPermission(Path p, FsPermission permission) throws IOException {
      File file = pathToFile(p);
      if (!file.exists()) {
        throw new FileNotFoundException("File " + p + " does not exist");
      }
      Files.setPosixFilePermissions(file.toPath(), posix(permission));
    }

    @Override
    public FileStatus getFileLinkStatus(Path f) throws IOException {
      // Only a symbolic link needs Hadoop's readlink; anything else is its own status, as Hadoop returns it.
      if (!Files.isSymbolicLink(pathToFile(f).toPath())) {
        return getFileStatus(f);
      }
      return super.getFileLinkStatus(f);
    }
  }

  /**
   * Hadoop's permission as java.nio's: owner, group and others, each read, write, execute (no sticky bit:
   * java.nio has none, and nothing here sets it).
   */
  static Set<PosixFilePermission> posix(FsPermission permission) {
    return PosixFilePermissions.fromString(permission.getUserAction().SYMBOL + permission.getGroupAction().SYMBOL
        + permission.getOtherAction().SYMBOL);
  }
}
