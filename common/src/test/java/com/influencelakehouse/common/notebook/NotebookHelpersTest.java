package com.influencelakehouse.common.notebook;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.config.LakehouseConfig;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.common.testing.SharedSpark;
import java.io.ByteArrayInputStream;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knowm.xchart.XYChart;

/** What the notebook helpers do without Jupyter: configuration, tables by name, charts as PNG. */
@Tag("unit")
class NotebookHelpersTest {
  @TempDir
  Path dir;

  @Test
  void configurationIsTheJobsOwnWithTheWarehouseGivenAndASessionCatalog() {
    LakehouseConfig c = Lakehouse.configure("local", Map.of("lakehouse.warehouse.root", dir.toString()));
    assertEquals(dir.toString(), c.warehouse().root());
    assertEquals(dir + "/gold", c.warehouse().gold());
    assertEquals("local", c.env());
    // An embedded metastore admits one JVM: notebooks use the session's catalog instead ...
    assertEquals("session", c.catalogMetastore());
    assertTrue(!c.spark().conf().containsKey("spark.sql.catalogImplementation"));
    // ... unless one is asked for explicitly.
    LakehouseConfig embedded = Lakehouse.configure("local", Map.of("lakehouse.warehouse.root", dir.toString(),
        "lakehouse.catalog.metastore", "embedded"));
    assertEquals("embedded", embedded.catalogMetastore());
  }

  @Test
  void systemPropertiesReachTheConfigurationAsTheKernelsCommandLineDoes() {
    System.setProperty("lakehouse.warehouse.root", dir.resolve("from-property").toString());
    try {
      assertEquals(dir.resolve("from-property").toString(),
          Lakehouse.configure("local", Map.of()).warehouse().root());
    } finally {
      System.clearProperty("lakehouse.warehouse.root");
    }
  }

  @Test
  void tablesAreReadByRegistryNameFromTheConfiguredWarehouse() {
    SparkSession spark = SharedSpark.get();
    LakehouseConfig c = Lakehouse.configure("local", Map.of("lakehouse.warehouse.root", dir.toString()));
    Lakehouse lh = new Lakehouse(c, spark);
    StructType schema = new StructType().add("k", DataTypes.StringType).add("v", DataTypes.DoubleType);
    Dataset<Row> rows = spark.createDataFrame(List.of(RowFactory.create("a", 1.5), RowFactory.create("b", 2.0)), schema);
    rows.write().format("delta").save(c.warehouse().pathOf(Tables.CONTENT_LABEL_LIFT));

    assertTrue(lh.exists("gold.content_label_lift"));
    assertEquals(2, lh.table("gold.content_label_lift").count());
    assertEquals(2, lh.table("content_label_lift").count());
    IllegalStateException notYet = assertThrows(IllegalStateException.class, () -> lh.table("gold.influencer_roi"));
    assertTrue(notYet.getMessage().contains("gold.influencer_roi has not been written in " + dir), notYet.getMessage());
    IllegalArgumentException unknown = assertThrows(IllegalArgumentException.class, () -> lh.table("gold.nope"));
    assertTrue(unknown.getMessage().contains("gold.influencer_scores"), "lists the known names");
    assertEquals(-1L, lh.rowCounts().get("gold.influencer_roi"));

    String text = TextTable.of(rows.orderBy("k"), 1);
    assertEquals("k | v     \n--+-------\na | 1.5000\n(first 1 rows)\n", text);
    assertArrayEquals(new double[] {1.5, 2.0}, Charts.doubles(rows.orderBy("k"), "v"));
    assertEquals(List.of("a", "b"), Charts.strings(rows.orderBy("k"), "k"));
  }

  @Test
  void aChartRendersAsAPngImage() throws Exception {
    XYChart chart = Charts.calibration("calibration", Map.of("model", List.of(
        new double[] {1, 10, 0.1, 0.12}, new double[] {2, 10, 0.5, 0.45}, new double[] {3, 10, 0.9, 0.88})));
    assertEquals(2, chart.getSeriesMap().size(), "the diagonal and the model");
    byte[] png = Charts.png(chart);
    assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, Arrays.copyOf(png, 4));
    var image = ImageIO.read(new ByteArrayInputStream(png));
    assertEquals(Charts.WIDTH, image.getWidth());
    assertEquals(Charts.HEIGHT, image.getHeight());
    // Outside the Java kernel there is nothing to display on: a clear error, not a silent no-op.
    IllegalStateException e = assertThrows(IllegalStateException.class, () -> Charts.show(chart));
    assertTrue(e.getMessage().contains("Charts.png"));
  }

  @Test
  void aFailedCheckNamesTheClaim() {
    Lakehouse.check(true, "holds");
    AssertionError e = assertThrows(AssertionError.class, () -> Lakehouse.check(false, "the holdout is the champion's"));
    assertEquals("check failed: the holdout is the champion's", e.getMessage());
  }
}
