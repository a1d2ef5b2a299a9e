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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.harness.data.Tokenizer;
import org.scalecast.models.LanguageModelLoss;
import org.scalecast.results.TaskKind;

/**
 * Scores tasks by log-likelihood, batched. Contexts are truncated on the left so that context and
 * continuation fit the model's context length, as they would alone; rows are right-padded (a causal
 * model never looks right, so padding changes nothing before it). Cloze items also check that
 * greedy decoding reproduces the continuation: the argmax at every continuation position must be
 * the continuation's token (teacher forcing makes this equal to greedy generation).
 *
 * <p>Layout ({@link Layout}): by default the choices of an item share one row, its context once and
 * then each choice at the positions it would have alone, seeing the context and itself only (an
 * attention bias in place of the causal mask, {@link org.scalecast.models.Gpt}). Every scored
 * token's logits are then those of its own sequence up to rounding, and the context is computed
 * once instead of once per choice: issue 15 ("make evaluation of tiny runs cheaper without changing
 * what is measured"), where each of four choices recomputed a 40-token context. Each choice's
 * segment starts with the context's last token again, at that token's position: it predicts the
 * choice's first token, whose target differs per choice.
 *
 * <p>Dimensions: B rows in a batch, L longest row in the batch, V vocabulary.
 */
public final class Scorer {
  /** How an item's sequences are laid out in rows. */
  public enum Layout {
    /** One row per (context, choice). */
    SEPARATE,
    /** One row per item (per truncation of its context): the context once, then each choice. */
    SHARED_CONTEXT
  }

  /** The segment id of the shared context's tokens in a row. */
  private static final int CONTEXT = -1;

  private final Tokenizer tokenizer;
  private final int contextLength;
  private final int batch;
  private final Layout layout;

  /**
   * @param tokenizer the run's tokenizer
   * @param contextLength the model's T
   * @param batch rows per forward pass
   */
  public Scorer(Tokenizer tokenizer, int contextLength, int batch) {
    this(tokenizer, contextLength, batch, Layout.SHARED_CONTEXT);
  }

  /**
   * @param tokenizer the run's tokenizer
   * @param contextLength the model's T
   * @param batch rows per forward pass
   * @param layout how an item's sequences share rows
   */
  public Scorer(Tokenizer tokenizer, int contextLength, int batch, Layout layout) {
    this.tokenizer = tokenizer;
    this.contextLength = contextLength;
    this.batch = batch;
    this.layout = layout;
  }

  /** One choice's scored tokens in a row: positions [from, to) of the row's targets. */
  private record Span(int item, int choice, int from, int to, int contBytes) {}

  /**
   * One row to forward: inputs, targets, each token's position and segment ({@value #CONTEXT} for
   * the shared context, else the index of its span), and the spans it scores.
   */
  private record Row(long[] x, long[] y, long[] pos, int[] seg, List<Span> spans) {}

  /**
   * @param model the model (no gradients)
   * @param manager a manager for temporaries
   * @param task the task
   * @return its scores
   */
  public TaskScore score(Block model, NDManager manager, Task task) {
    long t0 = System.nanoTime();
    List<Row> rows = rows(task);
    double[][] logLik = new double[task.items().size()][];
    boolean[] greedy = new boolean[task.items().size()];
    for (int i = 0; i < task.items().size(); i++) {
      logLik[i] = new double[task.items().get(i).choices().size()];
    }
    // Rows of one choice take the plain causal path; only shared rows need positions and a bias,
    // which cost their own time (a third more on the quickstart's next-line task when every row
    // carried them).
    for (boolean shared : new boolean[] {false, true}) {
      List<Row> kind = rows.stream().filter(r -> r.spans().size() > 1 == shared).toList();
      for (int start = 0; start < kind.size(); start += batch) {
        List<Row> part = kind.subList(start, Math.min(kind.size(), start + batch));
        forward(model, manager, part, logLik, greedy, shared);
      }
    }
    return summarize(task, rows, logLik, greedy, (System.nanoTime() - t0) / 1e9);
  }

  /**
   * @param task a task
   * @return the tokens its rows put through the model, padding excluded
   */
  public long tokens(Task task) {
    return rows(task).stream().mapToLong(r -> r.x().length).sum();
  }

  private List<Row> rows(Task task) {
    List<Row> out = new ArrayList<>();
    for (int i = 0; i < task.items().size(); i++) {
      TaskItem it = task.items().get(i);
      int[] ctx = tokenizer.encode(it.context());
      // Choices by how much context they keep (all of it, unless context and choice are too long).
      Map<Integer, List<Integer>> byKeep = new LinkedHashMap<>();
      List<int[]> conts = new ArrayList<>();
      for (int j = 0; j < it.choices().size(); j++) {
        int[] cont = tokenizer.encode(it.choices().get(j));
        conts.add(cont);
        if (cont.length == 0 || cont.length >= contextLength) {
          continue;
        }
        int keep = Math.min(ctx.length, contextLength + 1 - cont.length);
        if (layout == Layout.SEPARATE) {
          int[] kept = Arrays.copyOfRange(ctx, ctx.length - keep, ctx.length);
          out.add(row(it, i, kept, conts, List.of(j)));
        } else {
          byKeep.computeIfAbsent(keep, k -> new ArrayList<>()).add(j);
        }
      }
      for (Map.Entry<Integer, List<Integer>> e : byKeep.entrySet()) {
        int[] kept = Arrays.copyOfRange(ctx, ctx.length - e.getKey(), ctx.length);
        for (List<Integer> group : fill(kept.length, conts, e.getValue())) {
          out.add(row(it, i, kept, conts, group));
        }
      }
    }
    return out;
  }

  /**
   * The choices in rows: the first choice opens a row, and a later one joins it when the tokens it
   * shares (the context but its last token) are at least as many as its own and the row stays
   * within twice the context length, else it opens the next row (every choice fits alone). Sharing
   * saves the context's tokens, but a row's attention and its bias grow with the square of its
   * length: with every choice of an item in one row, the quickstart's next-sentence task (choices
   * longer than their context) took 0.75 s a checkpoint instead of 0.47, while its close-bracket
   * task (one-token choices after 60 tokens) took 0.15 s instead of 0.5.
   */
  private List<List<Integer>> fill(int kept, List<int[]> conts, List<Integer> choices) {
    int shared = Math.max(kept - 1, 0);
    int first = kept == 0 ? 1 : 0;
    List<List<Integer>> rows = new ArrayList<>();
    List<Integer> row = new ArrayList<>();
    int length = shared;
    for (int j : choices) {
      int n = conts.get(j).length - first;
      if (!row.isEmpty() && (shared < n || length + n > 2 * contextLength)) {
        rows.add(row);
        row = new ArrayList<>();
        length = shared;
      }
      row.add(j);
      length += n;
    }
    rows.add(row);
    return rows;
  }

  /**
   * Choices sharing one context: the context but its last token once, then per choice the context's
   * last token and the choice but its last token, at the positions they have alone. One choice
   * alone is its own sequence, context and choice shifted by one into inputs and targets.
   */
  private static Row row(TaskItem it, int item, int[] ctx, List<int[]> conts, List<Integer> group) {
    int shared = Math.max(ctx.length - 1, 0);
    // Without a context a choice's first token is not scored, as in its own sequence.
    int first = ctx.length == 0 ? 1 : 0;
    int n = shared;
    for (int j : group) {
      n += conts.get(j).length - first;
    }
    long[] x = new long[n];
    long[] y = new long[n];
    long[] pos = new long[n];
    int[] seg = new int[n];
    for (int k = 0; k < shared; k++) {
      x[k] = ctx[k];
      y[k] = ctx[k + 1];
      pos[k] = k;
      seg[k] = CONTEXT;
    }
    List<Span> spans = new ArrayList<>();
    int at = shared;
    for (int j : group) {
      int[] cont = conts.get(j);
      for (int k = first; k < cont.length; k++) {
        int r = at + k - first;
        x[r] = k == 0 ? ctx[ctx.length - 1] : cont[k - 1];
        y[r] = cont[k];
        pos[r] = shared + k - first;
        seg[r] = spans.size();
      }
      int end = at + cont.length - first;
      spans.add(new Span(item, j, at, end, bytes(it, j)));
      at = end;
    }
    return new Row(x, y, pos, seg, spans);
  }

  private static int bytes(TaskItem it, int j) {
    return it.choices().get(j).getBytes(StandardCharsets.UTF_8).length;
  }

  private void forward(
      Block model,
      NDManager manager,
      List<Row> part,
      double[][] logLik,
      boolean[] greedy,
      boolean shared) {
    int l = part.stream().mapToInt(r -> r.x().length).max().orElse(1);
    long[] x = new long[part.size() * l];
    long[] y = new long[part.size() * l];
    long[] pos = new long[part.size() * l];
    for (int b = 0; b < part.size(); b++) {
      Row r = part.get(b);
      System.arraycopy(r.x(), 0, x, b * l, r.x().length);
      System.arraycopy(r.y(), 0, y, b * l, r.y().length);
      System.arraycopy(r.pos(), 0, pos, b * l, r.pos().length);
    }
    float[] nll;
    long[] argmax;
    try (NDScope scope = new NDScope();
        NDManager m = manager.newSubManager()) {
      NDArray ids = m.create(x, new Shape(part.size(), l)); // (B, L)
      NDArray targets = m.create(y, new Shape(part.size(), l)); // (B, L)
      NDList in =
          !shared
              ? new NDList(ids)
              : new NDList(
                  ids,
                  m.create(pos, new Shape(part.size(), l)), // (B, L)
                  m.create(bias(part, l), new Shape(part.size(), 1, l, l))); // (B, 1, L, L)
      NDArray logits =
          model.forward(new ParameterStore(m, false), in, false).singletonOrThrow(); // (B, L, V)
      nll = LanguageModelLoss.perToken(logits, targets).toFloatArray(); // (B, L)
      argmax = logits.argMax(-1).toLongArray(); // (B, L)
    }
    for (int b = 0; b < part.size(); b++) {
      for (Span s : part.get(b).spans()) {
        double sum = 0;
        boolean match = true;
        for (int k = s.from(); k < s.to(); k++) {
          sum -= nll[b * l + k];
          match &= argmax[b * l + k] == part.get(b).y()[k];
        }
        logLik[s.item()][s.choice()] = sum;
        if (s.choice() == 0) {
          greedy[s.item()] = match;
        }
      }
    }
  }

  /**
   * The additive attention bias of each row: a query attends a key at or before it in the shared
   * context or in its own segment (0), nothing else (-1e9, as the causal mask); a padding query
   * attends itself only, so that its softmax stays finite.
   */
  private static float[] bias(List<Row> part, int l) {
    float[] out = new float[part.size() * l * l];
    Arrays.fill(out, -1e9f);
    for (int b = 0; b < part.size(); b++) {
      int[] seg = part.get(b).seg();
      for (int q = 0; q < l; q++) {
        int base = (b * l + q) * l;
        if (q >= seg.length) {
          out[base + q] = 0;
          continue;
        }
        for (int k = 0; k <= q; k++) {
          if (seg[k] == CONTEXT || seg[k] == seg[q]) {
            out[base + k] = 0;
          }
        }
      }
    }
    return out;
  }

  private static TaskScore summarize(
      Task task, List<Row> rows, double[][] logLik, boolean[] greedy, double seconds) {
    int n = task.items().size();
    double acc = 0;
    double accNorm = 0;
    double em = 0;
    double nats = 0;
    long tokens = 0;
    long bytes = 0;
    for (Row r : rows) {
      for (Span s : r.spans()) {
        if (s.choice() == task.items().get(s.item()).gold()) {
          nats -= logLik[s.item()][s.choice()];
          tokens += s.to() - s.from();
          bytes += s.contBytes();
        }
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
