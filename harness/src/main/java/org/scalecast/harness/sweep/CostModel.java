package org.scalecast.harness.sweep;

import java.util.List;

/**
 * Seconds per optimizer step and per checkpoint evaluation as a function of the FLOPs they do: a
 * fixed overhead per pass (on a CPU, tiny models are bound by per-op dispatch, not arithmetic) plus
 * FLOPs over an effective rate, each line fitted to timed passes of a few of the sweep's models.
 *
 * @param stepOverhead seconds per training micro-batch beyond its arithmetic
 * @param stepSecondsPerFlop seconds per training FLOP
 * @param evalOverhead seconds per checkpoint evaluation beyond its arithmetic (its forward passes'
 *     dispatch, and tokenizing the task items, which every checkpoint does again)
 * @param evalSecondsPerFlop seconds per evaluation FLOP
 */
public record CostModel(
    double stepOverhead,
    double stepSecondsPerFlop,
    double evalOverhead,
    double evalSecondsPerFlop) {

  /**
   * One timed pass.
   *
   * @param flops FLOPs it does
   * @param seconds what it took
   */
  public record Point(double flops, double seconds) {}

  /**
   * @param steps timed training steps (FLOPs per micro-batch, seconds per micro-batch)
   * @param evals timed checkpoint evaluations
   * @return both lines fitted
   */
  public static CostModel fit(List<Point> steps, List<Point> evals) {
    double[] s = line(steps);
    double[] f = line(evals);
    return new CostModel(s[0], s[1], f[0], f[1]);
  }

  /**
   * Least squares for seconds = a + b x flops; a through the origin when there is one point or the
   * intercept comes out negative (noise between two close sizes), since neither can be.
   */
  static double[] line(List<Point> ps) {
    double n = ps.size();
    double sx = 0;
    double sy = 0;
    double sxx = 0;
    double sxy = 0;
    for (Point p : ps) {
      sx += p.flops();
      sy += p.seconds();
      sxx += p.flops() * p.flops();
      sxy += p.flops() * p.seconds();
    }
    double det = n * sxx - sx * sx;
    if (ps.size() >= 2 && det > 0) {
      double b = (n * sxy - sx * sy) / det;
      double a = (sy - b * sx) / n;
      if (a >= 0 && b >= 0) {
        return new double[] {a, b};
      }
      if (b < 0) {
        return new double[] {sy / n, 0}; // flat: the overhead dominates everything timed
      }
    }
    return new double[] {0, sxy / sxx};
  }

  /**
   * @param flopsPerMicroBatch training FLOPs of one micro-batch
   * @param microBatches micro-batches per step
   * @return seconds per step
   */
  public double step(double flopsPerMicroBatch, int microBatches) {
    return microBatches * (stepOverhead + stepSecondsPerFlop * flopsPerMicroBatch);
  }

  /**
   * @param flops forward FLOPs of one checkpoint's evaluation
   * @return seconds per checkpoint
   */
  public double eval(double flops) {
    return evalOverhead + evalSecondsPerFlop * flops;
  }
}
