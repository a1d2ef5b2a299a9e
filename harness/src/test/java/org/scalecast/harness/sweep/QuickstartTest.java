package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The quickstart's loop on a seconds-long sweep: sampling runs, a 5x target, predict, report. */
@Tag("engine")
class QuickstartTest {
  @TempDir Path dir;

  private Path sweep(String target) throws IOException {
    Path root = SweepRunTest.root();
    String yaml =
        "name: qs\ndata:\n  tokenizer: {kind: bpe, vocab_size: 300, sample_bytes: 100000}\n"
            + "  domains:\n    text: {path: "
            + root.resolve("configs/smoke-data/text")
            + "}\n    code: {path: "
            + root.resolve("fit/src/main/java")
            + "}\nmodels:\n  - {d_model: 16, n_layer: 1, n_head: 2}\n"
            + "  - {d_model: 24, n_layer: 1, n_head: 2}\n  - {d_model: 32, n_layer: 1, n_head: 2}\n"
            + "context_length: 32\nbudgets:\n  - {tokens: 8192}\n  - {tokens: 16384}\n"
            + target
            + "train: {batch_size: 8}\n"
            + "eval: {checkpoints: 4, log_spaced: 1, windows: 8, batch_size: 8, task_items: 20}\n";
    Path f = dir.resolve("qs.yaml");
    Files.writeString(f, yaml);
    return f;
  }

  @Test
  void quickstartTrainsPredictsAndReportsAndResumes() throws IOException {
    Path cfg =
        sweep("target:\n  model: {d_model: 48, n_layer: 2, n_head: 2}\n  compute_factor: 5\n");
    Path fit = dir.resolve("fit.yaml");
    Files.writeString(fit, "losses: [val_loss_mix, val_loss_code]\n");
    Path out = dir.resolve("qs");
    String[] args = {
      "quickstart",
      "--config",
      cfg.toString(),
      "--predict",
      fit.toString(),
      "--out",
      out.toString(),
      "--cache",
      dir.resolve("cache").toString()
    };
    SweepRunTest.Run r = SweepRunTest.cli(args);
    assertEquals(0, r.code(), r.err());
    JsonNode rows = new ObjectMapper().readTree(out.resolve("report/predictions.json").toFile());
    assertTrue(rows.isArray() && rows.size() > 3, rows.toString());
    boolean lossWithActual = false;
    for (JsonNode row : rows) {
      for (String k :
          new String[] {
            "quantity", "method", "predicted", "lower", "upper", "actual", "abs_error", "rel_error"
          }) {
        assertTrue(row.has(k), k + " in " + row);
      }
      lossWithActual |=
          row.get("quantity").asText().equals("val_loss_mix") && row.get("actual").isNumber();
    }
    assertTrue(lossWithActual, "the target's actual loss is beside its prediction");
    String md = Files.readString(out.resolve("report/report.md"));
    assertTrue(md.contains("loss_vs_flops_val_loss_mix.png"), md);
    assertTrue(Files.size(out.resolve("report/loss_vs_flops_val_loss_mix.png")) > 1000);
    assertTrue(Files.size(out.resolve("report/loss_vs_flops_val_loss_mix.svg")) > 1000);
    assertTrue(md.contains("held out of every fit"), md);
    assertTrue(md.contains("## Can you trust this?"), md);
    // Backtests drawn per kind: a perplexity near 5 on the scores' axis flattened them (OPT).
    assertTrue(Files.exists(out.resolve("report/backtest_predicted_vs_actual_losses.png")), md);
    assertTrue(!Files.exists(out.resolve("report/backtest_predicted_vs_actual.png")), md);
    // Predicted against actual draws the methods chosen in advance, refusals left out: a kind's
    // figure exists exactly when one of its chosen rows has a number (it drew the best method in
    // hindsight, refused quantities included).
    for (String kind : new String[] {"loss", "score"}) {
      boolean drawn = false;
      for (JsonNode row : rows) {
        drawn |=
            row.get("kind").asText().equals(kind)
                && row.get("chosen_in_advance").asBoolean()
                && row.get("predicted").isNumber()
                && row.get("actual").isNumber();
      }
      String file = kind.equals("loss") ? "losses" : "tasks";
      assertEquals(
          drawn, Files.exists(out.resolve("report/predicted_vs_actual_" + file + ".png")), kind);
    }
    String table = Files.readString(out.resolve("report/results.csv"));
    assertTrue(table.lines().findFirst().orElse("").contains("role"), "role column");
    SweepRunTest.Run again = SweepRunTest.cli(args);
    assertEquals(0, again.code(), again.err());
    assertTrue(again.err().contains("done, skipped"), again.err());
  }

  @Test
  void aTargetBelowFiveTimesTheSamplingComputeIsRefusedByName() throws IOException {
    Path cfg =
        sweep(
            "target:\n  model: {d_model: 32, n_layer: 1, n_head: 2}\n  budget: {tokens: 20000}\n");
    SweepRunTest.Run r =
        SweepRunTest.cli("sweep", "run", cfg.toString(), "--out", dir.resolve("x").toString());
    assertEquals(2, r.code());
    assertTrue(r.err().contains("target: its compute is 1.22x"), r.err());
  }
}
