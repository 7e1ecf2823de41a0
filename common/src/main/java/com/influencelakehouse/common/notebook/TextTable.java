package com.influencelakehouse.common.notebook;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/** A small frame as a fixed-width text table: what {@code Dataset.show} prints, via System.out the kernel captures. */
public final class TextTable {
  private static final int MAX_WIDTH = 60;

  private TextTable() {}

  /** The first {@code limit} rows (collected: keep frames small), with a note when there were more. */
  public static String of(Dataset<Row> rows, int limit) {
    String[] names = rows.columns();
    List<Row> taken = rows.limit(limit + 1).collectAsList();
    boolean more = taken.size() > limit;
    List<String[]> cells = new ArrayList<>();
    for (Row r : taken.subList(0, Math.min(limit, taken.size()))) {
      String[] c = new String[names.length];
      for (int i = 0; i < names.length; i++) {
        c[i] = cell(r.get(i));
      }
      cells.add(c);
    }
    int[] width = new int[names.length];
    for (int i = 0; i < names.length; i++) {
      width[i] = names[i].length();
      for (String[] c : cells) {
        width[i] = Math.max(width[i], c[i].length());
      }
    }
    StringBuilder out = new StringBuilder();
    line(out, names, width);
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < names.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(width[i]));
    }
    out.append(rule).append('\n');
    for (String[] c : cells) {
      line(out, c, width);
    }
    out.append(cells.isEmpty() ? "(no rows)\n" : more ? "(first " + limit + " rows)\n" : "");
    return out.toString();
  }

  private static void line(StringBuilder out, String[] values, int[] width) {
    for (int i = 0; i < values.length; i++) {
      out.append(i == 0 ? "" : " | ").append(String.format(Locale.ROOT, "%-" + Math.max(1, width[i]) + "s", values[i]));
    }
    out.append('\n');
  }

  private static String cell(Object v) {
    String s;
    if (v == null) {
      s = "null";
    } else if (v instanceof Double d) {
      s = Double.isNaN(d) ? "NaN" : String.format(Locale.ROOT, Math.abs(d) >= 1e6 || d == Math.rint(d) ? "%.1f" : "%.4f", d);
    } else if (v instanceof scala.collection.Iterable<?> it) {
      s = it.mkString("[", ", ", "]");
    } else {
      s = String.valueOf(v);
    }
    s = s.replace('\n', ' ');
    return s.length() > MAX_WIDTH ? s.substring(0, MAX_WIDTH - 1) + "…" : s;
  }
}
