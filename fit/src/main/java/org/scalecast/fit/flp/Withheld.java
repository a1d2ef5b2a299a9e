package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The number a refused row withholds: not a prediction, the tool's best number for a user who needs
 * one anyway, and what the refusals are audited by where the actual value is known.
 *
 * <p>A refusal says that no single method can be trusted at the target, so its number is the median
 * of every converged method's number for the quantity (those in the kind's range: a loss above 0, a
 * score in [0, 1]; when no fit converged, of every method's), not the refused method's own, when at
 * least {@value #CONSENSUS} methods gave one: the median of two is their mean, no consensus, and it
 * pulls toward the method the choice ranked lower (the loss laws of Ruan et al.'s and
 * OPT/BLOOM/XGLM's configs, two per quantity, 16.9% -> 20.1% off over 14 refused losses; the
 * quickstart's code loss). With fewer, the refused method's own number. A refusal of a prediction
 * above a task's emergence threshold that no sampling run reached withholds the threshold: nothing
 * in the runs says where above it the task goes. Other refusals of such a task keep the median:
 * where every method's backtest error refused the row, predictions just above the threshold were
 * nearer the actual values than the threshold (real targets 0.94 against 4.31 points over 4 rows,
 * released-model tables 2.93 against 4.47 over 12).
 *
 * <p>Why (eighteenth session, the rows chosen in advance at {@code level: 0.9}): at the real 7-13B
 * targets of the OLMo, Cerebras-GPT and Pythia ladders the refused methods' own numbers were 8.16
 * points off over 58 refused tasks (disagreement refusals 3.06, shallow-method refusals 11.99); the
 * median, 2.12 and 4.88. A task no run emerged on was predicted far above its threshold by the
 * direct fit (Cerebras-GPT five-shot ARC-Challenge at 6.7B: 0.834, actual 0.314); the threshold was
 * 54.8 -> 5.6 points off at those real targets (2 rows), 12.9 -> 2.3 on the released-model tables
 * (30), DCLM 8.0 -> 6.5 (27), Qwen 20.6 -> 4.6 (2).
 */
final class Withheld {
  /** How many methods' numbers make a consensus. */
  static final int CONSENSUS = 3;

  private Withheld() {}

  /**
   * @param rows every method's row at the target, before any refusal (no row of them is refused)
   * @param refused the refused row chosen for its quantity
   * @return that row with its withheld number set as the class says; unchanged (its own number, or
   *     none) when no method of its quantity gave a number in the kind's range
   */
  static PredictionRow of(List<PredictionRow> rows, PredictionRow refused) {
    List<PredictionRow> mine =
        rows.stream()
            .filter(r -> r.quantity().equals(refused.quantity()) && r.predicted() != null)
            .filter(r -> refused.kind().outsideRange(r.predicted()) == null)
            .toList();
    List<Double> converged =
        mine.stream().filter(PredictionRow::converged).map(PredictionRow::predicted).toList();
    // Refused because no checked fit converged: their numbers are all there is (a review of the
    // change found this row keeping its own number alone).
    List<Double> values =
        converged.isEmpty() ? mine.stream().map(PredictionRow::predicted).toList() : converged;
    if (values.isEmpty()) {
      return refused;
    }
    double number =
        values.size() >= CONSENSUS || refused.withheld() == null
            ? median(values)
            : refused.withheld();
    BacktestSummary b = refused.backtest();
    if (Refusal.noRunEmerged(b) && refused.refusal().aboveThreshold()) {
      number = Math.min(number, b.emergence());
    }
    return refused.withWithheld(number);
  }

  /**
   * @param values numbers, at least one
   * @return their median, the mean of the two middle ones for an even count
   */
  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
