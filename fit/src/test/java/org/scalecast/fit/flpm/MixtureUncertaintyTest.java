package org.scalecast.fit.flpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.laws.YeMixingLaw;
import tech.tablesaw.api.Table;

/** The bootstrap through the chain: a clear optimum is named, a true tie is reported as one. */
class MixtureUncertaintyTest {
  private static final double[] SHARES = {0, 0.25, 0.5, 0.75, 1};
  private static final double BUDGET = 3e14;
  private static final YeMixingLaw LAW = new YeMixingLaw();

  private static MixtureUncertainty uncertainty(SyntheticSweep s, double[] grid, long seed) {
    Table t = s.table(1e11, SHARES, seed);
    MixturePredictor p = MixturePredictor.fit(t, SyntheticSweep.spec());
    List<MixturePoint> points = MixturePoint.sweep(p, BUDGET, grid);
    double[][] reps = MixtureBootstrap.objectives(t, p, BUDGET, grid, 200, 7);
    return MixtureUncertainty.of(points, reps, 7, 0.95, 1e14);
  }

  @Test
  void twoTrulyTiedSharesAreReportedAsATieNotAWinner() {
    // Text and code losses mirror each other about r = 0.5, so r = 0.375 and 0.625 tie exactly.
    SyntheticSweep s =
        SyntheticSweep.of(
                LAW,
                new double[] {1.0, 60 * Math.exp(-2), 0.15, 2},
                new double[] {1.0, 60, 0.15, -2},
                false)
            .withNoise(0.01);
    assertEquals(s.objective(BUDGET, 0.375), s.objective(BUDGET, 0.625), 1e-12);
    MixtureUncertainty u = uncertainty(s, new double[] {0.375, 0.625}, 3);
    assertEquals(List.of(0.375, 0.625), u.tied(), u.toString());
    assertTrue(u.cannotRank(), u.toString());
    assertFalse(u.proposal().isEmpty());
    assertEquals(0, u.failed());
  }

  @Test
  void aClearOptimumIsNamedWithIntervalsAndANarrowTie() {
    SyntheticSweep s =
        SyntheticSweep.of(
                LAW, new double[] {1.6, 60, 0.15, 1.2}, new double[] {1.0, 60, 0.15, -2}, false)
            .withNoise(0.003);
    double[] grid = SyntheticSweep.grid(0, 1, 21);
    MixtureUncertainty u = uncertainty(s, grid, 3);
    double trueBest = grid[0];
    for (double r : grid) {
      trueBest = s.objective(BUDGET, r) > s.objective(BUDGET, trueBest) ? r : trueBest;
    }
    assertTrue(trueBest > 0 && trueBest < 1, "an interior optimum: " + trueBest);
    assertEquals(trueBest, u.best(), 0.05 + 1e-9, u.toString());
    assertFalse(u.cannotRank(), u.toString());
    assertTrue(u.tied().contains(u.best()));
    assertFalse(u.tied().contains(1.0), u.toString());
    for (MixtureUncertainty.Share sh : u.shares()) {
      assertTrue(sh.lower() <= sh.upper(), sh.toString());
    }
  }
}
