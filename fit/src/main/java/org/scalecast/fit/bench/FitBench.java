package org.scalecast.fit.bench;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.Arrays;
import java.util.Map;
import org.scalecast.fit.Bootstrap;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.Objective;
import org.scalecast.fit.Observations;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.fit.laws.SyntheticChinchilla;

/**
 * What {@code scalecast bench fit} measures: a Chinchilla fit on the Besiroglu et al. grid of
 * synthetic points (published coefficients, 1% noise) and its bootstrap, cold (the first repeat)
 * and warm (the best repeat). Field names are the snake_case keys of its JSON.
 *
 * @param points observations fitted
 * @param starts multi-start grid size
 * @param startsConverged starts that converged
 * @param objective the objective's spec
 * @param fitSecondsFirst the first fit
 * @param fitSecondsBest the fastest fit
 * @param bootstrapReplicates bootstrap refits per repeat
 * @param bootstrapFailed refits that failed in the last repeat
 * @param bootstrapSecondsFirst the first bootstrap
 * @param bootstrapSecondsBest the fastest bootstrap
 * @param params the fitted parameters
 * @param threads available cores
 */
@JsonPropertyOrder({
  "points",
  "starts",
  "starts_converged",
  "objective",
  "fit_seconds_first",
  "fit_seconds_best",
  "bootstrap_replicates",
  "bootstrap_failed",
  "bootstrap_seconds_first",
  "bootstrap_seconds_best",
  "params",
  "threads"
})
public record FitBench(
    int points,
    int starts,
    int startsConverged,
    String objective,
    double fitSecondsFirst,
    double fitSecondsBest,
    int bootstrapReplicates,
    int bootstrapFailed,
    double bootstrapSecondsFirst,
    double bootstrapSecondsBest,
    Map<String, Double> params,
    int threads) {

  /** The objective Besiroglu et al. (2024) refit Chinchilla with. */
  public static final String OBJECTIVE = "huber-log:1e-3";

  /**
   * @param sizes model sizes in the synthetic grid
   * @param budgets token budgets per size
   * @param replicates bootstrap refits per repeat
   * @param repeats timed repeats, at least 1
   * @return the measurement
   */
  public static FitBench measure(int sizes, int budgets, int replicates, int repeats) {
    Observations obs = SyntheticChinchilla.generate(sizes, budgets, 0.01, 42);
    ChinchillaLaw law = new ChinchillaLaw();
    LawFitter fitter = LawFitter.create().withObjective(Objective.parse(OBJECTIVE));
    double[] fitSeconds = new double[repeats];
    double[] bootSeconds = new double[repeats];
    FitResult fit = null;
    Bootstrap.Result boot = null;
    for (int r = 0; r < repeats; r++) {
      long t0 = System.nanoTime();
      fit = fitter.fit(law, obs);
      long t1 = System.nanoTime();
      boot = Bootstrap.run(fitter, law, obs, fit, replicates, r);
      long t2 = System.nanoTime();
      fitSeconds[r] = (t1 - t0) / 1e9;
      bootSeconds[r] = (t2 - t1) / 1e9;
    }
    return new FitBench(
        obs.size(),
        fit.starts(),
        fit.startsConverged(),
        fitter.objective().spec(),
        fitSeconds[0],
        min(fitSeconds),
        replicates,
        boot.failed(),
        bootSeconds[0],
        min(bootSeconds),
        fit.paramMap(),
        Runtime.getRuntime().availableProcessors());
  }

  private static double min(double[] v) {
    return Arrays.stream(v).min().orElse(Double.NaN);
  }
}
