package org.scalecast.fit.flpm;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.fit.FitResult;
import org.scalecast.fit.LawFitter;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.laws.Laws;
import org.scalecast.results.InputException;

/**
 * One domain's loss law, chosen among the mixture laws by backtests (issue 13): each candidate is
 * fitted on every final run and backtested ({@link LawBacktest}); the one with the fewest shares it
 * cannot predict, then the smallest {@link LawBacktest#score()}, then the earliest in {@link
 * #CANDIDATES} serves the domain.
 */
public final class DomainFit {
  /** The mixture laws compared, the paper's first so it wins exact ties. */
  public static final List<String> CANDIDATES = List.of("flp-m", "ye-mix", "bimix");

  private final DomainRuns runs;
  private final Map<String, FitResult> fits = new LinkedHashMap<>();
  private final Map<String, LawBacktest> backtests = new LinkedHashMap<>();
  private String chosen;

  private DomainFit(DomainRuns runs) {
    this.runs = runs;
  }

  /**
   * @param domain the loss column, for messages
   * @param runs its final runs
   * @param candidates law names to compare
   * @return the fits, backtests and the chosen law
   */
  public static DomainFit fit(String domain, DomainRuns runs, List<String> candidates) {
    DomainFit d = new DomainFit(runs);
    for (String name : candidates) {
      ScalingLaw law = Laws.byName(name);
      try {
        d.fits.put(name, fitter(law).fit(law, runs.observations(law, runs.all())));
      } catch (InputException e) {
        continue; // too few runs for this law: it cannot be chosen, the others still can
      }
      d.backtests.put(name, LawBacktest.run(law, runs));
    }
    d.chosen =
        d.backtests.values().stream()
            .min(
                Comparator.comparingInt(LawBacktest::unpredictable)
                    .thenComparingDouble(LawBacktest::score))
            .map(LawBacktest::law)
            .orElseThrow(() -> new InputException(domain + ": no mixture law could be fitted"));
    return d;
  }

  static LawFitter fitter(ScalingLaw law) {
    return LawFitter.create().withObjective(law.defaultObjective());
  }

  /**
   * @param c compute
   * @param r share of the optimised domain
   * @return the chosen law's prediction; +inf where it is undefined (BiMix at a zero own share)
   */
  public double predict(double c, double r) {
    return predict(fit().params(), c, r);
  }

  /**
   * @param params parameters of the chosen law (e.g. a bootstrap replicate's)
   * @param c compute
   * @param r share of the optimised domain
   * @return the prediction
   */
  public double predict(double[] params, double c, double r) {
    ScalingLaw law = fit().law();
    return runs.defined(law, r)
        ? law.value(runs.inputs(law, c, r), params)
        : Double.POSITIVE_INFINITY;
  }

  /**
   * @return the chosen law's name
   */
  public String chosen() {
    return chosen;
  }

  /**
   * @return the chosen law's full-data fit
   */
  public FitResult fit() {
    return fits.get(chosen);
  }

  /**
   * @return law name -> backtest, for every law that could be fitted
   */
  public Map<String, LawBacktest> backtests() {
    return backtests;
  }

  /**
   * @return the runs fitted
   */
  public DomainRuns runs() {
    return runs;
  }
}
