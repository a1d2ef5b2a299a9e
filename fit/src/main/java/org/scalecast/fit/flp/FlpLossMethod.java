package org.scalecast.fit.flp;

/**
 * {@code flp-loss}: FLP's stage 1, L = (C/C_N)^alpha by least squares on logs, on the sampling
 * runs' final checkpoints, at the target's C.
 */
final class FlpLossMethod implements PredictionMethod {
  @Override
  public String name() {
    return "flp-loss";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.LOSS;
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    return SamplingRuns.single(
        runs.stage1(q.column()),
        new double[] {runs.target().flops()},
        runs.level(),
        runs.byFlops(q.column()));
  }
}
