package org.scalecast.harness.sweep;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.InputException;

class SweepsTest {
  @TempDir Path dir;

  static final String BASE =
      "name: t\ndata:\n  domains:\n    text: {path: x}\n    code: {path: y}\n"
          + "models:\n  - {size: d32-l2-h2}\n  - {d_model: 48, n_layer: 2, n_head: 2}\n"
          + "budgets:\n  - {tokens: 100000}\n  - {multiplier: 20}\nmixtures:\n  - {text: 0.5, code: 0.5}\n  - {text: 1.0, code: 0.0}\nseeds: [0, 1]\n";

  private SweepConfig load(String yaml) throws IOException {
    Path f = dir.resolve("s.yaml");
    Files.writeString(f, yaml);
    return Sweeps.load(f);
  }

  @Test
  void expandsTheGridWithStableDistinctIds() throws IOException {
    List<RunSpec> a = Sweeps.expand(load(BASE));
    List<RunSpec> b = Sweeps.expand(load(BASE));
    assertEquals(2 * 2 * 2 * 2, a.size());
    assertEquals(a.stream().map(RunSpec::runId).toList(), b.stream().map(RunSpec::runId).toList());
    assertEquals(a.size(), a.stream().map(RunSpec::runId).distinct().count());
    assertTrue(
        a.get(0).runId().startsWith("d32-l2-h2_D1.0e05_text50-code50_s0_"), a.get(0).runId());
    String changed =
        Sweeps.expand(load(BASE.replace("name: t", "name: t\ntrain: {lr: 0.001}"))).get(0).runId();
    assertNotEquals(a.get(0).runId(), changed, "a changed setting is a different run");
  }

  @Test
  void multiplierBudgetsCountEveryParameter() throws IOException {
    RunSpec r = Sweeps.expand(load(BASE)).get(4); // d32, multiplier 20
    long total = org.scalecast.models.ParameterCount.total(r.model());
    assertEquals(20.0 * total, r.tokenBudget(), r.tokensPerStep());
  }

  @Test
  void unknownKeysNameTheKeyAndTheAllowedOnes() {
    InputException e =
        assertThrows(
            InputException.class,
            () -> load(BASE.replace("seeds: [0, 1]", "seeds: [0, 1]\ntrian: {lr: 1}")));
    assertTrue(
        e.getMessage()
            .contains(
                "unknown key 'trian' (allowed: budgets, context_length, data, eval, head, mixtures, models, name, seeds, target, train)"),
        e.getMessage());
    e = assertThrows(InputException.class, () -> load(BASE.replace("models:", "modles:")));
    assertTrue(e.getMessage().contains("unknown key 'modles' (allowed: "), e.getMessage());
    e = assertThrows(InputException.class, () -> load(BASE + "train: {lrate: 1}\n"));
    assertTrue(e.getMessage().contains("unknown key 'train.lrate'"), e.getMessage());
  }

  @Test
  void wrongTypesAndBadValuesAreOneLine() {
    InputException e = assertThrows(InputException.class, () -> load(BASE + "train: {lr: fast}\n"));
    assertTrue(e.getMessage().contains("key 'train.lr'"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> load(BASE.replace("{text: 0.5, code: 0.5}", "{text: 0.5, code: 0.6}")));
    assertTrue(e.getMessage().contains("sum to 1.1"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> Sweeps.expand(load(BASE.replace("{size: d32-l2-h2}", "{size: huge}"))));
    assertTrue(e.getMessage().contains("unknown size 'huge'"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> Sweeps.expand(load(BASE.replace("n_head: 2}", "n_head: 5}"))));
    assertEquals("models: d_model=48 is not divisible by n_head=5", e.getMessage());
  }

  @Test
  void anEmptyConfigFileIsNamedNotATypeError() throws IOException {
    InputException e = assertThrows(InputException.class, () -> load(""));
    assertEquals(dir.resolve("s.yaml") + ": empty file (no keys)", e.getMessage());
    e = assertThrows(InputException.class, () -> load("# only a comment\n"));
    assertTrue(e.getMessage().endsWith(": empty file (no keys)"), e.getMessage());
  }

  @Test
  void emptySeedOrMixtureListsAreErrorsNotZeroRuns() {
    InputException e =
        assertThrows(InputException.class, () -> load(BASE.replace("seeds: [0, 1]", "seeds: []")));
    assertTrue(e.getMessage().contains("seeds: the list is empty"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () ->
                load(
                    BASE.replace(
                        "mixtures:\n  - {text: 0.5, code: 0.5}\n  - {text: 1.0, code: 0.0}\n",
                        "mixtures: []\n")));
    assertTrue(e.getMessage().contains("mixtures: the list is empty"), e.getMessage());
  }

  @Test
  void integerKeysRefuseFractionsButTakeWholeFloats() throws IOException {
    InputException e =
        assertThrows(InputException.class, () -> load(BASE + "train: {batch_size: 8.5}\n"));
    assertEquals(
        dir.resolve("s.yaml") + ": key 'train.batch_size': '8.5' is not a valid integer",
        e.getMessage());
    e = assertThrows(InputException.class, () -> load(BASE.replace("[0, 1]", "[0, 1.5]")));
    assertTrue(
        e.getMessage().contains("key 'seeds[1]': '1.5' is not a valid integer"), e.getMessage());
    e =
        assertThrows(
            InputException.class,
            () -> load(BASE.replace("name: t", "name: t\ncontext_length: 3.0e10")));
    assertTrue(e.getMessage().contains("key 'context_length'"), e.getMessage());
    SweepConfig c = load(BASE.replace("{tokens: 100000}", "{tokens: 1.0e5}"));
    assertEquals(100000L, c.budgets().get(0).tokens());
    assertEquals(8, load(BASE + "train: {batch_size: 8.0}\n").train().batchSize());
  }

  @Test
  void aBudgetBelowOneStepNamesTheKeyAndTheMinimum() throws IOException {
    InputException e =
        assertThrows(
            InputException.class,
            () ->
                Sweeps.expand(
                    load(
                        BASE.replace("{tokens: 100000}", "{tokens: 10}")
                            + "context_length: 32\ntrain: {batch_size: 8}\n")));
    assertEquals(
        "budgets[0]: tokens 10 gives 10 tokens for d32-l2-h2, less than one training step of 256"
            + " tokens (batch_size 8 x context_length 32); give at least 256 tokens",
        e.getMessage());
    assertEquals(
        16,
        Sweeps.expand(
                load(
                    BASE.replace("{tokens: 100000}", "{tokens: 256}")
                        + "context_length: 32\ntrain: {batch_size: 8}\n"))
            .size());
  }

  @Test
  void checkpointsAreLogSpacedEarlyThenEven() {
    assertArrayEquals(
        new long[] {3, 5, 10, 20, 30, 40, 50, 60, 70, 80, 90, 100},
        new EvalSettings(10, 2, 8, 8, null, null, null).schedule(100));
  }
}
