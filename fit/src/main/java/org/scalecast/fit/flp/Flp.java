package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.Chain;
import org.scalecast.fit.FitModel;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Objective;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.RenamedLaw;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.FlpLossLaw;
import org.scalecast.results.InputException;

/**
 * FLP's two stages and their chain (METHODS.md section 1).
 *
 * <ul>
 *   <li>Stage 1, C to L: {@code flp-loss}, L = (C/C_N)^alpha, by least squares on logs (the paper's
 *       OLS of ln L on ln C), on the final checkpoints of the sampling runs only.
 *   <li>Stage 2, L to P: a law of one input (FLP's {@code linear}, the ladder's {@code sigmoid},
 *       Gadre's {@code gadre-error} form), on the intermediate checkpoints whose score is above
 *       chance + margin: before emergence the score carries no information about the loss.
 *   <li>Prediction: P(L(C*)), its interval by the delta method through both stages.
 * </ul>
 */
public final class Flp {
  private Flp() {}

  /**
   * @param stage1 the loss fit
   * @param stage2 the score fit
   * @param emergedPoints checkpoints stage 2 was fitted on
   * @param loss predicted loss at the target
   * @param score predicted score at the target
   */
  public record Result(
      FitResult stage1, FitResult stage2, int emergedPoints, Prediction loss, Prediction score) {}

  /**
   * @param finals final checkpoints of the sampling runs: input C, output L
   * @param checkpoints intermediate checkpoints: input L, output the score
   * @param stage2Law the loss-to-score law (one input)
   * @param chance the task's chance score
   * @param margin emergence margin above chance (FLP: 0.05)
   * @param targetFlops the target's compute C*
   * @param level interval coverage
   * @return both fits and the chained prediction
   */
  public static Result predict(
      Observations finals,
      Observations checkpoints,
      ScalingLaw stage2Law,
      double chance,
      double margin,
      double targetFlops,
      double level) {
    return chain(
        stage1(finals), emerged(checkpoints, chance + margin), stage2Law, targetFlops, level);
  }

  /**
   * @param finals final checkpoints of the sampling runs: input C, output L
   * @return stage 1, L = (C/C_N)^alpha by least squares on logs
   */
  public static FitResult stage1(Observations finals) {
    return LawFitter.create()
        .withObjective(Objective.parse("ls-log"))
        .fit(new FlpLossLaw(), finals);
  }

  /**
   * Stage 2 on points already chosen, chained after a fitted stage 1.
   *
   * @param s1 the stage-1 fit from {@link #stage1}
   * @param emerged emerged checkpoints: input L, output the score
   * @param stage2Law the loss-to-score law (one input)
   * @param targetFlops C*
   * @param level interval coverage
   * @return both fits and the chained prediction
   */
  public static Result chain(
      FitResult s1, Observations emerged, ScalingLaw stage2Law, double targetFlops, double level) {
    return chain(s1, emerged, stage2Law, Map.of("C", targetFlops), level);
  }

  /**
   * Stage 2 on points already chosen, chained after any fitted stage 1 whose output is L.
   *
   * @param s1 the stage-1 fit (flp-loss or power in C, chinchilla in N and D)
   * @param emerged emerged checkpoints: input L, output the score
   * @param stage2Law the loss-to-score law (one input)
   * @param at stage 1's inputs at the target
   * @param level interval coverage
   * @return both fits and the chained prediction, its interval through both stages
   */
  public static Result chain(
      FitResult s1,
      Observations emerged,
      ScalingLaw stage2Law,
      Map<String, Double> at,
      double level) {
    return chain(s1, stage2(emerged, stage2Law), at, level);
  }

  /**
   * @param emerged emerged checkpoints: input L, output the score
   * @param stage2Law the loss-to-score law (one input)
   * @return stage 2, read as P(L)
   */
  public static FitResult stage2(Observations emerged, ScalingLaw stage2Law) {
    return LawFitter.create().fit(stage2Law(stage2Law), stage2Points(emerged));
  }

  /**
   * @param stage2Law a loss-to-score law (one input)
   * @return it read as stage 2, P(L)
   */
  static ScalingLaw stage2Law(ScalingLaw stage2Law) {
    return new RenamedLaw(stage2Law, List.of("L"), "P");
  }

  /**
   * @param emerged emerged checkpoints: input L, output the score
   * @return them as stage 2's points, L to P
   */
  static Observations stage2Points(Observations emerged) {
    return new Observations(List.of("L"), "P", emerged.x(), emerged.y(), emerged.runIds());
  }

  /**
   * Both stages fitted, chained.
   *
   * @param s1 the stage-1 fit, output L
   * @param s2 the stage-2 fit from {@link #stage2}
   * @param at stage 1's inputs at the target
   * @param level interval coverage
   * @return both fits and the chained prediction, its interval through both stages
   */
  public static Result chain(FitResult s1, FitResult s2, Map<String, Double> at, double level) {
    List<Chain.Step> steps =
        Chain.predict(List.of(FitModel.of(s1, null), FitModel.of(s2, null)), at, level);
    return new Result(s1, s2, s2.n(), steps.get(0).prediction(), steps.get(1).prediction());
  }

  /**
   * @param checkpoints (loss, score) points
   * @param threshold keep scores above this
   * @return the emerged points
   * @throws InputException when fewer remain than stage 2 needs
   */
  public static Observations emerged(Observations checkpoints, double threshold) {
    List<Integer> keep = new ArrayList<>();
    for (int i = 0; i < checkpoints.size(); i++) {
      if (checkpoints.y()[i] > threshold) {
        keep.add(i);
      }
    }
    if (keep.size() < 3) {
      throw new InputException(
          "only "
              + keep.size()
              + (keep.size() == 1 ? " checkpoint scores above " : " checkpoints score above ")
              + threshold
              // Only runs that end above it give checkpoints (SamplingRuns.stage2Rows): a run's
              // checkpoints above it were there, and "only 0" read as wrong (a new user,
              // Gemstones).
              + " in the sampling runs that end above it: too few emerged points for stage 2 (FLP"
              + " needs the task to have emerged in the sampling runs)");
    }
    return checkpoints.select(keep.stream().mapToInt(Integer::intValue).toArray());
  }
}
