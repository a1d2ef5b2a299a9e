package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.Main;

/** {@code predict --config} with a {@code ladder:} section and several {@code targets:}. */
class LadderPredictTest {
  @TempDir Path dir;

  /** Chinchilla losses (Hoffmann et al. 2022 constants), one CSV per run named after the run. */
  private void ladder() throws Exception {
    Files.createDirectories(dir.resolve("runs"));
    StringBuilder runs = new StringBuilder("model,N\n");
    double[] sizes = {1e6, 3e6, 1e7, 3e7, 1e8, 1e9};
    for (int s = 0; s < sizes.length; s++) {
      double n = sizes[s];
      String id = "m" + s;
      runs.append(id).append(',').append(n).append('\n');
      StringBuilder f = new StringBuilder("_step,eval/loss\n");
      for (int c = 1; c <= 5; c++) {
        long step = c * 10L * (s + 1);
        double d = step * 1e5;
        double loss = 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
        f.append(step).append(',').append(String.format(Locale.ROOT, "%.6f", loss)).append('\n');
      }
      Files.writeString(dir.resolve("runs/" + id + ".csv"), f);
    }
    Files.writeString(dir.resolve("runs.csv"), runs);
  }

  @Test
  void predictsEveryTargetAndNamesItInEachRow() throws Exception {
    ladder();
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n"
            + "  checkpoints: runs/\n"
            + "  runs: runs.csv\n"
            + "  columns: {run: model, step: _step, n_params: N}\n"
            + "  tokens_per_step: 1e5\n"
            + "  where: [\"N < 5e8\"]\n"
            + "targets:\n"
            + "  - {name: biggest, where: {run: m5}}\n"
            + "  - {name: planned, at: {n_params: 2e9, tokens: 1e11}}\n"
            + "losses: [eval/loss]\n");
    String out = cli("predict", "--config", config.toString(), "--json");
    Set<String> targets = new LinkedHashSet<>();
    for (JsonNode r : FitFile.JSON.readTree(out)) {
      targets.add(r.get("target").asText());
      assertEquals("eval/loss", r.get("quantity").asText());
    }
    assertEquals(Set.of("biggest", "planned"), targets);
    JsonNode first = FitFile.JSON.readTree(out).get(0);
    assertTrue(first.get("actual").isNumber(), first.toString());
    String text = cli("predict", "--config", config.toString());
    assertTrue(text.contains("target biggest: run m5"), text);
    assertTrue(text.contains("target planned: planned"), text);
    Path report = dir.resolve("report");
    cli("report", "--config", config.toString(), "--out", report.toString());
    assertTrue(Files.isRegularFile(report.resolve("biggest/report.md")));
    assertTrue(Files.isRegularFile(report.resolve("planned/predictions.json")));
  }

  @Test
  void badLadderExitsTwoWithOneLine() throws Exception {
    ladder();
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n  checkpoints: runs/\n  runs: runs.csv\n  columns: {run: model, n_params: params}\n"
            + "losses: [eval/loss]\n");
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code =
        Main.execute(
            new PrintWriter(out), new PrintWriter(err), "predict", "--config", config.toString());
    assertEquals(2, code);
    assertTrue(
        err.toString().contains("no column 'params' for role n_params (columns: _step, eval/loss"),
        err.toString());
    assertEquals(1, err.toString().strip().lines().count(), err.toString());
  }

  private static String cli(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    assertEquals(0, code, err.toString());
    return out.toString();
  }
}
