package org.scalecast.harness.sweep;

import java.util.List;
import java.util.Locale;
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
 * @param cores the cores to fill
 * @param tinyBelow non-embedding parameters under which a run gets one thread
 * @param threadsCap most threads one run gets
 */
public record JobsAuto(int cores, long tinyBelow, int threadsCap) {
  /** Non-embedding parameters under which a run is tiny: see the class comment. */
  public static final long TINY_BELOW = 1_000_000;

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
