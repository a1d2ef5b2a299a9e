package org.scalecast.fit.flp;

import org.scalecast.fit.Observations;

/**
 * {@code power}: L = E + A C^-alpha, with an irreducible term, by least squares on logs, on the
 * sampling runs' final checkpoints, at the target's C.
 */
final class PowerMethod implements PredictionMethod {
  @Override
  public String name() {
    return "power";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.LOSS;
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    Observations byC = runs.finalLosses(LossStage.POWER, q.column());
    return SamplingRuns.single(
        runs.lossFit(LossStage.POWER, q.column()),
        new double[] {runs.target().flops()},
        runs.level(),
        byC);
  }
}
