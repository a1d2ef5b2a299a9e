package org.scalecast.fit;

import java.util.Arrays;

/**
 * One law, one objective and one set of observations as a least-squares problem for {@link
 * LevenbergMarquardt}. Holds scratch buffers, so each thread makes its own.
 */
final class LawProblem implements LevenbergMarquardt.Problem {
  private final ScalingLaw law;
  private final Objective objective;
  private final ParameterSpace space;
  private final double[][] x;
  private final double[] target;
  private final double[] p;
  private final double[] grad;
  private final double[] row;
  private final double[] chain;
  private final double[] rc = new double[2];

  /**
   * The points as every start's problem reads them, made once per fit and shared (read only) by the
   * starts' threads: the inputs {@link ScalingLaw#prepare prepared}, the outputs on the objective's
   * scale.
   *
   * @param x prepared inputs per point
   * @param target outputs, logged where the objective takes logs
   */
  record Points(double[][] x, double[] target) {
    /**
     * @param law the law
     * @param objective the objective
     * @param obs the observations
     * @return them prepared
     */
    static Points of(ScalingLaw law, Objective objective, Observations obs) {
      double[][] x = new double[obs.size()][];
      double[] target = new double[obs.size()];
      for (int i = 0; i < target.length; i++) {
        x[i] = law.prepare(obs.x()[i]);
        target[i] = objective.onLogs() ? Math.log(obs.y()[i]) : obs.y()[i];
      }
      return new Points(x, target);
    }
  }

  LawProblem(ScalingLaw law, Objective objective, ParameterSpace space, Observations obs) {
    this(law, objective, space, Points.of(law, objective, obs));
  }

  LawProblem(ScalingLaw law, Objective objective, ParameterSpace space, Points points) {
    this.law = law;
    this.objective = objective;
    this.space = space;
    this.x = points.x();
    this.target = points.target();
    int d = space.dim();
    this.p = new double[d];
    this.grad = new double[d];
    this.row = new double[d];
    this.chain = new double[d];
  }

  @Override
  public int dim() {
    return p.length;
  }

  @Override
  public double evaluate(double[] q, double[] jtj, double[] jtr) {
    if (jtj != null && p.length == 4 && !objective.onLogs()) {
      return leastSquares4(q, jtj, jtr);
    }
    if (jtj != null && p.length == 5) {
      return anyObjective5(q, jtj, jtr);
    }
    return anyObjective(q, jtj, jtr);
  }

  /**
   * Point {@code i}'s residual on the objective's scale, psi(s), into {@code rc[0]}, and d psi / d
   * f into {@code rc[1]}; the law's gradient into {@code g} when not null.
   *
   * @return false where the objective takes the log of a value at or below 0
   */
  private boolean residual(int i, double[] g) {
    double f = law.evaluatePrepared(x[i], p, g);
    double s;
    double ds;
    if (objective.onLogs()) {
      if (!(f > 0)) {
        return false;
      }
      s = Math.log(f) - target[i];
      ds = 1 / f;
    } else {
      s = f - target[i];
      ds = 1;
    }
    rc[0] = objective.psi(s);
    rc[1] = objective.psiDerivative(s) * ds;
    return true;
  }

  /** {@link #evaluate} for any objective and number of parameters. */
  double anyObjective(double[] q, double[] jtj, double[] jtr) {
    space.toNatural(q, p);
    int d = p.length;
    if (jtj != null) {
      Arrays.fill(jtj, 0);
      Arrays.fill(jtr, 0);
      for (int j = 0; j < d; j++) {
        chain[j] = space.chain(j, p); // per evaluation, not per point
      }
    }
    double cost = 0;
    for (int i = 0; i < target.length; i++) {
      if (!residual(i, jtj == null ? null : grad)) {
        return Double.POSITIVE_INFINITY;
      }
      double r = rc[0];
      cost += r * r;
      if (jtj != null) {
        double c = rc[1];
        for (int j = 0; j < d; j++) {
          row[j] = c * grad[j] * chain[j];
        }
        for (int j = 0; j < d; j++) {
          jtr[j] += row[j] * r;
          for (int k = 0; k <= j; k++) {
            jtj[j * d + k] += row[j] * row[k];
          }
        }
      }
    }
    if (jtj != null) {
      for (int j = 0; j < d; j++) {
        for (int k = j + 1; k < d; k++) {
          jtj[j * d + k] = jtj[k * d + j];
        }
      }
    }
    return Double.isNaN(cost) ? Double.POSITIVE_INFINITY : cost;
  }

  /**
   * {@link #evaluate} for least squares and four parameters, with J^T J and J^T r summed in local
   * variables rather than in the arrays: the same products summed in the same order, so the same
   * bits, 1.5 times faster. Four parameters is the model ladder's sigmoid stage 2, fitted over
   * thousands of checkpoints from many starts and refitted per backtest and left-out run: nearly
   * all of a large ladder's prediction time (issue 10).
   */
  private double leastSquares4(double[] q, double[] jtj, double[] jtr) {
    space.toNatural(q, p);
    double c0 = space.chain(0, p);
    double c1 = space.chain(1, p);
    double c2 = space.chain(2, p);
    double c3 = space.chain(3, p);
    double a00 = 0, a10 = 0, a11 = 0, a20 = 0, a21 = 0, a22 = 0, a30 = 0, a31 = 0, a32 = 0, a33 = 0;
    double g0 = 0, g1 = 0, g2 = 0, g3 = 0;
    double cost = 0;
    for (int i = 0; i < target.length; i++) {
      double r = law.evaluatePrepared(x[i], p, grad) - target[i];
      cost += r * r;
      double r0 = grad[0] * c0;
      double r1 = grad[1] * c1;
      double r2 = grad[2] * c2;
      double r3 = grad[3] * c3;
      g0 += r0 * r;
      g1 += r1 * r;
      g2 += r2 * r;
      g3 += r3 * r;
      a00 += r0 * r0;
      a10 += r1 * r0;
      a11 += r1 * r1;
      a20 += r2 * r0;
      a21 += r2 * r1;
      a22 += r2 * r2;
      a30 += r3 * r0;
      a31 += r3 * r1;
      a32 += r3 * r2;
      a33 += r3 * r3;
    }
    double[] lower = {a00, 0, 0, 0, a10, a11, 0, 0, a20, a21, a22, 0, a30, a31, a32, a33};
    symmetric(lower, 4, jtj);
    jtr[0] = g0;
    jtr[1] = g1;
    jtr[2] = g2;
    jtr[3] = g3;
    return Double.isNaN(cost) ? Double.POSITIVE_INFINITY : cost;
  }

  /**
   * {@link #anyObjective} for five parameters (chinchilla in N and D, fitted by Huber on logs,
   * stage 1 of every chinchilla chain): J^T J and J^T r summed in local variables, the same
   * products in the same order as {@link #anyObjective}, so the same bits (as {@link
   * #leastSquares4}). Those fits were most of a 100-run backtest's time (issue 10, twenty-first
   * session).
   */
  private double anyObjective5(double[] q, double[] jtj, double[] jtr) {
    space.toNatural(q, p);
    double c0 = space.chain(0, p);
    double c1 = space.chain(1, p);
    double c2 = space.chain(2, p);
    double c3 = space.chain(3, p);
    double c4 = space.chain(4, p);
    double a00 = 0,
        a10 = 0,
        a11 = 0,
        a20 = 0,
        a21 = 0,
        a22 = 0,
        a30 = 0,
        a31 = 0,
        a32 = 0,
        a33 = 0,
        a40 = 0,
        a41 = 0,
        a42 = 0,
        a43 = 0,
        a44 = 0;
    double g0 = 0, g1 = 0, g2 = 0, g3 = 0, g4 = 0;
    double cost = 0;
    for (int i = 0; i < target.length; i++) {
      if (!residual(i, grad)) {
        return Double.POSITIVE_INFINITY;
      }
      double r = rc[0];
      cost += r * r;
      double c = rc[1];
      double r0 = c * grad[0] * c0;
      double r1 = c * grad[1] * c1;
      double r2 = c * grad[2] * c2;
      double r3 = c * grad[3] * c3;
      double r4 = c * grad[4] * c4;
      g0 += r0 * r;
      a00 += r0 * r0;
      g1 += r1 * r;
      a10 += r1 * r0;
      a11 += r1 * r1;
      g2 += r2 * r;
      a20 += r2 * r0;
      a21 += r2 * r1;
      a22 += r2 * r2;
      g3 += r3 * r;
      a30 += r3 * r0;
      a31 += r3 * r1;
      a32 += r3 * r2;
      a33 += r3 * r3;
      g4 += r4 * r;
      a40 += r4 * r0;
      a41 += r4 * r1;
      a42 += r4 * r2;
      a43 += r4 * r3;
      a44 += r4 * r4;
    }
    double[] lower = {
      a00, 0, 0, 0, 0, a10, a11, 0, 0, 0, a20, a21, a22, 0, 0, a30, a31, a32, a33, 0, a40, a41, a42,
      a43, a44
    };
    symmetric(lower, 5, jtj);
    jtr[0] = g0;
    jtr[1] = g1;
    jtr[2] = g2;
    jtr[3] = g3;
    jtr[4] = g4;
    return Double.isNaN(cost) ? Double.POSITIVE_INFINITY : cost;
  }

  /** Writes a d x d matrix's lower triangle, row-major, into {@code jtj} as the whole matrix. */
  private static void symmetric(double[] lower, int d, double[] jtj) {
    for (int j = 0; j < d; j++) {
      for (int k = 0; k <= j; k++) {
        jtj[j * d + k] = lower[j * d + k];
        jtj[k * d + j] = lower[j * d + k];
      }
    }
  }
}
