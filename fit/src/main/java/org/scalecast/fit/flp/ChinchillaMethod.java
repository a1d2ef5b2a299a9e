package org.scalecast.fit.flp;

import org.scalecast.fit.Observations;
import org.scalecast.results.Columns;

/**
 * {@code chinchilla}: L = E + A/N^alpha + B/D^beta (Hoffmann et al. 2022, Approach 3), Huber 1e-3
 * on log residuals, on the sampling runs' final checkpoints, at the target's N and D. Applies only
 * to tables with {@code n_params} and {@code tokens}.
 */
final class ChinchillaMethod implements PredictionMethod {
  @Override
  public String name() {
    return "chinchilla";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.LOSS;
  }

  @Override
  public boolean appliesTo(SamplingRuns runs) {
    return runs.has(Columns.N_PARAMS) && runs.has(Columns.TOKENS);
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    Observations chin = runs.finalLosses(LossStage.CHINCHILLA, q.column());
    return SamplingRuns.single(
        runs.lossFit(LossStage.CHINCHILLA, q.column()),
        new double[] {runs.target().nParams(), runs.target().tokens()},
        runs.level(),
        chin);
  }
}
