package org.scalecast.fit.laws;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.results.InputException;

/** The registry of laws by name. A new law is a new class plus one line here. */
public final class Laws {
  private static final Map<String, Supplier<ScalingLaw>> REGISTRY = registry();

  private Laws() {}

  private static Map<String, Supplier<ScalingLaw>> registry() {
    Map<String, Supplier<ScalingLaw>> m = new LinkedHashMap<>();
    m.put("chinchilla", ChinchillaLaw::new);
    m.put("gadre-loss", GadreLossLaw::new);
    m.put("gadre-error", GadreErrorLaw::new);
    m.put("flp-loss", FlpLossLaw::new);
    m.put("flp-m", FlpMixtureLaw::new);
    m.put("ye-mix", YeMixingLaw::new);
    m.put("bimix", BiMixLaw::new);
    m.put("power", PowerLaw::new);
    m.put("linear", LinearLaw::new);
    m.put("sigmoid", SigmoidLaw::new);
    m.put("flops-accuracy", FlopsAccuracyLaw::new);
    m.put("log-flops-linear", LogFlopsLinearLaw::new);
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * @param name a registered law name
   * @return a new instance of that law
   * @throws InputException naming the known laws when the name is unknown
   */
  public static ScalingLaw byName(String name) {
    Supplier<ScalingLaw> s = REGISTRY.get(name);
    if (s == null) {
      throw new InputException(
          "unknown law '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return s.get();
  }

  /**
   * @return every registered name, in registration order
   */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }
}
