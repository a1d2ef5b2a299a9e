package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderText.missing;
import static org.scalecast.results.ladder.LadderText.or;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.SizeNumber;

/**
 * Every checkpoint row's roles (run, step, tokens, N, C) read from the columns they are mapped to
 * ({@link Ladder}): C = 6 N D when no FLOPs column (Kaplan et al. 2020), tokens = step x tokens per
 * step when no tokens column.
 */
final class LadderRoles {
  private LadderRoles() {}

  static RoleValues roles(LadderRows rows, LadderSpec spec) {
    LadderSpec.RoleColumns c = spec.columns();
    int n = rows.cells().size();
    String runCol = or(c.run(), Columns.RUN_ID);
    int ri = rows.col(runCol);
    int si = present(rows, c.step(), Columns.STEP, "step");
    int ti = present(rows, c.tokens(), Columns.TOKENS, "tokens");
    int ni = present(rows, c.nParams(), Columns.N_PARAMS, "n_params");
    int fi = present(rows, c.flops(), Columns.FLOPS, "flops");
    int pi =
        present(rows, c.tokensPerStep(), LadderSpec.TOKENS_PER_STEP, LadderSpec.TOKENS_PER_STEP);
    if (ni < 0) {
      throw missingRole(rows, "n_params", or(c.nParams(), Columns.N_PARAMS));
    }
    RoleValues out =
        new RoleValues(
            new String[n],
            new double[n],
            new double[n],
            new double[n],
            new double[n],
            new String[n]);
    Map<String, Integer> position = new HashMap<>();
    for (int r = 0; r < n; r++) {
      String[] row = rows.cells().get(r);
      out.run()[r] = row[ri];
      int pos = position.merge(row[ri], 1, Integer::sum);
      // Roles not read stay NaN (unknown); those read before a failure keep their values, so a
      // condition on them can still leave the row out (a table's 70B row with no token count,
      // outside n_params <= 13e9, stopped the read).
      out.step()[r] = Double.NaN;
      out.tokens()[r] = Double.NaN;
      out.nParams()[r] = Double.NaN;
      out.flops()[r] = Double.NaN;
      try {
        rowRoles(rows, spec, r, pos, new int[] {si, ti, ni, fi, pi}, out);
      } catch (InputException e) {
        out.problem()[r] = e.getMessage();
      }
    }
    mixedSteps(rows, si, out);
    orderStepless(rows, si, out);
    return out;
  }

  /**
   * A run with rows that have a step and rows that do not: a row without one took its position in
   * the run as its step, so a blank cell at step 4000 became step 4 and sorted first, and the run's
   * final checkpoint was its step 3000, a target's actual values included, with exit 0 (a bad-input
   * hunt, twenty-eighth session).
   */
  private static void mixedSteps(LadderRows rows, int si, RoleValues out) {
    Map<String, Integer> stepped = new HashMap<>();
    Map<String, Integer> stepless = new LinkedHashMap<>();
    for (int r = 0; r < out.run().length; r++) {
      (hasStep(rows, r, si) ? stepped : stepless).putIfAbsent(out.run()[r], r);
    }
    for (Map.Entry<String, Integer> e : stepless.entrySet()) {
      Integer other = stepped.get(e.getKey());
      if (other != null) {
        int r = e.getValue();
        throw new InputException(
            rows.where(r)
                + ": run "
                + e.getKey()
                + " has no step on this row where "
                + rows.where(other)
                + " has one (column '"
                + rows.header().get(si)
                + "'): give every row of a run its step");
      }
    }
  }

  /**
   * A run whose rows have no step is ordered by its token counts, not by where its rows stand: with
   * {@code pattern:} one file per checkpoint ({@code ...-tokens=35000000000.json}) lists 140e9
   * before 35e9 by name, and the run's final checkpoint was the 35e9 one (review of the change).
   * LadderRows of a file are in time order, so ordering them by tokens changes nothing there.
   */
  static void orderStepless(LadderRows rows, int si, RoleValues out) {
    Map<String, List<Integer>> stepless = new LinkedHashMap<>();
    for (int r = 0; r < out.run().length; r++) {
      if (!hasStep(rows, r, si) && Double.isFinite(out.tokens()[r])) {
        stepless.computeIfAbsent(out.run()[r], k -> new ArrayList<>()).add(r);
      }
    }
    for (List<Integer> run : stepless.values()) {
      List<Integer> byTokens = new ArrayList<>(run);
      byTokens.sort(Comparator.comparingDouble(r -> out.tokens()[r]));
      for (int k = 1; k < byTokens.size(); k++) {
        int a = byTokens.get(k - 1);
        int b = byTokens.get(k);
        if (out.tokens()[a] == out.tokens()[b] && rows.file().get(a) != rows.file().get(b)) {
          // Two runs one id: pattern:'s run group left out what tells them apart, and the
          // target's actual value was whichever file sorted last (a new user).
          throw new InputException(
              "run '"
                  + out.run()[a]
                  + "' has two checkpoints at "
                  + out.tokens()[a]
                  + " tokens, from "
                  + rows.file().get(a).file().getFileName()
                  + " and "
                  + rows.file().get(b).file().getFileName()
                  + ": if they are different runs, give them different ids (ladder: pattern:'s"
                  + " run group)");
        }
      }
      List<Double> positions = run.stream().map(r -> out.step()[r]).sorted().toList();
      for (int k = 0; k < byTokens.size(); k++) {
        out.step()[byTokens.get(k)] = positions.get(k);
      }
    }
  }

  /** Whether row {@code r} has a step: its file has the step column ({@code si}) and a cell. */
  static boolean hasStep(LadderRows rows, int r, int si) {
    return si >= 0 && rows.fileHas().get(r)[si] && rows.cells().get(r)[si] != null;
  }

  /**
   * Reads row {@code r}'s step, N, D and C into {@code out}.
   *
   * @param at the columns of step, tokens, N, FLOPs and tokens per step (-1: absent)
   */
  static void rowRoles(LadderRows rows, LadderSpec spec, int r, int pos, int[] at, RoleValues out) {
    int si = at[0];
    int ni = at[2];
    boolean hasStep = hasStep(rows, r, si);
    // Each role is read whatever failed before it, and the first failure is thrown after: a step
    // of 'final' left N unread, and a where: on N (its user column is the role since the
    // twenty-eighth session) stopped the read at a row it leaves out (a review).
    List<InputException> failed = new ArrayList<>();
    // No step in this file or row (a one-row final eval, a released model's results imported
    // without a revision): its position in the run orders it.
    read(
        failed,
        () ->
            out.step()[r] =
                hasStep ? bounded(rows, r, si, "step", number(rows, r, si, "step"), 0, true) : pos);
    // A negative step sorted a run's final checkpoint first, and N <= 0 made C negative or 0 with
    // exit 0 (a bad-input hunt, sixteenth session).
    read(
        failed,
        () ->
            out.nParams()[r] =
                bounded(rows, r, ni, "n_params", scaled(rows, r, ni, "n_params", spec), 0, false));
    read(failed, () -> tokens(rows, spec, r, at, hasStep, out));
    read(failed, () -> flops(rows, spec, r, at[3], out));
    if (!failed.isEmpty()) {
      throw failed.get(0);
    }
  }

  private static void read(List<InputException> failed, Runnable role) {
    try {
      role.run();
    } catch (InputException e) {
      failed.add(e);
    }
  }

  private static void tokens(
      LadderRows rows, LadderSpec spec, int r, int[] at, boolean hasStep, RoleValues out) {
    int ti = at[1];
    boolean tokensColumn = ti >= 0 && rows.fileHas().get(r)[ti];
    // An empty tokens cell beside tokens_per_step is that step's count: a long file's task rows
    // written without tokens stopped the read at the first empty cell (a new user, twenty-fifth
    // session). Without tokens_per_step the cell stays an error ("empty").
    boolean emptyCell = tokensColumn && rows.cells().get(r)[ti] == null;
    double perStep = tokensColumn && !emptyCell ? Double.NaN : perStep(rows, spec, r, at[4]);
    boolean fromSteps = hasStep && !Double.isNaN(perStep);
    if (tokensColumn && !(emptyCell && fromSteps)) {
      out.tokens()[r] =
          bounded(rows, r, ti, "tokens", scaled(rows, r, ti, "tokens", spec), 0, true);
    } else {
      if (!fromSteps) {
        throw noTokens(rows, spec.columns(), r, hasStep);
      }
      out.tokens()[r] = out.step()[r] * perStep;
    }
  }

  /**
   * C = 6 N D: the compute the sweep's own flops column counts (Kaplan et al. 2020). A given C is
   * above 0 where the row trained (a negative C was read and fitted, exit 0: a bad-input hunt,
   * twentieth session).
   */
  private static void flops(LadderRows rows, LadderSpec spec, int r, int fi, RoleValues out) {
    out.flops()[r] =
        fi >= 0 && rows.fileHas().get(r)[fi]
            ? bounded(
                rows, r, fi, "flops", scaled(rows, r, fi, "flops", spec), 0, out.tokens()[r] == 0)
            : 6 * out.nParams()[r] * out.tokens()[r];
  }

  /**
   * A file without a tokens column, and no step or tokens per step to count them. It listed every
   * column of the file, 6,026 characters for a W&B export, and named a row (a new user,
   * twenty-sixth session): the file, the fix, then the closest columns.
   */
  private static InputException noTokens(
      LadderRows rows, LadderSpec.RoleColumns c, int r, boolean hasStep) {
    String column = or(c.tokens(), Columns.TOKENS);
    RawTable f = rows.file().get(r);
    return new InputException(
        (hasStep ? f.file().toString() : rows.where(r))
            + ": no tokens: no column '"
            + column
            + "' (role tokens)"
            + (hasStep ? "" : " and no step")
            + "; give tokens_per_step (a number, or a column of the runs table) with"
            + " columns.step, or map columns.tokens to a column ("
            + LadderText.columns(column, f.header())
            + ")");
  }

  /** Row {@code r}'s tokens per step: its runs table's or file's cell, else the top-level key. */
  private static double perStep(LadderRows rows, LadderSpec spec, int r, int pi) {
    return pi >= 0 && rows.fileHas().get(r)[pi]
        // A runs table's 0 or -65536 dropped the run with a note that blamed step 0 (a bad-input
        // hunt, twentieth session); the top-level key was checked already.
        ? bounded(
            rows,
            r,
            pi,
            LadderSpec.TOKENS_PER_STEP,
            scaled(rows, r, pi, LadderSpec.TOKENS_PER_STEP, spec),
            0,
            false)
        : spec.tokensPerStep() != null ? spec.tokensPerStep() : Double.NaN;
  }

  /**
   * @return the column's index; -1 when the role is not mapped and the canonical name is absent
   * @throws InputException when a mapped column is in no file
   */
  static int present(LadderRows rows, String mapped, String canonical, String role) {
    if (mapped == null) {
      return rows.col(canonical);
    }
    int i = rows.col(mapped);
    if (i < 0) {
      throw missingRole(rows, role, mapped);
    }
    return i;
  }

  /**
   * A role's column in neither the checkpoint files nor the runs table. It named the first
   * checkpoint file alone, with the closest of every column of both, which left out the runs
   * table's {@code N} (a new user, twenty-sixth session): a runs table's few columns are listed.
   */
  static InputException missingRole(LadderRows rows, String role, String column) {
    Path first = rows.file().get(0).file();
    if (rows.runs() == null) {
      return missing(first, role, column, rows.header());
    }
    List<String> own = new ArrayList<>(rows.header());
    own.removeAll(rows.runs().header());
    return new InputException(
        first
            + " and the runs table "
            + rows.runs().file()
            + ": no column '"
            + column
            + "' for role "
            + role
            + " (in the runs table: "
            + String.join(", ", rows.runs().header())
            + "; in the checkpoint files"
            + (own.size() <= LadderText.LISTED ? ": " : ", closest of " + own.size() + ": ")
            + String.join(", ", LadderText.shown(column, own))
            + ")");
  }

  /** A role's number times its unit; a size suffix with a unit would count the unit twice. */
  static double scaled(LadderRows rows, int r, int col, String role, LadderSpec spec) {
    double v = number(rows, r, col, role);
    double unit = spec.unit(role);
    String cell = rows.cells().get(r)[col].strip();
    if (unit != 1 && SizeNumber.suffixed(cell)) {
      throw new InputException(
          cellAt(rows, r, col, role)
              + ": '"
              + cell
              + "' has a size suffix and units: scales "
              + role
              + " by "
              + unit
              + ": give one or the other");
    }
    return v * unit;
  }

  /**
   * @return {@code v}, the role's value in row {@code r}, when it is above {@code min}, or equal to
   *     it where {@code orEqual}
   */
  private static double bounded(
      LadderRows rows, int r, int col, String role, double v, double min, boolean orEqual) {
    if (!(v > min || orEqual && v == min)) {
      throw new InputException(
          cellAt(rows, r, col, role)
              + ": "
              + LadderText.number(v)
              + ": must be "
              + (orEqual ? ">= " : "> ")
              + LadderText.number(min));
    }
    return v;
  }

  private static String cellAt(LadderRows rows, int r, int col, String role) {
    return rows.where(r, col) + ", column '" + rows.header().get(col) + "' (role " + role + ")";
  }

  static double number(LadderRows rows, int r, int col, String role) {
    String cell = rows.cells().get(r)[col];
    String at = cellAt(rows, r, col, role);
    if (cell == null) {
      throw new InputException(at + ": empty");
    }
    Double v = SizeNumber.parse(cell);
    if (v == null) {
      throw new InputException(
          at + ": '" + cell + "' is not a number (e.g. 1.3e9, or 1.3B with K, M, B or T)");
    }
    return v;
  }

  static int roleIndex(String name) {
    return switch (name) {
      case "run", Columns.RUN_ID -> 0;
      case Columns.STEP -> 1;
      case Columns.TOKENS -> 2;
      case Columns.N_PARAMS -> 3;
      case Columns.FLOPS -> 4;
      default -> -1;
    };
  }

  /** Whether a row's value of a role (or any user column) was read. */
  static boolean known(RoleValues c, int r, String name) {
    return switch (roleIndex(name)) {
      case 1 -> !Double.isNaN(c.step()[r]);
      case 2 -> !Double.isNaN(c.tokens()[r]);
      case 3 -> !Double.isNaN(c.nParams()[r]);
      case 4 -> !Double.isNaN(c.flops()[r]);
      default -> true;
    };
  }

  /** A row's value of a role (by role name) or of a user column, as text. */
  static String cell(RoleValues c, LadderRows rows, int r, String name) {
    return switch (roleIndex(name)) {
      case 0 -> c.run()[r];
      case 1 -> Double.toString(c.step()[r]);
      case 2 -> Double.toString(c.tokens()[r]);
      case 3 -> Double.toString(c.nParams()[r]);
      case 4 -> Double.toString(c.flops()[r]);
      default -> {
        int k = rows.col(name);
        yield k < 0 ? null : rows.cells().get(r)[k];
      }
    };
  }

  /**
   * For a row whose roles could not be read: whether a condition on a column it has (the run or one
   * of the user's) leaves it out. Conditions on its unreadable roles cannot: their values are
   * unknown, and a stand-in (NaN fails every comparison) would drop the row, and its error, in
   * silence. A condition on the user's column of such a role is one on the role: an empty N under
   * {@code where: N <= 2.7B} dropped the run with no word, where without the condition the read
   * named the cell (a new user's Jais ladder, twenty-eighth session).
   *
   * @param mapped the user's columns of the roles
   */
  static boolean leftOutWithoutRoles(
      List<Comparison> conds, RoleValues c, LadderRows rows, int r, LadderSpec.RoleColumns mapped) {
    return conds.stream()
        .anyMatch(
            k ->
                known(c, r, mapped == null ? k.column() : mapped.roleOf(k.column()))
                    && !k.test(cell(c, rows, r, k.column())));
  }
}
