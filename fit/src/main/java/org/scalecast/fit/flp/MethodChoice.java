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
 *       {@link BacktestSpec#minCases} cases; leave-one-run-out measures interpolation and only
 *       decides when no method has enough backtest cases.
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
    Map<String, Integer> chosen = smallest(rows, r -> backtest(r, spec));
    smallest(rows, MethodChoice::loro).forEach(chosen::putIfAbsent);
    for (Map.Entry<String, Integer> e : chosen.entrySet()) {
      int i = e.getValue();
      PredictionRow c = out.get(i).asChosenInAdvance();
      String why = refusal(rows, c, spec);
      out.set(i, why == null ? c : c.asRefused(why));
    }
    smallest(out, MethodChoice::hindsight).values().forEach(i -> out.set(i, out.get(i).asBest()));
    return out;
  }

  /**
   * @return why the quantity of the chosen row is not predictable from these runs, or null
   */
  static String refusal(List<PredictionRow> rows, PredictionRow chosen, BacktestSpec spec) {
    double limit = spec.refusal(chosen.kind());
    Map<String, PredictionRow> tested = new LinkedHashMap<>();
    for (PredictionRow r : rows) {
      if (r.quantity().equals(chosen.quantity()) && Double.isFinite(backtest(r, spec))) {
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
              + " extrapolation distance, is above %s (smallest: %s, %s)",
          chosen.kind().formatError(limit),
          least.method(),
          chosen.kind().formatError(expected(least)));
    }
    if (credible.size() >= 2 && chosen.lower() != null) {
      double lo = credible.stream().mapToDouble(PredictionRow::predicted).min().orElseThrow();
      double hi = credible.stream().mapToDouble(PredictionRow::predicted).max().orElseThrow();
      double width = chosen.upper() - chosen.lower();
      if (hi - lo > width) {
        return String.format(
            Locale.ROOT,
            "not predictable from these runs: the methods within the backtest threshold (%s)"
                + " disagree by %.4g, more than the chosen interval's width %.4g",
            String.join(", ", credible.stream().map(PredictionRow::method).toList()),
            hi - lo,
            width);
      }
    }
    return null;
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
   * least {@link BacktestSpec#minCases} backtest cases; NaN otherwise.
   */
  private static double backtest(PredictionRow r, BacktestSpec spec) {
    return r.predicted() == null
            || r.backtest() == null
            || r.backtest().expectedError() == null
            || r.backtest().cases() < spec.minCases()
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
