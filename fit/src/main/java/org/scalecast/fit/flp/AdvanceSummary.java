package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.scalecast.results.QuantityKind;

/**
 * What the methods chosen in advance gave for one target, per group of quantities (losses, tasks,
 * the mean error): how many were predicted and refused (a quantity every method failed on has no
 * row chosen in advance, and counts as refused) and, where the target's actual values are known,
 * the mean error of the predicted ones and how many of their intervals held. It is issue 10's own
 * measure (the error on the tasks not refused, and coverage); a user had to filter the {@code +}
 * rows out of a table of every method, or the {@code --json} rows, and average by hand.
 *
 * @param group what the rows are: {@code losses}, {@code tasks} or {@code mean_error}
 * @param kind their kind, for the error's unit
 * @param quantities quantities of the group
 * @param predicted of those, how many have a prediction chosen in advance
 * @param unchosen of those, how many have no row chosen in advance: every method failed, or no
 *     method could be checked and {@code leave_one_run_out: skip} left the choice out
 * @param withActual of the predicted ones, how many have an actual value
 * @param meanError the mean error of those, in the kind's unit, or NaN
 * @param held of those with an actual value and an interval, how many intervals held it
 * @param withInterval of those with an actual value, how many have an interval
 * @param medianWidth the median width of the predicted rows' intervals in the kind's unit (relative
 *     to the prediction for a loss, in points for a score), or NaN without one: issue 10 asks for
 *     intervals that hold "not by being uselessly wide", and a new user's Falcon-H1 ladder held
 *     every interval at 31-64 points without the line saying so (nineteenth session)
 * @param withheldWithActual of the refused ones, how many withheld a number and have an actual
 *     value: the audit of the refusals (were the numbers they withheld worse?)
 * @param withheldMeanError the mean error of those withheld numbers, or NaN
 * @param refusals of the refused ones, how many each rule refused, in the rules' order: the line
 *     says which rules cost the group its numbers without the user reading every row's reason
 *     (nineteenth session)
 */
public record AdvanceSummary(
    String group,
    QuantityKind kind,
    int quantities,
    int predicted,
    int unchosen,
    int withActual,
    double meanError,
    int held,
    int withInterval,
    double medianWidth,
    int withheldWithActual,
    double withheldMeanError,
    Map<RefusalReason, Integer> refusals) {

  /**
   * @param rows one target's rows
   * @return one summary per group that has a row: losses, tasks, the mean error
   */
  public static List<AdvanceSummary> of(List<PredictionRow> rows) {
    return ofTargets(List.of(rows));
  }

  /**
   * The same over several targets together, each target's quantity counted apart: a user with 9
   * targets wrote a script to add up the per-target lines (Gemstones, twenty-seventh session).
   *
   * @param targets per target, its rows
   * @return one summary per group that has a row
   */
  public static List<AdvanceSummary> ofTargets(List<List<PredictionRow>> targets) {
    List<AdvanceSummary> out = new ArrayList<>();
    add(out, "losses", QuantityKind.LOSS, targets, r -> r.kind() == QuantityKind.LOSS);
    add(out, "tasks", QuantityKind.SCORE, targets, r -> r.kind() == QuantityKind.SCORE && !mean(r));
    add(out, Quantity.MEAN_ERROR, QuantityKind.SCORE, targets, AdvanceSummary::mean);
    return out;
  }

  /**
   * @param targets named targets' predictions, as {@code predict} and {@code report} make them
   * @return {@link #ofTargets} of their rows
   */
  public static List<AdvanceSummary> ofNamed(List<Targets.Named> targets) {
    return ofTargets(targets.stream().map(n -> n.predictions().rows()).toList());
  }

  /**
   * @param rows one target's rows
   * @return per quantity, in order, its row chosen in advance, or, for a quantity without one
   *     (every method failed, or none could be checked), a refusal saying so with its first
   *     method's reason: what {@code predict} and {@code report.md} list as the prediction
   */
  public static List<PredictionRow> perQuantity(List<PredictionRow> rows) {
    Map<String, PredictionRow> by = new LinkedHashMap<>();
    for (PredictionRow r : rows) {
      by.putIfAbsent(r.quantity(), unchosen(r));
      if (r.chosenInAdvance()) {
        by.put(r.quantity(), r);
      }
    }
    return List.copyOf(by.values());
  }

  private static PredictionRow unchosen(PredictionRow first) {
    return PredictionRow.refusal(
        first.quantity(),
        first.kind(),
        "-",
        first.actual() == null ? Double.NaN : first.actual(),
        "no method chosen: none could predict, or be checked ("
            + first.method()
            + ": "
            + first.warning()
            + ")");
  }

  private static boolean mean(PredictionRow r) {
    return r.quantity().equals(Quantity.MEAN_ERROR);
  }

  private static void add(
      List<AdvanceSummary> out,
      String group,
      QuantityKind kind,
      List<List<PredictionRow>> targets,
      Predicate<PredictionRow> in) {
    List<PredictionRow> mine = new ArrayList<>();
    Set<String> quantities = new LinkedHashSet<>(); // per target: its index, then the quantity
    for (int t = 0; t < targets.size(); t++) {
      for (PredictionRow r : targets.get(t)) {
        if (in.test(r)) {
          mine.add(r);
          quantities.add(t + "\u0000" + r.quantity());
        }
      }
    }
    if (quantities.isEmpty()) {
      return;
    }
    List<PredictionRow> chosen = mine.stream().filter(PredictionRow::chosenInAdvance).toList();
    List<PredictionRow> predicted = chosen.stream().filter(r -> r.predicted() != null).toList();
    List<PredictionRow> known = predicted.stream().filter(r -> r.error() != null).toList();
    double mean = known.stream().mapToDouble(PredictionRow::error).average().orElse(Double.NaN);
    List<PredictionRow> bounded = known.stream().filter(r -> r.covered() != null).toList();
    int held = (int) bounded.stream().filter(PredictionRow::covered).count();
    List<Double> withheld =
        chosen.stream().map(PredictionRow::withheldError).filter(e -> e != null).toList();
    Map<RefusalReason, Integer> refusals = new EnumMap<>(RefusalReason.class);
    chosen.stream()
        .map(PredictionRow::refusal)
        .filter(r -> r != null)
        .forEach(r -> refusals.merge(r, 1, Integer::sum));
    out.add(
        new AdvanceSummary(
            group,
            kind,
            quantities.size(),
            predicted.size(),
            quantities.size() - chosen.size(),
            known.size(),
            mean,
            held,
            bounded.size(),
            medianWidth(predicted),
            withheld.size(),
            withheld.stream().mapToDouble(Double::doubleValue).average().orElse(Double.NaN),
            Collections.unmodifiableMap(refusals)));
  }

  /** The median of the rows' interval widths in their kind's unit; NaN when none has one. */
  private static double medianWidth(List<PredictionRow> rows) {
    List<Double> w =
        rows.stream()
            .filter(r -> r.lower() != null && r.upper() != null)
            .map(AdvanceSummary::width)
            .toList();
    return w.isEmpty() ? Double.NaN : Withheld.median(w);
  }

  private static double width(PredictionRow r) {
    double w = r.upper() - r.lower();
    return r.kind() == QuantityKind.LOSS ? w / Math.abs(r.predicted()) : w;
  }

  /**
   * @param level the intervals' coverage, e.g. 0.9
   * @return one line, e.g. {@code tasks: 4 of 8 predicted, 4 refused (1 backtest_above, 2
   *     short_range_only, 1 disagreement); against the actual values: mean absolute error 1.3 pt
   *     over 4, 4 of 4 95% intervals held; the numbers the refusals withheld: mean absolute error
   *     4.2 pt over 4; printed and withheld together: 2.8 pt over 8} (the last where both are
   *     known: issue 10 compares with the published method over every task, and a user added the
   *     two by hand; eighteenth session)
   */
  public String line(double level) {
    String head =
        String.format(
            Locale.ROOT,
            "%s: %d of %d predicted, %d refused",
            group,
            predicted,
            quantities,
            quantities - predicted);
    List<String> each = new ArrayList<>();
    refusals.forEach((r, n) -> each.add(n + " " + r.key()));
    if (unchosen > 0) {
      each.add(
          String.format(
              Locale.ROOT,
              "%d with no method chosen: none could predict, or be checked",
              unchosen));
    }
    if (!each.isEmpty()) {
      head += " (" + String.join(", ", each) + ")";
    }
    if (withActual > 0) {
      head +=
          String.format(
              Locale.ROOT,
              "; against the actual values: mean absolute error %s over %d",
              kind.formatError(meanError),
              withActual);
      if (withInterval > 0) {
        head +=
            String.format(
                Locale.ROOT,
                ", %d of %d %.0f%% intervals held, median width %s",
                held,
                withInterval,
                100 * level,
                kind.formatError(medianWidth));
      }
    } else if (!Double.isNaN(medianWidth)) {
      head +=
          String.format(
              Locale.ROOT,
              "; %.0f%% intervals' median width %s",
              100 * level,
              kind.formatError(medianWidth));
    }
    if (withheldWithActual == 0) {
      return head;
    }
    head +=
        String.format(
            Locale.ROOT,
            "; %s: mean absolute error %s over %d",
            withheldWithActual == 1
                ? "the number the refusal withheld"
                : "the numbers the refusals withheld",
            kind.formatError(withheldMeanError),
            withheldWithActual);
    return withActual == 0
        ? head
        : head
            + String.format(
                Locale.ROOT,
                "; printed and withheld together: %s over %d",
                kind.formatError(togetherMeanError()),
                withActual + withheldWithActual);
  }

  /**
   * @return the mean error of the printed and the withheld numbers together, over every quantity
   *     chosen in advance that has an actual value; {@link #line} asks only when both are known
   */
  private double togetherMeanError() {
    return (meanError * withActual + withheldMeanError * withheldWithActual)
        / (withActual + withheldWithActual);
  }
}
