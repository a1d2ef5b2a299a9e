package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code predict --fit A --fit B --bind x=L}: the published two-step method by hand, a loss law of
 * C chained into a sigmoid of x, with the interval through both stages.
 */
class PredictChainTest {
  @TempDir Path dir;

  private Path loss;
  private Path acc;

  /** Four checkpoints of each of 8 runs: (C, L, Acc), both stages a little noisy. */
  private void fits(String... extra) throws IOException {
    StringBuilder sb = new StringBuilder("run_id,C,L,Acc\n");
    for (int i = 0; i < 8; i++) {
      for (int k = 1; k <= 4; k++) {
        double c = 1e18 * Math.pow(3, i) * k / 4;
        double l = 1.8 + 2000 * Math.pow(c, -0.15) * (1 + 0.01 * Math.sin(7 * i + k));
        double a = -0.6 / (1 + Math.exp(-2 * (l - 4.5))) + 0.85 + 0.002 * Math.cos(3 * i + k);
        sb.append("r" + i + "," + c + "," + l + "," + a + "\n");
      }
    }
    Path csv = dir.resolve("ladder.csv");
    Files.writeString(csv, sb);
    loss = dir.resolve("loss.json");
    acc = dir.resolve("acc.json");
    String[] s1 = {"fit", "--data", csv.toString(), "--law", "power", "--out", loss.toString()};
    String[] s2 = {
      "fit",
      "--data",
      csv.toString(),
      "--law",
      "sigmoid",
      "--map",
      "x=L,y=Acc",
      "--out",
      acc.toString()
    };
    assertEquals(0, MainTest.run(concat(s1, extra)).code());
    MainTest.Run r = MainTest.run(concat(s2, extra));
    assertEquals(0, r.code(), r.err());
  }

  private static String[] concat(String[] a, String[] b) {
    String[] out = java.util.Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static JsonNode json(MainTest.Run r) throws IOException {
    assertEquals(0, r.code(), r.err());
    return new ObjectMapper().readTree(r.out());
  }

  @Test
  void aBindingChainsAcrossNamesAndTheIntervalCarriesStage1() throws IOException {
    fits();
    MainTest.Run unbound =
        MainTest.run(
            "predict", "--fit", loss.toString(), "--fit", acc.toString(), "--at", "C=1e22");
    assertEquals(2, unbound.code());
    assertEquals(1, unbound.err().strip().lines().count(), unbound.err());
    assertTrue(unbound.err().contains("--bind x=OUTPUT"), unbound.err());

    JsonNode chained =
        json(
            MainTest.run(
                "predict",
                "--fit",
                loss.toString(),
                "--fit",
                acc.toString(),
                "--bind",
                "x=L",
                "--at",
                "C=1e22",
                "--json"));
    assertEquals("y", chained.get(1).get("quantity").asText());
    double l = chained.get(0).get("predicted").asDouble();
    JsonNode alone =
        json(MainTest.run("predict", "--fit", acc.toString(), "--at", "x=" + l, "--json"));
    assertEquals(
        alone.get(0).get("predicted").asDouble(), chained.get(1).get("predicted").asDouble(), 1e-9);
    double wChained =
        chained.get(1).get("upper").asDouble() - chained.get(1).get("lower").asDouble();
    double wAlone = alone.get(0).get("upper").asDouble() - alone.get(0).get("lower").asDouble();
    assertTrue(wChained > wAlone, wChained + " vs stage 2 alone " + wAlone);
  }

  @Test
  void aWrongBindingIsOneLineAndExitTwo() throws IOException {
    fits();
    MainTest.Run r =
        MainTest.run(
            "predict",
            "--fit",
            loss.toString(),
            "--fit",
            acc.toString(),
            "--bind",
            "x=Q",
            "--at",
            "C=1e22");
    assertEquals(2, r.code());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), r.err());
    assertTrue(r.err().contains("--bind: binding x=Q: no fit outputs Q (outputs: L, y)"), r.err());
  }

  @Test
  void fitsBootstrappedOverTheSameRunsGiveAWholeChainBootstrap() throws IOException {
    fits("--bootstrap", "40", "--seed", "5");
    JsonNode rows =
        json(
            MainTest.run(
                "predict",
                "--fit",
                loss.toString(),
                "--fit",
                acc.toString(),
                "--bind",
                "x=L",
                "--at",
                "C=1e22",
                "--json"));
    assertEquals("bootstrap", rows.get(1).get("interval").asText());
    // Which pairing ran is said (it was not: a new user, twenty-fifth session).
    assertEquals("runs", rows.get(1).get("bootstrap_pairing").asText());
    assertTrue(rows.get(0).get("bootstrap_pairing").isNull());
    assertTrue(rows.get(1).get("lower").asDouble() < rows.get(1).get("predicted").asDouble());
    assertTrue(rows.get(1).get("upper").asDouble() > rows.get(1).get("predicted").asDouble());
  }

  @Test
  void thePreparationsAndMethodsAreConfigKeysCheckedOnLoad() throws IOException {
    Path ok = dir.resolve("ok.yaml");
    Files.writeString(
        ok,
        "methods: [chinchilla+sigmoid]\n"
            + "prepare: {drop_leading: 0.1, moving_average: 5, anchor: {loss: 0, score: 1},"
            + " last_k: 5}\n");
    org.scalecast.fit.flp.PredictSpec spec =
        org.scalecast.harness.sweep.Sweeps.loadYaml(ok, org.scalecast.fit.flp.PredictSpec.class);
    assertEquals(java.util.List.of("chinchilla+sigmoid"), spec.methods());
    assertEquals(
        new org.scalecast.fit.flp.Preparation(
            0.1, 5, new org.scalecast.fit.flp.Preparation.Anchor(0, 1), 5),
        spec.prepare());
    Path bad = dir.resolve("bad.yaml");
    Files.writeString(bad, "prepare: {drop_leading: 1.5}\n");
    org.scalecast.results.InputException e =
        org.junit.jupiter.api.Assertions.assertThrows(
            org.scalecast.results.InputException.class,
            () ->
                org.scalecast.harness.sweep.Sweeps.loadYaml(
                    bad, org.scalecast.fit.flp.PredictSpec.class));
    assertEquals(bad + ": prepare.drop_leading must be in [0, 1), got 1.5", e.getMessage());
  }

  /**
   * prepare: by name (paper, auto, none) or with choice: backtest; a wrong name or a choice with
   * nothing to choose is a one-line error.
   */
  @Test
  void aPreparationByNameOrChosenByTheBacktest() throws IOException {
    Path cfg = dir.resolve("p.yaml");
    org.scalecast.fit.flp.Preparation paper = org.scalecast.fit.flp.Preparation.PAPER;
    java.util.Map<String, org.scalecast.fit.flp.Preparation> forms =
        java.util.Map.of(
            "prepare: paper\n",
            paper,
            "prepare: auto\n",
            paper.choosing(org.scalecast.fit.flp.Preparation.Choice.BACKTEST),
            "prepare: none\n",
            org.scalecast.fit.flp.Preparation.NONE,
            "prepare: {last_k: 3, choice: backtest}\n",
            new org.scalecast.fit.flp.Preparation(
                null, null, null, 3, org.scalecast.fit.flp.Preparation.Choice.BACKTEST));
    for (var f : forms.entrySet()) {
      Files.writeString(cfg, f.getKey());
      assertEquals(
          f.getValue(),
          org.scalecast.harness.sweep.Sweeps.loadYaml(cfg, org.scalecast.fit.flp.PredictSpec.class)
              .prepare(),
          f.getKey());
    }
    for (String bad :
        java.util.List.of(
            "prepare: papr\n|prepare: 'papr': expected paper, auto or none",
            "prepare: {choice: backtest}\n|prepare.choice: backtest needs a preparation",
            "prepare: {last_k: 3, choice: sometimes}\n|prepare.choice")) {
      String[] parts = bad.split("\\|");
      Files.writeString(cfg, parts[0]);
      String e =
          org.junit.jupiter.api.Assertions.assertThrows(
                  org.scalecast.results.InputException.class,
                  () ->
                      org.scalecast.harness.sweep.Sweeps.loadYaml(
                          cfg, org.scalecast.fit.flp.PredictSpec.class))
              .getMessage();
      assertTrue(e.contains(parts[1]) && !e.contains("\n"), e);
    }
  }
}
