package org.scalecast.fit;

import org.scalecast.fit.ScalingLaw.Scale;

/**
 * Maps a law's natural parameters p to the coordinates q the optimiser moves: q = ln p for LOG
 * parameters (log-parameterised coefficients, as in OLMo's fitting functions, for conditioning and
 * positivity), q = p otherwise.
 */
final class ParameterSpace {
  private final Scale[] scales;
  private final double[] lower;
  private final double[] upper;

  ParameterSpace(ScalingLaw law) {
    this.scales = law.scales();
    double[] lo = law.lowerBounds();
    double[] hi = law.upperBounds();
    for (int j = 0; j < scales.length; j++) {
      if (scales[j] == Scale.LOG) {
        lo[j] = lo[j] > 0 ? Math.log(lo[j]) : Double.NEGATIVE_INFINITY;
        hi[j] = Math.log(hi[j]);
      }
    }
    this.lower = lo;
    this.upper = hi;
  }

  int dim() {
    return scales.length;
  }

  double[] lower() {
    return lower;
  }

  double[] upper() {
    return upper;
  }

  void toNatural(double[] q, double[] p) {
    for (int j = 0; j < q.length; j++) {
      p[j] = scales[j] == Scale.LOG ? Math.exp(q[j]) : q[j];
    }
  }

  double[] toNatural(double[] q) {
    double[] p = new double[q.length];
    toNatural(q, p);
    return p;
  }

  /**
   * @param p natural parameters
   * @return optimiser coordinates, or null when a LOG parameter is not positive
   */
  double[] toOptimizer(double[] p) {
    double[] q = new double[p.length];
    for (int j = 0; j < p.length; j++) {
      if (scales[j] == Scale.LOG) {
        if (!(p[j] > 0)) {
          return null;
        }
        q[j] = Math.log(p[j]);
      } else {
        q[j] = p[j];
      }
    }
    return q;
  }

  /** dp_j/dq_j at natural parameters p. */
  double chain(int j, double[] p) {
    return scales[j] == Scale.LOG ? p[j] : 1;
  }
}
