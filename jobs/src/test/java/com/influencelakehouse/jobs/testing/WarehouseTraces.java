package com.influencelakehouse.jobs.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.example.GroupReadSupport;

/**
 * Every file under a warehouse that holds a given text: Parquet files (table data, Delta checkpoints,
 * saved models) record by record through the Parquet reader, since their pages are compressed and
 * dictionary-encoded; every other file (Delta commits and checksums, the catalog, reports, locks, logs)
 * as raw bytes. A value is found only as a whole token, so an id is not found inside a longer number.
 */
public final class WarehouseTraces {
  private WarehouseTraces() {}

  /** For each needle (name → value), the files under {@code root}, outside the {@code skip} folders, that hold it. */
  public static Map<String, List<String>> find(Path root, List<Path> skip, Map<String, String> needles)
      throws IOException {
    Map<String, Pattern> patterns = new LinkedHashMap<>();
    needles.forEach((name, value) -> patterns.put(name,
        Pattern.compile("(?<![\\p{L}\\p{N}_])" + Pattern.quote(value) + "(?![\\p{L}\\p{N}_])")));
    Map<String, List<String>> found = new LinkedHashMap<>();
    needles.keySet().forEach(n -> found.put(n, new ArrayList<>()));
    List<Path> files;
    try (Stream<Path> all = Files.walk(root)) {
      files = all.filter(Files::isRegularFile).filter(f -> skip.stream().noneMatch(f::startsWith)).sorted().toList();
    }
    for (Path f : files) {
      String text = f.toString().endsWith(".parquet") ? parquetText(f)
          : new String(Files.readAllBytes(f), StandardCharsets.ISO_8859_1)
              + "\n" + new String(Files.readAllBytes(f), StandardCharsets.UTF_8);
      patterns.forEach((name, p) -> {
        if (p.matcher(text).find()) {
          found.get(name).add(root.relativize(f).toString());
        }
      });
    }
    return found;
  }

  /** The number of files {@link #find} looks at. */
  public static long fileCount(Path root, List<Path> skip) throws IOException {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile).filter(f -> skip.stream().noneMatch(f::startsWith)).count();
    }
  }

  private static String parquetText(Path file) throws IOException {
    StringBuilder out = new StringBuilder();
    try (ParquetReader<Group> reader = ParquetReader.builder(new GroupReadSupport(),
        new org.apache.hadoop.fs.Path(file.toUri())).withConf(new Configuration()).build()) {
      for (Group g = reader.read(); g != null; g = reader.read()) {
        out.append(g).append('\n');
      }
    }
    return out.toString();
  }
}
