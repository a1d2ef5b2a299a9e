package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.GadreErrorLaw;
import org.scalecast.fit.laws.PowerLaw;
import org.scalecast.results.InputException;

class ChainTest {
  private static final double[][] COV2 = {{1e-4, 0, 0}, {0, 1e-4, 0}, {0, 0, 4e-4}};
  private static final double[][] COV3 = {{4e-6, 0, 0}, {0, 9e-6, 0}, {0, 0, 1e-6}};

  @Test
  void varianceAddsThroughTheChainByTheDeltaMethod() {
    FitModel loss = new FitModel(new PowerLaw(), new double[] {1.8, 2000, 0.15}, COV2, 10, null);
    FitModel err =
        new FitModel(new GadreErrorLaw(), new double[] {0.85, 2.1, 0.75}, COV3, 10, null);
    List<Chain.Step> steps = Chain.predict(List.of(loss, err), Map.of("C", 1e21), 0.95);
    double l = new PowerLaw().value(new double[] {1e21}, loss.params());
    double varL =
        FitResult.quadraticForm(new PowerLaw().gradient(new double[] {1e21}, loss.params()), COV2);
    double[] g = new GadreErrorLaw().gradient(new double[] {l}, err.params());
    double dErrDl = 2.1 * 0.75 * Math.exp(-0.75 * l);
    double expected = FitResult.quadraticForm(g, COV3) + dErrDl * dErrDl * varL;
    assertEquals(l, steps.get(0).prediction().value(), 1e-12);
    assertEquals(Math.sqrt(varL), steps.get(0).prediction().stdError(), 1e-12);
    assertEquals(
        Math.sqrt(expected), steps.get(1).prediction().stdError(), 1e-7 * Math.sqrt(expected));
  }

  @Test
  void bootstrapReplicatesGiveAPercentileInterval() {
    double[][] b1 = {{1.8, 2000, 0.15}, {1.7, 2000, 0.15}, {1.9, 2000, 0.15}};
    double[][] b2 = {{0.85, 2.1, 0.75}, {0.85, 2.1, 0.75}, {0.85, 2.1, 0.75}};
    FitModel loss = new FitModel(new PowerLaw(), b1[0], COV2, 10, b1);
    FitModel err = new FitModel(new GadreErrorLaw(), b2[0], COV3, 10, b2);
    Prediction p = Chain.predict(List.of(loss, err), Map.of("C", 1e21), 0.9).get(1).prediction();
    assertEquals(Prediction.Method.BOOTSTRAP, p.method());
    double lo =
        new GadreErrorLaw()
            .value(new double[] {new PowerLaw().value(new double[] {1e21}, b1[1])}, b2[1]);
    assertEquals(lo, p.lower(), 1e-12);
  }

  @Test
  void namesTheMissingInput() {
    FitModel loss = new FitModel(new PowerLaw(), new double[] {1.8, 2000, 0.15}, COV2, 10, null);
    InputException e =
        assertThrows(
            InputException.class, () -> Chain.predict(List.of(loss), Map.of("N", 1e9), 0.95));
    assertEquals("no value for C: law power takes C (give it with --at)", e.getMessage());
  }

  private static final double[][] COV4 = {
    {1e-4, 0, 0, 0}, {0, 1e-3, 0, 0}, {0, 0, 1e-2, 0}, {0, 0, 0, 1e-4}
  };

  private static FitModel sigmoid(double[][] boot, FitModel.Draws draws) {
    return new FitModel(
        new org.scalecast.fit.laws.SigmoidLaw(),
        new double[] {-0.6, 3.2, 3, 0.85},
        COV4,
        20,
        boot,
        draws);
  }

  @Test
  void aBindingChainsAnOutputIntoAnInputOfAnotherName() {
    FitModel loss = new FitModel(new PowerLaw(), new double[] {1.8, 2000, 0.15}, COV2, 10, null);
    FitModel acc = sigmoid(null, null);
    InputException unbound =
        assertThrows(
            InputException.class, () -> Chain.predict(List.of(loss, acc), Map.of("C", 1e21), 0.95));
    assertEquals(
        "no value for x: law sigmoid takes x (give it with --at, or bind it to an earlier fit's"
            + " output with --bind x=OUTPUT)",
        unbound.getMessage());
    List<FitModel> bound = Chain.bind(List.of(loss, acc), Map.of("x", "L"));
    List<Chain.Step> steps = Chain.predict(bound, Map.of("C", 1e21), 0.95);
    double l = new PowerLaw().value(new double[] {1e21}, loss.params());
    assertEquals(
        new org.scalecast.fit.laws.SigmoidLaw().value(new double[] {l}, acc.params()),
        steps.get(1).prediction().value(),
        1e-12);
    assertEquals("y", steps.get(1).name());
  }

  @Test
  void aWrongBindingIsAOneLineErrorNamingIt() {
    FitModel loss = new FitModel(new PowerLaw(), new double[] {1.8, 2000, 0.15}, COV2, 10, null);
    FitModel acc = sigmoid(null, null);
    InputException noOutput =
        assertThrows(InputException.class, () -> Chain.bind(List.of(loss, acc), Map.of("x", "Q")));
    assertEquals(
        "binding x=Q: no fit outputs Q (outputs: L, y); bind a later fit's input to an earlier"
            + " fit's output, e.g. x=L",
        noOutput.getMessage());
    InputException noInput =
        assertThrows(InputException.class, () -> Chain.bind(List.of(loss, acc), Map.of("z", "L")));
    assertEquals(
        "binding z=L: no fit after the one that outputs L takes z (inputs of the later fits: x;"
            + " --fit files go in chain order); bind a later fit's input to an earlier fit's"
            + " output, e.g. x=L",
        noInput.getMessage());
    // In the wrong order, no fit follows the one that outputs L (a new user, twenty-fifth session).
    InputException reversed =
        assertThrows(InputException.class, () -> Chain.bind(List.of(acc, loss), Map.of("x", "L")));
    assertTrue(
        reversed.getMessage().contains("(inputs of the later fits: none; --fit files go in chain"),
        reversed.getMessage());
    assertEquals(-1, noOutput.getMessage().indexOf('\n'));
  }

  @Test
  void theChainedIntervalIsWiderThanStage2AloneWhenStage1IsUncertain() {
    FitModel loss = new FitModel(new PowerLaw(), new double[] {1.8, 2000, 0.15}, COV2, 10, null);
    FitModel acc = sigmoid(null, null);
    Prediction chained =
        Chain.predict(Chain.bind(List.of(loss, acc), Map.of("x", "L")), Map.of("C", 1e21), 0.95)
            .get(1)
            .prediction();
    double l = new PowerLaw().value(new double[] {1e21}, loss.params());
    Prediction alone = Chain.predict(List.of(acc), Map.of("x", l), 0.95).get(0).prediction();
    assertEquals(alone.value(), chained.value(), 1e-12);
    assertTrue(
        chained.upper() - chained.lower() > 1.2 * (alone.upper() - alone.lower()),
        chained + " vs " + alone);
  }

  @Test
  void fitsBootstrappedOverTheSameRunsArePairedByResample() {
    // Stage 1's replicate 1 failed: its rows are draws 0 and 2; stage 2 kept draws 0, 1, 2.
    double[][] b1 = {{1.8, 2000, 0.15}, {1.6, 2000, 0.15}};
    double[][] b2 = {{-0.6, 3.2, 3, 0.85}, {-0.6, 3.2, 3, 0.5}, {-0.6, 3.2, 3, 0.7}};
    List<String> runs = List.of("a", "b", "c");
    FitModel loss =
        new FitModel(
            new PowerLaw(), b1[0], COV2, 10, b1, new FitModel.Draws(7, runs, new int[] {0, 2}));
    FitModel same = sigmoid(b2, new FitModel.Draws(7, runs, new int[] {0, 1, 2}));
    int[][] paired = Chain.pairs(Chain.bind(List.of(loss, same), Map.of("x", "L")));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1}, paired[0]);
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 2}, paired[1]);
    FitModel other = sigmoid(b2, new FitModel.Draws(8, runs, new int[] {0, 1, 2}));
    int[][] inOrder = Chain.pairs(List.of(loss, other));
    org.junit.jupiter.api.Assertions.assertArrayEquals(new int[] {0, 1}, inOrder[1]);
    Prediction p =
        Chain.predict(Chain.bind(List.of(loss, same), Map.of("x", "L")), Map.of("C", 1e21), 0.9)
            .get(1)
            .prediction();
    assertEquals(Prediction.Method.BOOTSTRAP, p.method());
  }

  @Test
  void theBootstrapRecordsWhichRunsItResampledAndWhichReplicatesSurvived() {
    double[][] x = new double[12][];
    double[] y = new double[12];
    List<String> ids = new java.util.ArrayList<>();
    for (int i = 0; i < 12; i++) {
      x[i] = new double[] {1e18 * (1 + i)};
      y[i] = 1.8 + 2000 * Math.pow(x[i][0], -0.15) * (1 + 0.01 * ((i % 3) - 1));
      ids.add("run" + (i / 3));
    }
    Observations obs = new Observations(List.of("C"), "L", x, y, ids);
    LawFitter fitter = LawFitter.create();
    FitResult full = fitter.fit(new PowerLaw(), obs);
    Bootstrap.Result b = Bootstrap.run(fitter, new PowerLaw(), obs, full, 10, 3);
    assertEquals(List.of("run0", "run1", "run2", "run3"), b.runs());
    assertEquals(b.samples().length, b.index().length);
    FitModel m = FitModel.of(full, b);
    assertTrue(
        m.draws()
            .sameRunsAs(
                FitModel.of(full, Bootstrap.run(fitter, new PowerLaw(), obs, full, 10, 3))
                    .draws()));
  }
}
