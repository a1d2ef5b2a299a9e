package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.models.Flops;
import org.scalecast.results.InputException;

/** Settings per model and per budget, FLOPs budgets, and {@code --set} (issue 14 item 2). */
class RunSettingsTest {
  @TempDir Path dir;

  static final String BASE =
      "name: t\ndata:\n  domains:\n    text: {path: x}\n"
          + "models:\n  - {size: d32-l2-h2}\n  - {size: d48-l2-h2}\n"
          + "budgets:\n  - {tokens: 100000}\n  - {multiplier: 20}\n"
          + "context_length: 32\ntrain: {batch_size: 8, lr: 0.003}\n";

  private List<RunSpec> expand(String yaml, String... sets) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    return Sweeps.expand(Sweeps.load(f, List.of(sets)));
  }

  private static String message(Executable e) {
    return assertThrows(InputException.class, e::run).getMessage();
  }

  interface Executable {
    void run() throws Exception;
  }

  @Test
  void aModelsSettingsOverrideTrainAndABudgetsOverrideTheModels() throws IOException {
    String yaml =
        BASE.replace("{size: d48-l2-h2}", "{size: d48-l2-h2, lr: 0.001, batch_size: 16}")
            .replace("{multiplier: 20}", "{multiplier: 20, batch_size: 4, warmup_steps: 7}");
    List<RunSpec> r = expand(yaml);
    assertEquals(0.003, r.get(0).train().lr()); // d32, tokens: train's
    assertEquals(8, r.get(0).train().batchSize());
    assertEquals(0.001, r.get(2).train().lr()); // d48, tokens: the model's
    assertEquals(16, r.get(2).train().batchSize());
    assertEquals(16L * 32, r.get(2).tokensPerStep(), "steps follow the run's own batch");
    assertEquals(4, r.get(3).train().batchSize()); // d48, multiplier: the budget's batch wins
    assertEquals(0.001, r.get(3).train().lr());
    assertEquals(7, r.get(3).train().warmupFor(r.get(3).steps()));
    assertEquals(4, r.get(1).train().batchSize()); // d32, multiplier: the budget's
    assertEquals(0.003, r.get(1).train().lr());
  }

  @Test
  void settingsEqualToTrainsKeepTheRunsIds() throws IOException {
    List<String> plain = expand(BASE).stream().map(RunSpec::runId).toList();
    String same = BASE.replace("{size: d32-l2-h2}", "{size: d32-l2-h2, lr: 0.003, grad_accum: 1}");
    assertEquals(plain, expand(same).stream().map(RunSpec::runId).toList());
    String other = BASE.replace("{size: d32-l2-h2}", "{size: d32-l2-h2, lr: 0.001}");
    assertNotEquals(plain.get(0), expand(other).get(0).runId());
    assertEquals(plain.get(2), expand(other).get(2).runId(), "other models keep theirs");
    assertNull(expand(BASE).get(0).train().gradAccum(), "absent from the hashed JSON");
  }

  @Test
  void aFlopsBudgetGivesDEqualToCOver6N() throws IOException {
    List<RunSpec> r = expand(BASE.replace("{tokens: 100000}", "{flops: 1.0e11}"));
    RunSpec s = r.get(0);
    double d = 1.0e11 / Flops.perToken(s.model(), Flops.Convention.SIX_N);
    assertEquals(d, s.tokenBudget(), s.tokensPerStep() / 2.0, "whole steps nearest C / 6N");
  }

  @Test
  void badSettingsNameTheirKey() {
    assertEquals(
        "models[1].lr must be > 0, got -1.0",
        message(() -> expand(BASE.replace("{size: d48-l2-h2}", "{size: d48-l2-h2, lr: -1}"))));
    assertEquals(
        dir.resolve("s.yaml") + ": budgets[0]: give exactly one of tokens, multiplier, flops",
        message(() -> expand(BASE.replace("{tokens: 100000}", "{tokens: 100000, flops: 1e12}"))));
    assertEquals(
        "budgets[1]: grad_accum 3 does not divide batch_size 8 (each step is 3 micro-batches of"
            + " batch_size / grad_accum sequences)",
        message(() -> expand(BASE.replace("{multiplier: 20}", "{multiplier: 20, grad_accum: 3}"))));
    assertEquals(
        dir.resolve("s.yaml") + ": train.grad_accum 3 does not divide train.batch_size 8",
        message(() -> expand(BASE.replace("lr: 0.003}", "lr: 0.003, grad_accum: 3}"))));
  }

  @Test
  void setOverridesAnyKeyBeforeTheChecks() throws IOException {
    List<RunSpec> r =
        expand(BASE, "train.lr=1e-3", "models[1].batch_size=16", "budgets.0.tokens=200000");
    assertEquals(0.001, r.get(0).train().lr());
    assertEquals(16, r.get(2).train().batchSize());
    assertEquals(200000, r.get(0).tokenBudget(), 8 * 32);
    assertEquals(0.5, expand(BASE, "train.warmup_fraction=0.5").get(0).train().warmupFraction());
    // A section the file leaves out is created.
    assertEquals(4, expand(BASE, "eval.checkpoints=4").get(0).eval().checkpoints());
  }

  @Test
  void setErrorsNameTheKey() {
    assertEquals(
        "--set train.lrate=1: unknown key 'train.lrate' (allowed: batch_size, beta1, beta2,"
            + " decay_fraction, decay_policy, divergence_factor, eps, grad_accum, grad_clip, lr,"
            + " min_lr_ratio, schedule, warmup_fraction, warmup_steps, weight_decay)",
        message(() -> expand(BASE, "train.lrate=1")));
    assertEquals(
        "--set models[5].lr=1: 'models.5': the list has 2 entries",
        message(() -> expand(BASE, "models[5].lr=1")));
    assertEquals(
        "--set train.lr.x=1: 'train.lr' is a value, not a section; it has no key 'x'",
        message(() -> expand(BASE, "train.lr.x=1")));
    assertEquals(
        "--set train.lr: expected key.path=value", message(() -> expand(BASE, "train.lr")));
    String wrongType = message(() -> expand(BASE, "train.batch_size=many"));
    assertEquals(
        dir.resolve("s.yaml") + ": key 'train.batch_size': 'many' is not a valid integer",
        wrongType);
  }
}
