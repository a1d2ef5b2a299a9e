package org.scalecast.fit;

/**
 * A compact Levenberg-Marquardt minimiser of F(q) = 1/2 sum r_i(q)^2 for a handful of parameters,
 * with box bounds by projection.
 *
 * <p>Why not Commons Math's {@code LevenbergMarquardtOptimizer}: a Chinchilla grid has 4,500 starts
 * of ~250 points, and the Commons optimizer copies the n x p Jacobian into new matrices on every
 * iteration. Here the residual function accumulates J^T J and J^T r row by row, so an iteration
 * allocates nothing and costs one pass over the data; the damping follows Nielsen (1999) and the
 * scaling Marquardt (1963), with MINPACK's stopping tests. Accuracy is checked against NIST StRD
 * certified values in the tests; covariances are computed afterwards by QR in Commons Math.
 */
public final class LevenbergMarquardt {

  /** The residuals to minimise. Implementations hold their own buffers; one per thread. */
  public interface Problem {
    /**
     * @return the number of parameters
     */
    int dim();

    /**
     * @param q parameters
     * @param jtj null, or dim*dim (row-major) to receive J^T J
     * @param jtr null, or dim to receive J^T r
     * @return sum r_i^2, non-finite where q is outside the law's domain
     */
    double evaluate(double[] q, double[] jtj, double[] jtr);
  }

  /** Why a minimisation stopped. */
  public enum Termination {
    /** The relative reduction of the cost fell below the tolerance. */
    COST,
    /** The step fell below the tolerance relative to the parameters. */
    STEP,
    /** The residuals are zero. */
    EXACT,
    /** The iteration limit was reached. */
    MAX_ITERATIONS,
    /** No step reduced the cost however much it was damped. */
    STALLED,
    /** The cost is not finite at the start. */
    INVALID_START
  }

  /**
   * @param q the final parameters
   * @param cost sum r^2 there
   * @param iterations iterations used
   * @param termination why it stopped
   */
  public record Result(double[] q, double cost, int iterations, Termination termination) {
    /**
     * @return whether it stopped on a convergence test
     */
    public boolean converged() {
      return termination == Termination.COST
          || termination == Termination.STEP
          || termination == Termination.EXACT;
    }
  }

  private final int maxIterations;
  private final double tolerance;

  /**
   * @param maxIterations iteration limit
   * @param tolerance relative tolerance on cost reduction and on step size
   */
  public LevenbergMarquardt(int maxIterations, double tolerance) {
    this.maxIterations = maxIterations;
    this.tolerance = tolerance;
  }

  /**
   * @param problem the residuals
   * @param start starting parameters (projected into the bounds)
   * @param lower lower bounds
   * @param upper upper bounds
   * @return the minimum found
   */
  public Result minimize(Problem problem, double[] start, double[] lower, double[] upper) {
    int p = problem.dim();
    double[] q = clamp(start.clone(), lower, upper);
    double[] a = new double[p * p];
    double[] g = new double[p];
    double cost = problem.evaluate(q, a, g);
    if (!Double.isFinite(cost)) {
      return new Result(q, cost, 0, Termination.INVALID_START);
    }
    double[] trial = new double[p];
    double[] trialA = new double[p * p];
    double[] trialG = new double[p];
    double[] scale = new double[p];
    double[] h = new double[p];
    double[] m = new double[p * p];
    boolean[] fixed = new boolean[p];
    double mu = -1;
    double nu = 2;
    for (int it = 1; it <= maxIterations; it++) {
      if (cost == 0) {
        return new Result(q, cost, it, Termination.EXACT);
      }
      for (int j = 0; j < p; j++) {
        scale[j] = Math.max(scale[j], Math.max(a[j * p + j], 1e-300));
      }
      if (mu < 0) {
        mu = 1e-3;
      }
      boolean anyFixed = false;
      for (int j = 0; j < p; j++) {
        fixed[j] = (q[j] <= lower[j] && g[j] > 0) || (q[j] >= upper[j] && g[j] < 0);
        anyFixed |= fixed[j];
      }
      if (!solveBounded(a, g, scale, mu, m, h, p, q, lower, upper, fixed, anyFixed)) {
        mu *= nu;
        nu *= 2;
        continue;
      }
      for (int j = 0; j < p; j++) {
        trial[j] = q[j] + h[j];
      }
      clamp(trial, lower, upper);
      double stepNorm = 0;
      double qNorm = 0;
      for (int j = 0; j < p; j++) {
        h[j] = trial[j] - q[j];
        stepNorm += h[j] * h[j];
        qNorm += q[j] * q[j];
      }
      if (Math.sqrt(stepNorm) <= tolerance * (Math.sqrt(qNorm) + tolerance)) {
        return new Result(q, cost, it, Termination.STEP);
      }
      double predicted = predictedReduction(a, g, h, p);
      double trialCost = problem.evaluate(trial, trialA, trialG);
      double actual = 0.5 * (cost - trialCost);
      double rho = actual / predicted;
      if (Double.isFinite(trialCost) && predicted > 0 && rho > 0) {
        double relActual = actual / (0.5 * cost);
        double relPredicted = predicted / (0.5 * cost);
        System.arraycopy(trial, 0, q, 0, p);
        System.arraycopy(trialA, 0, a, 0, p * p);
        System.arraycopy(trialG, 0, g, 0, p);
        cost = trialCost;
        double t = 2 * rho - 1;
        mu *= Math.max(1.0 / 3, 1 - t * t * t);
        nu = 2;
        // MINPACK's ftol test: both the actual and the predicted relative reduction are tiny.
        if (relActual <= tolerance && relPredicted <= tolerance && rho <= 2) {
          return new Result(q, cost, it, Termination.COST);
        }
      } else {
        mu *= nu;
        nu *= 2;
        if (mu > 1e40) {
          return new Result(q, cost, it, Termination.STALLED);
        }
      }
    }
    return new Result(q, cost, maxIterations, Termination.MAX_ITERATIONS);
  }

  /**
   * The damped step with the parameters that sit on a bound and would leave it held there: those
   * whose gradient points out of the box, then any whose step still does (repeatedly, at most once
   * per parameter). Projecting such a step back onto the box instead moves the other parameters as
   * if the held one had moved: the sigmoid's b stuck at 1 made every start crawl to the iteration
   * limit. With no parameter on a bound this is exactly {@link #solveDamped} once.
   */
  private static boolean solveBounded(
      double[] a,
      double[] g,
      double[] scale,
      double mu,
      double[] m,
      double[] h,
      int p,
      double[] q,
      double[] lower,
      double[] upper,
      boolean[] fixed,
      boolean anyFixed) {
    for (int round = 0; round <= p; round++) {
      if (!solveDamped(a, g, scale, mu, m, h, p, anyFixed ? fixed : null)) {
        return false;
      }
      boolean more = false;
      for (int j = 0; j < p; j++) {
        if (!fixed[j] && ((q[j] <= lower[j] && h[j] < 0) || (q[j] >= upper[j] && h[j] > 0))) {
          fixed[j] = true;
          more = true;
        }
      }
      if (!more) {
        return true;
      }
      anyFixed = true;
    }
    return true;
  }

  /** Predicted reduction of F for step h under the Gauss-Newton model: -h.g - h.A.h / 2. */
  private static double predictedReduction(double[] a, double[] g, double[] h, int p) {
    double lin = 0;
    double quad = 0;
    for (int i = 0; i < p; i++) {
      lin += h[i] * g[i];
      double row = 0;
      for (int j = 0; j < p; j++) {
        row += a[i * p + j] * h[j];
      }
      quad += h[i] * row;
    }
    return -lin - 0.5 * quad;
  }

  /**
   * Solves (A + mu*diag(scale)) h = -g by Cholesky; false when not positive definite. Where {@code
   * fixed} is given, the step of each fixed parameter is 0 and the others solve the system without
   * its row and column (A's entries there are replaced by the identity's, which leaves the other
   * parameters' arithmetic as it was).
   */
  private static boolean solveDamped(
      double[] a,
      double[] g,
      double[] scale,
      double mu,
      double[] m,
      double[] h,
      int p,
      boolean[] fixed) {
    System.arraycopy(a, 0, m, 0, p * p);
    for (int j = 0; j < p; j++) {
      m[j * p + j] += mu * scale[j];
    }
    double[] rhs = g;
    if (fixed != null) {
      rhs = g.clone();
      for (int j = 0; j < p; j++) {
        if (fixed[j]) {
          for (int k = 0; k < p; k++) {
            m[j * p + k] = 0;
            m[k * p + j] = 0;
          }
          m[j * p + j] = 1;
          rhs[j] = 0;
        }
      }
    }
    for (int j = 0; j < p; j++) {
      double d = m[j * p + j];
      for (int k = 0; k < j; k++) {
        d -= m[j * p + k] * m[j * p + k];
      }
      if (!(d > 0)) {
        return false;
      }
      double ljj = Math.sqrt(d);
      m[j * p + j] = ljj;
      for (int i = j + 1; i < p; i++) {
        double s = m[i * p + j];
        for (int k = 0; k < j; k++) {
          s -= m[i * p + k] * m[j * p + k];
        }
        m[i * p + j] = s / ljj;
      }
    }
    for (int i = 0; i < p; i++) {
      double s = -rhs[i];
      for (int k = 0; k < i; k++) {
        s -= m[i * p + k] * h[k];
      }
      h[i] = s / m[i * p + i];
    }
    for (int i = p - 1; i >= 0; i--) {
      double s = h[i];
      for (int k = i + 1; k < p; k++) {
        s -= m[k * p + i] * h[k];
      }
      h[i] = s / m[i * p + i];
    }
    for (double v : h) {
      if (!Double.isFinite(v)) {
        return false;
      }
    }
    return true;
  }

  private static double[] clamp(double[] q, double[] lower, double[] upper) {
    for (int j = 0; j < q.length; j++) {
      q[j] = Math.min(Math.max(q[j], lower[j]), upper[j]);
    }
    return q;
  }
}
