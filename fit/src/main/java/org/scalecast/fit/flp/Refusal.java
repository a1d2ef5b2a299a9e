package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.scalecast.results.QuantityKind;

/**
 * Why the quantity of a row chosen in advance ({@link MethodChoice}) is not predictable from the
 * sampling runs, or null when it is: every method's expected backtest error above the threshold;
 * only methods backtested at fewer holdout depths than the deepest within it; a method within it
 * predicting outside the chosen interval (the "the methods disagree"); an emerged
 * prediction without emerged backtest cases; on a thin ladder (no method with {@link
 * BacktestSpec#minCases} cases), its few cases or its leave-one-run-out errors; a task no sampling
 * run emerged on, at a far target. Each reason's comment says which ladder made it.
 */
final class Refusal {
  private static final String NOT_PREDICTABLE = "not predictable from these runs: ";

  private Refusal() {}

  /**
   * A refusal.
   *
   * @param reason the rule that refused
   * @param text the reason in words, with its numbers: the row's first warning
   * @param named for a refusal for a leave-one-run-out error, the method whose error it names (a
   *     loss ranks by relative error, so it can be another than the chosen one: review of the
   *     seventeenth session's change); null otherwise
   */
  record Verdict(RefusalReason reason, String text, String named) {
    /**
     * @param reason the rule
     * @param format what follows "not predictable from these runs: ", every refusal's opening
     * @param args its arguments
     * @return the refusal, naming no method
     */
    static Verdict of(RefusalReason reason, String format, Object... args) {
      return new Verdict(reason, String.format(Locale.ROOT, NOT_PREDICTABLE + format, args), null);
    }

    /**
     * @param method the method whose leave-one-run-out error the refusal names
     * @return this refusal naming it
     */
    Verdict naming(String method) {
      return new Verdict(reason, text, method);
    }
  }

  /**
   * @param rows the rows as judged: a fit that did not converge without its prediction
   * @param all the rows as predicted: a fit that did not converge still vetoes by disagreeing (it
   *     is another extrapolation the runs allow; measured on Gadre et al.'s C4 ladder, letting it
   *     neither clear nor veto unrefused one accuracy prediction that missed by about 13 points,
   *     outside its interval: 7 predicted at 4.8 points against 6 at 3.4)
   * @param chosen the chosen row
   * @param spec the thresholds
   * @return why the quantity of the chosen row is not predictable from these runs, or null
   */
  static Verdict why(
      List<PredictionRow> rows, List<PredictionRow> all, PredictionRow chosen, BacktestSpec spec) {
    double limit = spec.refusal(chosen.kind());
    List<PredictionRow> tested = tested(rows, chosen, spec);
    if (tested.isEmpty()) {
      return thinRefusal(rows, chosen, spec);
    }
    List<PredictionRow> credible = tested.stream().filter(r -> expected(r) <= limit).toList();
    if (credible.isEmpty()) {
      return Verdict.of(
          RefusalReason.BACKTEST_ABOVE,
          "every method's backtest error, scaled to the target's extrapolation distance,"
              + " is above %s (smallest: %s)",
          chosen.kind().formatError(limit),
          least(tested, limit));
    }
    Verdict shortOnly = shortRangeOnly(tested, chosen, limit);
    if (shortOnly != null) {
      return shortOnly;
    }
    Verdict untested = emergedUntested(chosen, spec);
    if (untested != null) {
      return untested;
    }
    List<PredictionRow> vetoes =
        tested(all, chosen, spec).stream().filter(r -> expected(r) <= limit).toList();
    List<PredictionRow> counted = atChosenDepths(vetoes, chosen, limit);
    return disagreement(withUntested(all, counted, spec), chosen, shallow(counted, chosen), limit);
  }

  /**
   * A warning for a predicted row: the method furthest outside its interval among those above the
   * threshold by at most {@link BacktestSpec#NEAR_THRESHOLD}; null when none is.
   */
  static String nearDissent(List<PredictionRow> all, PredictionRow chosen, BacktestSpec spec) {
    if (chosen.lower() == null || chosen.backtest() == null) {
      return null;
    }
    double limit = spec.refusal(chosen.kind());
    List<PredictionRow> near =
        tested(all, chosen, spec).stream()
            .filter(r -> expected(r) > limit && expected(r) <= BacktestSpec.NEAR_THRESHOLD * limit)
            .toList();
    PredictionRow far = furthestOutside(near, chosen, band(chosen));
    return far == null
        ? null
        : String.format(
            Locale.ROOT,
            "%s, just above the threshold (expected error %s against %s), predicts %.4g, outside"
                + " this interval: the interval holds only if %s's extrapolation is the right one",
            far.method(),
            nextTo(chosen.kind(), expected(far), limit),
            chosen.kind().formatError(limit),
            far.predicted(),
            chosen.method());
  }

  /**
   * The rows of the chosen row's quantity whose backtests decide ({@link MethodChoice#backtest}).
   */
  private static List<PredictionRow> tested(
      List<PredictionRow> rows, PredictionRow chosen, BacktestSpec spec) {
    return rows.stream()
        .filter(r -> r.quantity().equals(chosen.quantity()))
        .filter(r -> Double.isFinite(MethodChoice.backtest(r, spec)))
        .toList();
  }

  /**
   * Why a quantity no method has {@link BacktestSpec#minCases} backtest cases for is not
   * predictable, or null: the chosen method's own few backtest cases missed by more than the
   * threshold; every method backtested at all (on fewer cases) did; or, with no backtest at all,
   * every method's leave-one-run-out error, which measures interpolation and so bounds
   * extrapolation's from below, is above it. On a ladder of 4 sampling runs (OPT 125M-2.7B) nothing
   * was ever refused: ARC-Challenge, its one backtest case 26 points off, was predicted for the 13B
   * and missed by 8.6. The same bound holds with a few backtest cases: the chosen method's
   * leave-one-run-out error (the smallest, since it chose) above the threshold refuses, whatever
   * its few cases say; on that ladder WSC's one case was within it by luck while leave-one-run-out
   * missed by 19.8 points, and the 6.7B was predicted at 0.635, actual 0.423 (thirteenth session).
   * No {@link #disagreement} here: judged among the methods whose leave-one-run-out error is within
   * the threshold, it refused 4 predictions of the RWKV-4 Pile ladder 2.4 points off, all inside
   * their intervals, and nothing on any other ladder measured (eighteenth session).
   */
  private static Verdict thinRefusal(
      List<PredictionRow> rows, PredictionRow chosen, BacktestSpec spec) {
    Verdict never = neverEmerged(chosen);
    if (never != null) {
      return never;
    }
    double limit = spec.refusal(chosen.kind());
    List<PredictionRow> same =
        rows.stream()
            .filter(r -> r.quantity().equals(chosen.quantity()) && r.predicted() != null)
            .toList();
    List<PredictionRow> thin =
        same.stream()
            .filter(r -> r.backtest() != null && r.backtest().expectedError() != null)
            .filter(r -> Double.isFinite(expected(r)))
            .toList();
    // The chosen method's own cases, however few, missing by more than the threshold: its number
    // is not to be trusted, whatever another method's cases say.
    PredictionRow own =
        thin.stream().filter(r -> r.method().equals(chosen.method())).findFirst().orElse(null);
    if (own != null && expected(own) > limit) {
      return Verdict.of(
          RefusalReason.OWN_CASES_ABOVE,
          "%s's backtest error (on %d case%s, fewer than %d), scaled to the target's"
              + " extrapolation distance, is %s, above %s",
          chosen.method(),
          own.backtest().cases(),
          own.backtest().cases() == 1 ? "" : "s",
          spec.minCases(),
          chosen.kind().formatError(expected(own)),
          chosen.kind().formatError(limit));
    }
    // In the kind's unit (relative for a loss), which the choice's absolute error need not order
    // alike: the smallest here, not the chosen method's.
    PredictionRow bestLoro =
        same.stream()
            .filter(r -> r.loroError() != null)
            .min((a, b) -> Double.compare(a.loroError(), b.loroError()))
            .orElse(null);
    if (!thin.isEmpty() && bestLoro != null && bestLoro.loroError() > limit) {
      return Verdict.of(
              RefusalReason.LORO_ABOVE,
              "the smallest leave-one-run-out error (%s, %s) is above %s: no method"
                  + " interpolates these runs, and fewer than %d backtest cases cannot vouch for"
                  + " extrapolation",
              bestLoro.method(),
              bestLoro.kind().formatError(bestLoro.loroError()),
              chosen.kind().formatError(limit),
              spec.minCases())
          .naming(bestLoro.method());
    }
    if (!thin.isEmpty()) {
      if (thin.stream().anyMatch(r -> expected(r) <= limit)) {
        return null;
      }
      return Verdict.of(
          RefusalReason.FEW_CASES_ABOVE,
          "every method's backtest error (on fewer than %d cases), scaled to the"
              + " target's extrapolation distance, is above %s (smallest: %s)",
          spec.minCases(),
          chosen.kind().formatError(limit),
          least(thin, limit));
    }
    List<PredictionRow> loro = same.stream().filter(r -> r.loroError() != null).toList();
    if (loro.isEmpty() || loro.stream().anyMatch(r -> r.loroError() <= limit)) {
      return null;
    }
    PredictionRow best =
        loro.stream().min((a, b) -> Double.compare(a.loroError(), b.loroError())).orElseThrow();
    return Verdict.of(
            RefusalReason.UNTESTED_LORO_ABOVE,
            "not backtested, and every method's leave-one-run-out error is above %s"
                + " (smallest: %s, %s)",
            chosen.kind().formatError(limit),
            best.method(),
            best.kind().formatError(best.loroError()))
        .naming(best.method());
  }

  /**
   * Why a task no sampling run has emerged on cannot be predicted above its threshold, or null. A
   * fit to scores at chance says nothing about where the task leaves it; with backtests {@link
   * #emergedUntested} refuses such a row (no held-out run emerged either), but a thin ladder has
   * none: from GPT-Neo 125M-2.7B, all at chance on MMLU (0.25-0.26), the direct fit predicted
   * GPT-NeoX-20B at 0.96 (actual 0.25).
   */
  private static Verdict neverEmerged(PredictionRow chosen) {
    BacktestSummary b = chosen.backtest();
    if (!noRunEmerged(b) || chosen.predicted() < b.emergence()) {
      return null;
    }
    return Verdict.of(
        RefusalReason.UNREACHED_THRESHOLD,
        "predicted %.3g, above the emergence threshold %.3g, which no sampling run" + " reached",
        chosen.predicted(),
        b.emergence());
  }

  /**
   * Why a task no sampling run has emerged on is not predictable at a far target (extrapolation
   * distance d* from {@link BacktestSpec#farDistance} on), or null. Below its threshold such a task
   * is predicted near chance with an interval up to the threshold, which says where the task is,
   * not when it leaves chance: nothing in runs at chance foresees that (FLP: before emergence the
   * score carries no information about the loss), and the further the target, the likelier it has
   * left. Cerebras-GPT 111M-2.7B scored 0.17-0.25 zero-shot on ARC-Challenge (threshold 0.30): the
   * direct fit put the 6.7B (0.8 decades out) at 0.250 [0.210, 0.300], actual 0.282, and the 13B
   * (1.4 decades) at 0.250 [0.188, 0.312], actual 0.367.
   */
  static Verdict farUnemerged(PredictionRow chosen, BacktestSpec spec) {
    BacktestSummary b = chosen.backtest();
    // NaN (no sampling run with a final checkpoint) is no distance to refuse at.
    if (chosen.predicted() == null
        || !noRunEmerged(b)
        || !(b.targetDistance() >= spec.farDistance())) {
      return null;
    }
    return Verdict.of(
        RefusalReason.FAR_UNEMERGED,
        Backtest.NOT_YET_EMERGED
            + " %.3g, and the target lies %.2f decades of compute beyond them"
            + " (backtest.far_distance: %.2f): whether it has left chance there cannot be"
            + " foreseen",
        b.emergence(),
        b.targetDistance(),
        spec.farDistance());
  }

  /** Whether the summary is a task's and no sampling run ended above its emergence threshold. */
  static boolean noRunEmerged(BacktestSummary b) {
    return b != null && b.emergence() != null && Boolean.TRUE.equals(b.unemerged());
  }

  /**
   * Why a task predicted above its emergence threshold cannot be trusted when fewer than {@link
   * BacktestSpec#minCases} of the chosen method's backtest cases had emerged, or null. A held-out
   * run still at chance is easy for every method and says nothing about the emerged regime: on
   * Gadre et al.'s ladder the direct fit, backtested mostly on runs at chance, was expected at
   * 1.5-3.8 points and missed emerged targets by 11-17.
   */
  private static Verdict emergedUntested(PredictionRow chosen, BacktestSpec spec) {
    BacktestSummary b = chosen.backtest();
    if (b.emergence() == null
        || chosen.predicted() < b.emergence()
        || b.emergedCases() >= spec.minCases()) {
      return null;
    }
    return Verdict.of(
        RefusalReason.EMERGED_UNTESTED,
        "predicted %.3g, above the emergence threshold %.3g, but only %d of %s's %d"
            + " backtest cases had emerged (%d needed)",
        chosen.predicted(),
        b.emergence(),
        b.emergedCases(),
        chosen.method(),
        b.cases(),
        spec.minCases());
  }

  /**
   * Why only methods backtested at fewer holdout depths than others are within the threshold, or
   * null.
   */
  private static Verdict shortRangeOnly(
      List<PredictionRow> tested, PredictionRow chosen, double limit) {
    int most = tested.stream().mapToInt(r -> r.backtest().depths()).max().orElseThrow();
    List<PredictionRow> everyDepth =
        tested.stream().filter(r -> r.backtest().depths() == most).toList();
    if (chosen.backtest().depths() == most
        || everyDepth.stream().anyMatch(r -> expected(r) <= limit)) {
      return null;
    }
    return Verdict.of(
        RefusalReason.SHORT_RANGE_ONLY,
        "only methods that could not be fitted at every holdout depth (%s: %d of %d) are"
            + " within %s; of those backtested at all %d, the best is %s",
        chosen.method(),
        chosen.backtest().depths(),
        most,
        chosen.kind().formatError(limit),
        most,
        least(everyDepth, limit));
  }

  /**
   * The credible methods backtested at least as deep as the chosen one, and those backtested less
   * deep that predict more than the threshold away from it. A method that could not be fitted at a
   * holdout depth the chosen one was measured at is not trusted to be chosen ({@link
   * #shortRangeOnly}); near the chosen prediction it does not veto it either (seventh session). Two
   * methods that each pass the threshold but differ by more than it are another matter: which
   * extrapolation is right then decides more than the error the user accepts (issue 10: refuse when
   * the methods disagree). On the OLMo ladder's validation-split OpenBookQA {@code direct} (2.6
   * points expected, interval +-4) was chosen while chains within the threshold on their short
   * cases predicted 0.42-0.74; it missed the 7B and 13B by 6.7 and 10.5 points, outside its
   * interval. The same rule refuses that ladder's MMLU, where {@code direct} was 0.2-2.3 points off
   * and chains within the threshold predicted 5.6-9.4 points away (fifteenth session).
   */
  private static List<PredictionRow> atChosenDepths(
      List<PredictionRow> credible, PredictionRow chosen, double limit) {
    if (chosen.backtest() == null) {
      return credible;
    }
    return credible.stream()
        .filter(
            r -> r.backtest().depths() >= chosen.backtest().depths() || beyond(r, chosen, limit))
        .toList();
  }

  /**
   * Whether a row predicts more than the threshold from the chosen one, with a margin for rounding:
   * 0.661 against 0.611 is 0.050000000000000044 away, 0.561 0.04999999999999993 (a review).
   */
  private static boolean beyond(PredictionRow r, PredictionRow chosen, double limit) {
    return chosen.kind().error(r.predicted(), chosen.predicted()) > limit * (1 + 1e-9);
  }

  /** The methods among {@code counted} backtested at fewer depths than the chosen one. */
  private static Set<String> shallow(List<PredictionRow> counted, PredictionRow chosen) {
    Set<String> out = new HashSet<>();
    if (chosen.backtest() != null) {
      counted.stream()
          .filter(r -> r.backtest().depths() < chosen.backtest().depths())
          .forEach(r -> out.add(r.method()));
    }
    return out;
  }

  /**
   * The credible methods and those without enough backtest cases to be judged whose
   * leave-one-run-out error is within the threshold: on Gadre et al.'s smaller ladders the task
   * chains often cannot be backtested, and the direct fit, the only one that can, missed emerged
   * targets by 11-17 points where the chains, within 1-3, predicted far lower.
   */
  private static List<PredictionRow> withUntested(
      List<PredictionRow> rows, List<PredictionRow> credible, BacktestSpec spec) {
    PredictionRow any = credible.get(0);
    List<PredictionRow> out = new ArrayList<>(credible);
    for (PredictionRow r : rows) {
      if (r.quantity().equals(any.quantity())
          && r.predicted() != null
          && !spec.decides(r.backtest())
          && r.withinThreshold(spec)) {
        out.add(r);
      }
    }
    return out;
  }

  /**
   * Why another method within the threshold predicts a value outside the chosen interval, or null:
   * the interval then does not describe the uncertainty, whichever method is right. Comparing the
   * methods' spread with the interval's full width instead let Gadre et al.'s C4 run d512 at 16x
   * through: `direct` 0.427 [0.358, 0.496], the chains 0.318-0.39, the actual value 0.311.
   */
  private static Verdict disagreement(
      List<PredictionRow> credible, PredictionRow chosen, Set<String> shallow, double limit) {
    if (credible.size() < 2 || chosen.lower() == null) {
      return null;
    }
    double[] band = band(chosen);
    PredictionRow far = furthestOutside(credible, chosen, band);
    if (far == null) {
      return null;
    }
    boolean own = band[0] == chosen.lower() && band[1] == chosen.upper();
    return Verdict.of(
        RefusalReason.DISAGREEMENT,
        "the methods within the backtest threshold, or untested with a leave-one-run-out"
            + " error within it (%s), disagree: %s predicts %.4g, outside %s's interval [%.4g,"
            + " %.4g]%s%s",
        String.join(", ", credible.stream().map(PredictionRow::method).toList()),
        far.method(),
        far.predicted(),
        chosen.method(),
        chosen.lower(),
        chosen.upper(),
        own
            ? ""
            : String.format(
                Locale.ROOT, " and the distance scale's [%.4g, %.4g]", band[0], band[1]),
        shallow.contains(far.method()) ? shallower(far, chosen, limit) : "");
  }

  /**
   * The row of another method than the chosen one that predicts outside {@code band}, furthest from
   * the chosen prediction; null when none does.
   */
  private static PredictionRow furthestOutside(
      List<PredictionRow> rows, PredictionRow chosen, double[] band) {
    PredictionRow far = null;
    for (PredictionRow r : rows) {
      boolean outside = r.predicted() < band[0] || r.predicted() > band[1];
      if (!r.method().equals(chosen.method())
          && outside
          && (far == null
              || Math.abs(r.predicted() - chosen.predicted())
                  > Math.abs(far.predicted() - chosen.predicted()))) {
        far = r;
      }
    }
    return far;
  }

  /**
   * For a method that vetoes though backtested at fewer holdout depths than the chosen one ({@link
   * #atChosenDepths}), why it still counts; the distance with more digits where it would print as
   * the threshold.
   */
  private static String shallower(PredictionRow far, PredictionRow chosen, double limit) {
    QuantityKind kind = chosen.kind();
    double away = kind.error(far.predicted(), chosen.predicted());
    String shown = nextTo(kind, away, limit);
    return String.format(
        Locale.ROOT,
        " (%s was backtested at %d holdout depth%s, %s at %d; it is %s from %s's prediction, more"
            + " than the threshold)",
        far.method(),
        far.backtest().depths(),
        far.backtest().depths() == 1 ? "" : "s",
        chosen.method(),
        chosen.backtest().depths(),
        shown,
        chosen.method());
  }

  /**
   * The band the disagreement is judged against: the chosen row's interval, and where that was made
   * on the leverage scale, also the distance scale's, made as the row's would have been (noise of
   * {@code items:}, threshold band, clipping: {@link BacktestSummary#distanceLower}; {@link
   * ScaleChoice}). On the OLMo, Pythia and Cerebras-GPT ladders, with every interval on leverage
   * and the disagreement judged against it, 26 of 58 task predictions were refused that had been
   * 2.0 points off on average (the 32 kept: 1.9; twelfth session): the methods' spread is weighed
   * against what extrapolation to this distance costs, not against how well the chosen method did.
   */
  private static double[] band(PredictionRow chosen) {
    BacktestSummary s = chosen.backtest();
    if (s == null || s.distanceLower() == null) {
      return new double[] {chosen.lower(), chosen.upper()};
    }
    return new double[] {
      Math.min(chosen.lower(), s.distanceLower()), Math.max(chosen.upper(), s.distanceUpper())
    };
  }

  /**
   * The method with the smallest expected error and that error, e.g. {@code direct, 24.0 pt}; to
   * two more digits when it would print as the threshold it is above ({@code 5.04 pt}, not {@code
   * 5.0 pt} above 5.0 pt).
   */
  private static String least(List<PredictionRow> rows, double limit) {
    PredictionRow r =
        rows.stream().min((a, b) -> Double.compare(expected(a), expected(b))).orElseThrow();
    return r.method() + ", " + nextTo(r.kind(), expected(r), limit);
  }

  /** An error printed as usual, or with two more digits where it would print as the threshold. */
  private static String nextTo(QuantityKind kind, double error, double limit) {
    String shown = kind.formatError(error);
    return shown.equals(kind.formatError(limit)) ? kind.formatError(error, 2) : shown;
  }

  private static double expected(PredictionRow r) {
    return r.backtest().expectedError();
  }
}
