package org.scalecast.fit.flpm;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code mixture optimize}'s JSON: each domain's law choice with its backtests, the prediction per
 * share, and the bootstrap's intervals and ties (null when not run).
 *
 * @param budget the compute budget C
 * @param laws domain loss column -> the chosen law and every candidate's backtests
 * @param points the prediction per share
 * @param best the share with the highest predicted objective
 * @param uncertainty the bootstrap summary, or null
 */
public record MixtureReport(
    double budget,
    Map<String, LawChoice> laws,
    List<MixturePoint> points,
    double best,
    MixtureUncertainty uncertainty) {

  /**
   * @param chosen the law serving the domain
   * @param backtests every candidate that could be fitted
   */
  public record LawChoice(String chosen, List<LawBacktest> backtests) {}

  /**
   * @param p the fitted predictor
   * @param budget the budget
   * @param points the points
   * @param u the bootstrap summary, or null
   * @return the report
   */
  public static MixtureReport of(
      MixturePredictor p, double budget, List<MixturePoint> points, MixtureUncertainty u) {
    Map<String, LawChoice> laws = new LinkedHashMap<>();
    p.domainFits()
        .forEach(
            (k, d) -> laws.put(k, new LawChoice(d.chosen(), List.copyOf(d.backtests().values()))));
    return new MixtureReport(budget, laws, points, MixturePoint.best(points).r(), u);
  }
}
