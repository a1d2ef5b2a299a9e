package org.scalecast.fit.flp;

import java.util.List;
import org.scalecast.fit.Observations;
import org.scalecast.fit.laws.ChinchillaLaw;
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
    Observations nd =
        runs.points(runs.finals(), List.of(Columns.N_PARAMS, Columns.TOKENS), q.column(), v -> v);
    Observations chin = new Observations(List.of("N", "D"), "L", nd.x(), nd.y(), nd.runIds());
    return SamplingRuns.single(
        runs.fit(q.column() + "|" + name(), new ChinchillaLaw(), "huber-log:1e-3", chin),
        new double[] {runs.target().nParams(), runs.target().tokens()},
        runs.level(),
        chin);
  }
}
