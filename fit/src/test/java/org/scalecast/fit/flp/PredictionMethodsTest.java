package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.scalecast.results.InputException;

/** The registry of prediction methods, like the laws'. */
class PredictionMethodsTest {
  @Test
  void everyNameIsUniqueAndResolvesToItsMethod() {
    List<String> names = PredictionMethods.names();
    assertEquals(
        List.of(
            "flp-loss",
            "power",
            "chinchilla",
            "direct",
            "direct-blend",
            "flp-exponential",
            "flp-linear",
            "flp-sigmoid",
            "gadre-chain",
            "flp-loss+gadre-error",
            "power+gadre-error",
            "chinchilla+gadre-error",
            "direct-mean",
            "power+linear",
            "power+sigmoid",
            "power+exponential",
            "chinchilla+linear",
            "chinchilla+sigmoid",
            "chinchilla+exponential"),
        names);
    assertEquals(names.size(), new HashSet<>(names).size());
    for (String n : names) {
      assertEquals(n, PredictionMethods.byName(n).name());
    }
    InputException e = assertThrows(InputException.class, () -> PredictionMethods.byName("nope"));
    assertTrue(e.getMessage().contains("known: flp-loss, power"), e.getMessage());
  }

  @Test
  void everyRegisteredMethodGivesARowForItsQuantitiesAndNothingElseDoes() {
    List<PredictionRow> rows =
        TargetPredictor.predict(
                TargetPredictorTest.table(),
                new PredictSpec(
                    Map.of("run_id", "target"),
                    null,
                    null,
                    List.of(new PredictSpec.TaskSpec("task_acc", 0.25, null)),
                    null,
                    null))
            .rows();
    for (Quantity.Family f : Quantity.Family.values()) {
      String q =
          switch (f) {
            case LOSS -> "val_loss_mix";
            case TASK -> "task_acc";
            case MEAN_ERROR -> "mean_error";
          };
      // direct-mean and direct-blend run only where the chains cannot: this table has a loss.
      assertEquals(
          PredictionMethods.of(f).stream()
              .map(PredictionMethod::name)
              .filter(n -> !n.equals("direct-mean") && !n.equals("direct-blend"))
              .toList(),
          rows.stream().filter(r -> r.quantity().equals(q)).map(PredictionRow::method).toList(),
          q);
    }
  }

  @Test
  void aNewMethodIsOneRegistryLineAndANameIsTakenOnce() {
    PredictionMethod extra =
        new PredictionMethod() {
          @Override
          public String name() {
            return "constant";
          }

          @Override
          public Quantity.Family family() {
            return Quantity.Family.LOSS;
          }

          @Override
          public MethodFit predict(Quantity q, SamplingRuns runs) {
            return new MethodFit(1, Double.NaN, Double.NaN, null, List.of());
          }
        };
    Map<String, PredictionMethod> m = new LinkedHashMap<>();
    PredictionMethods.add(m, extra);
    assertEquals(Set.of("constant"), m.keySet());
    assertThrows(IllegalStateException.class, () -> PredictionMethods.add(m, extra));
  }
}
