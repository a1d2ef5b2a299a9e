package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.LinearLaw;

class BootstrapTest {

  /** 12 runs of 5 checkpoints each; the checkpoints of a run share a run-level offset. */
  private static Observations clustered(long seed) {
    Random rng = new Random(seed);
    List<double[]> x = new ArrayList<>();
    List<Double> y = new ArrayList<>();
    List<String> ids = new ArrayList<>();
    for (int run = 0; run < 12; run++) {
      double offset = 0.3 * rng.nextGaussian();
      for (int c = 0; c < 5; c++) {
        double xv = run + 0.1 * c;
        x.add(new double[] {xv});
        y.add(1 + 2 * xv + offset + 0.01 * rng.nextGaussian());
        ids.add("run" + run);
      }
    }
    return new Observations(
        List.of("x"),
        "y",
        x.toArray(double[][]::new),
        y.stream().mapToDouble(Double::doubleValue).toArray(),
        ids);
  }

  @Test
  void sameSeedSameReplicates() {
    Observations obs = clustered(1);
    LawFitter f = LawFitter.create();
    FitResult fit = f.fit(new LinearLaw(), obs);
    Bootstrap.Result a = Bootstrap.run(f, new LinearLaw(), obs, fit, 50, 9);
    Bootstrap.Result b = Bootstrap.run(f, new LinearLaw(), obs, fit, 50, 9);
    assertEquals(Bootstrap.Unit.RUN, a.unit());
    for (int i = 0; i < a.samples().length; i++) {
      assertArrayEquals(a.samples()[i], b.samples()[i]);
    }
  }

  @Test
  void resamplingRunsSeesTheRunLevelSpreadThatRowsHide() {
    Observations obs = clustered(2);
    LawFitter f = LawFitter.create();
    FitResult fit = f.fit(new LinearLaw(), obs);
    double runSe = Bootstrap.run(f, new LinearLaw(), obs, fit, 400, 3).stdErrors()[0];
    Observations rows = Observations.of(obs.inputs(), obs.output(), obs.x(), obs.y());
    Bootstrap.Result rowBoot = Bootstrap.run(f, new LinearLaw(), rows, fit, 400, 3);
    assertEquals(Bootstrap.Unit.ROW, rowBoot.unit());
    assertTrue(
        runSe > 1.5 * rowBoot.stdErrors()[0],
        "run se " + runSe + " vs row se " + rowBoot.stdErrors()[0]);
  }

  @Test
  void leaveOneRunOutMakesOneFoldPerRun() {
    Observations obs = clustered(3);
    LawFitter f = LawFitter.create();
    FitResult fit = f.fit(new LinearLaw(), obs);
    LeaveOneRunOut.Result r = LeaveOneRunOut.run(f, new LinearLaw(), obs, fit);
    assertEquals(12, r.folds().size());
    assertTrue(r.folds().stream().allMatch(fold -> fold.rows() == 5));
    assertTrue(r.meanAbsRelError() > 0 && r.meanAbsRelError() <= r.maxAbsRelError());
  }

  @Test
  void leaveOneRunOutIsExactOnExactData() {
    double[][] x = {{1}, {2}, {3}, {4}, {5}};
    Observations obs = Observations.of(List.of("x"), "y", x, new double[] {3, 5, 7, 9, 11});
    LawFitter f = LawFitter.create();
    LeaveOneRunOut.Result r =
        LeaveOneRunOut.run(f, new LinearLaw(), obs, f.fit(new LinearLaw(), obs));
    assertEquals(0, r.maxAbsRelError(), 1e-9);
  }
}
