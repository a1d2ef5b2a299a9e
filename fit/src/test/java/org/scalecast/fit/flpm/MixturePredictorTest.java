package org.scalecast.fit.flpm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.laws.FlpMixtureLaw;
import org.scalecast.results.InputException;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/** FLP-M on a synthetic mixture sweep made from known laws. */
class MixturePredictorTest {
  private static final double[] SHARES = {0, 0.1, 0.25, 0.5, 0.75};
  private static final FlpMixtureLaw LAW = new FlpMixtureLaw();
  static final double[] TEXT = {1e30, -0.05, 0.03, -0.004}; // text loss rises with r
  static final double[] CODE = {1e28, -0.06, -0.004, -0.03}; // code loss falls with r

  static double text(double c, double r) {
    return LAW.value(new double[] {c, r}, TEXT);
  }

  static double code(double c, double r) {
    return LAW.value(new double[] {c, r}, CODE);
  }

  /** A task that needs both domains, saturating: a nonlinear function of the two losses. */
  static double score(double lt, double lc) {
    return 0.25 + 0.7 / (1 + Math.exp(4 * (lt + lc - 7.4)));
  }

  static Table table() {
    StringColumn run = StringColumn.create("run_id");
    DoubleColumn flops = DoubleColumn.create("flops");
    DoubleColumn fin = DoubleColumn.create("is_final");
    DoubleColumn share = DoubleColumn.create("mix_code");
    DoubleColumn lt = DoubleColumn.create("val_loss_text");
    DoubleColumn lc = DoubleColumn.create("val_loss_code");
    DoubleColumn s = DoubleColumn.create("task_acc");
    for (int size = 0; size < 3; size++) {
      for (double r : SHARES) {
        double c = 1e15 * Math.pow(10, size);
        for (int k = 1; k <= 8; k++) {
          double ck = c * k / 8;
          run.append("s" + size + "_r" + r);
          flops.append(ck);
          fin.append(k == 8 ? 1 : 0);
          share.append(r);
          lt.append(text(ck, r));
          lc.append(code(ck, r));
          s.append(score(text(ck, r), code(ck, r)));
        }
      }
    }
    return Table.create("mixture", run, flops, fin, share, lt, lc, s);
  }

  static MixtureSpec spec() {
    return new MixtureSpec(
        "mix_code",
        List.of("val_loss_text", "val_loss_code"),
        List.of(new PredictSpec.TaskSpec("task_acc", 0.25, null)));
  }

  @Test
  void domainLawsAreRecoveredIncludingThePureMixtures() {
    MixturePredictor p = MixturePredictor.fit(table(), spec());
    for (double r : new double[] {0, 0.3, 1}) {
      double[] l = p.losses(1e18, r); // 10x beyond the largest run
      assertEquals(text(1e18, r), l[0], 1e-6 * l[0], "text at r=" + r);
      assertEquals(code(1e18, r), l[1], 1e-6 * l[1], "code at r=" + r);
    }
    assertEquals(-0.05, p.lossLaws().get("val_loss_text").param("alpha"), 1e-6);
  }

  @Test
  void theNetworkFitsANonlinearTaskBetterThanTheLinearMapOnHeldOutRuns() {
    MixturePredictor p = MixturePredictor.fit(table(), spec());
    double mlp = p.heldOutErrors().get("task_acc").get(ScoreMap.Kind.MLP);
    double lin = p.heldOutErrors().get("task_acc").get(ScoreMap.Kind.LINEAR);
    assertTrue(mlp < lin, "mlp " + mlp + " vs linear " + lin);
    assertTrue(mlp < 0.02, "mlp held-out error " + mlp);
    assertEquals(ScoreMap.Kind.MLP, p.bestMap("task_acc"));
  }

  @Test
  void theOptimumIsTheShareWithTheHighestPredictedScore() {
    MixturePredictor p = MixturePredictor.fit(table(), spec());
    double c = 3e16;
    double[] grid = new double[21];
    for (int i = 0; i < grid.length; i++) {
      grid[i] = 0.75 * i / (grid.length - 1);
    }
    MixturePoint best = MixturePoint.best(MixturePoint.sweep(p, c, grid));
    double trueBest = 0;
    double trueScore = -1;
    for (double r : grid) {
      double v = score(text(c, r), code(c, r));
      if (v > trueScore) {
        trueScore = v;
        trueBest = r;
      }
    }
    assertEquals(trueBest, best.r(), 0.0751, "best share"); // within two grid steps
    assertEquals(trueScore, best.scores().get("task_acc"), 0.02);
  }

  @Test
  void aSweepWithOneShareIsRefused() {
    Table t = table();
    Table one = t.where(t.doubleColumn("mix_code").isEqualTo(0.25));
    InputException e = assertThrows(InputException.class, () -> MixturePredictor.fit(one, spec()));
    assertTrue(e.getMessage().contains("3 or more values of mix_code"), e.getMessage());
  }
}
