package org.scalecast.results.ladder;

import static org.scalecast.results.ladder.LadderDerive.derive;
import static org.scalecast.results.ladder.LadderFiles.checkpointFiles;
import static org.scalecast.results.ladder.LadderFiles.runIds;
import static org.scalecast.results.ladder.LadderRoles.cell;
import static org.scalecast.results.ladder.LadderRoles.roleIndex;
import static org.scalecast.results.ladder.LadderRoles.roles;
import static org.scalecast.results.ladder.LadderText.absent;
import static org.scalecast.results.ladder.LadderText.listed;
import static org.scalecast.results.ladder.LadderText.or;
import static org.scalecast.results.ladder.LongPivot.pivot;
import static org.scalecast.results.ladder.RunsJoin.join;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;
import org.scalecast.results.RowSources;
import org.scalecast.results.SizeNumber;
import tech.tablesaw.api.BooleanColumn;
import tech.tablesaw.api.DoubleColumn;
import tech.tablesaw.api.StringColumn;
import tech.tablesaw.api.Table;

/**
 * Reads a user's ladder ({@link LadderSpec}) into scalecast's canonical results table: {@code
 * run_id}, {@code step}, {@code tokens}, {@code n_params}, {@code flops}, {@code role}, {@code
 * is_final}, then every user column under its own name (numbers as doubles, empty cells missing).
 *
 * <p>Order of work: read each file; pivot a long table; join the runs table on the run column (only
 * its runs are kept); add the derived columns ({@link LadderSpec.Derived}); compute the roles (C =
 * 6 N D when no FLOPs column, the scalecast sweep's own convention, Kaplan et al. 2020; tokens =
 * step x tokens per step when no tokens column); mark the target runs; apply {@code where:} to the
 * other runs' checkpoints; mark each run's last remaining checkpoint final.
 */
public final class Ladder {
  private static final Set<String> CANONICAL = Set.copyOf(Columns.CANONICAL);

  private Ladder() {}

  /**
   * @param name a column name
   * @return whether it is one of scalecast's own: a canonical column, a role or a role's unit
   */
  static boolean ownColumn(String name) {
    return CANONICAL.contains(name)
        || roleIndex(name) >= 0
        || LadderSpec.UNIT_ROLES.contains(name)
        || Columns.SOURCE_ROW.equalsIgnoreCase(name);
  }

  /**
   * The canonical table and what was left out on the way.
   *
   * @param table the canonical table, named after the checkpoints path
   * @param notes one line per thing left out (runs missing from the runs table, runs without rows
   *     after {@code where:})
   * @param incomplete whether rows of sampling runs were left out for having some of the predicted
   *     columns and not others (then each quantity has more rows of its own: {@code QuantityParts})
   */
  public record Read(Table table, List<String> notes, boolean incomplete) {}

  /**
   * @param spec the ladder section
   * @param base the folder its paths are relative to (the config's)
   * @param targets one map per target naming its run(s) by role or column = value; their runs get
   *     {@code role = target} and are exempt from {@code where:}
   * @return the canonical table
   * @throws InputException naming the file, row and column of the first bad cell or missing column
   */
  public static Read read(LadderSpec spec, Path base, List<Map<String, String>> targets) {
    return read(spec, base, targets, List.of());
  }

  /**
   * As {@link #read(LadderSpec, Path, List)}, leaving out the checkpoint rows of sampling runs that
   * lack any of {@code measured}, with a note for each kind: a W&amp;B history export logs training
   * metrics every step and evaluations every few hundred (rows with none of them), and different
   * evaluations at different intervals (rows with some). Every fit then reads complete rows, and a
   * run's final checkpoint is its last complete row. A target's rows all stay (its N and D come
   * from its last one).
   *
   * @param spec the ladder section
   * @param base the folder its paths are relative to (the config's)
   * @param targets one map per target naming its run(s)
   * @param measured the columns predicted from (losses, task scores, task losses)
   * @return the canonical table
   */
  public static Read read(
      LadderSpec spec, Path base, List<Map<String, String>> targets, Collection<String> measured) {
    return read(parse(spec, base), targets, measured);
  }

  /**
   * A ladder's files read, pivoted, joined with its runs table, its columns derived and its roles
   * computed: everything that does not depend on which columns are predicted, so that one parse
   * serves every read of them ({@code QuantityParts} reads a ladder once per quantity).
   */
  public static final class Parsed {
    private final LadderSpec spec;
    private final Path source;
    private final LadderRows rows;
    private final RoleValues roles;
    private final List<String> notes;

    private Parsed(
        LadderSpec spec, Path source, LadderRows rows, RoleValues roles, List<String> notes) {
      this.spec = spec;
      this.source = source;
      this.rows = rows;
      this.roles = roles;
      this.notes = List.copyOf(notes);
    }
  }

  /**
   * @param spec the ladder section
   * @param base the folder its paths are relative to (the config's)
   * @return the ladder parsed, for {@link #read(Parsed, List, Collection)}
   * @throws InputException naming the file, row and column of the first bad cell or missing column
   */
  public static Parsed parse(LadderSpec spec, Path base) {
    Path source = base.resolve(spec.checkpoints());
    LadderSpec.RoleColumns cols = spec.columns();
    String runCol = or(cols.run(), Columns.RUN_ID);
    String key = or(spec.runsKey(), runCol);
    RawTable runs = spec.runs() == null ? null : RawTable.read(base.resolve(spec.runs()));
    Set<String> listed = runs == null ? null : runIds(runs, key, spec.runsKey() != null);
    Set<String> skipped = new LinkedHashSet<>();
    List<String> notes = new ArrayList<>();
    // A file is skipped unread only when the runs table lists run ids, not sizes.
    List<RawTable> files =
        checkpointFiles(
            source, runCol, key.equals(runCol) ? listed : null, skipped, spec.filePattern(), notes);
    if (spec.pivot() != null) {
      files = files.stream().map(f -> pivot(f, runCol, spec, notes)).toList();
    }
    LadderRows rows =
        derive(
            join(files, source, runCol, key, runs, skipped, notes, spec.pattern() != null),
            spec.derive(),
            notes);
    return new Parsed(spec, source, rows, roles(rows, spec), notes);
  }

  /**
   * As {@link #read(LadderSpec, Path, List, Collection)}, from a ladder already parsed.
   *
   * @param parsed the ladder
   * @param targets one map per target naming its run(s)
   * @param measured the columns predicted from
   * @return the canonical table
   */
  public static Read read(
      Parsed parsed, List<Map<String, String>> targets, Collection<String> measured) {
    return finish(
        parsed.roles,
        parsed.rows,
        targets,
        parsed.spec,
        parsed.source,
        measured,
        new ArrayList<>(parsed.notes));
  }

  /**
   * A size with a suffix compared with a column that units: scale: "Size (B) <= 4B" compares the
   * column as written, 4 with 4e9, and keeps every model (a new user's trap).
   */
  private static void checkUnitTrap(Comparison w, LadderSpec spec) {
    LadderSpec.RoleColumns c = spec.columns();
    Map<String, String> mapped = new HashMap<>();
    mapped.put("n_params", c.nParams());
    mapped.put("tokens", c.tokens());
    mapped.put("flops", c.flops());
    mapped.put(LadderSpec.TOKENS_PER_STEP, c.tokensPerStep());
    String v = w.value().strip();
    if (roleIndex(w.column()) >= 0) {
      return; // a column under a role's own name is the scaled role in where:
    }
    for (Map.Entry<String, String> e : mapped.entrySet()) {
      if (w.column().equals(e.getValue()) && spec.unit(e.getKey()) != 1 && SizeNumber.suffixed(v)) {
        throw new InputException(
            "ladder where '"
                + w
                + "': column '"
                + w.column()
                + "' is compared as written (units: scales role "
                + e.getKey()
                + ", not the column): compare the role, '"
                + e.getKey()
                + " "
                + w.op().symbol()
                + " "
                + v
                + "', or the column with a plain number");
      }
    }
  }

  private static Read finish(
      RoleValues c,
      LadderRows rows,
      List<Map<String, String>> targets,
      LadderSpec spec,
      Path source,
      Collection<String> measured,
      List<String> notes) {
    Set<String> targetRuns =
        LadderTargets.runs(c, rows, targets, source, spec.runsKey() != null, spec.columns());
    List<Comparison> where = spec.where().stream().map(Comparison::parse).toList();
    for (Comparison w : where) {
      requireColumn(rows, w, "ladder where '" + w + "'");
    }
    where.forEach(w -> checkUnitTrap(w, spec));
    RowSelection s = RowSelection.of(c, rows, targetRuns, where, measured, spec.columns());
    if (s.passing == 0 && !where.isEmpty()) {
      // Every method then said "only 0 points to fit", exit 0.
      throw new InputException(
          "ladder where "
              + spec.where()
              + " leaves no sampling run of "
              + source
              + " (runs: "
              + listed(new LinkedHashSet<>(Arrays.asList(c.run())))
              + ")"
              + s.unreadableCause());
    }
    s.note(source, notes);
    List<Integer> keep = s.keep;
    // Rows by run id, then step: the fits sum in row order, so a ladder's runs in first-seen order
    // moved its predictions by up to 1.7e-8 between a long table and the same ladder as a folder
    // (a new user, twenty-fourth session). Sorted, the order the user's files list the runs in
    // no longer matters.
    keep.sort(
        Comparator.<Integer, String>comparing(r -> c.run()[r])
            .thenComparingDouble(r -> c.step()[r]));
    Map<Integer, String> mergedWhere = dropRepeatedSteps(c, rows, keep, notes);
    Map<String, Integer> lastOf = new HashMap<>();
    keep.forEach(r -> lastOf.put(c.run()[r], r));
    LadderTargets.requireTrained(c, rows, targetRuns, lastOf);
    LadderTargets.insideTheLadder(c, targetRuns, lastOf, notes);
    SameCompute.note(c, targetRuns, lastOf, notes);
    noteLeftOutRuns(c, spec, s, notes);
    UnitNotes.note(c, spec, keep, lastOf.values(), notes);
    noteOneSize(c, keep, targetRuns, notes);
    return new Read(
        table(c, rows, keep, targetRuns, source, spec.columns(), mergedWhere),
        notes,
        s.partialRows > 0);
  }

  /**
   * One row per run, step and tokens: a row that repeats an earlier one's is merged into the later,
   * whose values are kept where both have one (an export written twice, a step logged again after a
   * resume). A repeated row was read twice, counted as a checkpoint and weighted twice in the fits,
   * without a word (a bad-input hunt, sixteenth session). Rows of one step with other tokens (a
   * counter reset, a step that is an epoch, a stepless row's position) stay apart. {@code keep} is
   * sorted by run and step, stably, so rows of one step stay in reading order.
   *
   * @return where each row that others were merged into was read: all of its rows, since a value
   *     may be an earlier one's (the later row alone was named: a review, twenty-fifth session)
   */
  private static Map<Integer, String> dropRepeatedSteps(
      RoleValues c, LadderRows rows, List<Integer> keep, List<String> notes) {
    Map<Integer, String> mergedWhere = new HashMap<>();
    List<Integer> merged = new ArrayList<>();
    int differing = 0;
    String firstDiffer = null;
    int firstDifferAt = -1; // the row whose pair differs first: the note names it (a review)
    for (int i = 1; i < keep.size(); i++) {
      int a = keep.get(i - 1);
      int b = keep.get(i);
      if (c.run()[a].equals(c.run()[b])
          && c.step()[a] == c.step()[b]
          && c.tokens()[a] == c.tokens()[b]) {
        Merged m = mergeInto(rows.cells().get(a), rows.cells().get(b));
        int differ = m.differ();
        if (differ > 0 && firstDiffer == null) {
          firstDiffer = firstDiffer(rows, a, b, m.first());
          firstDifferAt = a;
        }
        if (differ > 0 && rows.file().get(a) != rows.file().get(b)) {
          // s3b.csv beside a rerun's s3b.jsonl was merged value by value, with a note that named
          // one file (a bad-input hunt, twentieth session); the README's pattern: says so too.
          throw new InputException(
              rows.where(b)
                  + ": run "
                  + c.run()[b]
                  + ", step "
                  + LadderText.number(c.step()[b])
                  + " is also in "
                  + rows.where(a)
                  + " with other values ("
                  + differ
                  + " cell(s)): two runs under one id, or a run exported twice; remove one file,"
                  + " or give ladder: pattern:'s run group what tells them apart");
        }
        differing += differ;
        merged.add(a);
        mergedWhere.put(b, mergedWhere.getOrDefault(a, rows.where(a)) + " and " + rows.where(b));
      }
    }
    if (merged.isEmpty()) {
      return mergedWhere;
    }
    keep.removeAll(new HashSet<>(merged));
    int first = firstDifferAt >= 0 ? firstDifferAt : merged.get(0);
    notes.add(
        merged.size()
            + " checkpoint row(s) repeat the run, step and tokens of a later row and are merged into"
            + " it, its values kept where both have one ("
            + differing
            + " cell(s) differed; first: "
            + rows.where(first)
            + ", run "
            + c.run()[first]
            + ", step "
            + LadderText.number(c.step()[first])
            + (firstDiffer == null ? "" : ", " + firstDiffer)
            + ")"
            + (firstDiffer == null
                ? ""
                : ": if they are two settings of one checkpoint (few-shot counts), keep one with"
                    + " where: (target runs are exempt from it), or read one setting per table"));
    return mergedWhere;
  }

  /**
   * The first column two rows of one checkpoint give other values in: a ladder of lm-eval imports
   * with a shots column (0 and 5), as the README advised, merged the settings into one row, 3,655
   * cells differing, with a note that named none of them (a new user, twenty-eighth session). A
   * differing cell keeps the later row's value, so both rows still hold theirs.
   */
  private static String firstDiffer(LadderRows rows, int earlier, int later, int column) {
    return "column '"
        + rows.header().get(column)
        + "': "
        + rows.cells().get(earlier)[column]
        + " then "
        + rows.cells().get(later)[column];
  }

  /**
   * @param differ how many cells both rows give with other values
   * @param first the first such column, or -1
   */
  private record Merged(int differ, int first) {}

  /** Fills {@code later}'s missing cells from {@code earlier}'s; counts the others that differ. */
  private static Merged mergeInto(String[] earlier, String[] later) {
    int differ = 0;
    int first = -1;
    for (int k = 0; k < later.length; k++) {
      if (LadderText.absent(later[k])) { // NaN or NA too: it overwrote a value (review)
        later[k] = earlier[k];
      } else if (!LadderText.absent(earlier[k]) && !LadderText.sameValue(earlier[k], later[k])) {
        first = differ++ == 0 ? k : first;
      }
    }
    return new Merged(differ, first);
  }

  /**
   * Notes the runs with no checkpoint left, and what left them out: those with no row {@code
   * where:} keeps by it alone, as a filter doing its job ("leaves no checkpoint of" read as data
   * lost to a new user selecting one family of a published table, seventeenth session), the rest by
   * what else did.
   */
  private static void noteLeftOutRuns(
      RoleValues c, LadderSpec spec, RowSelection s, List<String> notes) {
    Set<String> before = new LinkedHashSet<>(Arrays.asList(c.run()));
    Set<String> after = new LinkedHashSet<>();
    s.keep.forEach(r -> after.add(c.run()[r]));
    int runs = before.size();
    before.removeAll(after);
    Set<String> byWhere = new LinkedHashSet<>(before);
    byWhere.removeAll(s.passingRuns);
    before.removeAll(byWhere);
    if (!byWhere.isEmpty()) {
      notes.add(
          "where "
              + spec.where()
              + " leaves out "
              + byWhere.size()
              + " of "
              + runs
              + " runs: "
              + listed(byWhere, 4));
    }
    if (!before.isEmpty()) {
      List<String> causes = new ArrayList<>();
      if (s.untrained > 0) {
        causes.add("D = 0");
      }
      if (s.empty + s.partialRows > 0) {
        causes.add("the predicted columns");
      }
      if (causes.isEmpty()) {
        causes.add("the reading");
      }
      boolean plural = causes.size() != 1 || causes.get(0).endsWith("columns");
      String by = String.join(" and ", causes) + (plural ? " leave" : " leaves");
      notes.add(
          by
              + (s.partialRows > 0 ? " no complete checkpoint of: " : " no checkpoint of: ")
              + listed(before, 4)
              + (s.partialRows > 0 ? " (a run's rows still serve the quantities they have)" : ""));
    }
  }

  /**
   * Sampling runs of one N: a ladder cut to its four 190M runs by {@code where: ["N < 2e8"]}
   * predicted a 7B on 4 of 8 tasks without a word that no run varied N (a new user, twenty-fifth
   * session).
   */
  private static void noteOneSize(
      RoleValues c, List<Integer> keep, Set<String> targetRuns, List<String> notes) {
    Set<Double> sizes = new HashSet<>();
    Set<String> runs = new HashSet<>();
    for (int r : keep) {
      if (!targetRuns.contains(c.run()[r])) {
        sizes.add(c.nParams()[r]);
        runs.add(c.run()[r]);
      }
    }
    if (sizes.size() == 1 && runs.size() > 1) {
      notes.add(
          String.format(
              Locale.ROOT,
              "every sampling run has N = %.4g: no run varies N, so the laws in N and D cannot"
                  + " fit its term, and a target of another size is extrapolated in N from one"
                  + " size",
              sizes.iterator().next()));
    }
  }

  /** The canonical table of the kept rows: the role columns, then every user column. */
  private static Table table(
      RoleValues c,
      LadderRows rows,
      List<Integer> keep,
      Set<String> targetRuns,
      Path source,
      LadderSpec.RoleColumns mapped,
      Map<Integer, String> mergedWhere) {
    int m = keep.size();
    StringColumn run = StringColumn.create(Columns.RUN_ID);
    DoubleColumn step = DoubleColumn.create(Columns.STEP, m);
    DoubleColumn tokens = DoubleColumn.create(Columns.TOKENS, m);
    DoubleColumn nParams = DoubleColumn.create(Columns.N_PARAMS, m);
    DoubleColumn flops = DoubleColumn.create(Columns.FLOPS, m);
    StringColumn role = StringColumn.create(Columns.ROLE);
    BooleanColumn last = BooleanColumn.create(Columns.IS_FINAL, m);
    StringColumn where = StringColumn.create(Columns.SOURCE_ROW);
    int[] runsColumns = rows.runsColumns();
    for (int i = 0; i < m; i++) {
      int r = keep.get(i);
      run.append(c.run()[r]);
      where.append(source(rows, r, runsColumns, mergedWhere.getOrDefault(r, rows.where(r))));
      step.set(i, c.step()[r]);
      tokens.set(i, c.tokens()[r]);
      nParams.set(i, c.nParams()[r]);
      flops.set(i, c.flops()[r]);
      role.append(targetRuns.contains(c.run()[r]) ? Role.TARGET.key() : Role.SAMPLING.key());
      last.set(i, i == m - 1 || !c.run()[keep.get(i + 1)].equals(c.run()[r]));
    }
    Table t = Table.create(source.toString(), run, step, tokens, nParams, flops, role, last, where);
    Map<String, String> named = new HashMap<>(); // in lower case -> as written
    for (int k = 0; k < rows.header().size(); k++) {
      String name = rows.header().get(k);
      if (CANONICAL.contains(name)) {
        continue;
      }
      // Tablesaw compares column names ignoring case: a W&B export's 'Step', mapped as the step
      // role, ended in an internal error beside scalecast's 'step' (twenty-fourth session). A
      // mapped one is the role's; an unmapped one is an error, since no role reads it and dropping
      // it put C at 6ND beside the user's 'FLOPS' (a review of the change).
      String own = Columns.sameButForCase(name, Columns.CANONICAL);
      if (own != null) {
        if (mapped != null && mapped.mapped().contains(name)) {
          continue; // 'Step' mapped as the step role: its values are the role's, under 'step'
        }
        throw new InputException(
            source
                + ": column '"
                + name
                + "' is named like scalecast's '"
                + own
                + "' but for case, and column names are compared ignoring case: "
                + (roleIndex(own) >= 0 ? "map it as its role under ladder: columns:, or " : "")
                + "rename it");
      }
      if (name.equalsIgnoreCase(Columns.SOURCE_ROW)) {
        throw new InputException(
            source + ": column '" + name + "' has a name scalecast keeps for itself; rename it");
      }
      String before = named.putIfAbsent(name.toLowerCase(Locale.ROOT), name);
      if (before != null) {
        throw new InputException(
            source
                + ": columns '"
                + before
                + "' and '"
                + name
                + "' (from different files, a runs table or derive:) differ only in case, and"
                + " column names are compared ignoring case; write one spelling");
      }
      t.addColumns(userColumn(name, k, rows, keep));
    }
    return t;
  }

  /**
   * Where row {@code r} was read, its runs table's row and the cells that gave.
   *
   * @param runsColumns the columns the runs table has: only those can have come from it, and each
   *     column looked up in each row would cost rows x columns x a file's columns
   */
  private static String source(LadderRows rows, int r, int[] runsColumns, String read) {
    List<String> fromRuns = new ArrayList<>();
    if (rows.runsWhere(r) != null) {
      for (int k : runsColumns) {
        if (rows.fromRuns(r, k)) {
          fromRuns.add(rows.header().get(k));
        }
      }
    }
    return RowSources.encode(r, read, rows.runsWhere(r), fromRuns);
  }

  /** A user column as doubles when every non-empty cell is a number, else as text. */
  private static tech.tablesaw.columns.Column<?> userColumn(
      String name, int k, LadderRows rows, List<Integer> keep) {
    double[] v = new double[keep.size()];
    boolean numeric = true;
    for (int i = 0; i < keep.size() && numeric; i++) {
      String cell = rows.cells().get(keep.get(i))[k];
      if (absent(cell)) {
        v[i] = Double.NaN;
        continue;
      }
      try {
        v[i] = CsvTables.decimal(cell);
      } catch (NumberFormatException e) {
        numeric = false;
      }
    }
    if (numeric) {
      return DoubleColumn.create(name, v);
    }
    StringColumn s = StringColumn.create(name);
    keep.forEach(r -> s.append(rows.cells().get(r)[k] == null ? "" : rows.cells().get(r)[k]));
    return s;
  }

  /** Fails naming the condition when its column is neither a role nor a column of the table. */
  static void requireColumn(LadderRows rows, Comparison c, String what) {
    if (cellColumn(rows, c.column()) == null) {
      // The closest names, not every column (5,000 characters on the OLMo ladder); an operator
      // at the column's end ('N =< 2e9') is Comparison.parse's to name.
      List<String> names =
          new ArrayList<>(
              List.of("run", Columns.STEP, Columns.TOKENS, Columns.N_PARAMS, Columns.FLOPS));
      names.addAll(rows.header());
      throw new InputException(
          what
              + ": no column '"
              + c.column()
              + "'; "
              + org.scalecast.results.Closest.hint(c.column(), names));
    }
  }

  /** A role's or user column's name, or null when neither. */
  private static String cellColumn(LadderRows rows, String name) {
    return roleIndex(name) >= 0 || rows.col(name) >= 0 ? name : null;
  }
}
