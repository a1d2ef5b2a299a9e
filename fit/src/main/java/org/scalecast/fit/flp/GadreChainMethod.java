package org.scalecast.fit.flp;

import java.util.List;
import java.util.Map;
import org.scalecast.fit.Chain;
import org.scalecast.fit.FitModel;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.fit.laws.GadreErrorLaw;
import org.scalecast.fit.laws.GadreLossLaw;
import org.scalecast.results.Columns;

/**
 * A chain for {@value Quantity#MEAN_ERROR}: a loss law on the final checkpoints, then Gadre et
 * al.'s Err(L) = epsilon - k exp(-gamma L) on every sampling checkpoint (intermediate checkpoints
 * are valid (loss, error) samples, FLP's observation; the finals alone are too few here). The loss
 * is the mean of the tasks' own losses when each has one, else the mixture's, else the first
 * configured loss ({@link #loss}).
 *
 * <p>{@code gadre-chain} is the published one: stage 1 is Gadre et al.'s L(N, D) = E + (a M^eta + b
 * M^-eta) C^-eta. The others take any {@link LossStage} as stage 1 ({@code power+gadre-error},
 * ...), as the task chains do (issue 10: "every method chain, on any ladder"). With one method the
 * backtest had nothing to choose from and the disagreement refusal nothing to compare: on the OLMo
 * ladder {@code gadre-chain} alone predicted the 13B's mean error at 0.101 against 0.284, while the
 * C4 loss laws in N and D came closer than Gadre's form.
 */
final class GadreChainMethod implements PredictionMethod {
  private final LossStage stage1;

  /** Gadre et al.'s published chain. */
  GadreChainMethod() {
    this(null);
  }

  /**
   * @param stage1 the loss law of stage 1, or null for Gadre et al.'s L(N, D)
   */
  GadreChainMethod(LossStage stage1) {
    this.stage1 = stage1;
  }

  @Override
  public String name() {
    return stage1 == null ? "gadre-chain" : stage1.label() + "+gadre-error";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.MEAN_ERROR;
  }

  @Override
  public boolean appliesTo(SamplingRuns runs) {
    return stage1 == null || stage1.appliesTo(runs);
  }

  @Override
  public boolean appliesTo(Quantity q, SamplingRuns runs) {
    return appliesTo(runs) && hasLoss(runs);
  }

  /**
   * @param runs the sampling runs
   * @return whether the table has a loss the mean error's chains can map from ({@link #loss})
   */
  static boolean hasLoss(SamplingRuns runs) {
    return loss(runs) != null;
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    String loss = loss(runs);
    MethodFit.Stage s1 = stage1 == null ? gadreLoss(q, runs, loss) : lawLoss(runs, loss);
    Observations le = runs.points(runs.sampling(), List.of(loss), q.column(), v -> v);
    Observations errPoints = new Observations(List.of("L"), "Err", le.x(), le.y(), le.runIds());
    FitResult errFit = runs.fit(q.column() + "|gadre-error", new GadreErrorLaw(), "ls", errPoints);
    Map<String, Double> at =
        stage1 == null
            ? Map.of("N", runs.target().nParams(), "D", runs.target().tokens())
            : stage1.at(runs.target());
    List<Chain.Step> steps =
        Chain.predict(
            List.of(FitModel.of(s1.fit(), null), FitModel.of(errFit, null)), at, runs.level());
    Prediction p = steps.get(1).prediction();
    return new MethodFit(
        p.value(),
        p.lower(),
        p.upper(),
        SamplingRuns.warning(
            p.value(), p.lower(), p.upper(), s1.fit().converged() && errFit.converged()),
        List.of(s1, new MethodFit.Stage(errFit, errPoints)));
  }

  /**
   * The loss the chains map from: the mean of the tasks' own losses when the table has it ({@link
   * TargetPredictor#taskLosses}), else the mixture's loss, else the first configured loss, else the
   * one loss every task maps from; null when the table has none of these. Never the first task's
   * own loss when the tasks have different ones (or some none): that would map every task's error
   * from one task's loss (a review found it so).
   */
  private static String loss(SamplingRuns runs) {
    PredictSpec spec = runs.spec();
    if (runs.has(Quantity.MEAN_TASK_LOSS)) {
      return Quantity.MEAN_TASK_LOSS;
    }
    String mix = Columns.valLoss(Columns.MIX_DOMAIN);
    if (runs.has(mix)) {
      return mix;
    }
    List<String> shared = spec.tasks().stream().map(PredictSpec.TaskSpec::loss).distinct().toList();
    String last =
        !spec.losses().isEmpty() ? spec.losses().get(0) : shared.size() == 1 ? shared.get(0) : null;
    return last != null && runs.has(last) ? last : null;
  }

  /** Gadre et al.'s loss law on the final checkpoints. */
  private static MethodFit.Stage gadreLoss(Quantity q, SamplingRuns runs, String loss) {
    Observations nd =
        runs.points(runs.finals(), List.of(Columns.N_PARAMS, Columns.TOKENS), loss, v -> v);
    Observations points = new Observations(List.of("N", "D"), "L", nd.x(), nd.y(), nd.runIds());
    return new MethodFit.Stage(
        runs.fit(q.column() + "|gadre-chain|loss", new GadreLossLaw(), "ls", points), points);
  }

  /** The stage's loss law, the same fit as the loss method of its name. */
  private MethodFit.Stage lawLoss(SamplingRuns runs, String loss) {
    return new MethodFit.Stage(runs.lossFit(stage1, loss), runs.finalLosses(stage1, loss));
  }
}
