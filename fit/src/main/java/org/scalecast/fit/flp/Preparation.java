package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;
import org.scalecast.results.EnumKeys;
import org.scalecast.results.InputException;

/**
 * How checkpoints are prepared before the task chain's fits, the data preparation of the published
 * two-step ladder method (Bhagia et al. 2024, "Establishing Task Scaling Laws via Compute-Efficient
 * Model Ladders", arXiv:2412.04403; their {@code step1.py} / {@code step2.py} options {@code
 * --skip_perc}, {@code --moving_avg} and the "ideal point"). Early checkpoints are far from the
 * loss-to-accuracy curve the trained models follow, and single checkpoints are noisy: on the OLMo
 * ladder these preparations were worth 1.5 points of mean error. Nulls mean "not applied", so a
 * config without {@code prepare:} predicts as before.
 *
 * @param dropLeading stage 2: drop this leading fraction of each run's checkpoints, by step,
 *     rounded up (the paper: 0.1), in [0, 1)
 * @param movingAverage stage 2: replace each checkpoint's loss and score by their trailing mean
 *     over this many checkpoints of its run, fewer at a run's start (the paper: 5), at least 1
 * @param anchor stage 2: add this (loss, score) point to the fit (the paper: loss 0, accuracy 1, a
 *     perfect model), or null
 * @param lastK stage 1 and every loss method: a run's final loss is the mean of its last k
 *     checkpoints (the paper's step 1 averages the last 5), at least 1
 * @param choice whether it is applied always (the default) or where the backtest shows it helps
 *     ({@link PreparationChoice})
 */
public record Preparation(
    Double dropLeading, Integer movingAverage, Anchor anchor, Integer lastK, Choice choice) {

  /** No preparation. */
  public static final Preparation NONE = new Preparation(null, null, null, null);

  /** The published method's preparation ({@code prepare: paper}). */
  public static final Preparation PAPER = new Preparation(0.1, 5, new Anchor(0, 1), 5);

  /** Whether a preparation is applied. */
  public enum Choice {
    /** Always (the default). */
    ALWAYS,
    /**
     * Where it lowers the backtest's expected error of the task predictions ({@link
     * PreparationChoice}): on the OLMo ladder it did, on Pythia's it did not and it hurt.
     */
    BACKTEST;

    /**
     * @param key {@code always} or {@code backtest}
     * @return the constant
     */
    @JsonCreator
    public static Choice parse(String key) {
      return EnumKeys.parse(Choice.class, key, "prepare.choice");
    }

    /**
     * @return its config key
     */
    @JsonValue
    public String key() {
      return EnumKeys.key(this);
    }
  }

  /**
   * A preparation applied always.
   *
   * @param dropLeading see the record
   * @param movingAverage see the record
   * @param anchor see the record
   * @param lastK see the record
   */
  public Preparation(Double dropLeading, Integer movingAverage, Anchor anchor, Integer lastK) {
    this(dropLeading, movingAverage, anchor, lastK, Choice.ALWAYS);
  }

  /**
   * {@code prepare: paper}, {@code auto} (the paper's, where the backtest shows it helps) or {@code
   * none}.
   *
   * @param word the name
   * @return the preparation
   */
  @JsonCreator(mode = JsonCreator.Mode.DELEGATING)
  public static Preparation named(String word) {
    return switch (word == null ? "" : word.strip()) {
      case "paper" -> PAPER;
      case "auto" -> PAPER.choosing(Choice.BACKTEST);
      case "none" -> NONE;
      default ->
          throw new InputException(
              "prepare: '"
                  + word
                  + "': expected paper, auto or none, or the keys drop_leading, moving_average,"
                  + " anchor, last_k and choice");
    };
  }

  /**
   * @param c how it is chosen
   * @return this preparation chosen so
   */
  public Preparation choosing(Choice c) {
    return new Preparation(dropLeading, movingAverage, anchor, lastK, c);
  }

  /**
   * A point added to stage 2's fit.
   *
   * @param loss its loss (the paper: 0)
   * @param score its score (the paper: 1)
   */
  public record Anchor(double loss, double score) {
    /**
     * The run id of the anchor's point among stage 2's: a pseudo-run of its own, named so that no
     * run of a ladder is taken for it (a run named 'anchor' was drawn as the anchor: a review).
     */
    public static final String RUN = "prepare:anchor";

    /** Checks the score is a score. */
    public Anchor {
      if (!(score >= 0 && score <= 1) || !Double.isFinite(loss)) {
        throw new InputException(
            String.format(
                Locale.ROOT,
                "prepare.anchor: score must be in [0, 1] and loss finite, got loss %s, score %s",
                loss,
                score));
      }
    }
  }

  /** Checks the ranges. */
  @JsonCreator(mode = JsonCreator.Mode.PROPERTIES)
  public Preparation {
    choice = choice == null ? Choice.ALWAYS : choice;
    if (choice == Choice.BACKTEST
        && dropLeading == null
        && movingAverage == null
        && anchor == null
        && lastK == null) {
      throw new InputException("prepare.choice: backtest needs a preparation to choose");
    }
    if (dropLeading != null && !(dropLeading >= 0 && dropLeading < 1)) {
      throw new InputException("prepare.drop_leading must be in [0, 1), got " + dropLeading);
    }
    if (movingAverage != null && movingAverage < 1) {
      throw new InputException("prepare.moving_average must be at least 1, got " + movingAverage);
    }
    if (lastK != null && lastK < 1) {
      throw new InputException("prepare.last_k must be at least 1, got " + lastK);
    }
  }

  /**
   * @return whether stage 2's checkpoints are changed (dropped or smoothed)
   */
  boolean reshapesStage2() {
    return (dropLeading != null && dropLeading > 0) || (movingAverage != null && movingAverage > 1);
  }

  /**
   * @param n a run's checkpoints
   * @return how many leading ones to drop: ceil(fraction * n), as the paper's {@code skip_perc}
   */
  int dropped(int n) {
    return dropLeading == null ? 0 : (int) Math.ceil(dropLeading * n);
  }

  /**
   * The paper's {@code moving_average}: each value is the mean of itself and the window - 1 values
   * before it, or of all before it near the start.
   *
   * @param v a run's values in step order
   * @return the trailing means
   */
  double[] smooth(double[] v) {
    int w = movingAverage == null ? 1 : movingAverage;
    double[] out = new double[v.length];
    double sum = 0;
    for (int i = 0; i < v.length; i++) {
      sum += v[i];
      if (i >= w) {
        sum -= v[i - w];
      }
      out[i] = sum / Math.min(i + 1, w);
    }
    return out;
  }

  /**
   * @return the number of final checkpoints a run's final loss averages (1 when not set)
   */
  int finalWindow() {
    return lastK == null ? 1 : lastK;
  }
}
