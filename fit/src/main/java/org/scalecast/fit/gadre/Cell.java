package org.scalecast.fit.gadre;

import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * One published number beside ours. It matches when ours, rounded half-up to the number of decimals
 * the paper printed, reads the same.
 *
 * @param table the paper's table, e.g. {@code Table 6}
 * @param row row label
 * @param column column label
 * @param ours our value, in the paper's unit (percent for relative errors)
 * @param paper the paper's value as printed, without a percent sign
 */
public record Cell(String table, String row, String column, double ours, String paper) {

  /**
   * @return ours rounded to the paper's printed precision
   */
  public String oursRounded() {
    if (!Double.isFinite(ours)) {
      return String.valueOf(ours);
    }
    int dot = paper.indexOf('.');
    int decimals = dot < 0 ? 0 : paper.length() - dot - 1;
    return new BigDecimal(ours).setScale(decimals, RoundingMode.HALF_UP).toPlainString();
  }

  /**
   * @return whether ours matches the paper to its printed precision
   */
  public boolean matches() {
    return oursRounded().equals(paper);
  }
}
