package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The two choices of method per quantity, and the refusal of a quantity.
 *
 * <ul>
 *   <li>In advance (known before the target is trained): the smallest expected backtest error at
 *       the target's extrapolation distance ({@link Backtest}) among the methods with at least
 *       {@link BacktestSpec#minCases} cases and no fewer than the quantity's best-backtested method
 *       (a method that could not be fitted on the deeper backtests, such as a task chain whose
 *       stage 2 has too few emerged checkpoints once the top half of the ladder is held out, has an
 *       unknown long-range error: on the OLMo ladder such chains, judged on their 4 shortest cases
 *       only, missed ARC-Challenge's 13B by 12 points); leave-one-run-out measures interpolation
 *       and only decides when no method has enough backtest cases.
 *   <li>In hindsight ({@code best}): the smallest error against the target's actual value; without
 *       one, the advance choice.
 *   <li>Refusal: the advance choice's row loses its number, with the reason, when every method's
 *       backtest error expected at the target's distance is above the spec's threshold ({@link
 *       BacktestSpec#refuseLoss} relative for losses, {@link BacktestSpec#refusePoints} for
 *       scores), or when the methods within the threshold disagree by more than the chosen
 *       interval's width (then the interval does not describe the uncertainty).
 * </ul>
 *
 * Ties go to the earlier method.
 */
final class MethodChoice {
  private MethodChoice() {}

  /**
   * @param rows prediction rows with their backtest summaries and leave-one-run-out errors
   * @param spec refusal thresholds
   * @return them with {@code chosenInAdvance} and {@code best} marked, at most one each per
   *     quantity, the chosen row refused when the quantity is not predictable
   */
  static List<PredictionRow> mark(List<PredictionRow> rows, BacktestSpec spec) {
    List<PredictionRow> out = new ArrayList<>(rows);
    Map<String, Integer> full = mostCases(rows);
    Map<String, Integer> chosen = smallest(rows, r -> backtest(r, spec, full));
    smallest(rows, MethodChoice::loro).forEach(chosen::putIfAbsent);
    for (Map.Entry<String, Integer> e : chosen.entrySet()) {
      int i = e.getValue();
      PredictionRow c = out.get(i).asChosenInAdvance();
      String why = refusal(rows, c, spec, full);
      out.set(i, why == null ? c : c.asRefused(why));
    }
    smallest(out, MethodChoice::hindsight).values().forEach(i -> out.set(i, out.get(i).asBest()));
    return out;
  }

  /**
   * @return why the quantity of the chosen row is not predictable from these runs, or null
   */
  static String refusal(
      List<PredictionRow> rows,
      PredictionRow chosen,
      BacktestSpec spec,
      Map<String, Integer> full) {
    double limit = spec.refusal(chosen.kind());
    Map<String, PredictionRow> tested = new LinkedHashMap<>();
    for (PredictionRow r : rows) {
      if (r.quantity().equals(chosen.quantity()) && Double.isFinite(backtest(r, spec, full))) {
        tested.put(r.method(), r);
      }
    }
    if (tested.isEmpty()) {
      return null;
    }
    List<PredictionRow> credible =
        tested.values().stream().filter(r -> expected(r) <= limit).toList();
    if (credible.isEmpty()) {
      PredictionRow least =
          tested.values().stream()
              .min((a, b) -> Double.compare(expected(a), expected(b)))
              .orElseThrow();
      return String.format(
          Locale.ROOT,
          "not predictable from these runs: every method's backtest error, scaled to the target's"
              + " extrapolation distance, is above %s (smallest: %s, %s)%s",
          chosen.kind().formatError(limit),
          least.method(),
          chosen.kind().formatError(expected(least)),
          incomplete(rows, chosen.quantity(), full));
    }
    return disagreement(rows, chosen, spec);
  }

  /**
   * Why the methods within the threshold disagree by more than the chosen interval's width, or
   * null. Methods with fewer backtest cases than the best-backtested one count here, though they
   * cannot be chosen: on the OLMo ladder's OpenBookQA, the direct fit (12 cases) was chosen and
   * missed the 13B by 13 points, while the chains within the threshold (4 cases each) predicted
   * 15-29 points lower.
   */
  private static String disagreement(
      List<PredictionRow> rows, PredictionRow chosen, BacktestSpec spec) {
    double limit = spec.refusal(chosen.kind());
    List<PredictionRow> credible =
        rows.stream()
            .filter(r -> r.quantity().equals(chosen.quantity()))
            .filter(r -> Double.isFinite(backtest(r, spec, Map.of())) && expected(r) <= limit)
            .toList();
    if (credible.size() < 2 || chosen.lower() == null) {
      return null;
    }
    double lo = credible.stream().mapToDouble(PredictionRow::predicted).min().orElseThrow();
    double hi = credible.stream().mapToDouble(PredictionRow::predicted).max().orElseThrow();
    double width = chosen.upper() - chosen.lower();
    if (hi - lo <= width) {
      return null;
    }
    return String.format(
        Locale.ROOT,
        "not predictable from these runs: the methods within the backtest threshold (%s)"
            + " disagree by %.4g, more than the chosen interval's width %.4g",
        String.join(", ", credible.stream().map(PredictionRow::method).toList()),
        hi - lo,
        width);
  }

  /** Names the methods left out of the choice for their incomplete backtests, if any. */
  private static String incomplete(
      List<PredictionRow> rows, String quantity, Map<String, Integer> full) {
    List<String> partial =
        rows.stream()
            .filter(r -> r.quantity().equals(quantity) && r.predicted() != null)
            .filter(r -> r.backtest() != null && r.backtest().cases() > 0)
            .filter(r -> r.backtest().cases() < full.get(quantity))
            .map(r -> r.method() + " " + r.backtest().cases())
            .toList();
    return partial.isEmpty()
        ? ""
        : String.format(
            Locale.ROOT,
            "; not counted, backtested on fewer than the %d held-out runs of the others: %s",
            full.get(quantity),
            String.join(", ", partial));
  }

  /** The most backtest cases of any method with a prediction, by quantity. */
  private static Map<String, Integer> mostCases(List<PredictionRow> rows) {
    Map<String, Integer> most = new HashMap<>();
    for (PredictionRow r : rows) {
      if (r.predicted() != null && r.backtest() != null) {
        most.merge(r.quantity(), r.backtest().cases(), Math::max);
      }
    }
    return most;
  }

  private static double expected(PredictionRow r) {
    return r.backtest().expectedError();
  }

  private static Map<String, Integer> smallest(
      List<PredictionRow> rows, ToDoubleFunction<PredictionRow> error) {
    Map<String, Integer> best = new HashMap<>();
    for (int i = 0; i < rows.size(); i++) {
      double e = error.applyAsDouble(rows.get(i));
      Integer b = best.get(rows.get(i).quantity());
      if (Double.isFinite(e) && (b == null || e < error.applyAsDouble(rows.get(b)))) {
        best.put(rows.get(i).quantity(), i);
      }
    }
    return best;
  }

  /**
   * The expected error at the target's extrapolation distance, for a row with a prediction and at
   * least {@link BacktestSpec#minCases} backtest cases, as many as its quantity's best-backtested
   * method; NaN otherwise.
   */
  private static double backtest(PredictionRow r, BacktestSpec spec, Map<String, Integer> full) {
    return r.predicted() == null
            || r.backtest() == null
            || r.backtest().expectedError() == null
            || r.backtest().cases() < Math.max(spec.minCases(), full.getOrDefault(r.quantity(), 0))
        ? Double.NaN
        : r.backtest().expectedError();
  }

  private static double loro(PredictionRow r) {
    return r.predicted() == null || r.loroAbsError() == null ? Double.NaN : r.loroAbsError();
  }

  /** Against the actual value when known, else the advance choice's key. */
  private static double hindsight(PredictionRow r) {
    if (r.predicted() == null) {
      return Double.NaN;
    }
    if (r.absError() != null) {
      return r.absError();
    }
    if (r.chosenInAdvance()) {
      return -1; // without an actual value, the advance choice
    }
    return Double.NaN;
  }
}
