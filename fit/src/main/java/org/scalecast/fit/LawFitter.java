package org.scalecast.fit;

import java.util.Arrays;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.math3.linear.Array2DRowRealMatrix;
import org.apache.commons.math3.linear.LUDecomposition;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.apache.commons.math3.linear.SingularMatrixException;
import org.scalecast.results.InputException;

/**
 * Fits a law by Levenberg-Marquardt from every point of a starting grid and keeps the best, "as
 * done in Chinchilla" (mlfoundations/scaling {@code curve_fit_powlaw_ours}). Starts run in
 * parallel; the winner (lowest objective, then lowest grid index, so the result does not depend on
 * thread timing) is then polished with a tight tolerance. A law that {@link
 * ScalingLaw#screensStarts screens} its grid runs only from the {@link #SCREENED_STARTS} grid
 * points with the lowest objective.
 *
 * <p>Immutable; configure with the {@code withX} copies, as Commons Math's {@code
 * SimpleCurveFitter}.
 */
public final class LawFitter {
  private static final double POLISH_TOLERANCE = 1e-14;
  private static final int POLISH_ITERATIONS = 10_000;

  /**
   * Starts a screened grid keeps: its points with the lowest objective (one pass over the data
   * each, against hundreds of Levenberg-Marquardt iterations a start), ties to the lower grid
   * index. The sigmoid stage 2's grid has 162 starts and is fitted on thousands of checkpoints per
   * task and map; on the OLMo ladder the lowest-objective start alone reaches the full grid's
   * optimum, so 16 leaves a margin for ladders where the objective at a start ranks the basins less
   * well, at a tenth of the grid's cost.
   */
  public static final int SCREENED_STARTS = 16;

  private final Objective objective;
  private final List<double[]> starts;
  private final int maxIterations;
  private final double tolerance;

  private LawFitter(Objective objective, List<double[]> starts, int maxIterations, double tol) {
    this.objective = objective;
    this.starts = starts;
    this.maxIterations = maxIterations;
    this.tolerance = tol;
  }

  /**
   * @return least squares from each law's default grid, 500 iterations a start, tolerance 1e-8
   *     (MINPACK's default, sqrt of machine epsilon; the winner is then polished to 1e-14)
   */
  public static LawFitter create() {
    return new LawFitter(Objective.leastSquares(), null, 500, 1e-8);
  }

  /**
   * @param o the objective
   * @return a copy using it
   */
  public LawFitter withObjective(Objective o) {
    return new LawFitter(o, starts, maxIterations, tolerance);
  }

  /**
   * @param grid starting points in natural parameters, or null for the law's default grid
   * @return a copy using them
   */
  public LawFitter withStarts(List<double[]> grid) {
    return new LawFitter(
        objective, grid == null ? null : List.copyOf(grid), maxIterations, tolerance);
  }

  /**
   * @param n iteration limit per start
   * @return a copy using it
   */
  public LawFitter withMaxIterations(int n) {
    return new LawFitter(objective, starts, n, tolerance);
  }

  /**
   * @return the objective
   */
  public Objective objective() {
    return objective;
  }

  /**
   * @param law the law
   * @param obs the points
   * @return the best fit over the grid
   * @throws InputException when the points cannot determine the law
   */
  public FitResult fit(ScalingLaw law, Observations obs) {
    if (starts != null) {
      return fitFrom(law, obs, starts);
    }
    List<double[]> grid = law.startGrid();
    if (law.screensStarts() && grid.size() > SCREENED_STARTS) {
      check(law, obs);
      return fitFrom(law, obs, grid, screen(law, obs, grid, SCREENED_STARTS));
    }
    return fitFrom(law, obs, grid);
  }

  /**
   * @param law the law
   * @param obs the points
   * @param grid starting points in natural parameters
   * @param keep how many to keep
   * @return the indices of the {@code keep} starts with the lowest finite objective (ties to the
   *     lower index), in grid order; all of them when fewer than {@code keep} have one
   */
  int[] screen(ScalingLaw law, Observations obs, List<double[]> grid, int keep) {
    ParameterSpace space = new ParameterSpace(law);
    LawProblem.Points points = LawProblem.Points.of(law, objective, obs);
    double[] cost =
        IntStream.range(0, grid.size())
            .parallel()
            .mapToDouble(
                i -> {
                  double[] q =
                      grid.get(i).length == space.dim() ? space.toOptimizer(grid.get(i)) : null;
                  if (q == null) {
                    return Double.NaN;
                  }
                  for (int j = 0; j < q.length; j++) {
                    q[j] = Math.min(Math.max(q[j], space.lower()[j]), space.upper()[j]);
                  }
                  return new LawProblem(law, objective, space, points).evaluate(q, null, null);
                })
            .toArray();
    Integer[] order = IntStream.range(0, grid.size()).boxed().toArray(Integer[]::new);
    Arrays.sort(
        order,
        (a, b) -> {
          boolean fa = Double.isFinite(cost[a]);
          boolean fb = Double.isFinite(cost[b]);
          if (fa != fb) {
            return fa ? -1 : 1;
          }
          int c = fa ? Double.compare(cost[a], cost[b]) : 0;
          return c != 0 ? c : Integer.compare(a, b);
        });
    // None finite: every start is kept, and fails as it would unscreened.
    int n =
        Arrays.stream(cost).anyMatch(Double::isFinite) ? Math.min(keep, grid.size()) : grid.size();
    return Arrays.stream(order, 0, n).mapToInt(Integer::intValue).sorted().toArray();
  }

  /**
   * Fits from the given starts only (bootstrap and leave-one-out refits start from the full fit).
   *
   * @param law the law
   * @param obs the points
   * @param grid starting points in natural parameters
   * @return the best fit over those starts
   */
  public FitResult fitFrom(ScalingLaw law, Observations obs, List<double[]> grid) {
    check(law, obs);
    return fitFrom(law, obs, grid, IntStream.range(0, grid.size()).toArray());
  }

  /** From the starts of {@code grid} at {@code run} (ascending indices); the points are checked. */
  private FitResult fitFrom(ScalingLaw law, Observations obs, List<double[]> grid, int[] run) {
    ParameterSpace space = new ParameterSpace(law);
    LevenbergMarquardt lm = new LevenbergMarquardt(maxIterations, tolerance);
    LawProblem.Points points = LawProblem.Points.of(law, objective, obs);
    LevenbergMarquardt.Result[] results =
        Arrays.stream(run)
            .parallel()
            .mapToObj(i -> runStart(lm, law, points, space, grid.get(i)))
            .toArray(LevenbergMarquardt.Result[]::new);
    // Lowest objective, then lowest grid index (run is ascending).
    int best = -1;
    int converged = 0;
    for (int i = 0; i < results.length; i++) {
      if (results[i].converged()) {
        converged++;
      }
      if (Double.isFinite(results[i].cost())
          && (best < 0 || results[i].cost() < results[best].cost())) {
        best = i;
      }
    }
    if (best < 0) {
      throw new InputException(
          law.name() + ": no start of " + run.length + " gave a finite objective on these points");
    }
    LevenbergMarquardt polish = new LevenbergMarquardt(POLISH_ITERATIONS, POLISH_TOLERANCE);
    LevenbergMarquardt.Result fin =
        polish.minimize(
            new LawProblem(law, objective, space, points),
            results[best].q(),
            space.lower(),
            space.upper());
    if (!(fin.cost() <= results[best].cost())) {
      fin = results[best];
    }
    return summarize(law, obs, space.toNatural(fin.q()), fin, run[best], run.length, converged);
  }

  private LevenbergMarquardt.Result runStart(
      LevenbergMarquardt lm,
      ScalingLaw law,
      LawProblem.Points points,
      ParameterSpace space,
      double[] p0) {
    if (p0.length != space.dim()) {
      throw new InputException(
          law.name()
              + ": a start has "
              + p0.length
              + " values, the law has "
              + space.dim()
              + " parameters");
    }
    double[] q0 = space.toOptimizer(p0);
    if (q0 == null) {
      return new LevenbergMarquardt.Result(
          p0, Double.NaN, 0, LevenbergMarquardt.Termination.INVALID_START);
    }
    return lm.minimize(
        new LawProblem(law, objective, space, points), q0, space.lower(), space.upper());
  }

  private void check(ScalingLaw law, Observations obs) {
    int p = law.parameters().size();
    if (obs.size() < p) {
      throw new InputException(
          law.name()
              + " has "
              + p
              + " parameters but only "
              + obs.size()
              + (obs.size() == 1 ? " point" : " points")
              + " to fit");
    }
    if (!obs.inputs().equals(law.inputs())) {
      throw new IllegalArgumentException(
          "observations have inputs "
              + obs.inputs()
              + ", law "
              + law.name()
              + " takes "
              + law.inputs());
    }
    for (int i = 0; i < obs.size(); i++) {
      if (!Double.isFinite(obs.y()[i])
          || Arrays.stream(obs.x()[i]).anyMatch(v -> !Double.isFinite(v))) {
        throw new InputException(point(obs, i) + " has a missing or non-finite value");
      }
      if (objective.onLogs() && !(obs.y()[i] > 0)) {
        throw new InputException(
            point(obs, i)
                + ": "
                + obs.output()
                + " = "
                + obs.y()[i]
                + " must be > 0 (objective "
                + objective.spec()
                + " takes its log)");
      }
    }
  }

  /**
   * A point by its position and, where known, its run: "point 6" alone left a user to find a
   * negative loss in the ladder's files (a bad-input hunt, twentieth session).
   */
  private static String point(Observations obs, int i) {
    String run = obs.runIds().get(i);
    return "point " + (i + 1) + (run == null ? "" : " (run " + run + ")");
  }

  private FitResult summarize(
      ScalingLaw law,
      Observations obs,
      double[] params,
      LevenbergMarquardt.Result fin,
      int best,
      int nStarts,
      int converged) {
    int n = obs.size();
    int p = params.length;
    double[][] jac = new double[n][p];
    double[] res = new double[n];
    double objectiveValue = 0;
    double sumSq = 0;
    for (int i = 0; i < n; i++) {
      double f = law.evaluate(obs.x()[i], params, jac[i]);
      if (objective.onLogs()) {
        res[i] = Math.log(f) - Math.log(obs.y()[i]);
        for (int j = 0; j < p; j++) {
          jac[i][j] /= f;
        }
      } else {
        res[i] = f - obs.y()[i];
      }
      objectiveValue += objective.term(res[i]);
      sumSq += res[i] * res[i];
    }
    // Covariance in the optimiser's coordinates (ln p for LOG parameters), then mapped back:
    // Cov_p = D Cov_q D with D = diag(dp/dq). Mathematically the same as inverting J^T J in p, but
    // a parameter like FLP's C_N ~ 1e30 makes that matrix singular in double precision.
    ParameterSpace space = new ParameterSpace(law);
    for (double[] row : jac) {
      for (int j = 0; j < p; j++) {
        row[j] *= space.chain(j, params);
      }
    }
    double[][] cov = covariance(jac, n > p ? sumSq / (n - p) : Double.NaN);
    for (int a = 0; a < p; a++) {
      for (int b = 0; b < p; b++) {
        cov[a][b] *= space.chain(a, params) * space.chain(b, params);
      }
    }
    double[] se = new double[p];
    for (int j = 0; j < p; j++) {
      se[j] = Math.sqrt(cov[j][j]);
    }
    return new FitResult(
        law,
        objective,
        params,
        se,
        cov,
        objectiveValue,
        n,
        Math.sqrt(sumSq / n),
        res,
        fin.iterations(),
        fin.converged(),
        best,
        nStarts,
        converged);
  }

  /** sigma^2 (J^T J)^-1 = sigma^2 R^-1 R^-T from the QR factors of J, for accuracy. */
  static double[][] covariance(double[][] jac, double sigma2) {
    int p = jac[0].length;
    double[][] nan = new double[p][p];
    for (double[] r : nan) {
      Arrays.fill(r, Double.NaN);
    }
    if (!Double.isFinite(sigma2)) {
      return nan;
    }
    try {
      RealMatrix r = new QRDecomposition(new Array2DRowRealMatrix(jac, false)).getR();
      RealMatrix rinv =
          new LUDecomposition(r.getSubMatrix(0, p - 1, 0, p - 1)).getSolver().getInverse();
      return rinv.multiply(rinv.transpose()).scalarMultiply(sigma2).getData();
    } catch (SingularMatrixException e) {
      return nan;
    }
  }
}
