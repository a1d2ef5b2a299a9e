package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.function.Predicate;
import org.scalecast.results.QuantityKind;

/**
 * One predicted quantity for the target by one method, beside the target's actual value when it was
 * trained. JSON field names are the {@code predict --json} contract.
 *
 * <p>Two choices of method per quantity, both explicit: {@code chosenInAdvance}, made without the
 * target's actual value (the smallest leave-one-run-out error, what a user can do before training
 * the target), and {@code best}, the smallest error against the actual value when it is known
 * (hindsight).
 *
 * @param quantity a loss column or a task score column
 * @param method how it was predicted
 * @param predicted the prediction
 * @param lower interval lower end
 * @param upper interval upper end
 * @param actual the target's value, or null when unknown
 * @param absError |predicted - actual|, or null
 * @param relError |predicted - actual| / |actual|, or null
 * @param warning why not to trust it, or null
 * @param loroAbsError mean absolute error of the same method predicting each sampling run's final
 *     value from the other sampling runs (leave-one-run-out), or null
 * @param loroRelError the same as a mean relative error, or null
 * @param loroRuns how many sampling runs those means are over
 * @param best whether this method has the smallest error for its quantity: against the actual value
 *     when the target was trained (hindsight), else the same as {@code chosenInAdvance}
 * @param chosenInAdvance whether this method has the smallest leave-one-run-out error for its
 *     quantity among the methods that gave a prediction: the choice made without the actual value
 * @param kind whether the quantity is a loss or a score: it sets the error's unit (relative for
 *     losses, points for scores) and the bounds a prediction must stay in (scores in [0, 1])
 * @param backtest the backtests' summary, or null
 * @param withheld on a refused row, the number the refusal withholds, or null: never the
 *     prediction, but the tool's best number for a user who needs one anyway ({@link Withheld}: the
 *     median of the methods' numbers where three or more gave one, since the eighteenth session;
 *     before, and with fewer, the refused method's own), and what the refusals are audited by where
 *     the actual value is known (were the refused numbers worse than the printed ones? sixteenth
 *     session)
 * @param refusal on a row that says its quantity is not predictable, the rule that refused it (its
 *     first warning says it in words); null otherwise
 */
// Every field in order: the two properties from methods (covered, not_predictable) came out in
// either order from one build to the next, so two runs' --json differed byte for byte.
@JsonPropertyOrder({
  "quantity",
  "method",
  "predicted",
  "lower",
  "upper",
  "actual",
  "abs_error",
  "rel_error",
  "covered",
  "warning",
  "loro_abs_error",
  "loro_rel_error",
  "loro_runs",
  "best",
  "chosen_in_advance",
  "not_predictable",
  "refusal",
  "withheld",
  "kind",
  "backtest"
})
public record PredictionRow(
    String quantity,
    String method,
    Double predicted,
    Double lower,
    Double upper,
    Double actual,
    Double absError,
    Double relError,
    String warning,
    Double loroAbsError,
    Double loroRelError,
    Integer loroRuns,
    boolean best,
    boolean chosenInAdvance,
    @JsonIgnore QuantityKind kind,
    BacktestSummary backtest,
    Double withheld,
    RefusalReason refusal) {

  /**
   * @param quantity the quantity
   * @param kind loss or score
   * @param method the method
   * @param predicted value
   * @param lower lower end
   * @param upper upper end
   * @param actual actual value or NaN
   * @param warning or null
   * @return the row, with errors when the actual value is known, NaNs as nulls, and a prediction
   *     outside the kind's valid range (a loss at or below 0, a score outside [0, 1]) flagged in
   *     its warning
   */
  public static PredictionRow of(
      String quantity,
      QuantityKind kind,
      String method,
      double predicted,
      double lower,
      double upper,
      double actual,
      String warning) {
    Double a = Double.isFinite(actual) ? actual : null;
    Double abs = a == null || !Double.isFinite(predicted) ? null : Math.abs(predicted - actual);
    Double rel = abs == null || actual == 0 ? null : abs / Math.abs(actual);
    return new PredictionRow(
        quantity,
        method,
        finite(predicted),
        finite(lower),
        finite(upper),
        a,
        abs,
        rel,
        join(warning, kind.outsideRange(predicted)),
        null,
        null,
        null,
        false,
        false,
        kind,
        null,
        null,
        null);
  }

  /**
   * The one form of a refusal: no prediction, the reason as the warning, the actual value kept.
   *
   * @param quantity the quantity
   * @param kind loss or score
   * @param method the method that refused
   * @param actual actual value or NaN
   * @param reason why there is no prediction
   * @return the row
   */
  public static PredictionRow refusal(
      String quantity, QuantityKind kind, String method, double actual, String reason) {
    return of(quantity, kind, method, Double.NaN, Double.NaN, Double.NaN, actual, reason);
  }

  /**
   * @return the kind's name in JSON, {@code loss} or {@code score}
   */
  @JsonProperty("kind")
  public String kindName() {
    return kind.name().toLowerCase(Locale.ROOT);
  }

  /**
   * The quantity-level refusal: the row chosen in advance without a number, its reason leading the
   * warning ("not predictable from these runs: ..."). A field of its own so that a script reading
   * {@code --json} need not parse warnings to tell it from a method that could not predict (also
   * {@code predicted: null}, not chosen; the factory {@link #refusal} builds those). Named after
   * the warning, not "refused", which also names a method's own refusal (review of the change).
   *
   * @return whether this row says its quantity is not predictable from these runs
   */
  @JsonProperty("not_predictable")
  public boolean notPredictable() {
    return chosenInAdvance && predicted == null;
  }

  /**
   * @return whether the fit behind this row converged: its warning does not say otherwise ({@link
   *     SamplingRuns#NOT_CONVERGED})
   */
  @JsonIgnore
  public boolean converged() {
    return !warningParts().contains(SamplingRuns.NOT_CONVERGED);
  }

  /**
   * In {@code --json} too, under the name the backtest cases' CSV gives it: a new user computing
   * coverage from {@code predict --json} compared the ends by hand (fourteenth session).
   *
   * @return whether the interval holds the actual value; null without an interval or an actual
   *     value
   */
  @JsonProperty("covered")
  public Boolean covered() {
    if (lower == null || upper == null || actual == null) {
      return null;
    }
    return actual >= lower && actual <= upper;
  }

  /**
   * @return the error against the actual value in the kind's unit (relative for a loss, absolute
   *     for a score), or null
   */
  @JsonIgnore
  public Double error() {
    return kind == QuantityKind.LOSS ? relError : absError;
  }

  /**
   * @return the row's number: its prediction, or the number its refusal withholds; null when it has
   *     neither
   */
  @JsonIgnore
  public Double numberOrWithheld() {
    return predicted != null ? predicted : withheld;
  }

  /**
   * @return the withheld number's error against the actual value in the kind's unit, or null
   */
  @JsonIgnore
  public Double withheldError() {
    if (withheld == null || actual == null) {
      return null;
    }
    double abs = Math.abs(withheld - actual);
    return kind != QuantityKind.LOSS ? abs : actual == 0 ? null : abs / Math.abs(actual);
  }

  /**
   * @return the leave-one-run-out error in the kind's unit, or null
   */
  @JsonIgnore
  public Double loroError() {
    return kind == QuantityKind.LOSS ? loroRelError : loroAbsError;
  }

  /**
   * @param meanAbsError leave-one-run-out mean absolute error
   * @param meanRelError leave-one-run-out mean relative error
   * @param runs runs they are over
   * @param extraWarning a warning to add, or null
   * @return this row with them
   */
  public PredictionRow withLoro(
      double meanAbsError, double meanRelError, int runs, String extraWarning) {
    return copy(
        join(warning, extraWarning),
        finite(meanAbsError),
        finite(meanRelError),
        runs,
        best,
        chosenInAdvance);
  }

  /**
   * @param extra a warning to add, or null
   * @return this row with it after its own
   */
  public PredictionRow withWarning(String extra) {
    return copy(join(warning, extra), loroAbsError, loroRelError, loroRuns, best, chosenInAdvance);
  }

  /**
   * @param part one of the "; "-separated warnings of this row
   * @return this row without it (unchanged when it has no such warning)
   */
  PredictionRow withoutWarning(String part) {
    return withoutWarnings(part::equals);
  }

  /**
   * The "; "-separated warnings every one of the rows has, in the first row's order; none for fewer
   * than two rows. A table says them once above its rows: on a new user's Qwen ladder (three
   * released models, seventeenth session) every row carried the same 130 characters about
   * leave-one-run-out choosing, which pushed each line to 300.
   *
   * @param rows a table's rows
   * @return the shared warnings
   */
  public static List<String> sharedWarnings(List<PredictionRow> rows) {
    if (rows.size() < 2) {
      return List.of();
    }
    List<List<String>> parts = rows.stream().map(PredictionRow::warningParts).toList();
    // A refused row's reason (its first warning) stays on the row: hoisted, it left every "why
    // refused" cell empty on a ladder whose every quantity was refused alike (review of the
    // change).
    Set<String> reasons = new HashSet<>();
    for (int i = 0; i < rows.size(); i++) {
      if (rows.get(i).predicted() == null && !parts.get(i).isEmpty()) {
        reasons.add(parts.get(i).get(0));
      }
    }
    return parts.get(0).stream()
        .distinct()
        .filter(part -> !reasons.contains(part))
        .filter(part -> parts.stream().allMatch(p -> p.contains(part)))
        .toList();
  }

  /**
   * @param spec the refusal thresholds
   * @return whether this row is within its kind's threshold as the disagreement rule counts it: by
   *     its expected backtest error where its backtest decides, else by its leave-one-run-out error
   *     ({@link Refusal}; the report's disagreement column)
   */
  public boolean withinThreshold(BacktestSpec spec) {
    double limit = spec.refusal(kind);
    return spec.decides(backtest)
        ? backtest.expectedError() <= limit
        : loroError() != null && loroError() <= limit;
  }

  /**
   * @param parts warnings said elsewhere ({@link #sharedWarnings})
   * @return this row's warnings without them, "" when none is left
   */
  public String warningExcept(List<String> parts) {
    String kept = warningWithout(parts::contains);
    return kept == null ? "" : kept;
  }

  /**
   * @param drop which of the "; "-separated warnings of this row to drop
   * @return this row without them
   */
  PredictionRow withoutWarnings(Predicate<String> drop) {
    return copy(warningWithout(drop), loroAbsError, loroRelError, loroRuns, best, chosenInAdvance);
  }

  /** This row's "; "-separated warnings but those {@code drop} matches; null when none is left. */
  private String warningWithout(Predicate<String> drop) {
    List<String> kept = warningParts().stream().filter(drop.negate()).toList();
    return kept.isEmpty() ? null : String.join("; ", kept);
  }

  /** This row's "; "-separated warnings; none without a warning. */
  private List<String> warningParts() {
    return warning == null ? List.of() : List.of(warning.split("; "));
  }

  /**
   * @return this row marked as its quantity's best method
   */
  public PredictionRow asBest() {
    return copy(warning, loroAbsError, loroRelError, loroRuns, true, chosenInAdvance);
  }

  /**
   * @return this row marked as the method chosen in advance for its quantity
   */
  public PredictionRow asChosenInAdvance() {
    return copy(warning, loroAbsError, loroRelError, loroRuns, best, true);
  }

  /**
   * @param summary the backtests' summary
   * @return this row with it
   */
  public PredictionRow withBacktest(BacktestSummary summary) {
    return rebuilt(lower, upper, summary, withheld);
  }

  /**
   * @param number the number a refusal withholds ({@link Withheld})
   * @return this row with it
   */
  PredictionRow withWithheld(double number) {
    return rebuilt(lower, upper, backtest, finite(number));
  }

  /**
   * @param low new lower end
   * @param high new upper end
   * @return this row with that interval
   */
  public PredictionRow withInterval(double low, double high) {
    return rebuilt(finite(low), finite(high), backtest, withheld);
  }

  /** This row with the interval, backtests and withheld number given, the rest kept. */
  private PredictionRow rebuilt(Double low, Double high, BacktestSummary b, Double held) {
    return new PredictionRow(
        quantity,
        method,
        predicted,
        low,
        high,
        actual,
        absError,
        relError,
        warning,
        loroAbsError,
        loroRelError,
        loroRuns,
        best,
        chosenInAdvance,
        kind,
        b,
        held,
        refusal);
  }

  /**
   * @param reason the rule that refused
   * @param why why the quantity is not predictable from these runs, in words
   * @return this row without its prediction and interval, the reason first in its warning, the
   *     prediction kept as {@code withheld} until {@link MethodChoice} sets the methods' median
   *     there ({@link Withheld})
   */
  public PredictionRow asRefused(RefusalReason reason, String why) {
    return dropped(Objects.requireNonNull(reason), why);
  }

  /**
   * @param why why this method's number is not to be judged (its fit did not converge)
   * @return this row without its prediction and interval, as {@link #asRefused} makes it, but no
   *     quantity's refusal: {@link MethodChoice} judges the methods on such rows before it chooses
   */
  PredictionRow withoutNumber(String why) {
    return dropped(null, why);
  }

  private PredictionRow dropped(RefusalReason reason, String why) {
    // The warnings about an interval go with it (a review of the far-target refusal found a refused
    // row still saying its interval was wide and reached the threshold; a new user, how a Student-t
    // bound made an interval the row does not print).
    String kept =
        warningWithout(
            w ->
                w.equals(SamplingRuns.WIDE_WARNING)
                    || w.equals(SamplingRuns.NO_INTERVAL_WARNING)
                    || w.startsWith(Backtest.NOT_YET_EMERGED)
                    || w.contains(Backtest.STUDENT_T)
                    || w.equals(Backtest.BACKTESTS_ALONE)
                    || w.equals(Backtest.BAND_ALONE)
                    || w.equals(Widening.NO_NOISE)
                    || w.startsWith(Widening.SHRUNK_START));
    return new PredictionRow(
        quantity,
        method,
        null,
        null,
        null,
        actual,
        null,
        null,
        join(why, kept),
        loroAbsError,
        loroRelError,
        loroRuns,
        best,
        chosenInAdvance,
        kind,
        backtest,
        predicted != null ? predicted : withheld,
        reason);
  }

  /**
   * @return the backtest error in the kind's unit, or null
   */
  @JsonIgnore
  public Double backtestError() {
    return backtest == null ? null : backtest.meanError();
  }

  private static String join(String w, String extra) {
    return extra == null ? w : w == null ? extra : w + "; " + extra;
  }

  private PredictionRow copy(
      String w, Double loroAbs, Double loroRel, Integer runs, boolean b, boolean chosen) {
    return new PredictionRow(
        quantity, method, predicted, lower, upper, actual, absError, relError, w, loroAbs, loroRel,
        runs, b, chosen, kind, backtest, withheld, refusal);
  }

  private static Double finite(double v) {
    return Double.isFinite(v) ? v : null;
  }
}
