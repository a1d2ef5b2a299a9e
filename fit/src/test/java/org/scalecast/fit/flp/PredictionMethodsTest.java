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
import org.scalecast.fit.Observations;
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

  /**
   * XGLM 564M-2.9B (thirteenth session, a new user): the curve half at chance with no interval, the
   * line's interval alone excluded the blend's own number, 0.640 [0.642, 0.678].
   */
  @Test
  void aBlendsIntervalHoldsItsOwnPrediction() {
    double[] v =
        DirectBlendMethod.blend(
            new MethodFit(0.62, Double.NaN, Double.NaN, null, List.of()),
            new MethodFit(0.66, 0.642, 0.678, null, List.of()),
            0,
            0);
    assertEquals(0.64, v[0], 1e-12);
    assertTrue(v[1] <= v[0] && v[0] <= v[2], java.util.Arrays.toString(v));
    assertEquals(0.62, v[1], 1e-12);
    assertEquals(0.678, v[2], 1e-12);
    double[] both =
        DirectBlendMethod.blend(
            new MethodFit(0.5, 0.45, 0.55, null, List.of()),
            new MethodFit(0.6, 0.56, 0.64, null, List.of()),
            0.25,
            0.25);
    assertEquals(0.45, both[1], 1e-12, "with both intervals, their hull as before");
    assertEquals(0.64, both[2], 1e-12);
    double[] none =
        DirectBlendMethod.blend(
            new MethodFit(0.5, Double.NaN, Double.NaN, null, List.of()),
            new MethodFit(0.6, Double.NaN, Double.NaN, null, List.of()),
            0.25,
            0.25);
    assertTrue(Double.isNaN(none[1]) && Double.isNaN(none[2]), "no interval from none");
  }

  /**
   * DCLM's 412M-1.4B runs (fourteenth session, a new user): the line half fell below chance where
   * the runs sat at it, and the blend put CommonsenseQA at 0.166 (chance 0.2; the 7B scored 0.254).
   * A half's value is floored at chance; where the runs themselves end below chance (an
   * inverse-scaling task), the floor is the lowest of them (review of the change: a floor at chance
   * pinned both halves and the interval's lower end to it). The interval's ends take the same floor
   * (twenty-eighth session: a new user's Jais BoolQ, chance 0.62 and runs at 0.60-0.67, got [0.000,
   * 1.000]).
   */
  @Test
  void aBlendsHalvesStayAtOrAboveChanceOrTheLowestRun() {
    double[] v =
        DirectBlendMethod.blend(
            new MethodFit(0.2, 0.2, 0.22, null, List.of()),
            new MethodFit(0.132, 0.05, 0.19, null, List.of()),
            0.2,
            0.2);
    assertEquals(0.2, v[0], 1e-12);
    assertEquals(0.2, v[1], 1e-12, "the line's lower end 0.05, raised to the floor");
    assertEquals(0.22, v[2], 1e-12);
    double[] below =
        DirectBlendMethod.blend(
            new MethodFit(0.2, 0.15, 0.22, null, List.of()),
            new MethodFit(0.132, 0.05, 0.19, null, List.of()),
            0.17,
            0.17);
    assertEquals(0.17, below[1], 1e-12, "a floor below chance (the lowest run) bounds it there");
    double chance = 0.25;
    MethodFit atChance = half(new double[] {0.02, 0.0, -0.01});
    assertEquals(chance - 0.75 * 0.01, DirectBlendMethod.floor(atChance, chance), 1e-12);
    MethodFit above = half(new double[] {0.1, 0.2});
    assertEquals(chance, DirectBlendMethod.floor(above, chance), 1e-12);
  }

  /**
   * The ends' floor is 0 only for a falling task whose lowest run, its last, is below chance; a
   * falling task above chance keeps chance (a review: its interval was [0, 1]).
   */
  @Test
  void aBlendsEndsAreFlooredButBelowAFallingTasksLastRun() {
    double[][] c = {{1e18}, {1e19}, {1e20}, {1e21}};
    Observations above =
        Observations.of(List.of("C"), "P", c, new double[] {0.4, 0.27, 0.33, 0.07});
    assertEquals(0.25, DirectBlendMethod.endFloor(above, 0.25, 0.25), 1e-12);
    Observations below =
        Observations.of(List.of("C"), "P", c, new double[] {0.1, 0.0, -0.02, -0.1});
    assertEquals(0, DirectBlendMethod.endFloor(below, 0.175, 0.25), 1e-12);
    Observations rises = Observations.of(List.of("C"), "P", c, new double[] {-0.1, 0.0, 0.1, 0.2});
    assertEquals(0.175, DirectBlendMethod.endFloor(rises, 0.175, 0.25), 1e-12);
  }

  private static MethodFit half(double[] normalised) {
    double[][] x = new double[normalised.length][];
    for (int i = 0; i < x.length; i++) {
      x[i] = new double[] {1e20 * (i + 1)};
    }
    org.scalecast.fit.Observations o =
        org.scalecast.fit.Observations.of(List.of("C"), "P", x, normalised);
    return new MethodFit(0.3, 0.2, 0.4, null, List.of(new MethodFit.Stage(null, o)));
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
