package org.scalecast.fit;

import java.util.List;

/**
 * A fitted law as used for prediction: what a saved fit file holds, without the data.
 *
 * @param law the law
 * @param params natural parameters
 * @param covariance parameter covariance (residual-scaled)
 * @param dof residual degrees of freedom
 * @param bootstrap replicate parameter vectors, or null when the fit was not bootstrapped
 * @param draws which resamples the replicates are, or null when unknown (files written before they
 *     were recorded, or no bootstrap)
 */
public record FitModel(
    ScalingLaw law,
    double[] params,
    double[][] covariance,
    int dof,
    double[][] bootstrap,
    Draws draws) {

  /**
   * Which resamples a bootstrap's replicates are. Two fits bootstrapped with the same seed over the
   * same runs (in the same order) drew the same runs in replicate b: their replicates b, paired,
   * are one resample of the runs through both fits, the whole-chain bootstrap.
   *
   * @param seed the seed
   * @param runs the resampled runs in draw order (empty when rows were resampled)
   * @param index for each replicate in {@code bootstrap}, its draw number (failed refits leave
   *     gaps)
   */
  public record Draws(long seed, List<String> runs, int[] index) {
    /** Copies the runs. */
    public Draws {
      runs = List.copyOf(runs);
    }

    /**
     * @param other another fit's draws
     * @return whether replicate b of both resampled the same runs
     */
    public boolean sameRunsAs(Draws other) {
      return other != null && seed == other.seed && !runs.isEmpty() && runs.equals(other.runs);
    }
  }

  /**
   * A model without draw information.
   *
   * @param law the law
   * @param params natural parameters
   * @param covariance parameter covariance
   * @param dof residual degrees of freedom
   * @param bootstrap replicate parameter vectors, or null
   */
  public FitModel(
      ScalingLaw law, double[] params, double[][] covariance, int dof, double[][] bootstrap) {
    this(law, params, covariance, dof, bootstrap, null);
  }

  /**
   * @param fit a fit
   * @param boot its bootstrap, or null
   * @return the model
   */
  public static FitModel of(FitResult fit, Bootstrap.Result boot) {
    return new FitModel(
        fit.law(),
        fit.params(),
        fit.covariance(),
        fit.dof(),
        boot == null ? null : boot.samples(),
        boot == null ? null : new Draws(boot.seed(), boot.runs(), boot.index()));
  }

  /**
   * @param renamed the same law with its variables renamed
   * @return this model with that law
   */
  public FitModel withLaw(ScalingLaw renamed) {
    return new FitModel(renamed, params, covariance, dof, bootstrap, draws);
  }
}
