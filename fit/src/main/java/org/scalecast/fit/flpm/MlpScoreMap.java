package org.scalecast.fit.flpm;

import java.util.SplittableRandom;
import org.scalecast.results.InputException;

/**
 * FLP-M's two-layer network from domain losses to a score: standardised inputs, one tanh hidden
 * layer, a linear output, mean squared error with a small L2 penalty, full-batch Adam. An ensemble
 * of seeded networks is averaged, so one unlucky initialisation does not decide a prediction; the
 * paper does not publish its width or training schedule, these are ours.
 *
 * <p>Dimensions: n checkpoints, d domains, h hidden units.
 */
public final class MlpScoreMap implements ScoreMap {
  private static final int EPOCHS = 3000;
  private static final double LR = 0.01;
  private static final double L2 = 1e-3;

  private final int hidden;
  private final int members;
  private final long seed;
  private double[] mean;
  private double[] std;
  private double yMean;
  private double yStd;
  private Net[] nets;

  /**
   * @param hidden hidden units h
   * @param members networks averaged
   * @param seed the first member's seed
   */
  public MlpScoreMap(int hidden, int members, long seed) {
    this.hidden = hidden;
    this.members = members;
    this.seed = seed;
  }

  @Override
  public ScoreMap fit(double[][] losses, double[] scores) {
    int n = losses.length;
    if (n < 2 * losses[0].length + 2) {
      throw new InputException(
          "two-layer score map: only " + n + (n == 1 ? " checkpoint" : " checkpoints"));
    }
    standardise(losses, scores);
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = scale(losses[i]);
      y[i] = (scores[i] - yMean) / yStd;
    }
    nets = new Net[members];
    for (int m = 0; m < members; m++) {
      nets[m] = new Net(losses[0].length, hidden, new SplittableRandom(seed + m));
      nets[m].train(x, y, EPOCHS);
    }
    return this;
  }

  /**
   * A fit from scratch on the new data with the same seeds, so that a refit on the data this map
   * was fitted on reproduces it exactly: the bootstrap's replicates are then centred on the full
   * fit. (A warm start, Adam restarted from these weights for a sixth of a fit, cost a sixth as
   * much but moved the predictions, and on the mixture sweep put the replicates' median objective
   * below the full fit's at every share.)
   */
  @Override
  public ScoreMap refit(double[][] losses, double[] scores) {
    return new MlpScoreMap(hidden, members, seed).fit(losses, scores);
  }

  private void standardise(double[][] losses, double[] scores) {
    int d = losses[0].length;
    mean = new double[d];
    std = new double[d];
    for (int j = 0; j < d; j++) {
      double s = 0;
      double ss = 0;
      for (double[] r : losses) {
        s += r[j];
        ss += r[j] * r[j];
      }
      mean[j] = s / losses.length;
      std[j] = Math.sqrt(Math.max(ss / losses.length - mean[j] * mean[j], 1e-12));
    }
    double s = 0;
    double ss = 0;
    for (double v : scores) {
      s += v;
      ss += v * v;
    }
    yMean = s / scores.length;
    yStd = Math.sqrt(Math.max(ss / scores.length - yMean * yMean, 1e-12));
  }

  private double[] scale(double[] l) {
    double[] z = new double[l.length];
    for (int j = 0; j < l.length; j++) {
      z[j] = (l[j] - mean[j]) / std[j];
    }
    return z;
  }

  @Override
  public double predict(double[] losses) {
    double[] z = scale(losses);
    double sum = 0;
    for (Net net : nets) {
      sum += net.forward(z, null);
    }
    return yMean + yStd * sum / nets.length;
  }

  @Override
  public String name() {
    return "mlp";
  }

  /** One network: W1 (h x d), b1 (h), w2 (h), b2; parameters in one flat array for Adam. */
  private static final class Net {
    private final int d;
    private final int h;
    private final double[] p;

    Net(int d, int h, SplittableRandom rnd) {
      this.d = d;
      this.h = h;
      p = new double[h * d + h + h + 1];
      for (int i = 0; i < h * d; i++) {
        p[i] = rnd.nextGaussian() / Math.sqrt(d); // fan-in scaled (LeCun) for tanh
      }
      for (int i = 0; i < h; i++) {
        p[h * d + h + i] = rnd.nextGaussian() / Math.sqrt(h);
      }
    }

    Net(Net from) {
      d = from.d;
      h = from.h;
      p = from.p.clone();
    }

    /**
     * @param act if not null, receives the h hidden activations
     */
    double forward(double[] x, double[] act) {
      double out = p[p.length - 1];
      for (int k = 0; k < h; k++) {
        double a = p[h * d + k];
        for (int j = 0; j < d; j++) {
          a += p[k * d + j] * x[j];
        }
        double t = Math.tanh(a);
        if (act != null) {
          act[k] = t;
        }
        out += p[h * d + h + k] * t;
      }
      return out;
    }

    void train(double[][] x, double[] y, int epochs) {
      double[] m = new double[p.length];
      double[] v = new double[p.length];
      double[] g = new double[p.length];
      double[] act = new double[h];
      for (int step = 1; step <= epochs; step++) {
        java.util.Arrays.fill(g, 0);
        for (int i = 0; i < x.length; i++) {
          double e = 2 * (forward(x[i], act) - y[i]) / x.length; // d MSE / d out
          g[p.length - 1] += e;
          for (int k = 0; k < h; k++) {
            g[h * d + h + k] += e * act[k];
            double back = e * p[h * d + h + k] * (1 - act[k] * act[k]);
            g[h * d + k] += back;
            for (int j = 0; j < d; j++) {
              g[k * d + j] += back * x[i][j];
            }
          }
        }
        adam(g, m, v, step);
      }
    }

    private void adam(double[] g, double[] m, double[] v, int step) {
      double bc1 = 1 - Math.pow(0.9, step);
      double bc2 = 1 - Math.pow(0.999, step);
      for (int i = 0; i < p.length; i++) {
        double gi = g[i] + 2 * L2 * p[i];
        m[i] = 0.9 * m[i] + 0.1 * gi;
        v[i] = 0.999 * v[i] + 0.001 * gi * gi;
        p[i] -= LR * (m[i] / bc1) / (Math.sqrt(v[i] / bc2) + 1e-8);
      }
    }
  }
}
