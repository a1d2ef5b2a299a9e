package org.scalecast.fit.flp;

/** Whether a {@link Backtest}'s interval has split conformal's guarantee. */
public enum Calibration {
  /** Enough backtest cases for the level: prediction +- the conformal quantile. */
  CONFORMAL,
  /** Too few cases: the union of the fit's interval and the largest backtest error. */
  TOO_FEW_CASES,
  /** No backtest case: the fit's own interval. */
  NONE
}
