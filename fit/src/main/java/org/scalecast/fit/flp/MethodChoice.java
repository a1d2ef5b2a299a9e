package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;

/**
 * The two choices of method per quantity: in advance, by the smallest leave-one-run-out error
 * (known before the target is trained), and in hindsight, by the smallest error against the
 * target's actual value. Both compare absolute errors; ties go to the earlier method.
 */
final class MethodChoice {
  private MethodChoice() {}

  /**
   * @param rows prediction rows with their leave-one-run-out errors
   * @return them with {@code chosenInAdvance} and {@code best} marked, at most one each per
   *     quantity; {@code best} is the hindsight choice when the actual value is known, else the
   *     advance choice
   */
  static List<PredictionRow> mark(List<PredictionRow> rows) {
    List<PredictionRow> out = new ArrayList<>(rows);
    smallest(rows, MethodChoice::loro)
        .values()
        .forEach(i -> out.set(i, out.get(i).asChosenInAdvance()));
    smallest(rows, MethodChoice::hindsight).values().forEach(i -> out.set(i, out.get(i).asBest()));
    return out;
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

  private static double loro(PredictionRow r) {
    return r.predicted() == null || r.loroAbsError() == null ? Double.NaN : r.loroAbsError();
  }

  /** Against the actual value when known, else the advance choice's error. */
  private static double hindsight(PredictionRow r) {
    if (r.predicted() == null) {
      return Double.NaN;
    }
    if (r.absError() != null) {
      return r.absError();
    }
    return r.loroAbsError() == null ? Double.NaN : r.loroAbsError();
  }
}
