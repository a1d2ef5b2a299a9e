package org.scalecast.fit.flp;

import java.util.Arrays;
import java.util.List;
import java.util.function.DoubleUnaryOperator;
import java.util.function.Supplier;
import org.scalecast.fit.Observations;
import org.scalecast.fit.ScalingLaw;

/**
 * FLP's two stages for a task score: stage 1 (C to the task's loss, {@link SamplingRuns#stage1})
 * chained into a stage-2 law from that loss to the score, fitted on the emerged checkpoints ({@link
 * SamplingRuns#emerged}), with the delta-method interval through both. One class, three methods:
 * {@code flp-linear} (FLP's), {@code flp-sigmoid} (the model ladder's) and {@code flp-exponential}
 * (Gadre et al.'s form, fitted on the error 1 - P = epsilon - k exp(-gamma L)). The linear and
 * exponential forms are unbounded, so their prediction can leave [0, 1]: the predictor refuses it
 * then.
 */
final class FlpTwoStageMethod implements PredictionMethod {
  private final String name;
  private final Supplier<ScalingLaw> law;
  private final boolean onError;

  /**
   * @param name the method's name
   * @param law the stage-2 law, of one input
   * @param onError whether stage 2 fits the error 1 - P instead of the score P
   */
  FlpTwoStageMethod(String name, Supplier<ScalingLaw> law, boolean onError) {
    this.name = name;
    this.law = law;
    this.onError = onError;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.TASK;
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    var stage1 = runs.stage1(q.task().loss());
    Observations emerged = runs.emerged(q.task());
    DoubleUnaryOperator back = onError ? v -> 1 - v : v -> v;
    Observations points =
        onError
            ? new Observations(
                emerged.inputs(),
                emerged.output(),
                emerged.x(),
                Arrays.stream(emerged.y()).map(v -> 1 - v).toArray(),
                emerged.runIds())
            : emerged;
    Observations s2Points = Flp.stage2Points(points);
    var stage2 = runs.fit(q.column() + "|" + name, Flp.stage2Law(law.get()), "ls", s2Points);
    Flp.Result r = Flp.chain(stage1, stage2, points.size(), runs.target().flops(), runs.level());
    double value = back.applyAsDouble(r.score().value());
    double lo = back.applyAsDouble(r.score().lower());
    double hi = back.applyAsDouble(r.score().upper());
    String w =
        r.emergedPoints() < 10
            ? "only " + r.emergedPoints() + " emerged checkpoints"
            : SamplingRuns.warning(
                value, Math.min(lo, hi), Math.max(lo, hi), r.stage2().converged());
    return new MethodFit(
        value,
        Math.min(lo, hi),
        Math.max(lo, hi),
        w,
        List.of(
            new MethodFit.Stage(r.stage1(), runs.byFlops(q.task().loss())),
            new MethodFit.Stage(r.stage2(), points)));
  }
}
