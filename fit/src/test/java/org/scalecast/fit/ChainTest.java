package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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
}
