package org.scalecast.fit.flp;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.scalecast.results.QuantityKind;

/**
 * {@code prepare:} with {@code choice: backtest} ({@code prepare: auto}): every target is predicted
 * with the preparation and without it, and the preparation is kept where it lowers the mean
 * expected backtest error of the task rows chosen in advance by at least {@link #GAIN}. The mean is
 * over the tasks of each target that both predictions give an expected error and that at least one
 * of them has within the refusal threshold: a task refused either way, 25-37 points off, decided
 * the choice on a review's Pythia subset, and flipped two other tasks. The published preparation
 * (Bhagia et al. 2024) helps on its own ladder and not on every one: over the comparison harness's
 * configurations (twenty-sixth session, --level 0.9), that mean dropped by 17-37% on the five OLMo
 * ladder configurations, where the preparation lowered the printed task error from 2.75 to 1.75
 * points (coverage 28/35 to 37/40); by -5 to 5% on Pythia's five, -33% on Cerebras-GPT's and 15% on
 * OPT's; applied always it raised the printed error from 2.01 to 2.35 points over the Pythia, OPT,
 * Cerebras-GPT and DCLM configurations (coverage 92/102 to 85/102).
 */
public final class PreparationChoice {
  private PreparationChoice() {}

  /** The relative drop in the mean expected backtest error that keeps the preparation. */
  public static final double GAIN = 0.10;

  /**
   * @param predictions per target, the predictions made with {@code used}
   * @param used the preparation they were made with, applied always
   * @param note what was chosen and why, or null when nothing was chosen
   */
  public record Chosen(List<Targets.Named> predictions, Preparation used, String note) {
    /**
     * @return the first target's predictions (the only one's, from {@link #one})
     */
    public Predictions first() {
      return predictions.get(0).predictions();
    }
  }

  /**
   * {@link #choose} for one target: a backtest's held-out run, or the quickstart's target.
   *
   * @param spec the config, with its preparation and refusal threshold
   * @param predict the target's predictions under a config
   * @return them, made with the preparation chosen
   */
  public static Chosen one(PredictSpec spec, Function<PredictSpec, Predictions> predict) {
    return choose(
        spec.prepare(),
        spec.backtest(),
        p -> List.of(new Targets.Named("target", predict.apply(spec.withPrepare(p)))));
  }

  /**
   * @param given the config's preparation
   * @param spec the refusal threshold
   * @param predict per target, the predictions made with a preparation
   * @return the predictions with the preparation the backtest chose, or with {@code given} when it
   *     is applied always
   */
  public static Chosen choose(
      Preparation given, BacktestSpec spec, Function<Preparation, List<Targets.Named>> predict) {
    if (given.choice() != Preparation.Choice.BACKTEST) {
      return new Chosen(predict.apply(given), given, null);
    }
    Preparation always = given.choosing(Preparation.Choice.ALWAYS);
    List<Targets.Named> raw = predict.apply(Preparation.NONE);
    List<Targets.Named> prepared = predict.apply(always);
    double[] m = paired(raw, prepared, spec.refusal(QuantityKind.SCORE));
    boolean keep = keeps(m);
    String note =
        m[2] == 0
            ? "prepare: not applied: no task has an expected backtest error within the threshold"
                + " to weigh it by"
            : String.format(
                Locale.ROOT,
                "prepare: %s: over %d task prediction(s), those chosen in advance expect a mean"
                    + " backtest error of %.2f pt with it and %.2f pt without (kept where at least"
                    + " %.0f%% smaller)",
                keep ? "applied" : "not applied",
                (int) m[2],
                100 * m[1],
                100 * m[0],
                100 * GAIN);
    return keep ? new Chosen(prepared, always, note) : new Chosen(raw, Preparation.NONE, note);
  }

  /** The rule, on {@link #paired}'s means: at least {@link #GAIN} smaller, over some task. */
  private static boolean keeps(double[] m) {
    return m[2] > 0 && m[1] < (1 - GAIN) * m[0];
  }

  /**
   * The same choice for one target whose rows were predicted part by part ({@link QuantityParts}):
   * a backtest's held-out run.
   *
   * @param without its rows, predicted without the preparation
   * @param with its rows, predicted with it
   * @param spec the refusal threshold
   * @return whether the preparation is kept
   */
  static boolean keeps(List<PredictionRow> without, List<PredictionRow> with, BacktestSpec spec) {
    return keeps(
        paired(
            List.of(new Targets.Named("target", new Predictions(null, without, Map.of()))),
            List.of(new Targets.Named("target", new Predictions(null, with, Map.of()))),
            spec.refusal(QuantityKind.SCORE)));
  }

  /**
   * @return the mean expected backtest error without and with the preparation, and over how many
   *     tasks: those of each target (mean error aside) that both give one for, at most {@code
   *     limit} in at least one
   */
  static double[] paired(List<Targets.Named> without, List<Targets.Named> with, double limit) {
    Map<String, Double> a = expected(without);
    Map<String, Double> b = expected(with);
    double[] m = new double[3];
    a.forEach(
        (k, e) -> {
          Double f = b.get(k);
          if (f != null && Math.min(e, f) <= limit) {
            m[0] += e;
            m[1] += f;
            m[2]++;
          }
        });
    if (m[2] > 0) {
      m[0] /= m[2];
      m[1] /= m[2];
    }
    return m;
  }

  /**
   * Per target (by position) and task, the chosen row's expected backtest error, where it has one.
   */
  private static Map<String, Double> expected(List<Targets.Named> all) {
    Map<String, Double> out = new HashMap<>();
    for (int i = 0; i < all.size(); i++) {
      for (PredictionRow r : all.get(i).predictions().rows()) {
        if (r.chosenInAdvance()
            && r.kind() == QuantityKind.SCORE
            && !r.quantity().equals(Quantity.MEAN_ERROR)
            && r.backtest() != null
            && r.backtest().expectedError() != null
            && Double.isFinite(r.backtest().expectedError())) {
          out.put(i + "\u0000" + r.quantity(), r.backtest().expectedError());
        }
      }
    }
    return out;
  }
}
