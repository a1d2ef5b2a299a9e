package org.scalecast.harness.eval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.NDScope;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Block;
import ai.djl.training.ParameterStore;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.scalecast.harness.data.Tokenizer;
import org.scalecast.models.LanguageModelLoss;
import org.scalecast.results.TaskKind;

/**
 * Scores tasks by log-likelihood, batched: each (context, choice) becomes one sequence, contexts
 * truncated on the left to fit the model's context length, sequences right-padded (a causal model
 * never looks right, so padding changes nothing before it). Cloze items also check that greedy
 * decoding reproduces the continuation: the argmax at every continuation position must be the
 * continuation's token (teacher forcing makes this equal to greedy generation).
 *
 * <p>Dimensions: B sequences in a batch, L longest sequence in the batch, V vocabulary.
 */
public final class Scorer {
  private final Tokenizer tokenizer;
  private final int contextLength;
  private final int batch;

  /**
   * @param tokenizer the run's tokenizer
   * @param contextLength the model's T
   * @param batch sequences per forward pass
   */
  public Scorer(Tokenizer tokenizer, int contextLength, int batch) {
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
    this.batch = batch;
  }

  /** One sequence to score: inputs, targets, and where the continuation sits. */
  private record Seq(int item, int choice, long[] x, long[] y, int contStart, int contBytes) {}

  /**
   * @param model the model (no gradients)
   * @param manager a manager for temporaries
   * @param task the task
   * @return its scores
   */
  public TaskScore score(Block model, NDManager manager, Task task) {
    long t0 = System.nanoTime();
    List<Seq> seqs = sequences(task);
    double[][] logLik = new double[task.items().size()][];
    boolean[] greedy = new boolean[task.items().size()];
    for (int i = 0; i < task.items().size(); i++) {
      logLik[i] = new double[task.items().get(i).choices().size()];
    }
    for (int start = 0; start < seqs.size(); start += batch) {
      List<Seq> part = seqs.subList(start, Math.min(seqs.size(), start + batch));
      forward(model, manager, part, logLik, greedy);
    }
    return summarize(task, seqs, logLik, greedy, (System.nanoTime() - t0) / 1e9);
  }

  private List<Seq> sequences(Task task) {
    List<Seq> out = new ArrayList<>();
    for (int i = 0; i < task.items().size(); i++) {
      TaskItem it = task.items().get(i);
      int[] ctx = tokenizer.encode(it.context());
      for (int j = 0; j < it.choices().size(); j++) {
        int[] cont = tokenizer.encode(it.choices().get(j));
        if (cont.length == 0 || cont.length >= contextLength) {
          continue;
        }
        int keep = Math.min(ctx.length, contextLength + 1 - cont.length);
        long[] all = new long[keep + cont.length];
        for (int k = 0; k < keep; k++) {
          all[k] = ctx[ctx.length - keep + k];
        }
        for (int k = 0; k < cont.length; k++) {
          all[keep + k] = cont[k];
        }
        int bytes = it.choices().get(j).getBytes(StandardCharsets.UTF_8).length;
        out.add(
            new Seq(
                i,
                j,
                Arrays.copyOf(all, all.length - 1),
                Arrays.copyOfRange(all, 1, all.length),
                keep - 1,
                bytes));
      }
    }
    return out;
  }

  private void forward(
      Block model, NDManager manager, List<Seq> part, double[][] logLik, boolean[] greedy) {
    int l = part.stream().mapToInt(s -> s.x().length).max().orElse(1);
    long[] x = new long[part.size() * l];
    long[] y = new long[part.size() * l];
    for (int b = 0; b < part.size(); b++) {
      System.arraycopy(part.get(b).x(), 0, x, b * l, part.get(b).x().length);
      System.arraycopy(part.get(b).y(), 0, y, b * l, part.get(b).y().length);
    }
    float[] nll;
    long[] argmax;
    try (NDScope scope = new NDScope();
        NDManager m = manager.newSubManager()) {
      NDArray ids = m.create(x, new Shape(part.size(), l)); // (B, L)
      NDArray targets = m.create(y, new Shape(part.size(), l)); // (B, L)
      NDArray logits =
          model
              .forward(new ParameterStore(m, false), new NDList(ids), false)
              .singletonOrThrow(); // (B, L, V)
      nll = LanguageModelLoss.perToken(logits, targets).toFloatArray(); // (B, L)
      argmax = logits.argMax(-1).toLongArray(); // (B, L)
    }
    for (int b = 0; b < part.size(); b++) {
      Seq s = part.get(b);
      double sum = 0;
      boolean match = true;
      for (int k = s.contStart(); k < s.y().length; k++) {
        sum -= nll[b * l + k];
        match &= argmax[b * l + k] == s.y()[k];
      }
      logLik[s.item()][s.choice()] = sum;
      if (s.choice() == 0) {
        greedy[s.item()] = match;
      }
    }
  }

  private static TaskScore summarize(
      Task task, List<Seq> seqs, double[][] logLik, boolean[] greedy, double seconds) {
    int n = task.items().size();
    double acc = 0;
    double accNorm = 0;
    double em = 0;
    double nats = 0;
    long tokens = 0;
    long bytes = 0;
    for (Seq s : seqs) {
      if (s.choice() == task.items().get(s.item()).gold()) {
        nats -= logLik[s.item()][s.choice()];
        tokens += s.y().length - s.contStart();
        bytes += s.contBytes();
      }
    }
    for (int i = 0; i < n; i++) {
      TaskItem it = task.items().get(i);
      acc += argmax(logLik[i], null) == it.gold() ? 1 : 0;
      accNorm += argmax(logLik[i], it.choices()) == it.gold() ? 1 : 0;
      em += greedy[i] ? 1 : 0;
    }
    double main = task.kind() == TaskKind.CHOICE ? acc / n : em / n;
    return new TaskScore(
        task,
        n,
        acc / n,
        accNorm / n,
        em / n,
        nats / Math.max(1, tokens),
        nats / Math.log(2) / Math.max(1, bytes),
        Math.sqrt(main * (1 - main) / Math.max(1, n)),
        seconds);
  }

  /** Best choice by total log-likelihood, or per byte when choices are given; ties to the first. */
  private static int argmax(double[] ll, List<String> perByte) {
    int best = 0;
    double bestScore = Double.NEGATIVE_INFINITY;
    for (int j = 0; j < ll.length; j++) {
      double score =
          perByte == null
              ? ll[j]
              : ll[j] / Math.max(1, perByte.get(j).getBytes(StandardCharsets.UTF_8).length);
      if (score > bestScore) {
        bestScore = score;
        best = j;
      }
    }
    return best;
  }
}
