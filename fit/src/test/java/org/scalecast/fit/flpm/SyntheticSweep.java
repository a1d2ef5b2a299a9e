package org.scalecast.fit.flpm;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.DoubleBinaryOperator;
import org.scalecast.fit.ScalingLaw;
import org.scalecast.fit.flp.PredictSpec;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * A mixture sweep made from known domain laws: 4 sizes (compute c0 to 1000 c0) at each share, 8
 * checkpoints a run, one task whose score falls linearly with the summed domain losses (so a linear
 * map is exact and the true optimum is the share with the smallest summed loss).
 */
record SyntheticSweep(DoubleBinaryOperator text, DoubleBinaryOperator code, double noise) {
  /**
   * Four, not three: leaving the largest compute out of three sizes leaves two, which cannot
   * determine a compute law with an irreducible term (ye-mix, bimix), even from exact data.
   */
  static final int SIZES = 4;

  static SyntheticSweep of(ScalingLaw law, double[] text, double[] code, boolean ownShare) {
    return new SyntheticSweep(
        (c, r) -> law.value(new double[] {c, ownShare ? 1 - r : r}, text),
        (c, r) -> law.value(new double[] {c, r}, code),
        0);
  }

  SyntheticSweep withNoise(double relative) {
    return new SyntheticSweep(text, code, relative);
  }

  static double score(double lt, double lc) {
    return 1.5 - 0.15 * (lt + lc);
  }

  /** The true objective (chance 0, one task) at (c, r). */
  double objective(double c, double r) {
    return score(text.applyAsDouble(c, r), code.applyAsDouble(c, r));
  }

  Table table(double c0, double[] shares, long seed) {
    SplittableRandom rnd = new SplittableRandom(seed);
    StringColumn run = StringColumn.create("run_id");
    DoubleColumn flops = DoubleColumn.create("flops");
    DoubleColumn fin = DoubleColumn.create("is_final");
    DoubleColumn share = DoubleColumn.create("mix_code");
    DoubleColumn lt = DoubleColumn.create("val_loss_text");
    DoubleColumn lc = DoubleColumn.create("val_loss_code");
    DoubleColumn s = DoubleColumn.create("task_acc");
    for (int size = 0; size < SIZES; size++) {
      for (double r : shares) {
        for (int k = 1; k <= 8; k++) {
          double c = c0 * Math.pow(10, size) * k / 8;
          double t = text.applyAsDouble(c, r) * (1 + noise * rnd.nextGaussian());
          double d = code.applyAsDouble(c, r) * (1 + noise * rnd.nextGaussian());
          run.append("s" + size + "_r" + r);
          flops.append(c);
          fin.append(k == 8 ? 1 : 0);
          share.append(r);
          lt.append(t);
          lc.append(d);
          s.append(score(t, d));
        }
      }
    }
    return Table.create("mixture", run, flops, fin, share, lt, lc, s);
  }

  static MixtureSpec spec() {
    return new MixtureSpec(
        "mix_code",
        List.of("val_loss_text", "val_loss_code"),
        List.of(new PredictSpec.TaskSpec("task_acc", 0.0, null)),
        List.of(ScoreMap.Kind.LINEAR));
  }

  static double[] grid(double lo, double hi, int n) {
    double[] g = new double[n];
    for (int i = 0; i < n; i++) {
      g[i] = lo + (hi - lo) * i / (n - 1);
    }
    return g;
  }
}
