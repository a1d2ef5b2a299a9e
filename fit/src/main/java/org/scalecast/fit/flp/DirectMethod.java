package org.scalecast.fit.flp;

import java.util.List;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.laws.FlopsAccuracyLaw;
import org.scalecast.results.Chance;
import org.scalecast.results.Columns;

/**
 * {@code direct} (Krajewski et al.): the chance-normalised final score a' = exp(-A C^-alpha) on the
 * sampling runs' final checkpoints, at the target's C, mapped back to the score. Its prediction can
 * leave [0, 1] (a' above 1 or below the normalisation's floor): then the predictor refuses it.
 */
final class DirectMethod implements PredictionMethod {
  @Override
  public String name() {
    return "direct";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.TASK;
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    double ch = q.task().chanceLevel();
    Observations raw =
        runs.points(
            runs.finals(), List.of(Columns.FLOPS), q.column(), v -> Chance.normalise(v, ch));
    Observations obs = new Observations(List.of("C"), "P", raw.x(), raw.y(), raw.runIds());
    FitResult f = runs.fit(q.column() + "|" + name(), new FlopsAccuracyLaw(), "ls", obs);
    Prediction p = f.predict(new double[] {runs.target().flops()}, runs.level());
    double value = Chance.denormalise(p.value(), ch);
    double lower = Chance.denormalise(p.lower(), ch);
    double upper = Chance.denormalise(p.upper(), ch);
    return new MethodFit(
        value,
        lower,
        upper,
        SamplingRuns.warning(value, lower, upper, f.converged()),
        List.of(new MethodFit.Stage(f, obs)));
  }
}
