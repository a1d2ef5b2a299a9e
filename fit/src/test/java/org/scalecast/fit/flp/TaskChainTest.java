package org.scalecast.fit.flp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.Observations;
import org.scalecast.fit.Prediction;
import org.scalecast.results.InputException;
import org.scalecast.results.QuantityKind;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.IntColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Every task chain (stage-1 loss law x stage-2 map) recovers a chain that holds exactly, the
 * preparations of the published ladder method each do what they say, and the chained interval
 * carries stage 1's uncertainty.
 */
class TaskChainTest {
  private static final double[] SIZES = {1e8, 2e8, 4e8, 8e8};
  private static final double[] MULTS = {10, 20, 40};
  private static final int CKPTS = 20;
  private static final double TARGET_N = 3.2e9;
  private static final double TARGET_D = 20 * TARGET_N;

  /** Chinchilla's own fit (Hoffmann et al. 2022), in N and D. */
  private static double chinchilla(double n, double d) {
    return 1.7 + 400 * Math.pow(n, -0.34) + 410 * Math.pow(d, -0.28);
  }

  private static double power(double n, double d) {
    return 1.5 + 925 * Math.pow(6 * n * d, -0.15);
  }

  private static double flpLoss(double n, double d) {
    return Math.exp(-0.05 * (Math.log(6 * n * d) - 66));
  }

  private static double linear(double l) {
    return 1.6 - 0.35 * l;
  }

  private static double sigmoid(double l) {
    return -0.6 / (1 + Math.exp(-3 * (l - 3.2))) + 0.85;
  }

  private static double exponential(double l) {
    return 1 - (0.9 - 2.5 * Math.exp(-0.6 * l));
  }

  /**
   * 12 runs of 20 checkpoints each (run r{i}, tokens D t/20) and a target with one final row.
   *
   * @param loss task loss of (N, D)
   * @param score score of the loss
   * @param noise relative offset of run i's losses, alternating sign (0 for exact data)
   */
  static Table table(DoubleBinaryOperator loss, DoubleUnaryOperator score, double noise) {
    StringColumn run = StringColumn.create("run_id");
    IntColumn step = IntColumn.create("step");
    DoubleColumn tokens = DoubleColumn.create("tokens");
    DoubleColumn n = DoubleColumn.create("n_params");
    DoubleColumn flops = DoubleColumn.create("flops");
    IntColumn fin = IntColumn.create("is_final");
    DoubleColumn bpb = DoubleColumn.create("task_bpb");
    DoubleColumn acc = DoubleColumn.create("task_acc");
    int i = 0;
    for (double size : SIZES) {
      for (double mult : MULTS) {
        double off = 1 + (i % 2 == 0 ? noise : -noise);
        for (int t = 1; t <= CKPTS; t++) {
          double d = mult * size * t / CKPTS;
          double l = loss.applyAsDouble(size, d);
          run.append("r" + i);
          step.append(t);
          tokens.append(d);
          n.append(size);
          flops.append(6 * size * d);
          fin.append(t == CKPTS ? 1 : 0);
          bpb.append(l * off);
          acc.append(score.applyAsDouble(l));
        }
        i++;
      }
    }
    double l = loss.applyAsDouble(TARGET_N, TARGET_D);
    run.append("target");
    step.append(CKPTS);
    tokens.append(TARGET_D);
    n.append(TARGET_N);
    flops.append(6 * TARGET_N * TARGET_D);
    fin.append(1);
    bpb.append(l);
    acc.append(score.applyAsDouble(l));
    return Table.create("t", run, step, tokens, n, flops, fin, bpb, acc);
  }

  private static PredictSpec spec(double chance, List<String> methods, Preparation prep) {
    return new PredictSpec(
        Map.of("run_id", "target"),
        null,
        List.of("task_bpb"),
        List.of(new PredictSpec.TaskSpec("task_acc", chance, "task_bpb")),
        null,
        null,
        // No refusal: these tests check what each chain predicts, not whether to trust it.
        new BacktestSpec(null, null, null, 1e9, 1e9, 1, null),
        null,
        null,
        methods,
        prep);
  }

  private static SamplingRuns runs(Table t, PredictSpec spec) {
    Target target = Target.resolve(t, spec);
    return new SamplingRuns(t, spec, Target.samplingRows(t, target), target);
  }

  @Test
  void everyStage1LawWithEveryStage2MapRecoversAChainThatHolds() {
    Map<LossStage, DoubleBinaryOperator> losses =
        Map.of(
            LossStage.FLP_LOSS, TaskChainTest::flpLoss,
            LossStage.POWER, TaskChainTest::power,
            LossStage.CHINCHILLA, TaskChainTest::chinchilla);
    Map<TaskMap, DoubleUnaryOperator> maps =
        Map.of(
            TaskMap.LINEAR, TaskChainTest::linear,
            TaskMap.SIGMOID, TaskChainTest::sigmoid,
            TaskMap.EXPONENTIAL, TaskChainTest::exponential);
    for (LossStage s1 : LossStage.values()) {
      for (TaskMap s2 : TaskMap.values()) {
        Table t = table(losses.get(s1), maps.get(s2), 0);
        TaskChainMethod m = new TaskChainMethod(s1, s2);
        PredictSpec spec = spec(0.25, List.of(m.name()), null);
        SamplingRuns runs = runs(t, spec);
        double actual = runs.target().actual(t, "task_acc");
        MethodFit row =
            m.predict(new Quantity("task_acc", Quantity.Family.TASK, spec.tasks().get(0)), runs);
        assertEquals(actual, row.value(), 0.005, m.name());
        assertTrue(row.lower() <= row.value() && row.value() <= row.upper(), m.name());
      }
    }
  }

  @Test
  void namesAndDefaults() {
    assertEquals("flp-sigmoid", new TaskChainMethod(LossStage.FLP_LOSS, TaskMap.SIGMOID).name());
    assertEquals(
        "chinchilla+sigmoid", new TaskChainMethod(LossStage.CHINCHILLA, TaskMap.SIGMOID).name());
    assertEquals("power+linear", new TaskChainMethod(LossStage.POWER, TaskMap.LINEAR).name());
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0);
    List<String> plain = methods(t, spec(0.25, null, null));
    for (LossStage s1 : LossStage.values()) {
      for (TaskMap s2 : TaskMap.values()) {
        String name = new TaskChainMethod(s1, s2).name();
        assertTrue(plain.contains(name), name + " runs by default: " + plain);
      }
    }
    List<String> asked = methods(t, spec(0.25, List.of("direct", "chinchilla+sigmoid"), null));
    assertEquals(List.of("direct", "chinchilla+sigmoid"), asked);
    InputException e =
        assertThrows(InputException.class, () -> spec(0.25, List.of("chinchila+sigmoid"), null));
    assertTrue(
        e.getMessage().startsWith("methods: unknown prediction method 'chinchila+sigmoid'"),
        e.getMessage());
  }

  /** The methods that give a row, without leave-one-run-out (slow, and not what is tested). */
  private static List<String> methods(Table t, PredictSpec spec) {
    Target target = Target.resolve(t, spec);
    return TargetPredictor.predictAt(t, spec, Target.samplingRows(t, target), target).stream()
        .map(a -> a.row().method())
        .toList();
  }

  /** Chance 0: every checkpoint has emerged, so only the preparation changes the points. */
  private static Observations emerged(Preparation prep) {
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0);
    return runs(t, spec(0, null, prep))
        .emerged(new PredictSpec.TaskSpec("task_acc", 0.0, "task_bpb"));
  }

  @Test
  void dropLeadingDropsThatFractionOfEachRunsCheckpointsRoundedUp() {
    assertEquals(12 * CKPTS, emerged(Preparation.NONE).size());
    Observations o = emerged(new Preparation(0.22, null, null, null)); // ceil(4.4) = 5 dropped
    assertEquals(12 * (CKPTS - 5), o.size());
    double firstKept = chinchilla(SIZES[0], MULTS[0] * SIZES[0] * 6 / CKPTS);
    assertEquals(firstKept, o.x()[0][0], 1e-12);
    double worst = 0;
    for (double[] x : o.x()) {
      worst = Math.max(worst, x[0]);
    }
    assertEquals(firstKept, worst, 1e-12, "no checkpoint before the 6th is left");
  }

  @Test
  void movingAverageIsTheTrailingMeanWithinARun() {
    Observations o = emerged(new Preparation(null, 3, null, null));
    assertEquals(12 * CKPTS, o.size());
    double[] l = new double[CKPTS];
    for (int t = 1; t <= CKPTS; t++) {
      l[t - 1] = chinchilla(SIZES[0], MULTS[0] * SIZES[0] * t / CKPTS);
    }
    assertEquals(l[0], o.x()[0][0], 1e-12);
    assertEquals((l[0] + l[1]) / 2, o.x()[1][0], 1e-12);
    assertEquals((l[0] + l[1] + l[2]) / 3, o.x()[2][0], 1e-12);
    assertEquals((l[7] + l[8] + l[9]) / 3, o.x()[9][0], 1e-12);
    double[] p = {sigmoid(l[7]), sigmoid(l[8]), sigmoid(l[9])};
    assertEquals((p[0] + p[1] + p[2]) / 3, o.y()[9], 1e-12, "the score is smoothed too");
    // the second run starts its own window
    double l2 = chinchilla(SIZES[0], MULTS[1] * SIZES[0] / CKPTS);
    assertEquals(l2, o.x()[CKPTS][0], 1e-12);
  }

  @Test
  void theAnchorIsOneMorePointOfItsOwn() {
    Observations o = emerged(new Preparation(null, null, new Preparation.Anchor(0, 1), null));
    assertEquals(12 * CKPTS + 1, o.size());
    assertEquals(0, o.x()[o.size() - 1][0]);
    assertEquals(1, o.y()[o.size() - 1]);
    assertEquals(Preparation.Anchor.RUN, o.runIds().get(o.size() - 1));
  }

  @Test
  void lastKAveragesEachRunsLastCheckpointsForStage1() {
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0);
    Observations plain =
        runs(t, spec(0.25, null, null)).finalLosses(LossStage.CHINCHILLA, "task_bpb");
    Observations o =
        runs(t, spec(0.25, null, new Preparation(null, null, null, 3)))
            .finalLosses(LossStage.CHINCHILLA, "task_bpb");
    assertEquals(12, o.size());
    double d = MULTS[0] * SIZES[0];
    double mean =
        (chinchilla(SIZES[0], d * 18 / CKPTS)
                + chinchilla(SIZES[0], d * 19 / CKPTS)
                + chinchilla(SIZES[0], d))
            / 3;
    assertEquals(mean, o.y()[0], 1e-12);
    assertEquals(chinchilla(SIZES[0], d), plain.y()[0], 1e-12);
    assertEquals(List.of("N", "D"), o.inputs());
    assertEquals(d, o.x()[0][1], 1e-3, "the run's final tokens, as the paper's step 1");
  }

  @Test
  void preparationsOutOfRangeAreOneLineErrorsNamingTheKey() {
    assertEquals(
        "prepare.drop_leading must be in [0, 1), got 1.0",
        assertThrows(InputException.class, () -> new Preparation(1.0, null, null, null))
            .getMessage());
    assertEquals(
        "prepare.moving_average must be at least 1, got 0",
        assertThrows(InputException.class, () -> new Preparation(null, 0, null, null))
            .getMessage());
    assertEquals(
        "prepare.last_k must be at least 1, got 0",
        assertThrows(InputException.class, () -> new Preparation(null, null, null, 0))
            .getMessage());
    assertTrue(
        assertThrows(InputException.class, () -> new Preparation.Anchor(0, 2))
            .getMessage()
            .startsWith("prepare.anchor: score must be in [0, 1]"));
  }

  @Test
  void theChainedIntervalCarriesStage1sUncertainty() {
    // Run losses 3% off by run: stage 1 is uncertain, stage 2 (on each run's own points) is not.
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0.03);
    PredictSpec spec = spec(0.25, List.of("chinchilla+sigmoid"), null);
    SamplingRuns runs = runs(t, spec);
    MethodFit f =
        PredictionMethods.byName("chinchilla+sigmoid")
            .predict(new Quantity("task_acc", Quantity.Family.TASK, spec.tasks().get(0)), runs);
    double loss = f.fit(0).predict(new double[] {TARGET_N, TARGET_D}, 0.95).value();
    Prediction stage2Only = f.fit(1).predict(new double[] {loss}, 0.95);
    double chained = f.upper() - f.lower();
    double alone = stage2Only.upper() - stage2Only.lower();
    assertTrue(chained > 1.5 * alone, "chained " + chained + " vs stage 2 alone " + alone);
    assertEquals(stage2Only.value(), f.value(), 1e-9);
  }

  @Test
  void aChainWithoutNAndDColumnsIsNotOffered() {
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0);
    t.removeColumns("n_params");
    List<String> methods = new ArrayList<>();
    PredictSpec spec = spec(0.25, List.of("chinchilla+sigmoid", "power+sigmoid"), null);
    for (PredictionMethod m : PredictionMethods.of(Quantity.Family.TASK)) {
      Target target = new Target("target", t.rowCount() - 1, 1e21, TARGET_N, TARGET_D);
      if (m.appliesTo(new SamplingRuns(t, spec, List.of(0), target))) {
        methods.add(m.name());
      }
    }
    assertTrue(methods.contains("power+sigmoid"));
    assertFalse(methods.contains("chinchilla+sigmoid"));
  }

  /**
   * {@code backtest --cases}: one row per predicted run and method, the summary's counts made from
   * the same rows, and "covered" exactly when the actual value lies in the row's interval.
   */
  @Test
  void theCasesTableHasEveryPredictedRunAndMethodAndAgreesWithTheSummary() {
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0.01);
    PredictSpec spec = spec(0.25, List.of("chinchilla+sigmoid"), null);
    List<Coverage.Case> cases = Coverage.cases(t, spec, 0.5);
    Table ct = Coverage.casesTable(cases);
    int rows = cases.stream().mapToInt(c -> c.rows().size()).sum();
    assertEquals(rows, ct.rowCount());
    int covered = 0;
    for (int i = 0; i < ct.rowCount(); i++) {
      double lo = ct.doubleColumn("lower").getDouble(i);
      double hi = ct.doubleColumn("upper").getDouble(i);
      double actual = ct.doubleColumn("actual").getDouble(i);
      Boolean in = ct.booleanColumn("covered").get(i);
      if (Double.isNaN(lo) || Double.isNaN(hi) || Double.isNaN(actual)) {
        assertNull(in);
      } else {
        assertEquals(actual >= lo && actual <= hi, in);
        if (ct.booleanColumn("chosen_in_advance").get(i)
            && ct.stringColumn("quantity").get(i).equals("task_acc")) {
          covered += in ? 1 : 0;
        }
      }
    }
    int summary =
        Coverage.summarise(cases).stream()
            .filter(r -> r.quantity().equals("task_acc") && r.method().equals(Coverage.CHOSEN))
            .mapToInt(Coverage.Row::covered)
            .sum();
    assertEquals(summary, covered);
    assertTrue(summary > 0, "some chosen interval covered");
  }

  /**
   * The chosen method's row closes its quantity's rows: it was printed right after the method the
   * first case chose, between the others (a new user noticed).
   */
  @Test
  void theChosenRowClosesItsQuantity() {
    PredictionRow a =
        PredictionRow.of("q", QuantityKind.SCORE, "a", 0.5, 0.4, 0.6, 0.5, null)
            .asChosenInAdvance();
    PredictionRow b = PredictionRow.of("q", QuantityKind.SCORE, "b", 0.5, 0.4, 0.6, 0.5, null);
    List<Coverage.Row> rows = Coverage.summarise(List.of(new Coverage.Case("r", 5, List.of(a, b))));
    assertEquals(
        List.of("a", "b", Coverage.CHOSEN), rows.stream().map(Coverage.Row::method).toList());
  }

  /** scalecast backtest measured the coverage of the default methods only (issue 10). */
  @Test
  void coverageMeasuresTheConfiguredExtraMethods() {
    Table t = table(TaskChainTest::chinchilla, TaskChainTest::sigmoid, 0.01);
    PredictSpec spec = spec(0.25, List.of("chinchilla+sigmoid"), null);
    List<String> methods =
        Coverage.measure(t, spec, 0.5).stream().map(Coverage.Row::method).distinct().toList();
    assertTrue(methods.contains("chinchilla+sigmoid"), methods.toString());
  }
}
