package org.scalecast.fit.flpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.BiMixLaw;
import org.scalecast.fit.laws.FlpMixtureLaw;
import org.scalecast.fit.laws.YeMixingLaw;
import tech.tablesaw.api.Table;

/** Sweeps made from each mixture law: the backtests pick that law, and its optimum is found. */
class MixtureLawChoiceTest {
  private static final double[] SHARES = {0, 0.1, 0.25, 0.5, 0.75};

  /** Fits, checks both domains chose {@code law} and the best share is the true one. */
  private static MixturePredictor check(
      SyntheticSweep sweep, String law, double c0, double[] shares, double budget) {
    Table t = sweep.table(c0, shares, 1);
    MixturePredictor p = MixturePredictor.fit(t, SyntheticSweep.spec());
    for (DomainFit d : p.domainFits().values()) {
      assertEquals(law, d.chosen(), "chosen law, backtests " + d.backtests());
      assertTrue(d.backtests().get(law).score() < 1e-6, "own law's backtest " + d.backtests());
    }
    double[] grid = SyntheticSweep.grid(shares[0], shares[shares.length - 1], 21);
    MixturePoint best = MixturePoint.best(MixturePoint.sweep(p, budget, grid));
    double trueBest = grid[0];
    for (double r : grid) {
      trueBest = sweep.objective(budget, r) > sweep.objective(budget, trueBest) ? r : trueBest;
    }
    assertEquals(trueBest, best.r(), 1e-9, "best share");
    return p;
  }

  @Test
  void aYeSweepChoosesYeAndItsOptimum() {
    YeMixingLaw law = new YeMixingLaw();
    check(
        SyntheticSweep.of(
            law, new double[] {1.6, 60, 0.15, 1.2}, new double[] {1.0, 60, 0.15, -2}, false),
        "ye-mix",
        1e11,
        SHARES,
        3e14);
  }

  @Test
  void aBiMixSweepChoosesBiMixAndItsOptimum() {
    BiMixLaw law = new BiMixLaw();
    check(
        SyntheticSweep.of(
            law, new double[] {300, 0.2, 1.5, 0.05}, new double[] {300, 0.2, 1.0, 0.1}, true),
        "bimix",
        1e11,
        new double[] {0.1, 0.25, 0.5, 0.75, 0.9},
        3e14);
  }

  @Test
  void anFlpmSweepChoosesFlpm() {
    FlpMixtureLaw law = new FlpMixtureLaw();
    check(
        SyntheticSweep.of(law, MixturePredictorTest.TEXT, MixturePredictorTest.CODE, false),
        "flp-m",
        1e15,
        SHARES,
        3e18);
  }

  @Test
  void biMixCannotPredictTheRunWithoutItsDomainSoItIsNotChosenThere() {
    BiMixLaw law = new BiMixLaw();
    SyntheticSweep s =
        SyntheticSweep.of(
            law, new double[] {300, 0.2, 1.5, 0.05}, new double[] {300, 0.2, 1.0, 0.1}, true);
    // The code loss at r = 0 is infinite under BiMix: replace the sweep's pure-text runs by a
    // finite
    // loss, as a real model has, and BiMix must not serve the code domain.
    SyntheticSweep finite =
        new SyntheticSweep(s.text(), (c, r) -> r == 0 ? 9.0 : s.code().applyAsDouble(c, r), 0);
    MixturePredictor p = MixturePredictor.fit(finite.table(1e11, SHARES, 1), SyntheticSweep.spec());
    DomainFit code = p.domainFits().get("val_loss_code");
    assertTrue(Double.isNaN(code.backtests().get("bimix").leaveShareOut().get(0.0)));
    assertFalse(code.chosen().equals("bimix"), code.backtests().toString());
    assertEquals(List.of("flp-m", "ye-mix", "bimix"), List.copyOf(code.backtests().keySet()));
  }
}
