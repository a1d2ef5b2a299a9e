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

  LawProblem(ScalingLaw law, Objective objective, ParameterSpace space, Observations obs) {
    this.law = law;
    this.objective = objective;
    this.space = space;
    this.x = obs.x();
    this.target = new double[obs.size()];
    for (int i = 0; i < target.length; i++) {
      target[i] = objective.onLogs() ? Math.log(obs.y()[i]) : obs.y()[i];
    }
    int d = space.dim();
    this.p = new double[d];
    this.grad = new double[d];
    this.row = new double[d];
  }

  @Override
  public int dim() {
    return p.length;
  }

  @Override
  public double evaluate(double[] q, double[] jtj, double[] jtr) {
    space.toNatural(q, p);
    int d = p.length;
    if (jtj != null) {
      Arrays.fill(jtj, 0);
      Arrays.fill(jtr, 0);
    }
    double cost = 0;
    for (int i = 0; i < target.length; i++) {
      double f = law.evaluate(x[i], p, jtj == null ? null : grad);
      double s;
      double ds;
      if (objective.onLogs()) {
        if (!(f > 0)) {
          return Double.POSITIVE_INFINITY;
        }
        s = Math.log(f) - target[i];
        ds = 1 / f;
      } else {
        s = f - target[i];
        ds = 1;
      }
      double r = objective.psi(s);
      cost += r * r;
      if (jtj != null) {
        double c = objective.psiDerivative(s) * ds;
        for (int j = 0; j < d; j++) {
          row[j] = c * grad[j] * space.chain(j, p);
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
}
