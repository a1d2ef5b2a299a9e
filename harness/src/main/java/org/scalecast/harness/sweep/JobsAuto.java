package org.scalecast.harness.sweep;

import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;

/**
 * {@code --jobs auto}: processes and threads per process from the model sizes and the cores. A run
 * of a tiny model gets one thread, and as many such runs train at once as there are cores; a run of
 * a model at or above {@link #TINY_BELOW} non-embedding parameters gets every core ({@code
 * threadsCap} at most) and trains alone, or beside others only when cores are left. Runs start in
 * the sweep's order, so a large run waits for the cores the tiny runs before it hold (the quick
 * sweep's target comes last).
 *
 * <p>Why: tiny models are bound by per-op dispatch, which a second intra-op thread does not speed
 * up, and the threads of one process wait for each other at every op's barrier, so when a neighbour
 * holds a core the whole step stalls. Measured with {@code bench} on this project's 2-core machine
 * while other work kept the load average at 3.6-6.3 (T 64, B 32, V 512, the quick sweep's shape;
 * 2026-11-26; two scripts, each 3 interleaved rounds): throughput over one process with one thread,
 * median of 3 (range).
 *
 * <pre>
 *               1 process x 2 threads               2 processes x 1 thread (summed)
 *               round A            round B
 *   d24-l2-h2   x0.99 (0.58-1.14)  x0.05 (0.03-1.05)  x0.98 (0.89-1.45)
 *   d64-l3-h4   x1.16 (0.17-1.35)  x0.05 (0.04-1.17)  x1.07 (0.85-1.65)
 *   d128-l3-h4  x0.10 (0.10-0.28)  x0.14 (0.07-0.17)  x0.83 (0.76-0.94)
 * </pre>
 *
 * Two threads gained at most 1.35x and usually collapsed (7 to 30 times slower: 2,210 tokens/s
 * against 71,212 at d24), while one-thread processes never collapsed; a second process gained up to
 * 1.65x when a core was free and lost up to 0.76x when none was. So every quick-sweep size, its
 * target (N 595,072) included, gets one thread, and {@link #TINY_BELOW} lies above them. Larger
 * models (the bench's d256-l4-h4 has 3.2M) keep every core, as before: their matmuls are large
 * enough to split, but this was not measured here, nor anything above 2 threads ({@link
 * #THREADS_CAP} is a guess that keeps several processes on a large machine).
 *
 * <p>One exception, the critical run ({@link #threads(List)}): the run with the most compute W gets
 * every core, first and alone, when that ends the sweep sooner. With one thread it runs beside the
 * others and the sweep takes about max(W, total / cores); alone with every core, W / {@link
 * #SPEEDUP} + (total - W) / cores (compute as time at one thread). The quick sweep's target (3.4e13
 * FLOPs against 1.0e13 for the 8 others) is such a run: with one thread it trained 690 s of the
 * sweep's 696 (2026-11-26, 9.4M tokens at 15.1k tokens/s beside the others), while two threads ran
 * d128 at 21-26k tokens/s in interleaved {@code bench} runs.
 *
 * @param cores the cores to fill
 * @param tinyBelow non-embedding parameters under which a run gets one thread
 * @param threadsCap most threads one run gets
 */
public record JobsAuto(int cores, long tinyBelow, int threadsCap) {
  /** Non-embedding parameters under which a run is tiny: see the class comment. */
  public static final long TINY_BELOW = 1_000_000;

  /**
   * Speed-up of a tiny model's run from one thread to two: d128-l3-h4 at 21-26k tokens/s with two
   * threads against 15.1-16.6k with one, 2026-11-26 on this project's 2 cores (class comment).
   */
  static final double SPEEDUP = 1.4;

  /** Most threads for one large run (not measured above 2; see the class comment). */
  public static final int THREADS_CAP = 8;

  /** Checks the values. */
  public JobsAuto {
    if (cores < 1 || tinyBelow < 0 || threadsCap < 1) {
      throw new IllegalArgumentException(
          "cores and threadsCap must be >= 1 and tinyBelow >= 0, got "
              + cores
              + ", "
              + threadsCap
              + ", "
              + tinyBelow);
    }
  }

  /**
   * @param cores this machine's cores
   * @return the rule with the measured threshold
   */
  public static JobsAuto forCores(int cores) {
    return new JobsAuto(cores, TINY_BELOW, THREADS_CAP);
  }

  /**
   * @param c a run's model
   * @return its intra-op threads (the cores it holds while it trains)
   */
  public int threads(GptConfig c) {
    return ParameterCount.nonEmbedding(c) < tinyBelow ? 1 : Math.min(cores, threadsCap);
  }

  /**
   * @param runs the sweep's runs (those to train)
   * @return threads per run id: {@link #threads(GptConfig)}, except that the critical run, the one
   *     with the most compute when it ends the sweep sooner alone, gets every core
   */
  public Map<String, Integer> threads(List<RunSpec> runs) {
    Map<String, Integer> out = new LinkedHashMap<>();
    runs.forEach(r -> out.put(r.runId(), threads(r.model())));
    RunSpec critical = critical(runs);
    if (critical != null) {
      out.put(critical.runId(), Math.min(cores, threadsCap));
    }
    return out;
  }

  /** The run with the most compute when it ends the sweep sooner alone (class comment), or null. */
  private RunSpec critical(List<RunSpec> runs) {
    if (runs.size() < 2 || cores < 2) {
      return null;
    }
    RunSpec top = runs.stream().max(Comparator.comparingDouble(JobsAuto::work)).orElseThrow();
    if (threads(top.model()) > 1) {
      return null; // a large run has every core already
    }
    double w = work(top);
    double total = runs.stream().mapToDouble(JobsAuto::work).sum();
    double beside = Math.max(w, total / cores);
    double alone = w / SPEEDUP + (total - w) / cores;
    return alone < beside ? top : null;
  }

  /**
   * @param r a run
   * @return its training FLOPs, attention included (the order runs start in, too)
   */
  static double work(RunSpec r) {
    return Flops.training(r.model(), Flops.Convention.SIX_N_ATTENTION, r.tokenBudget());
  }

  /**
   * @return processes at a time at most (one per core)
   */
  public int jobs() {
    return cores;
  }

  /**
   * @param runs the sweep's runs
   * @return the choice in one line, printed when the sweep starts
   */
  public String describe(List<RunSpec> runs) {
    long tiny = runs.stream().filter(r -> threads(r.model()) == 1).count();
    long large = runs.size() - tiny;
    int t = Math.min(cores, threadsCap);
    StringBuilder b =
        new StringBuilder(
            String.format(
                Locale.ROOT,
                "jobs auto (%d cores): %d run(s) under %,d non-embedding parameters with 1 thread,"
                    + " up to %d at once",
                cores,
                tiny,
                tinyBelow,
                Math.min(cores, Math.max(1, tiny))));
    RunSpec critical = critical(runs);
    if (critical != null) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %s would set the wall time with 1 thread: %d threads, first and alone",
              critical.runId(),
              Math.min(cores, threadsCap)));
    }
    if (large > 0) {
      b.append(
          String.format(
              Locale.ROOT,
              "; %d larger run(s) with %d threads, up to %d at once",
              large,
              t,
              Math.max(1, cores / t)));
    }
    return b.toString();
  }
}
