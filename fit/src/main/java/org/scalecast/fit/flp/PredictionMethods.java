package org.scalecast.fit.flp;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.InputException;

/**
 * The registry of prediction methods by name, like {@link org.scalecast.fit.laws.Laws}: a new
 * method is a new {@link PredictionMethod} plus one line here. Registration order is the order of a
 * quantity's rows.
 */
public final class PredictionMethods {
  private static final Map<String, PredictionMethod> REGISTRY = registry();

  private PredictionMethods() {}

  private static Map<String, PredictionMethod> registry() {
    Map<String, PredictionMethod> m = new LinkedHashMap<>();
    add(m, new FlpLossMethod());
    add(m, new PowerMethod());
    add(m, new ChinchillaMethod());
    add(m, new DirectMethod());
    // Instead of direct where the task's chains cannot run (no loss column).
    add(m, DirectBlendMethod.INSTANCE);
    add(m, new TaskChainMethod(LossStage.FLP_LOSS, TaskMap.EXPONENTIAL));
    add(m, new TaskChainMethod(LossStage.FLP_LOSS, TaskMap.LINEAR));
    add(m, new TaskChainMethod(LossStage.FLP_LOSS, TaskMap.SIGMOID));
    add(m, new GadreChainMethod());
    // Every loss law as the mean error chain's stage 1, as for the task chains.
    for (LossStage s1 : LossStage.values()) {
      add(m, new GadreChainMethod(s1));
    }
    // Only where those chains cannot run: no loss column to map from.
    add(m, new DirectMeanMethod());
    // Every other stage-1 law with every stage-2 map, e.g. chinchilla+sigmoid, the published
    // ladder method (Bhagia et al. 2024).
    for (LossStage s1 : List.of(LossStage.POWER, LossStage.CHINCHILLA)) {
      for (TaskMap s2 : TaskMap.values()) {
        add(m, new TaskChainMethod(s1, s2));
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  static void add(Map<String, PredictionMethod> m, PredictionMethod method) {
    if (m.putIfAbsent(method.name(), method) != null) {
      throw new IllegalStateException("two prediction methods named " + method.name());
    }
  }

  /**
   * @param name a registered method name
   * @return the method
   * @throws InputException naming the known methods when the name is unknown
   */
  public static PredictionMethod byName(String name) {
    PredictionMethod m = REGISTRY.get(name);
    if (m == null) {
      throw new InputException(
          "unknown prediction method '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return m;
  }

  /**
   * @return every registered name, in registration order
   */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * @param family a family of quantities
   * @return the methods that predict it, in registration order, default or not
   */
  public static List<PredictionMethod> of(Quantity.Family family) {
    return REGISTRY.values().stream().filter(m -> m.family() == family).toList();
  }
}
