package com.influencelakehouse.common.notebook;

import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * XChart charts for notebooks, rendered as PNG: {@code display(Charts.image(chart))} shows one in the
 * notebook (the kernel renders a RenderedImage as image/png). Data comes from small, already aggregated
 * frames ({@link #doubles}); nothing proportional to the warehouse is collected.
 */
public final class Charts {
  public static final int WIDTH = 720;
  public static final int HEIGHT = 420;

  private Charts() {}

  /** An empty line chart in the project's style. */
  public static XYChart xy(String title, String xTitle, String yTitle) {
    XYChart c = new XYChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle).yAxisTitle(yTitle)
        .build();
    c.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal).setMarkerSize(6);
    return c;
  }

  /** An empty bar chart in the project's style. */
  public static CategoryChart bars(String title, String xTitle, String yTitle) {
    CategoryChart c = new CategoryChartBuilder().width(WIDTH).height(HEIGHT).title(title).xAxisTitle(xTitle)
        .yAxisTitle(yTitle).build();
    c.getStyler().setXAxisLabelRotation(45);
    c.getStyler().setChartBackgroundColor(Color.WHITE).setLegendPosition(Styler.LegendPosition.OutsideS)
        .setLegendLayout(Styler.LegendLayout.Horizontal);
    return c;
  }

  /**
   * A reliability (calibration) chart: per series, observed rate against mean prediction by decile, from
   * rows {@code {decile, examples, mean prediction, observed rate}} (the shape of the jobs'
   * {@code BinaryMetrics.reliability}), with the diagonal of perfect calibration.
   */
  public static XYChart calibration(String title, Map<String, List<double[]>> reliabilityBySeries) {
    XYChart c = xy(title, "mean predicted probability (decile)", "observed rate");
    XYSeries diagonal = c.addSeries("perfectly calibrated", new double[] {0, 1}, new double[] {0, 1});
    diagonal.setMarker(SeriesMarkers.NONE).setLineColor(Color.GRAY);
    for (Map.Entry<String, List<double[]>> e : reliabilityBySeries.entrySet()) {
      if (e.getValue().isEmpty()) {
        continue;
      }
      double[] x = e.getValue().stream().mapToDouble(d -> d[2]).toArray();
      double[] y = e.getValue().stream().mapToDouble(d -> d[3]).toArray();
      c.addSeries(e.getKey(), x, y);
    }
    c.getStyler().setXAxisMin(0.0).setXAxisMax(1.0).setYAxisMin(0.0).setYAxisMax(1.0);
    return c;
  }

  /** The chart as an image: what the kernel's display shows as image/png. */
  public static BufferedImage image(Chart<?, ?> chart) {
    return BitmapEncoder.getBufferedImage(chart);
  }

  /**
   * Shows the chart in the notebook as image/png, through the Java kernel's own display (looked up at run
   * time: this library does not depend on the kernel).
   */
  public static void show(Chart<?, ?> chart) {
    Class<?> global;
    try {
      global = Class.forName("org.rapaio.jupyter.kernel.global.Global");
    } catch (ClassNotFoundException e) {
      throw new IllegalStateException("Charts.show needs the notebook's Java kernel; elsewhere use Charts.png(chart)");
    }
    try {
      global.getMethod("display", Object.class).invoke(null, image(chart));
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("the kernel could not display the chart '" + chart.getTitle() + "': " + e, e);
    }
  }

  /** The chart as PNG bytes (to save or attach elsewhere). */
  public static byte[] png(Chart<?, ?> chart) {
    try {
      return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode the chart '" + chart.getTitle() + "' as PNG", e);
    }
  }

  /** A numeric column of a small frame as doubles, in row order (nulls as NaN, which XChart leaves out). */
  public static double[] doubles(Dataset<Row> rows, String column) {
    return rows.select(org.apache.spark.sql.functions.col(column).cast("double")).collectAsList().stream()
        .mapToDouble(r -> r.isNullAt(0) ? Double.NaN : r.getDouble(0)).toArray();
  }

  /** A column of a small frame as strings, in row order. */
  public static List<String> strings(Dataset<Row> rows, String column) {
    List<String> out = new ArrayList<>();
    rows.select(org.apache.spark.sql.functions.col(column).cast("string")).collectAsList()
        .forEach(r -> out.add(r.isNullAt(0) ? "null" : r.getString(0)));
    return out;
  }

  /** A date column of a small frame as java.util.Date values (XChart's time axis), in row order. */
  public static List<java.util.Date> dates(Dataset<Row> rows, String column) {
    List<java.util.Date> out = new ArrayList<>();
    rows.select(org.apache.spark.sql.functions.col(column).cast("date")).collectAsList()
        .forEach(r -> out.add(r.isNullAt(0) ? null : new java.util.Date(r.getDate(0).getTime())));
    return out;
  }
}
