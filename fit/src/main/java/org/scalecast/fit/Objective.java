package org.scalecast.fit;

import org.scalecast.results.InputException;

/**
 * What the fitter minimises over the residuals s_i.
 *
 * <ul>
 *   <li>{@code ls}: sum of squares of raw residuals s = f - y (plain least squares; Gadre et al.).
 *   <li>{@code ls-log}: sum of squares of log residuals s = ln f - ln y (FLP stage 1's OLS in
 *       log-log space).
 *   <li>{@code huber-log:DELTA}: sum (not mean) of Huber_delta(ln f - ln y), the Chinchilla
 *       replication protocol of Besiroglu et al. (2024), delta = 1e-3 there.
 * </ul>
 *
 * <p>The Huber objective is solved exactly by Levenberg-Marquardt on the square-rooted residuals
 * psi(s) = sign(s)*sqrt(2*Huber(s)), which are continuously differentiable, so that sum psi^2 / 2
 * equals the Huber sum (Triggs et al. 2000, "Bundle adjustment", section 6.8).
 *
 * @param kind the family
 * @param delta the Huber threshold (only for HUBER_LOG)
 */
public record Objective(Kind kind, double delta) {

  /** Objective families. */
  public enum Kind {
    /** Least squares on raw values. */
    LS,
    /** Least squares on log values. */
    LS_LOG,
    /** Huber loss on log values. */
    HUBER_LOG
  }

  /** Validates delta. */
  public Objective {
    if (kind == Kind.HUBER_LOG && !(delta > 0 && Double.isFinite(delta))) {
      throw new InputException("huber-log needs a positive delta, got " + delta);
    }
  }

  /**
   * @return plain least squares
   */
  public static Objective leastSquares() {
    return new Objective(Kind.LS, Double.NaN);
  }

  /**
   * @param spec {@code ls}, {@code ls-log} or {@code huber-log:DELTA}
   * @return the objective
   */
  public static Objective parse(String spec) {
    if (spec.equals("ls")) {
      return leastSquares();
    }
    if (spec.equals("ls-log")) {
      return new Objective(Kind.LS_LOG, Double.NaN);
    }
    if (spec.startsWith("huber-log:")) {
      String d = spec.substring("huber-log:".length());
      try {
        return new Objective(Kind.HUBER_LOG, Double.parseDouble(d));
      } catch (NumberFormatException e) {
        throw new InputException("objective '" + spec + "': delta '" + d + "' is not a number");
      }
    }
    throw new InputException(
        "unknown objective '" + spec + "' (known: ls, ls-log, huber-log:DELTA)");
  }

  /**
   * @return the spec string that {@link #parse} reads back
   */
  public String spec() {
    return switch (kind) {
      case LS -> "ls";
      case LS_LOG -> "ls-log";
      case HUBER_LOG -> "huber-log:" + delta;
    };
  }

  /**
   * @return whether residuals are taken on logarithms (outputs and predictions must be positive)
   */
  public boolean onLogs() {
    return kind != Kind.LS;
  }

  /**
   * @param s a residual
   * @return the square-rooted residual psi(s) whose half square is this objective's term
   */
  public double psi(double s) {
    if (kind != Kind.HUBER_LOG || Math.abs(s) <= delta) {
      return s;
    }
    return Math.copySign(Math.sqrt(2 * delta * Math.abs(s) - delta * delta), s);
  }

  /**
   * @param s a residual
   * @return d psi / d s
   */
  public double psiDerivative(double s) {
    if (kind != Kind.HUBER_LOG || Math.abs(s) <= delta) {
      return 1;
    }
    return delta / Math.sqrt(2 * delta * Math.abs(s) - delta * delta);
  }

  /**
   * @param s a residual
   * @return this objective's term for s: s^2 for least squares, Huber_delta(s) for Huber
   */
  public double term(double s) {
    if (kind != Kind.HUBER_LOG) {
      return s * s;
    }
    double a = Math.abs(s);
    return a <= delta ? 0.5 * s * s : delta * (a - 0.5 * delta);
  }
}
