package org.scalecast.fit.flp;

import java.util.List;
import java.util.function.DoubleUnaryOperator;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.FlopsAccuracyLaw;
import org.scalecast.results.Chance;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;

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

  /**
   * Where the task has no loss column, {@link DirectBlendMethod} (this law's mean with a line in ln
   * C) runs instead, unless {@code methods:} leaves it out (a config naming {@code direct} alone
   * predicted nothing on a table of scores, without a word: review of the change).
   */
  @Override
  public boolean appliesTo(Quantity q, SamplingRuns runs) {
    return runs.has(q.task().loss()) || !runs.spec().runs(DirectBlendMethod.INSTANCE);
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    return onScore(q, runs, name(), new FlopsAccuracyLaw(), q.task().chanceLevel(), false);
  }

  /**
   * The law on a column's chance-normalised final values, at the target's C.
   *
   * @param q the quantity
   * @param runs the sampling runs
   * @param name the method's name, for its fit's key
   * @param law the law of the chance-normalised score P in C
   * @param chance the chance level of the score
   * @param error whether the column is an error, 1 - the score ({@link DirectMeanMethod})
   * @return the prediction, its interval ordered low to high
   */
  static MethodFit onScore(
      Quantity q, SamplingRuns runs, String name, ScalingLaw law, double chance, boolean error) {
    DoubleUnaryOperator score = error ? v -> 1 - v : v -> v; // its own inverse
    Observations raw =
        runs.points(
            runs.finals(),
            List.of(Columns.FLOPS),
            q.column(),
            v -> Chance.normalise(score.applyAsDouble(v), chance));
    if (raw.size() == 0) {
      // A published table with a score for some families only (RWKV has no HumanEval): say so,
      // not "2 parameters but only 0 points".
      throw new InputException(
          "no sampling run has a final value of '"
              + q.column()
              + "'"
              + withItsLoss(q, runs)
              + (error ? " (the mean error needs every task's score in a run)" : ""));
    }
    Observations obs = new Observations(List.of("C"), "P", raw.x(), raw.y(), raw.runIds());
    FitResult f = runs.fit(q.column() + "|" + name, law, "ls", obs);
    Prediction p = f.predict(new double[] {runs.target().flops()}, runs.level());
    double value = score.applyAsDouble(Chance.denormalise(p.value(), chance));
    double a = score.applyAsDouble(Chance.denormalise(p.lower(), chance));
    double b = score.applyAsDouble(Chance.denormalise(p.upper(), chance));
    // An error falls as the score rises: the score's upper end is the error's lower one.
    double lower = error ? b : a;
    double upper = error ? a : b;
    return new MethodFit(
        value,
        lower,
        upper,
        SamplingRuns.warning(value, lower, upper, f.converged()),
        List.of(new MethodFit.Stage(f, obs)));
  }

  /**
   * A task's rows are those with its loss too, so a ladder whose loss column is empty said "no
   * final value of 'csqa'" beside a column of csqa's scores (a new user, twenty-fourth session).
   */
  private static String withItsLoss(Quantity q, SamplingRuns runs) {
    return q.task() != null && runs.has(q.task().loss())
        ? " with its loss '" + q.task().loss() + "'"
        : "";
  }
}
