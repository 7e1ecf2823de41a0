package com.influencelakehouse.jobs.docs;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Layer;
import com.influencelakehouse.common.tables.TableDef;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.JobGraph;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.types.Metadata;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * Renders the parts of docs/ that restate the registry (landing contracts, table catalog) from the
 * registry itself, between generated-block markers, so the docs cannot drift from the code.
 */
public final class CatalogDocs {
  public static final String START = "<!-- generated from the table registry: bin/lakehouse docs -->";
  public static final String END = "<!-- end of generated block -->";

  /** A documentation file and the block generated into it. */
  public record Doc(String relativePath, String block) {}

  private CatalogDocs() {}

  public static List<Doc> all(JobGraph graph) {
    return List.of(new Doc("docs/data-contracts.md", contracts()), new Doc("docs/tables.md", tables(graph)));
  }

  /** The landing contracts: one section per source. */
  static String contracts() {
    StringBuilder sb = new StringBuilder();
    for (LandingSource s : LandingSource.values()) {
      sb.append("\n### `").append(s.path()).append("`\n\n");
      sb.append(s.description()).append(" Format: ")
          .append(s.format() == LandingSource.Format.CSV ? "CSV with a header row" : "JSON lines")
          .append("; ").append(s.required() ? "required every day" : "optional").append("; bronze table `")
          .append(Tables.bronzeOf(s).qualifiedName()).append("`.\n\n");
      sb.append("| field | type | required | values | meaning |\n|---|---|---|---|---|\n");
      for (StructField f : s.contract().fields()) {
        row(sb, f, "");
        if (f.dataType() instanceof StructType st) {
          for (StructField inner : st.fields()) {
            row(sb, inner, f.name() + ".");
          }
        }
      }
    }
    return sb.toString();
  }

  private static void row(StringBuilder sb, StructField f, String prefix) {
    Metadata md = f.metadata();
    String values = md.contains(LandingSource.ALLOWED) ? String.join(", ", md.getStringArray(LandingSource.ALLOWED))
        : md.contains(LandingSource.KIND) ? md.getString(LandingSource.KIND) : "";
    sb.append("| `").append(prefix).append(f.name()).append("` | ").append(f.dataType().simpleString())
        .append(" | ").append(md.contains(LandingSource.REQUIRED) && md.getBoolean(LandingSource.REQUIRED) ? "yes" : "")
        .append(" | ").append(values).append(" | ")
        .append(md.contains(LandingSource.COMMENT) ? md.getString(LandingSource.COMMENT).replace("|", "\\|") : "")
        .append(" |\n");
  }

  /** The table catalog: per layer, each table's grain, key, partitioning, producer, deleting jobs and columns. */
  static String tables(JobGraph graph) {
    StringBuilder sb = new StringBuilder();
    for (Layer layer : Layer.values()) {
      sb.append("\n### ").append(layer.schemaName()).append("\n");
      for (TableDef t : Tables.inLayer(layer)) {
        sb.append("\n#### `").append(t.qualifiedName()).append("`\n\n").append(t.description()).append("\n\n");
        sb.append("- grain: ").append(t.grain()).append("; key: ")
            .append(t.key().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))).append('\n');
        sb.append("- partitioned by: ").append(t.partitionBy().isEmpty() ? "-"
            : t.partitionBy().stream().map(k -> "`" + k + "`").collect(Collectors.joining(", "))).append('\n');
        sb.append("- produced by: ").append(t.equals(Tables.RUN_LOG) ? "the job runner, for every job it runs"
            : graph.producersOf(t).isEmpty() ? "not built yet"
            : graph.producersOf(t).stream().map(j -> "`" + j.name() + "`").collect(Collectors.joining(", ")))
            .append('\n');
        if (!graph.deletersOf(t).isEmpty()) {
          sb.append("- rows also deleted by: ")
              .append(graph.deletersOf(t).stream().map(j -> "`" + j.name() + "`").collect(Collectors.joining(", ")))
              .append('\n');
        }
        if (t.hasSchema()) {
          sb.append("\n| column | type | meaning |\n|---|---|---|\n");
          for (StructField f : t.schema().fields()) {
            sb.append("| `").append(f.name()).append("` | ").append(f.dataType().simpleString()).append(" | ")
                .append(f.getComment().isDefined() ? f.getComment().get() : "").append(" |\n");
          }
        }
      }
    }
    return sb.toString();
  }

  /** The file's text with its generated block replaced by {@code block}. */
  public static String splice(String file, String block, String name) {
    int s = file.indexOf(START);
    int e = file.indexOf(END);
    if (s < 0 || e < s) {
      throw new IllegalStateException(name + " has no generated block (" + START + " ... " + END + ")");
    }
    return file.substring(0, s + START.length()) + "\n" + block + "\n" + file.substring(e);
  }

  /** Rewrites the generated blocks of every doc under {@code root}; returns the files that changed. */
  public static List<String> write(Path root, JobGraph graph) {
    return all(graph).stream().filter(d -> {
      Path p = root.resolve(d.relativePath());
      try {
        String before = Files.readString(p, StandardCharsets.UTF_8);
        String after = splice(before, d.block(), d.relativePath());
        if (!after.equals(before)) {
          Files.writeString(p, after, StandardCharsets.UTF_8);
          return true;
        }
        return false;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }).map(Doc::relativePath).toList();
  }
}
