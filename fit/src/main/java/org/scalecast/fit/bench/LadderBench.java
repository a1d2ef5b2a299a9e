package org.scalecast.fit.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.scalecast.fit.flp.BacktestSpec;
import org.scalecast.fit.flp.Coverage;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.Targets;
import org.scalecast.results.ladder.Ladder;
import org.scalecast.results.ladder.LadderSpec;
import tech.tablesaw.api.Table;

/**
 * {@code bench ladder}: writes a synthetic ladder in the shape users bring (a folder of per-run CSV
 * files with the run id in the file name, a runs table with N, user column names, tokens from
 * steps) and times reading it ({@link Ladder#read}) and predicting every loss and task for its
 * largest run ({@link Targets#predictAll}).
 *
 * <p>Losses follow Chinchilla's form with Hoffmann et al.'s (2022) fitted constants (E 1.69, A
 * 406.4, alpha 0.34, B 410.7, beta 0.28) plus 0.5% noise; each task's bits per byte is the loss
 * shifted and scaled, and its accuracy a sigmoid in it from its chance level to 1.
 *
 * @param runs runs read
 * @param checkpoints checkpoints per run
 * @param columns columns per checkpoint file
 * @param rows rows of the canonical table
 * @param quantities losses and tasks predicted
 * @param predictionRows rows predicted (quantities x methods)
 * @param writeSeconds time to write the files
 * @param readSeconds time to read, join and map them
 * @param predictSeconds time to predict every quantity by every method with leave-one-run-out
 * @param backtestCases runs the backtest predicted ({@link Coverage#cases}: each run from those
 *     with at most a quarter of its compute), 0 when not timed
 * @param backtestSeconds time to backtest, NaN when not timed
 */
public record LadderBench(
    int runs,
    int checkpoints,
    int columns,
    int rows,
    int quantities,
    int predictionRows,
    double writeSeconds,
    double readSeconds,
    double predictSeconds,
    int backtestCases,
    double backtestSeconds) {

  /** How far a measurement goes: each stage includes the ones before it. */
  public enum Stage {
    /** Write and read the ladder. */
    READ,
    /** Also predict its largest run. */
    PREDICT,
    /** Also backtest every run from those with at most a quarter of its compute. */
    BACKTEST
  }

  /** Gadre et al.'s (2024) protocol, as {@code backtest}'s default: a quarter of the compute. */
  private static final double BACKTEST_RATIO = 0.25;

  private static final double TOKENS_PER_STEP = 1 << 20;

  /**
   * @param sizes model sizes (runs = sizes x budgets)
   * @param budgets token budgets per size
   * @param checkpoints checkpoints per run
   * @param tasks tasks (each a score and a bits-per-byte column)
   * @param upTo the last stage timed
   * @param loro whether the prediction runs the leave-one-run-out diagnostic
   * @return the measurements
   * @throws IOException when the temporary folder cannot be written
   */
  public static LadderBench measure(
      int sizes, int budgets, int checkpoints, int tasks, Stage upTo, BacktestSpec.Diagnostic loro)
      throws IOException {
    Path dir = Files.createTempDirectory("scalecast-ladder-bench");
    try {
      long t0 = System.nanoTime();
      int columns = write(dir, sizes, budgets, checkpoints, tasks);
      long t1 = System.nanoTime();
      List<PredictSpec.TaskSpec> taskSpecs = new ArrayList<>();
      for (int k = 0; k < tasks; k++) {
        taskSpecs.add(new PredictSpec.TaskSpec("task" + k + "/acc", 0.25, "task" + k + "/bpb"));
      }
      String target = run(sizes - 1, budgets - 1);
      LadderSpec ladder =
          new LadderSpec(
              "runs",
              "runs.csv",
              new LadderSpec.RoleColumns("model", "_step", null, "N", null, null),
              TOKENS_PER_STEP,
              null,
              null);
      PredictSpec spec =
          new PredictSpec(
              null,
              null,
              List.of("eval/loss", "eval/loss2"),
              taskSpecs,
              null,
              null,
              new BacktestSpec(null, null, null, null, null, null, loro),
              ladder,
              List.of(new PredictSpec.TargetSpec("largest", Map.of("run", target), null)),
              null,
              null);
      Table t = Ladder.read(ladder, dir, Targets.runConditions(spec)).table();
      long t2 = System.nanoTime();
      int predicted = 0;
      if (upTo != Stage.READ) {
        predicted = Targets.predictAll(t, spec).get(0).predictions().rows().size();
      }
      long t3 = System.nanoTime();
      int cases = 0;
      if (upTo == Stage.BACKTEST) {
        cases = Coverage.cases(t, spec.withTarget(Map.of(), null), BACKTEST_RATIO).size();
      }
      long t4 = System.nanoTime();
      return new LadderBench(
          sizes * budgets,
          checkpoints,
          columns,
          t.rowCount(),
          2 + tasks + 1,
          predicted,
          (t1 - t0) / 1e9,
          (t2 - t1) / 1e9,
          upTo != Stage.READ ? (t3 - t2) / 1e9 : Double.NaN,
          cases,
          upTo == Stage.BACKTEST ? (t4 - t3) / 1e9 : Double.NaN);
    } finally {
      try (Stream<Path> s = Files.walk(dir)) {
        s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  private static String run(int size, int budget) {
    return "s" + size + "-b" + budget;
  }

  /**
   * @return columns per checkpoint file
   */
  private static int write(Path dir, int sizes, int budgets, int checkpoints, int tasks)
      throws IOException {
    Random rng = new Random(42);
    Path runs = dir.resolve("runs");
    Files.createDirectories(runs);
    StringBuilder table = new StringBuilder("model,N\n");
    int columns = 0;
    for (int s = 0; s < sizes; s++) {
      double n = 2e7 * Math.pow(100, s / (double) Math.max(1, sizes - 1));
      for (int b = 0; b < budgets; b++) {
        double dFinal = n * 5 * Math.pow(16, b / (double) Math.max(1, budgets - 1));
        String id = run(s, b);
        table.append(id).append(',').append(String.format(Locale.ROOT, "%.0f", n)).append('\n');
        List<String> header = new ArrayList<>(List.of("_step", "eval/loss", "eval/loss2"));
        for (int k = 0; k < tasks; k++) {
          header.add("task" + k + "/acc");
          header.add("task" + k + "/bpb");
        }
        header.add("lr");
        columns = header.size();
        long lastStep = Math.max(checkpoints, (long) Math.ceil(dFinal / TOKENS_PER_STEP));
        try (Writer w = Files.newBufferedWriter(runs.resolve(id + ".csv"))) {
          w.write(String.join(",", header));
          w.write('\n');
          for (int c = 1; c <= checkpoints; c++) {
            long step = Math.round(lastStep * c / (double) checkpoints);
            double d = step * TOKENS_PER_STEP;
            double loss =
                (1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28))
                    * (1 + 0.005 * rng.nextGaussian());
            StringBuilder row = new StringBuilder();
            row.append(step).append(',').append(fmt(loss)).append(',').append(fmt(loss * 1.1));
            for (int k = 0; k < tasks; k++) {
              double bpb = 0.3 + (0.2 + 0.05 * k) * (loss - 1.69);
              double acc = 0.25 + 0.75 / (1 + Math.exp(8 * (bpb - 0.55 - 0.03 * k)));
              row.append(',').append(fmt(acc + 0.005 * rng.nextGaussian()));
              row.append(',').append(fmt(bpb));
            }
            row.append(',').append(fmt(3e-4 * (1 - c / (double) checkpoints)));
            w.write(row.toString());
            w.write('\n');
          }
        }
      }
    }
    try {
      Files.writeString(dir.resolve("runs.csv"), table);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return columns;
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.6g", v);
  }
}
