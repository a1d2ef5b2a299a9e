package org.scalecast.fit.flp;

import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.Observations;

/**
 * Fits shared by several sets of sampling runs. A fit is determined by its key (which names the
 * law, the objective and the starts: the law's grid for a full fit, the full fit's parameters and
 * part of the grid for a refit) and its points, so two sets that give a fit the same points get the
 * same fit: leaving out a run that adds no point to it (a task's run that never emerged adds none
 * to its stage 2) refits nothing, a backtest that holds out the run a leave-one-run-out refit left
 * out reuses that refit, and a ladder's second target (same sampling runs) fits nothing. Safe for
 * several threads; two threads may fit the same points at once, and both get equal fits.
 */
final class Refits {
  private final Map<Points, FitResult> done = new ConcurrentHashMap<>();

  /**
   * @param key the fit's key ({@link SamplingRuns#fit} with the kind of fit and the starts)
   * @param obs its points
   * @param fit makes the fit
   * @return the fit made earlier for the same key and points, else a new one
   */
  FitResult of(String key, Observations obs, Supplier<FitResult> fit) {
    Points p = new Points(key, obs.x(), obs.y());
    FitResult f = done.get(p);
    if (f == null) {
      f = fit.get();
      done.putIfAbsent(p, f);
    }
    return f;
  }

  /** A fit's key and points, equal when every value is (run ids do not change a fit). */
  private record Points(String key, double[][] x, double[] y, int hash) {
    Points(String key, double[][] x, double[] y) {
      this(key, x, y, 31 * (31 * key.hashCode() + Arrays.deepHashCode(x)) + Arrays.hashCode(y));
    }

    @Override
    public boolean equals(Object o) {
      return o instanceof Points p
          && hash == p.hash
          && key.equals(p.key)
          && Arrays.equals(y, p.y)
          && Arrays.deepEquals(x, p.x);
    }

    @Override
    public int hashCode() {
      return hash;
    }
  }
}
