package org.scalecast.fit.gadre;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.InputException;

/**
 * Runs the reproduction on the published data in ../shared/data/gadre2024/exp_data. The data is
 * never copied into the project; where it is absent the test is skipped, except in CI (CI=true),
 * where its absence is a failure.
 */
class GadreReproductionTest {

  /** Finds exp_data by walking up from the working directory to a folder holding shared/. */
  static Path expData() {
    for (Path d = Path.of("").toAbsolutePath(); d != null; d = d.getParent()) {
      for (String rel :
          new String[] {"shared/data/gadre2024/exp_data", "../shared/data/gadre2024/exp_data"}) {
        Path p = d.resolve(rel).normalize();
        if (Files.isDirectory(p.resolve("models"))) {
          return p;
        }
      }
    }
    return null;
  }

  @Test
  void everyPublishedCellMatches() {
    Path data = expData();
    if (data == null) {
      assertTrue(System.getenv("CI") == null, "CI must have ../shared/data/gadre2024/exp_data");
      Assumptions.abort("no ../shared/data/gadre2024/exp_data here");
    }
    GadreReproduction.Report r = new GadreReproduction().run(data);
    assertEquals(60, r.cells().size());
    String mismatches =
        r.cells().stream()
            .filter(c -> !c.matches())
            .map(
                c ->
                    c.table()
                        + " "
                        + c.row()
                        + " "
                        + c.column()
                        + ": ours "
                        + c.oursRounded()
                        + " paper "
                        + c.paper())
            .collect(Collectors.joining("; "));
    assertTrue(r.allMatch(), mismatches);
  }

  @Test
  void aFolderOfTheWrongLayoutIsOneLine(@TempDir Path dir) throws IOException {
    InputException e = assertThrows(InputException.class, () -> new GadreReproduction().run(dir));
    assertTrue(
        e.getMessage()
            .endsWith("no models/ folder (expected the exp_data layout of mlfoundations/scaling)"));
    Files.createDirectories(dir.resolve("models"));
    Files.writeString(
        dir.resolve("models/rpj-d=96_l=8_h=4-1.0.json"), "{\"dataset_name\": \"rpj\"}");
    e = assertThrows(InputException.class, () -> new GadreReproduction().run(dir));
    assertEquals(
        dir.resolve("models/rpj-d=96_l=8_h=4-1.0.json") + ": missing key 'hyperparameters'",
        e.getMessage());
  }

  @Test
  void cellsRoundHalfUpToThePrintedPrecision() {
    assertTrue(new Cell("t", "r", "c", 0.8504, "0.850").matches());
    assertTrue(new Cell("t", "r", "c", 140.6, "141").matches());
    assertTrue(new Cell("t", "r", "c", 0.049, "0.0").matches());
    assertEquals("0.1", new Cell("t", "r", "c", 0.05, "0.0").oursRounded());
    assertTrue(!new Cell("t", "r", "c", 0.856, "0.857").matches());
  }
}
