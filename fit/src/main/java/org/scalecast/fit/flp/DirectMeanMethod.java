package org.scalecast.fit.flp;

import org.scalecast.fit.laws.FlopsAccuracyLaw;

/**
 * {@code direct-mean}: {@link DirectMethod}'s law on the mean task score, {@value
 * Quantity#MEAN_ERROR} = 1 - that mean, with the mean of the tasks' chance levels as its chance
 * level: the mean score a' = exp(-A C^-alpha) after chance normalisation, on the sampling runs'
 * final checkpoints. It runs only where the mean error's chains cannot (no loss column to map
 * from): a published table of released models' scores (Ruan et al. 2024) had none, and its mean
 * error went unpredicted. Offered beside the chains on ladders with losses, it made the advance
 * choice worse on Gadre et al.'s ladders (backtests, mean error of the choice: C4 3.1 to 4.8
 * points, RedPajama 3.4 to 11.9; its own 11.8 on C4), where most small models sit near chance,
 * though better on Pythia's; the chains from a loss are the published method (Gadre et al. 2024).
 */
final class DirectMeanMethod implements PredictionMethod {
  @Override
  public String name() {
    return "direct-mean";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.MEAN_ERROR;
  }

  @Override
  public boolean appliesTo(Quantity q, SamplingRuns runs) {
    return !GadreChainMethod.hasLoss(runs);
  }

  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    double chance =
        runs.spec().tasks().stream()
            .mapToDouble(PredictSpec.TaskSpec::chanceLevel)
            .average()
            .orElseThrow();
    return DirectMethod.onScore(q, runs, name(), new FlopsAccuracyLaw(), chance, true);
  }
}
