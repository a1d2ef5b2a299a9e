package org.scalecast.harness.mixture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.flpm.MixturePoint;
import org.scalecast.fit.flpm.MixtureUncertainty;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.results.InputException;

class MixtureVerificationTest {
  private static final double[] GRID = grid(0, 1, 21); // step 0.05

  private static double[] grid(double lo, double hi, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = Math.round((lo + (hi - lo) * i / (n - 1)) * 1e9) / 1e9;
    }
    return g;
  }

  /** A bootstrap summary with the given notWorse fraction per share (0 elsewhere). */
  private static MixtureUncertainty u(double best, Map<Double, Double> notWorse) {
    List<MixtureUncertainty.Share> shares = new ArrayList<>();
    for (double r : GRID) {
      double nw = r == best ? 1 : notWorse.getOrDefault(r, 0.0);
      shares.add(new MixtureUncertainty.Share(r, 0.2, 0.1, 0.3, 0.2, nw, Math.abs(r - best)));
    }
    return new MixtureUncertainty(100, 0, 0, 0.95, shares, best, List.of(best), false, List.of());
  }

  @Test
  void withoutBootstrapTheRivalsAreTheNearestSharesAGapAwayOnEachSide() {
    assertArrayEquals(
        new double[] {0.3, 0.45, 0.6}, MixtureVerification.shares(0.45, GRID, null, 0.15), 1e-12);
  }

  @Test
  void theRivalMostLikelyToBeatTheChoiceComesFirstAndTheOtherSideSecond() {
    // 0.35 and 0.5 are within the gap (too close to tell apart); among the rest, 0.25 has the
    // highest chance of not being worse, and beats the nearer 0.3; above, 0.65 beats 0.6.
    Map<Double, Double> nw = Map.of(0.35, 0.45, 0.5, 0.4, 0.25, 0.3, 0.3, 0.2, 0.65, 0.15);
    assertArrayEquals(
        new double[] {0.25, 0.45, 0.65},
        MixtureVerification.shares(0.45, GRID, u(0.45, nw), 0.15),
        1e-12);
  }

  @Test
  void atAnEndOfTheGridBothRivalsComeFromTheOneSideAGapApart() {
    // nothing below 0; the two rivals must also be a gap apart from each other
    Map<Double, Double> nw = Map.of(0.15, 0.3, 0.2, 0.25, 0.4, 0.1);
    assertArrayEquals(
        new double[] {0.0, 0.15, 0.4}, MixtureVerification.shares(0.0, GRID, u(0.0, nw), 0.15));
  }

  @Test
  void aGridNarrowerThanTheGapFallsBackToTheFarthestShares() {
    double[] narrow = {0.4, 0.45, 0.5};
    assertArrayEquals(
        new double[] {0.4, 0.45, 0.5}, MixtureVerification.shares(0.45, narrow, null, 0.15));
  }

  @Test
  void spacingIsTheSmallestGapBetweenDistinctSampledShares() {
    assertEquals(
        0.15, MixtureVerification.spacing(new double[] {0.7, 0.1, 0.25, 0.1, 0.4, 0.55}), 1e-12);
    assertEquals(Double.POSITIVE_INFINITY, MixtureVerification.spacing(new double[] {0.3, 0.3}), 0);
  }

  @Test
  void objectiveStandardErrorPropagatesBinomialErrorsThroughChanceNormalisation() {
    Map<String, Double> scores = new LinkedHashMap<>();
    scores.put("a", 0.8);
    scores.put("b", 0.3);
    Map<String, Integer> items = Map.of("a", 400, "b", 100);
    Map<String, Double> chance = Map.of("a", 0.6, "b", 0.0);
    double seA = Math.sqrt(0.8 * 0.2 / 400) / 0.4; // 0.05
    double seB = Math.sqrt(0.3 * 0.7 / 100); // 0.0458
    assertEquals(
        Math.sqrt(seA * seA + seB * seB) / 2,
        MixtureVerification.objectiveSe(scores, items, chance),
        1e-12);
    assertEquals(0.05, seA, 1e-12);
  }

  private static MixtureVerification.Outcome outcome(
      double r, double objective, double se, double lossPredicted, double lossMeasured) {
    MixturePoint p = new MixturePoint(r, Map.of("val_loss_code", lossPredicted), Map.of(), 0.2);
    return new MixtureVerification.Outcome(
        r, 1e12, p, Map.of(), Map.of("val_loss_code", lossMeasured), Map.of(), objective, se);
  }

  @Test
  void theChoiceIsRightWhenItMeasuresBest() {
    MixtureVerification.Verdict v =
        MixtureVerification.verdict(
            List.of(outcome(0.25, 0.20, 0.01, 3, 3.05), outcome(0.4, 0.25, 0.01, 3, 2.95)),
            0.4,
            0.03);
    assertEquals(MixtureVerification.Kind.RIGHT, v.kind());
    assertEquals(0, v.gap(), 0);
    assertTrue(v.lossesWithin(), "1.7% errors are within 3%");
  }

  @Test
  void aSmallerGapThanTheBestsStandardErrorIsWithinOneSe() {
    MixtureVerification.Verdict v =
        MixtureVerification.verdict(
            List.of(outcome(0.25, 0.26, 0.012, 3, 3), outcome(0.4, 0.25, 0.01, 3, 3)), 0.4, 0.03);
    assertEquals(MixtureVerification.Kind.WITHIN_ONE_SE, v.kind());
    assertEquals(0.25, v.measuredBest(), 0);
    assertEquals(0.01, v.gap(), 1e-12);
    assertEquals(0.012, v.se(), 0);
    assertEquals(Math.hypot(0.012, 0.01), v.seDifference(), 1e-12);
  }

  @Test
  void aLargerGapIsWrongAndALossOffByMoreThanTheToleranceIsNamed() {
    MixtureVerification.Verdict v =
        MixtureVerification.verdict(
            List.of(outcome(0.25, 0.28, 0.012, 3, 3), outcome(0.4, 0.25, 0.01, 3, 3.12)),
            0.4,
            0.03);
    assertEquals(MixtureVerification.Kind.WRONG, v.kind());
    assertFalse(v.lossesWithin(), "a 4% error is not within 3%");
    assertEquals(0.04, v.worstLossError(), 1e-12);
    assertEquals("val_loss_code at r = 0.4", v.worstLoss());
  }

  @Test
  void oneStandardErrorIsTheMeasuredBestsNotTheLargerOneOfTheDifference() {
    // gap 0.014: within the difference's SE (0.0156) but not the measured best's (0.012)
    MixtureVerification.Verdict v =
        MixtureVerification.verdict(
            List.of(outcome(0.25, 0.264, 0.012, 3, 3), outcome(0.4, 0.25, 0.01, 3, 3)), 0.4, 0.03);
    assertEquals(MixtureVerification.Kind.WRONG, v.kind());
  }

  @Test
  void theChosenShareMustBeAmongTheOutcomes() {
    assertThrows(
        IllegalArgumentException.class,
        () -> MixtureVerification.verdict(List.of(outcome(0.25, 0.2, 0.01, 3, 3)), 0.4, 0.03));
  }

  @Test
  void theVerificationSweepReadsBackAsWrittenSoChildProcessesTrainTheSameRuns(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) {
    java.nio.file.Path mixture = java.nio.file.Path.of("..", "configs", "mixture.yaml");
    SweepConfig base = org.scalecast.harness.sweep.Sweeps.load(mixture);
    MixtureVerification.Request o =
        new MixtureVerification.Request(mixture, "code", "d56-l2-h2", 1.2e12, dir, dir, 0, 2);
    SweepConfig cfg = MixtureVerification.verifySweep(base, o, new double[] {0.25, 0.4, 0.55});
    java.nio.file.Path file = dir.resolve("v.yaml");
    MixtureVerification.write(cfg, file);
    assertEquals(cfg, org.scalecast.harness.sweep.Sweeps.load(file));
    assertEquals(1, cfg.eval().checkpoints(), "scored at the final checkpoint only");
    assertEquals(
        MixtureVerification.ITEMS_FACTOR * base.eval().taskItems(), cfg.eval().taskItems());
  }

  @Test
  void modelNamesAreNamedSizesOrAnyWidthDepthAndHeads() {
    assertEquals("d32-l2-h2", MixtureVerification.shape("d32-l2-h2").size());
    SweepConfig.ModelShape s = MixtureVerification.shape("d56-l2-h2");
    assertNull(s.size());
    assertEquals(56, s.dModel());
    assertEquals(2, s.nLayer());
    assertThrows(InputException.class, () -> MixtureVerification.shape("big"));
  }
}
