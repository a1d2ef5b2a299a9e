package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.List;
import org.scalecast.fit.Observations;
import org.scalecast.fit.laws.FlopsAccuracyLaw;
import org.scalecast.fit.laws.LogFlopsLinearLaw;
import org.scalecast.results.Chance;
import org.scalecast.results.QuantityKind;

/**
 * {@code direct-blend}: the mean of two direct extrapolations of the final scores in C, {@code
 * direct}'s curve that accelerates from chance ({@link FlopsAccuracyLaw}) and a line in ln C
 * ({@link LogFlopsLinearLaw}), with the hull of their intervals. It runs instead of {@code direct}
 * where the task's chains cannot (no loss column): a published table of released models has 3-6
 * final checkpoints per family, too few for backtests or leave-one-run-out to tell the two forms
 * apart, and each is right on some tasks (the curve on emerging GSM8K and HellaSwag, the line on
 * ARC-Challenge, where the curve over-predicted Pythia 12B by 11.9 points and OPT 13B by 13.2).
 * Measured on 9 families of Ruan et al. 2024's table (14 targets of 6-20B; docs/ladders.md's
 * section on it), task scores chosen in advance: {@code direct} alone, 77 of 108 predicted, 2.27
 * points off, 72 of 77 95% intervals holding; both forms offered as methods, leave-one-run-out
 * choosing, 91 at 2.38 (it switched between the forms by noise); this mean alone, 76 at 2.00, 74 of
 * 76 holding. Offered on ladders with losses and checkpoints, the line was chosen where it missed
 * (Pythia deduped WinoGrande, 4.2 and 6.1 points), so there {@code direct} stays as it was.
 */
public final class DirectBlendMethod implements PredictionMethod {
  /** The one instance, for {@link DirectMethod#appliesTo}'s question whether this one runs. */
  static final DirectBlendMethod INSTANCE = new DirectBlendMethod();

  @Override
  public String name() {
    return "direct-blend";
  }

  @Override
  public Quantity.Family family() {
    return Quantity.Family.TASK;
  }

  @Override
  public boolean appliesTo(Quantity q, SamplingRuns runs) {
    return !runs.has(q.task().loss());
  }

  /**
   * Both halves are needed: a half that cannot fit refuses the blend (it is no blend of one). Each
   * half's score is clipped to [0, 1] before the mean, since the line has no bound (a saturating
   * task's line passed 1 where the curve stayed below it: review of the change); the hull takes the
   * finite ends and both halves' values, so a curve without an interval (scores at chance) leaves
   * the line's interval stretched to the curve's value. Without the values the interval could
   * exclude the blend's own number: XGLM 564M-2.9B put the 7.5B's BoolQ at 0.640 [0.642, 0.678],
   * the curve at chance (0.62) with no interval (thirteenth session, a new user).
   */
  @Override
  public MethodFit predict(Quantity q, SamplingRuns runs) {
    double chance = q.task().chanceLevel();
    MethodFit a = DirectMethod.onScore(q, runs, "direct", new FlopsAccuracyLaw(), chance, false);
    MethodFit b =
        DirectMethod.onScore(q, runs, "direct-loglinear", new LogFlopsLinearLaw(), chance, false);
    double floor = floor(b, chance);
    double[] v = blend(a, b, floor, endFloor(b.stages().get(0).points(), floor, chance));
    boolean converged = a.fit(0).converged() && b.fit(0).converged();
    List<MethodFit.Stage> stages = new ArrayList<>(a.stages());
    stages.addAll(b.stages());
    return new MethodFit(
        v[0], v[1], v[2], SamplingRuns.warning(v[0], v[1], v[2], converged), stages);
  }

  /**
   * The lowest end of the blend's interval: its values' floor, but not a falling task's lowest run,
   * its last, below which the trend goes: a floor there pinned the interval's lower end to it (a
   * review of the twenty-eighth session's change). A falling task above chance keeps chance.
   *
   * @param finals the sampling runs' chance-normalised finals in C
   * @param floor the values' floor ({@link #floor})
   * @param chance the task's chance level
   * @return the floor of the ends, a score
   */
  public static double endFloor(Observations finals, double floor, double chance) {
    return floor < chance && FallingScore.falls(finals) ? 0 : floor;
  }

  /**
   * The lowest score a half may predict: chance, or the lowest score a sampling run ended at when
   * that is lower. The line falls below chance where the runs sit at it and scatter down with C:
   * DCLM's 412M-1.4B runs put a 7B's CommonsenseQA at 0.166 (chance 0.2, actual 0.254; fourteenth
   * session, a new user). Runs below chance are a trend the line may follow (an inverse-scaling
   * task; BoolQ under its majority answer): a floor at chance there pinned both halves to it and
   * the interval's lower end to the prediction (review of the change).
   *
   * @param half a half fitted on the chance-normalised finals ({@link DirectMethod#onScore})
   * @param chance the task's chance level
   * @return the floor, a score
   */
  static double floor(MethodFit half, double chance) {
    return Chance.floor(half.stages().get(0).points().y(), chance);
  }

  /**
   * Each half's value is raised to {@code floor}, its interval's ends to {@code endFloor}, and both
   * clipped to [0, 1], before the mean and the hull. The ends were only clipped: a new user's Jais
   * ladder put a 13B's BoolQ (chance 0.62, runs at 0.60-0.67) at 0.808 [0.000, 1.000], counted as
   * an interval that held (twenty-eighth session).
   *
   * @param floor the lowest value a half may take ({@link #floor})
   * @param endFloor the lowest end: {@code floor}, or 0 for a task whose runs fall with C
   * @return the halves' mean and the hull of their intervals' finite ends and their values: {value,
   *     lower, upper}; no interval when neither half has one
   */
  static double[] blend(MethodFit a, MethodFit b, double floor, double endFloor) {
    QuantityKind score = QuantityKind.SCORE;
    return blend(
        new double[] {score.clip(a.value()), score.clip(b.value())},
        new double[] {score.clip(a.lower()), score.clip(b.lower())},
        new double[] {score.clip(a.upper()), score.clip(b.upper())},
        floor,
        endFloor);
  }

  /**
   * The blend of halves already on the score scale: the row's interval here, and the report's
   * figure band at each point of its curve, one rule for both (the figure's copy kept the values'
   * floor and missed the ends', and its band and the printed interval disagreed: a review,
   * twenty-eighth session).
   *
   * @param values each half's value
   * @param lowers each half's lower end (NaN: none)
   * @param uppers each half's upper end (NaN: none)
   * @param floor the lowest value a half may take
   * @param endFloor the lowest end
   * @return {mean of the floored values, lower, upper}
   */
  public static double[] blend(
      double[] values, double[] lowers, double[] uppers, double floor, double endFloor) {
    double[] v = new double[values.length];
    double[] lo = new double[lowers.length];
    double mean = 0;
    for (int k = 0; k < values.length; k++) {
      v[k] = Math.max(floor, values[k]);
      lo[k] = Math.max(endFloor, lowers[k]);
      mean += v[k] / values.length;
    }
    double[] h = MethodFit.hull(v, lo, uppers);
    return new double[] {mean, h[0], h[1]};
  }
}
