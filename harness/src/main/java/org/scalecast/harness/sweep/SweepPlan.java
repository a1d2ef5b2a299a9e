package org.scalecast.harness.sweep;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.scalecast.harness.eval.TaskFiles;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;

/**
 * A sweep's runs as {@code sweep plan} shows them before anything trains: sizes, budgets and
 * checkpoints, and the work each run does in training steps and checkpoint evaluations, which a
 * {@link CostModel} turns into seconds.
 */
public final class SweepPlan {
  /**
   * Choices per item of the built-in tasks, which set how many sequences a checkpoint scores (cloze
   * tasks score one). Unknown names count 4, the most any built-in task has.
   */
  private static final Map<String, Integer> CHOICES =
      Map.of(
          "text_cloze", 1,
          "text_next_sentence", 4,
          "text_minimal_pair", 2,
          "code_close_bracket", 3,
          "code_identifier", 1,
          "code_next_line", 4);

  private SweepPlan() {}

  /**
   * One run of the plan.
   *
   * @param spec the run
   * @param nParams non-embedding parameters N
   * @param nTotal all parameters
   * @param flops training compute 6ND (N non-embedding)
   * @param checkpoints evaluations over the run
   * @param evalPasses forward passes per evaluation (validation windows and task sequences)
   */
  public record Row(
      RunSpec spec, long nParams, long nTotal, double flops, int checkpoints, long evalPasses) {
    /**
     * @return D over all parameters, as the budgets' multiplier counts
     */
    public double tokensPerParam() {
      return (double) spec.tokenBudget() / nTotal;
    }

    /**
     * @param cost seconds per pass
     * @return estimated seconds: training steps plus evaluations
     */
    public double seconds(CostModel cost) {
      int k = spec.train().microBatches();
      double step = cost.step(stepFlops(spec.model(), spec.train().batchSize() / k), k);
      return spec.steps() * step + checkpoints * cost.eval(evalFlops());
    }

    /**
     * @return forward FLOPs of one checkpoint's evaluation (passes of full batches: an upper bound)
     */
    public double evalFlops() {
      return evalPasses * forwardFlops(spec.model(), spec.eval().batchSize());
    }
  }

  /**
   * @param c the sweep
   * @return a row per run, in the sweep's order
   */
  public static List<Row> rows(SweepConfig c) {
    long passes = evalPasses(c);
    List<Row> rows = new ArrayList<>();
    for (RunSpec s : Sweeps.expand(c)) {
      rows.add(
          new Row(
              s,
              ParameterCount.nonEmbedding(s.model()),
              ParameterCount.total(s.model()),
              Flops.training(s.model(), Flops.Convention.SIX_N, s.tokenBudget()),
              s.eval().schedule(s.steps()).length,
              passes));
    }
    return rows;
  }

  /**
   * @param m a model
   * @param sequences sequences in a micro-batch
   * @return its training FLOPs, head and attention included (what the machine does)
   */
  public static double stepFlops(GptConfig m, int sequences) {
    return Flops.perToken(m, Flops.Convention.SIX_N_ATTENTION) * sequences * m.contextLength();
  }

  /**
   * @param m a model
   * @param sequences sequences in a forward pass
   * @return its FLOPs: a third of training's (forward 2N of 6N)
   */
  public static double forwardFlops(GptConfig m, int sequences) {
    return stepFlops(m, sequences) / 3;
  }

  /**
   * Forward passes per checkpoint: each domain's validation windows, and every task's item-choice
   * sequences, in batches of {@code eval.batch_size}.
   */
  static long evalPasses(SweepConfig c) {
    EvalSettings e = c.eval();
    long passes = c.data().domains().size() * ceil(e.windows(), e.batchSize());
    for (String t : e.tasks()) {
      passes += ceil((long) e.taskItems() * CHOICES.getOrDefault(t, 4), e.batchSize());
    }
    for (Map.Entry<String, String> f : e.taskFiles().entrySet()) {
      long seqs =
          TaskFiles.load(f.getKey(), Path.of(f.getValue())).items().stream()
              .mapToLong(i -> i.choices().size())
              .sum();
      passes += ceil(seqs, e.batchSize());
    }
    return passes;
  }

  private static long ceil(long a, long b) {
    return (a + b - 1) / b;
  }
}
