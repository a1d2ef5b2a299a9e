package org.scalecast.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.scalecast.fit.laws.Laws;

/** Every registered law's analytic gradient against central finite differences. */
class LawGradientTest {
  /** Inputs of the size the law sees in practice, per law. */
  private static final Map<String, double[]> INPUTS =
      Map.ofEntries(
          Map.entry("chinchilla", new double[] {3e8, 6e9}),
          Map.entry("gadre-loss", new double[] {4e8, 8e9}),
          Map.entry("gadre-error", new double[] {3.1}),
          Map.entry("flp-loss", new double[] {1e19}),
          Map.entry("power", new double[] {1e19}),
          Map.entry("linear", new double[] {2.7}),
          Map.entry("sigmoid", new double[] {2.2}),
          Map.entry("flops-accuracy", new double[] {1e19}),
          Map.entry("log-flops-linear", new double[] {1e19}),
          Map.entry("flp-m", new double[] {1e19, 0.25}),
          Map.entry("ye-mix", new double[] {1e19, 0.25}),
          Map.entry("bimix", new double[] {1e19, 0.25}));

  static List<String> laws() {
    return Laws.names();
  }

  @ParameterizedTest
  @MethodSource("laws")
  void gradientMatchesFiniteDifferences(String name) {
    ScalingLaw law = Laws.byName(name);
    double[] x = INPUTS.get(name);
    List<double[]> grid = law.startGrid();
    // Several parameter points spread over the default grid.
    for (int i = 0; i < grid.size(); i += Math.max(1, grid.size() / 7)) {
      double[] p = grid.get(i);
      double[] g = law.gradient(x, p);
      for (int j = 0; j < p.length; j++) {
        double h = 1e-6 * Math.max(Math.abs(p[j]), 1);
        double[] hi = p.clone();
        double[] lo = p.clone();
        hi[j] += h;
        lo[j] -= h;
        double fd = (law.value(x, hi) - law.value(x, lo)) / (2 * h);
        // Truncation error is O(h^2); rounding error is about eps*|f|/h, so allow both.
        double tol = 1e-6 * Math.abs(g[j]) + 1e-13 * Math.abs(law.value(x, p)) / h + 1e-14;
        assertEquals(fd, g[j], tol, name + " d/d" + law.parameters().get(j) + " at start " + i);
      }
    }
  }

  @ParameterizedTest
  @MethodSource("laws")
  void declaresConsistentShapes(String name) {
    ScalingLaw law = Laws.byName(name);
    int p = law.parameters().size();
    assertEquals(p, law.scales().length);
    assertEquals(p, law.lowerBounds().length);
    assertEquals(p, law.upperBounds().length);
    law.startGrid().forEach(s -> assertEquals(p, s.length));
    assertEquals(law.inputs().size(), INPUTS.get(name).length);
  }
}
