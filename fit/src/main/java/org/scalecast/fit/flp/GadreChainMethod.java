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
 * {@code gadre-chain} for {@value Quantity#MEAN_ERROR}: Gadre et al.'s L(N, D) = E + (a M^eta + b
 * M^-eta) C^-eta on the final checkpoints, then Err(L) = epsilon - k exp(-gamma L) on every
 * sampling checkpoint (intermediate checkpoints are valid (loss, error) samples, FLP's observation;
 * the finals alone are too few here). The loss is the mixture's when the table has it, else the
 * first configured loss.
 */
final class GadreChainMethod implements PredictionMethod {
  @Override
  public String name() {
    return "gadre-chain";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.MEAN_ERROR;
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    PredictSpec spec = runs.spec();
    String mix = Columns.valLoss(Columns.MIX_DOMAIN);
    String loss =
        runs.has(mix)
            ? mix
            : spec.losses().isEmpty() ? spec.tasks().get(0).loss() : spec.losses().get(0);
    Observations nd =
        runs.points(runs.finals(), List.of(Columns.N_PARAMS, Columns.TOKENS), loss, v -> v);
    Observations lossPoints = new Observations(List.of("N", "D"), "L", nd.x(), nd.y(), nd.runIds());
    FitResult lossFit =
        runs.fit(q.column() + "|" + name() + "|loss", new GadreLossLaw(), "ls", lossPoints);
    Observations le = runs.points(runs.sampling(), List.of(loss), q.column(), v -> v);
    Observations errPoints = new Observations(List.of("L"), "Err", le.x(), le.y(), le.runIds());
    FitResult errFit =
        runs.fit(q.column() + "|" + name() + "|error", new GadreErrorLaw(), "ls", errPoints);
    List<Chain.Step> steps =
        Chain.predict(
            List.of(FitModel.of(lossFit, null), FitModel.of(errFit, null)),
            Map.of("N", runs.target().nParams(), "D", runs.target().tokens()),
            runs.level());
    Prediction p = steps.get(1).prediction();
    return new MethodFit(
        p.value(),
        p.lower(),
        p.upper(),
        SamplingRuns.warning(
            p.value(), p.lower(), p.upper(), lossFit.converged() && errFit.converged()),
        List.of(new MethodFit.Stage(lossFit, lossPoints), new MethodFit.Stage(errFit, errPoints)));
  }
}
