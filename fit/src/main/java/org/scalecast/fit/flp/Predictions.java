package org.scalecast.fit.flp;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What {@link TargetPredictor#predict} made: the rows, and the fits behind each row that has a
 * prediction (for figures that show what predicted).
 *
 * @param target the target
 * @param rows one row per quantity and method, in order
 * @param fits per quantity and method ({@link #key}), the method's fits for the target
 */
public record Predictions(Target target, List<PredictionRow> rows, Map<String, MethodFit> fits) {

  /** Copies. */
  public Predictions {
    rows = List.copyOf(rows);
    fits = Map.copyOf(fits);
  }

  /**
   * @param quantity a quantity
   * @param method a method
   * @return the method's fits for it, when it predicted
   */
  public Optional<MethodFit> fit(String quantity, String method) {
    return Optional.ofNullable(fits.get(key(quantity, method)));
  }

  static String key(String quantity, String method) {
    return quantity + "|" + method;
  }
}
