package org.scalecast.results.ladder;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalecast.results.InputException;
import org.scalecast.results.SizeNumber;

/**
 * One {@code where:} condition, {@code COLUMN OP VALUE} with OP one of {@code < <= > >= == !=}:
 * numbers compare as numbers, anything else as text (only {@code ==} and {@code !=} for text).
 *
 * @param column a role name or a user column
 * @param op the operator
 * @param value the right-hand side, as written (quotes removed)
 */
public record Comparison(String column, Op op, String value) {
  private static final Pattern FORM =
      Pattern.compile("\\s*(.+?)\\s*(<=|>=|==|!=|<|>)\\s*(.*?)\\s*");

  /** The operators. */
  public enum Op {
    LT("<"),
    LE("<="),
    GT(">"),
    GE(">="),
    EQ("=="),
    NE("!=");

    private final String symbol;

    Op(String symbol) {
      this.symbol = symbol;
    }

    /**
     * @return how a condition writes it, e.g. {@code <=}
     */
    public String symbol() {
      return symbol;
    }

    static Op of(String symbol) {
      for (Op o : values()) {
        if (o.symbol.equals(symbol)) {
          return o;
        }
      }
      throw new IllegalArgumentException(symbol);
    }
  }

  /**
   * @param text e.g. {@code N < 2e9} or {@code run != 1B-1xC-rerun}
   * @return the condition
   * @throws InputException quoting the text and the allowed form
   */
  public static Comparison parse(String text) {
    Matcher m = FORM.matcher(text == null ? "" : text);
    if (!m.matches() || m.group(3).isEmpty()) {
      throw new InputException(
          "where: '" + text + "': expected COLUMN OP VALUE with OP one of < <= > >= == !=");
    }
    // 'N =< 2e9' read as column 'N =' and was echoed back as 'N = < 2e9' (a new user,
    // twenty-sixth session): an operator written the wrong way round is named as written.
    Matcher extra = Pattern.compile("[=<>!]+$").matcher(m.group(1));
    if (extra.find()) {
      throw new InputException(
          "where: '"
              + text
              + "': '"
              + extra.group()
              + m.group(2)
              + "' is no operator; an operator is one of < <= > >= == !=");
    }
    String v = m.group(3);
    if (v.length() >= 2
        && (v.startsWith("\"") && v.endsWith("\"") || v.startsWith("'") && v.endsWith("'"))) {
      v = v.substring(1, v.length() - 1);
    }
    Comparison c = new Comparison(m.group(1), Op.of(m.group(2)), v);
    if (c.number(v) == null && c.ordering()) {
      throw new InputException(
          "where: '"
              + text
              + "': "
              + c.op.symbol
              + " needs a number on the right, got '"
              + v
              + "'");
    }
    return c;
  }

  /**
   * @param cell a cell's text, or null when empty
   * @return whether the condition holds for it (an empty cell holds only for {@code !=})
   */
  public boolean test(String cell) {
    if (cell == null) {
      return op == Op.NE;
    }
    Double a = number(cell);
    Double b = number(value);
    if (a != null && b != null) {
      int cmp = Double.compare(a, b);
      return switch (op) {
        case LT -> cmp < 0;
        case LE -> cmp <= 0;
        case GT -> cmp > 0;
        case GE -> cmp >= 0;
        case EQ -> a.doubleValue() == b.doubleValue();
        case NE -> a.doubleValue() != b.doubleValue();
      };
    }
    return switch (op) {
      case EQ -> cell.equals(value);
      case NE -> !cell.equals(value);
      default -> false;
    };
  }

  /**
   * @return whether this is an ordering condition ({@code < <= > >=}), which compares numbers only
   */
  public boolean ordering() {
    return op != Op.EQ && op != Op.NE;
  }

  /**
   * @param cell a cell's text, or null when empty
   * @return whether an ordering condition ({@code < <= > >=}) meets a cell that is no number, which
   *     {@link #test} takes as false
   */
  public boolean unreadable(String cell) {
    return cell != null && ordering() && number(cell) == null;
  }

  private Double number(String s) {
    return SizeNumber.parse(s);
  }

  @Override
  public String toString() {
    return column + " " + op.symbol + " " + value;
  }
}
