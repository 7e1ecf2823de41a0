package com.influencelakehouse.jobs.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.influencelakehouse.common.tables.LandingSource;
import com.influencelakehouse.common.tables.Tables;
import com.influencelakehouse.jobs.JobGraph;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class CatalogDocsTest {
  private static final Path ROOT = Path.of(System.getProperty("checkout.root", ".."));

  @Test
  void committedDocsMatchTheRegistry() throws IOException {
    for (CatalogDocs.Doc d : CatalogDocs.all(JobGraph.nightly())) {
      String committed = Files.readString(ROOT.resolve(d.relativePath()));
      assertEquals(CatalogDocs.splice(committed, d.block(), d.relativePath()), committed,
          d.relativePath() + " is out of date with the registry: run bin/lakehouse docs and commit the result");
    }
  }

  @Test
  void theCatalogNamesEveryTableAndTheContractsEverySource() {
    String tables = CatalogDocs.tables(JobGraph.nightly());
    Tables.all().forEach(t -> assertTrue(tables.contains("#### `" + t.qualifiedName() + "`"), t.qualifiedName()));
    String contracts = CatalogDocs.contracts();
    for (LandingSource s : LandingSource.values()) {
      assertTrue(contracts.contains("### `" + s.path() + "`"), s.path());
    }
    assertTrue(contracts.contains("| `incentive_type` | string | yes | cash, product, commission |"), contracts);
  }
}
