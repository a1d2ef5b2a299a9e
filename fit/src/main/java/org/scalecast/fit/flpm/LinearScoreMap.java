package org.scalecast.fit.flpm;

import org.apache.commons.math3.linear.MatrixUtils;
import org.apache.commons.math3.linear.QRDecomposition;
import org.apache.commons.math3.linear.RealMatrix;
import org.scalecast.results.InputException;

/**
 * score = w0 + sum_d w_d L_d, by least squares (QR). The baseline FLP-M's network is compared to.
 */
public final class LinearScoreMap implements ScoreMap {
  private double[] w;

  @Override
  public ScoreMap fit(double[][] losses, double[] scores) {
    int n = losses.length;
    int k = losses[0].length + 1;
    if (n < k + 1) {
      throw new InputException(
          "linear score map: " + n + " checkpoints for " + k + " coefficients");
    }
    RealMatrix a = MatrixUtils.createRealMatrix(n, k);
    for (int i = 0; i < n; i++) {
      a.setEntry(i, 0, 1);
      for (int j = 1; j < k; j++) {
        a.setEntry(i, j, losses[i][j - 1]);
      }
    }
    w = new QRDecomposition(a).getSolver().solve(MatrixUtils.createRealVector(scores)).toArray();
    return this;
  }

  /** Least squares has one solution: a warm start changes nothing. */
  @Override
  public ScoreMap refit(double[][] losses, double[] scores) {
    return new LinearScoreMap().fit(losses, scores);
  }

  @Override
  public double predict(double[] losses) {
    double v = w[0];
    for (int j = 0; j < losses.length; j++) {
      v += w[j + 1] * losses[j];
    }
    return v;
  }

  @Override
  public String name() {
    return "linear";
  }
}
