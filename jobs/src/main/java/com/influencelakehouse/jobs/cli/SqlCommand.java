package com.influencelakehouse.jobs.cli;

import com.influencelakehouse.common.io.TableCatalog;
import com.influencelakehouse.common.io.Warehouse;
import com.influencelakehouse.common.tables.Tables;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code lakehouse sql}: runs queries against the warehouse's tables by name and prints the results. */
@Command(name = "sql", mixinStandardHelpOptions = true,
    description = "Run SQL against the warehouse (tables by name, e.g. SELECT * FROM gold.influencer_scores) and "
        + "print a readable table or CSV.")
final class SqlCommand extends LakehouseCommand {
  @Parameters(arity = "0..1", paramLabel = "QUERY", description = "The query (or use --file).")
  String query;

  @Option(names = "--file", paramLabel = "FILE", description = "A file of queries separated by ';' at line ends.")
  Path file;

  @Option(names = "--format", defaultValue = "table", description = "table (default) or csv.")
  String format;

  @Option(names = "--max-rows", defaultValue = "50",
      description = "Rows printed per query in table format (default 50); CSV prints every row.")
  int maxRows;

  @Override
  protected int execute() {
    if ((query == null) == (file == null)) {
      throw new IllegalArgumentException("give either a QUERY or --file FILE");
    }
    if (!format.equals("table") && !format.equals("csv")) {
      throw new IllegalArgumentException("--format must be table or csv, not " + format);
    }
    List<String> queries = query != null ? List.of(query) : split(read(file));
    Warehouse w = warehouse();
    // Tables written before the catalog existed, or by another warehouse, are (re-)registered first.
    TableCatalog.register(w, Tables.all());
    for (String q : queries) {
      Dataset<Row> result = w.spark().sql(q);
      if (format.equals("csv")) {
        printCsv(out(), result);
      } else {
        printTable(out(), result, maxRows);
      }
    }
    out().flush();
    return 0;
  }

  /** Queries of a file: statements end with ';' at the end of a line; -- comment lines are skipped. */
  static List<String> split(String text) {
    List<String> out = new ArrayList<>();
    StringBuilder current = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (line.strip().startsWith("--")) {
        continue;
      }
      current.append(line).append('\n');
      if (line.strip().endsWith(";")) {
        String q = current.toString().strip();
        out.add(q.substring(0, q.length() - 1).strip());
        current.setLength(0);
      }
    }
    if (!current.toString().isBlank()) {
      out.add(current.toString().strip());
    }
    return out;
  }

  private static String read(Path file) {
    try {
      return Files.readString(file);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file, e);
    }
  }

  /** A fixed-width table of the first {@code maxRows} rows, then how many there were in all. */
  static void printTable(PrintWriter out, Dataset<Row> result, int maxRows) {
    String[] names = result.columns();
    List<Row> rows = result.limit(maxRows + 1).collectAsList();
    int[] width = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      width[i] = names[i].length();
    }
    List<String[]> cells = new ArrayList<>();
    for (Row r : rows.subList(0, Math.min(rows.size(), maxRows))) {
      String[] c = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        c[i] = cell(r.get(i));
        width[i] = Math.min(60, Math.max(width[i], c[i].length()));
      }
      cells.add(c);
    }
    StringBuilder rule = new StringBuilder("+");
    for (int w : width) {
      rule.append("-".repeat(w + 2)).append('+');
    }
    out.println(rule);
    out.println(line(names, width));
    out.println(rule);
    cells.forEach(c -> out.println(line(c, width)));
    out.println(rule);
    out.println(rows.size() > maxRows ? "(first " + maxRows + " rows shown; use --format csv for all)"
        : "(" + rows.size() + " row" + (rows.size() == 1 ? "" : "s") + ")");
  }

  private static String line(String[] cells, int[] width) {
    StringBuilder b = new StringBuilder("|");
    for (int i = 0; i < cells.length; i++) {
      String c = cells[i].length() > width[i] ? cells[i].substring(0, width[i] - 1) + "…" : cells[i];
      b.append(' ').append(c).append(" ".repeat(width[i] - c.length())).append(" |");
    }
    return b.toString();
  }

  /** Every row as RFC 4180 CSV, streamed partition by partition (memory does not grow with the result). */
  static void printCsv(PrintWriter out, Dataset<Row> result) {
    out.println(String.join(",", java.util.Arrays.stream(result.columns()).map(SqlCommand::csv).toList()));
    Iterator<Row> it = result.toLocalIterator();
    while (it.hasNext()) {
      Row r = it.next();
      List<String> c = new ArrayList<>();
      for (int i = 0; i < r.length(); i++) {
        c.add(r.isNullAt(i) ? "" : csv(cell(r.get(i))));
      }
      out.println(String.join(",", c));
    }
  }

  private static String cell(Object v) {
    if (v == null) {
      return "NULL";
    }
    if (v instanceof scala.collection.Seq<?> s) {
      return scala.jdk.javaapi.CollectionConverters.asJava(s).toString();
    }
    if (v instanceof scala.collection.Map<?, ?> m) {
      return scala.jdk.javaapi.CollectionConverters.asJava(m).toString();
    }
    return v.toString();
  }

  private static String csv(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
  }
}
