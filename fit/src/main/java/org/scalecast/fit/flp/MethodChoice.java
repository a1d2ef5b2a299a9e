package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 *   <li>Refusal ({@link Refusal}): the advance choice's row loses its number, with the reason, when
 *       every method's backtest error expected at the target's distance is above the spec's
 *       threshold ({@link BacktestSpec#refuseLoss} relative for losses, {@link
 *       BacktestSpec#refusePoints} for scores); when the chosen method was backtested on fewer
 *       held-out runs than others (it could not be fitted on the deeper backtests) and none of the
 *       methods backtested on every held-out run is within the threshold (nothing shows the
 *       quantity predictable at long range: on the OLMo ladder's ARC-Challenge, chains judged on
 *       their 4 shortest cases looked best at 2 points and missed the 13B by 12, while the direct
 *       fit, backtested on all 12, was expected at 24); or when a method within the threshold,
 *       backtested at least as deep as the chosen one (less deep: more than the threshold from the
 *       chosen prediction; or without enough backtest cases but with a leave-one-run-out error
 *       within it), predicts a value outside the chosen interval (then the interval does not
 *       describe the uncertainty). When no method has {@link BacktestSpec#minCases} cases,
 *       leave-one-run-out chooses (the row says so) and the quantity is refused when the chosen
 *       method's own few cases, or every method's, missed by more than the threshold, or, with no
 *       case at all, when every leave-one-run-out error is above it. Whatever the backtests say, a
 *       task no sampling run emerged on is refused at a far target ({@link Refusal#farUnemerged}).
 *       A refused row keeps the number it withholds: the methods' median ({@link Withheld}).
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
    // Judged as if a fit that did not converge had predicted nothing: it is not chosen and does not
    // clear a quantity's threshold (its disagreement still refuses: refusal). On OPT 125M-2.7B
    // (non-embedding N) power+gadre-error, not converged, was chosen for the 13B's mean error with
    // the interval [0, 1]: 0.106 against an actual 0.422 (thirteenth session, a new user).
    List<PredictionRow> judged =
        rows.stream()
            .map(r -> r.converged() ? r : r.withoutNumber(SamplingRuns.NOT_CONVERGED))
            .toList();
    Map<String, Integer> chosen = choose(judged, spec);
    for (int i : chosen.values()) {
      PredictionRow c = out.get(i).asChosenInAdvance();
      if (Double.isNaN(backtest(judged.get(i), spec))) { // leave-one-run-out chose
        c = c.withWarning(loroChoice(judged, rows, c, spec));
      }
      Refusal.Verdict why = Refusal.why(judged, rows, c, spec);
      why = why == null ? Refusal.farUnemerged(c, spec) : why;
      out.set(
          i,
          why == null
              ? c.withWarning(Refusal.nearDissent(rows, c, spec)).withWarning(unwidened(c))
              : refused(c, why));
    }
    Set<String> decided = new HashSet<>(chosen.keySet());
    unconverged(out, rows, decided, spec);
    unchecked(out, decided, spec);
    smallest(out, MethodChoice::hindsight).values().forEach(i -> out.set(i, out.get(i).asBest()));
    withheld(out, rows);
    return out;
  }

  /** Each refused row's withheld number from every method's row ({@link Withheld}). */
  private static void withheld(List<PredictionRow> out, List<PredictionRow> rows) {
    for (int i = 0; i < out.size(); i++) {
      if (out.get(i).notPredictable()) {
        out.set(i, Withheld.of(rows, out.get(i)));
      }
    }
  }

  /**
   * The chosen row refused for the reason; a refusal for its leave-one-run-out error drops the
   * check's own warning, which said the same again (a new user's Qwen ladder, seventeenth session).
   */
  static PredictionRow refused(PredictionRow c, Refusal.Verdict why) {
    boolean forLoro = why.reason().forLeaveOneRunOut() && c.method().equals(why.named());
    PredictionRow r = forLoro ? c.withoutWarnings(LeaveOneRunOutCheck::isWarning) : c;
    return r.asRefused(why.reason(), why.text());
  }

  /**
   * Per quantity, the row its errors choose: the smallest expected backtest error among the rows
   * whose backtests decide ({@link BacktestSpec#decides}), else the smallest leave-one-run-out
   * error (two scales, never mixed). A row chosen the second way has no deciding backtest.
   */
  private static Map<String, Integer> choose(List<PredictionRow> rows, BacktestSpec spec) {
    Map<String, Integer> chosen = smallest(rows, r -> backtest(r, spec));
    smallest(rows, MethodChoice::loro).forEach(chosen::putIfAbsent);
    return chosen;
  }

  /**
   * Refuses each quantity whose only checked methods (by backtest or leave-one-run-out) did not
   * converge: the one that the errors would have chosen, with the reason.
   */
  private static void unconverged(
      List<PredictionRow> out, List<PredictionRow> rows, Set<String> chosen, BacktestSpec spec) {
    Map<String, Integer> failed = choose(rows, spec);
    failed.keySet().removeAll(chosen);
    for (int i : failed.values()) {
      out.set(
          i,
          refused(
              out.get(i).asChosenInAdvance(),
              Refusal.Verdict.of(
                  RefusalReason.NOT_CONVERGED,
                  "the fit of every method that could be checked on them did not converge")));
    }
    chosen.addAll(failed.keySet());
  }

  /**
   * Refuses each quantity that no method could be checked on: no backtest case and no
   * leave-one-run-out error although it ran (two sampling runs: each fit from the other would have
   * one point). Its first row with a number is the one chosen, refused: before, such quantities had
   * no chosen row and printed their predictions unmarked (SmolLM 135M and 360M put the 1.7B's
   * HumanEval at 0.87, actual 0.02). A quantity every method failed on keeps no choice, as before;
   * with {@code leave_one_run_out: skip} one without enough backtest cases gets none either (the
   * config's choice, documented).
   */
  private static void unchecked(List<PredictionRow> out, Set<String> chosen, BacktestSpec spec) {
    if (spec.leaveOneRunOut() != BacktestSpec.Diagnostic.RUN) {
      return;
    }
    Map<String, Integer> first = new LinkedHashMap<>();
    Set<String> checked = new HashSet<>(chosen);
    for (int i = 0; i < out.size(); i++) {
      PredictionRow r = out.get(i);
      if (r.backtest() != null && r.backtest().cases() > 0) {
        checked.add(r.quantity());
      }
      if (r.predicted() != null) {
        first.putIfAbsent(r.quantity(), i);
      }
    }
    first.keySet().removeAll(checked);
    for (int i : first.values()) {
      out.set(
          i,
          refused(
              out.get(i).asChosenInAdvance(),
              Refusal.Verdict.of(
                  RefusalReason.UNCHECKED,
                  "no method could be checked on them (no"
                      + " backtest case, and no leave-one-run-out error: too few runs)")));
    }
  }

  /**
   * Says that leave-one-run-out chose: it measures interpolation, and the output's legend speaks of
   * backtests (a new user on the OPT ladder, 4 sampling runs, read the choice as a backtest's).
   */
  private static String loroChoice(
      List<PredictionRow> rows, List<PredictionRow> all, PredictionRow chosen, BacktestSpec spec) {
    int most = mostCases(rows, chosen);
    if (predicting(all, chosen) == 1) {
      // Nothing was chosen: "chosen by leave-one-run-out" over one method read as a choice (a new
      // user's MobileLLM ladder of scores, thirtieth session).
      return String.format(
          Locale.ROOT,
          "the only method that predicted it, checked by leave-one-run-out, which measures"
              + " interpolation: it has %d backtest cases (a choice by backtest needs %d)",
          most,
          spec.minCases());
    }
    // A fit that did not converge may have had the cases (a review of the thirteenth session's
    // change found "no method has 3" where an unconverged one had 6).
    String which = mostCases(all, chosen) > most ? "no method whose fit converged" : "no method";
    return String.format(
        Locale.ROOT,
        "chosen by leave-one-run-out, which measures interpolation: %s has %d backtest cases"
            + " (most: %d)",
        which,
        spec.minCases(),
        most);
  }

  /**
   * Says that a printed interval is the fit's own ({@link Calibration#NONE}: the chosen row has no
   * backtest case): a new user's Jais ladder read "90% interval" as calibrated; 9 of 12 held, 3 of
   * them 30-67 points wide (twenty-eighth session). Its own cases decide, not the most any method
   * has, and a refused row prints no interval (a review of the change).
   */
  private static String unwidened(PredictionRow chosen) {
    // Without the fit's own interval the printed one is another's (the threshold band alone).
    BacktestSummary b = chosen.backtest();
    boolean none = b == null || b.cases() == 0 && b.fitLower() != null;
    return none && chosen.predicted() != null && chosen.lower() != null
        ? "the interval is the fit's own, widened by no backtest: its coverage is unmeasured"
        : null;
  }

  /** How many methods of the chosen row's quantity predicted. */
  private static long predicting(List<PredictionRow> rows, PredictionRow chosen) {
    return rows.stream()
        .filter(r -> r.quantity().equals(chosen.quantity()) && r.predicted() != null)
        .count();
  }

  /** The most backtest cases of a method of the chosen row's quantity that predicted. */
  private static int mostCases(List<PredictionRow> rows, PredictionRow chosen) {
    return rows.stream()
        .filter(r -> r.quantity().equals(chosen.quantity()) && r.backtest() != null)
        .filter(r -> r.predicted() != null)
        .mapToInt(r -> r.backtest().cases())
        .max()
        .orElse(0);
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
  static double backtest(PredictionRow r, BacktestSpec spec) {
    return r.predicted() == null || !spec.decides(r.backtest())
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
