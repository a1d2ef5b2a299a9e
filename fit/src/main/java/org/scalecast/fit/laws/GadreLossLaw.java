package org.scalecast.fit.laws;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.scalecast.results.QuantityKind;

/**
 * Gadre et al. (2024) Eq. 4, loss under over-training: L = E + (a*M^eta + b*M^-eta) * C^-eta with C
 * = 6ND and M = D/N, taking N and D as inputs. It is Chinchilla with alpha = beta = 2*eta.
 *
 * <p>The default grid is the paper's ({@code curve_fit_powlaw_ours} in mlfoundations/scaling),
 * written there in the (N, M) form A*N^c + b*6^(c/2)*(MN)^c + E: A and b in {1e2, 3e2, 1e3, 3e3}, c
 * = -2*eta in {-0.1, -0.3}, E in {0, 1, 2, 10}; 128 starts, mapped here with a = A*6^eta.
 */
public final class GadreLossLaw extends AbstractLaw {

  /** Creates the law. */
  public GadreLossLaw() {
    super(
        "gadre-loss",
        "L = E + (a*M^eta + b*M^-eta)*C^-eta, C = 6*N*D, M = D/N",
        List.of("N", "D"),
        "L",
        List.of("E", "a", "b", "eta"),
        Set.of("N", "D"),
        null);
  }

  @Override
  public QuantityKind outputKind() {
    return QuantityKind.LOSS;
  }

  @Override
  public double evaluate(double[] x, double[] p, double[] grad) {
    double n = x[0];
    double d = x[1];
    double lnMoverC = Math.log(d / n) - Math.log(6 * n * d); // ln(M/C) = -ln(6 N^2)
    double lnMtimesC = Math.log(d / n) + Math.log(6 * n * d); // ln(MC) = ln(6 D^2)
    double u = Math.exp(p[3] * lnMoverC);
    double v = Math.exp(-p[3] * lnMtimesC);
    if (grad != null) {
      grad[0] = 1;
      grad[1] = u;
      grad[2] = v;
      grad[3] = p[1] * u * lnMoverC - p[2] * v * lnMtimesC;
    }
    return p[0] + p[1] * u + p[2] * v;
  }

  @Override
  public List<double[]> startGrid() {
    double[] scales = {1e2, 3e2, 1e3, 3e3};
    double[] exponents = {-0.1, -0.3};
    double[] irreducible = {0, 1, 2, 10};
    List<double[]> grid = new ArrayList<>();
    for (double bigA : scales) {
      for (double b : scales) {
        for (double c : exponents) {
          for (double e : irreducible) {
            double eta = -c / 2;
            grid.add(new double[] {e, bigA * Math.pow(6, eta), b, eta});
          }
        }
      }
    }
    return List.copyOf(grid);
  }
}
