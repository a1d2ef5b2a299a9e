package org.scalecast.fit;

/**
 * A fitted law as used for prediction: what a saved fit file holds, without the data.
 *
 * @param law the law
 * @param params natural parameters
 * @param covariance parameter covariance (residual-scaled)
 * @param dof residual degrees of freedom
 * @param bootstrap replicate parameter vectors, or null when the fit was not bootstrapped
 */
public record FitModel(
    ScalingLaw law, double[] params, double[][] covariance, int dof, double[][] bootstrap) {

  /**
   * @param fit a fit
   * @param boot its bootstrap, or null
   * @return the model
   */
  public static FitModel of(FitResult fit, Bootstrap.Result boot) {
    return new FitModel(
        fit.law(), fit.params(), fit.covariance(), fit.dof(), boot == null ? null : boot.samples());
  }
}
