package org.scalecast.fit.flp;

import java.util.List;
import java.util.Locale;
import java.util.function.Function;
import org.scalecast.results.QuantityKind;

/**
 * {@code prepare:} with {@code choice: backtest} ({@code prepare: auto}): every target is predicted
 * with the preparation and without it, and the preparation is kept where it lowers the mean
 * expected backtest error of the task rows chosen in advance by at least {@link #GAIN}. The
 * published preparation (Bhagia et al. 2024) helps on its own ladder and not on every one: over the
 * comparison harness's configurations (twenty-sixth session, --level 0.9), on the five OLMo ladder
 * configurations it lowered that mean by 10-29% and the printed task error from 2.75 to 1.75 points
 * (coverage 28/35 to 37/40); on Pythia's five it changed that mean by at most 1.5%, and applied
 * always it raised the printed error from 2.01 to 2.35 points over the Pythia, OPT, Cerebras-GPT
 * and DCLM configurations (coverage 92/102 to 85/102).
 */
public final class PreparationChoice {
  private PreparationChoice() {}

  /** The relative drop in the mean expected backtest error that keeps the preparation. */
  public static final double GAIN = 0.05;

  /**
   * @param predictions per target, the predictions made with {@code used}
   * @param used the preparation they were made with, applied always
   * @param note what was chosen and why, or null when nothing was chosen
   */
  public record Chosen(List<Targets.Named> predictions, Preparation used, String note) {}

  /**
   * @param given the config's preparation
   * @param predict per target, the predictions made with a preparation
   * @return the predictions with the preparation the backtest chose, or with {@code given} when it
   *     is applied always
   */
  public static Chosen choose(
      Preparation given, Function<Preparation, List<Targets.Named>> predict) {
    if (given.choice() != Preparation.Choice.BACKTEST) {
      return new Chosen(predict.apply(given), given, null);
    }
    Preparation always = given.choosing(Preparation.Choice.ALWAYS);
    List<Targets.Named> raw = predict.apply(Preparation.NONE);
    List<Targets.Named> prepared = predict.apply(always);
    double without = meanExpected(raw);
    double with = meanExpected(prepared);
    boolean keep = with < (1 - GAIN) * without;
    String note =
        Double.isNaN(with) || Double.isNaN(without)
            ? "prepare: not applied: no task row chosen in advance has an expected backtest error"
                + " to weigh it by"
            : String.format(
                Locale.ROOT,
                "prepare: %s: the task rows chosen in advance expect a mean backtest error of"
                    + " %.2f pt with it and %.2f pt without (kept where at least %.0f%% smaller)",
                keep ? "applied" : "not applied",
                100 * with,
                100 * without,
                100 * GAIN);
    return keep ? new Chosen(prepared, always, note) : new Chosen(raw, Preparation.NONE, note);
  }

  /**
   * The mean expected backtest error of the task score rows chosen in advance, over every target;
   * NaN when none has one (then the preparation is not kept).
   */
  static double meanExpected(List<Targets.Named> all) {
    return all.stream()
        .flatMap(n -> n.predictions().rows().stream())
        .filter(PredictionRow::chosenInAdvance)
        .filter(r -> r.kind() == QuantityKind.SCORE && !r.quantity().equals(Quantity.MEAN_ERROR))
        .filter(r -> r.backtest() != null && r.backtest().expectedError() != null)
        .mapToDouble(r -> r.backtest().expectedError())
        .average()
        .orElse(Double.NaN);
  }
}
