package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.List;
import org.scalecast.results.QuantityKind;

/**
 * What the {@link Backtest}s say about one method for one quantity.
 *
 * @param cases how many held-out runs it predicted
 * @param meanError mean error over them (relative for losses, points for scores)
 * @param expectedError expected error at the target's extrapolation distance (the choice's key and
 *     the refusal's), over the held-out runs every method of the quantity predicted
 * @param targetDistance d*, log10 of the target's compute over the sampling runs' largest
 * @param perDecadeQuantile the conformal quantile of the scores, errors per decade of distance plus
 *     d0, pooled over the credible methods (when too few for the level, the small-sample bound
 *     {@link Conformal#smallSampleBound})
 * @param scores how many scores the interval was made from (the pooled cases)
 * @param calibration how the interval was made
 * @param intervalScale the scale the interval was made on ({@link ScaleChoice}): distance or
 *     leverage; null without cases
 * @param leverageQuantile on the leverage scale, the same quantile of errors per unit leverage;
 *     else null
 * @param distanceLower the interval the distance scale gives, made as the row's is (the row's own
 *     when that is the scale): with the row's, what the disagreement refusal is judged against;
 *     null before widening and without cases
 * @param distanceUpper its upper end
 * @param coverage leave-one-case-out coverage of the conformal bound over the cases, or null
 * @param fitLower the method's own interval lower end, before widening
 * @param fitUpper the method's own interval upper end, before widening
 * @param emergence for a task score, the emergence threshold (chance + margin); else null
 * @param emergedCases for a task score, how many cases' held-out runs ended at or above it
 * @param depths at how many holdout depths it predicted at least one held-out run
 * @param unemerged for a task score, whether no sampling run ended at or above its emergence
 *     threshold; else null
 * @param detail the cases (not in JSON)
 */
public record BacktestSummary(
    int cases,
    Double meanError,
    Double expectedError,
    double targetDistance,
    Double perDecadeQuantile,
    int scores,
    Calibration calibration,
    BacktestSpec.IntervalScale intervalScale,
    Double leverageQuantile,
    Double distanceLower,
    Double distanceUpper,
    Double coverage,
    Double fitLower,
    Double fitUpper,
    Double emergence,
    Integer emergedCases,
    int depths,
    Boolean unemerged,
    @JsonIgnore List<BacktestCase> detail) {
  /**
   * @param predicted the prediction
   * @param kind loss or score
   * @param offset d0
   * @return half the width of the interval on the distance scale: the per-decade quantile times (d*
   *     + d0), relative to the prediction for a loss
   */
  public double distanceHalfWidth(double predicted, QuantityKind kind, double offset) {
    return perDecadeQuantile
        * Backtest.reach(targetDistance, offset)
        * Backtest.unit(kind, predicted);
  }

  /**
   * @param lower the distance scale's interval, lower end
   * @param upper its upper end
   * @return this summary with them
   */
  public BacktestSummary withDistanceInterval(double lower, double upper) {
    return new BacktestSummary(
        cases,
        meanError,
        expectedError,
        targetDistance,
        perDecadeQuantile,
        scores,
        calibration,
        intervalScale,
        leverageQuantile,
        lower,
        upper,
        coverage,
        fitLower,
        fitUpper,
        emergence,
        emergedCases,
        depths,
        unemerged,
        detail);
  }
}
