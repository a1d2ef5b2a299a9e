package org.scalecast.results.ladder;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;

/**
 * The {@code ladder:} section of a prediction config: where the checkpoints are and which of the
 * user's columns play scalecast's roles. Paths are relative to the config file.
 *
 * @param checkpoints a CSV or JSONL file, or a folder of per-run files (the run id is the file name
 *     without its extension)
 * @param runs an optional CSV or JSONL table of per-run constants (N, tokens per step, ...), joined
 *     on the run column; when given, only the runs it lists are read
 * @param columns which user column plays which role
 * @param tokensPerStep tokens per optimizer step for every run, when tokens are not a column
 * @param pivot {@code long:} one row per run, step and task, pivoted to one column per task
 * @param where conditions on the sampling runs' checkpoints, e.g. {@code N < 2e9}
 * @param derive columns computed from others before anything else reads the table, e.g. MMLU as the
 *     weighted mean of its four category columns (Bhagia et al. 2024's ladder logs the categories,
 *     not MMLU)
 * @param units per role ({@code n_params}, {@code tokens}, {@code flops}, {@code tokens_per_step}),
 *     what one unit of its column is: published tables give N in billions and D in trillions
 *     ({@code units: {n_params: 1e9, tokens: 1e12}}); scalecast works in parameters, tokens and
 *     FLOPs, so a C = 6 N D it computes matches a FLOPs column it reads
 * @param pattern in a folder, a regular expression found in each file's name: its named groups
 *     become columns of every row of the file, {@code (?<run>...)} the run id instead of the whole
 *     name (DCLM's evaluation files carry dataset, model and token count in 150-character names,
 *     and a new user wrote a converter for them); a file whose name it does not find is left out,
 *     with a note
 * @param runsKey the column the runs table is joined on, when not the run column: a runs table of
 *     one row per model size ({@code model,N}) instead of one per run, the size a column of the
 *     files or a group of {@code pattern:} (a new user copied 70-character run ids into two runs
 *     tables to give three sizes' N)
 */
public record LadderSpec(
    String checkpoints,
    String runs,
    RoleColumns columns,
    Double tokensPerStep,
    @JsonProperty("long") Pivot pivot,
    List<String> where,
    List<Derived> derive,
    Map<String, Double> units,
    String pattern,
    @JsonProperty("runs_key") String runsKey) {

  /**
   * @return this ladder without its {@code where:} conditions: every run of the checkpoints, for
   *     {@code results ladder} to list when a target matches nothing (the target, not exempt from
   *     {@code where:} then, was left out of the list: a review)
   */
  public LadderSpec withoutWhere() {
    return new LadderSpec(
        checkpoints,
        runs,
        columns,
        tokensPerStep,
        pivot,
        List.of(),
        derive,
        units,
        pattern,
        runsKey);
  }

  /** The per-run role that counts tokens from steps, and its column's default name. */
  public static final String TOKENS_PER_STEP = "tokens_per_step";

  /** The roles a unit can be given for: the numeric ones. */
  public static final List<String> UNIT_ROLES =
      List.of(Columns.N_PARAMS, Columns.TOKENS, Columns.FLOPS, TOKENS_PER_STEP);

  /**
   * A ladder without derived columns.
   *
   * @param checkpoints see the record
   * @param runs see the record
   * @param columns see the record
   * @param tokensPerStep see the record
   * @param pivot see the record
   * @param where see the record
   */
  public LadderSpec(
      String checkpoints,
      String runs,
      RoleColumns columns,
      Double tokensPerStep,
      Pivot pivot,
      List<String> where) {
    this(checkpoints, runs, columns, tokensPerStep, pivot, where, null, null, null, null);
  }

  /**
   * @return {@link #pattern} compiled, or null when none is given
   * @throws InputException naming the key when it is not a regular expression
   */
  public Pattern filePattern() {
    return compile(pattern);
  }

  private static Pattern compile(String pattern) {
    if (pattern == null) {
      return null;
    }
    try {
      return Pattern.compile(pattern);
    } catch (PatternSyntaxException e) {
      throw new InputException(
          "ladder: pattern: '"
              + pattern
              + "' is not a regular expression ("
              + e.getDescription()
              + ")"
              // (?<n_params>...) is refused: Java's group names are letters and digits.
              + (e.getDescription().contains("named capturing group")
                  ? "; a group's name is letters and digits: name it N, say, and map the role to"
                      + " it (columns: {n_params: N})"
                  : ""));
    }
  }

  /** Defaults and checks. */
  public LadderSpec {
    if (checkpoints == null || checkpoints.isBlank()) {
      throw new InputException("ladder: 'checkpoints:' is required (a CSV, JSONL or folder)");
    }
    columns = columns == null ? new RoleColumns(null, null, null, null, null, null) : columns;
    if (tokensPerStep != null && !(tokensPerStep > 0)) {
      throw new InputException("ladder: tokens_per_step must be > 0, got " + tokensPerStep);
    }
    where = where == null ? List.of() : List.copyOf(where);
    derive = derive == null ? List.of() : List.copyOf(derive);
    units = checkUnits(units);
    compile(pattern); // a bad expression fails on load, naming the key
    Set<String> names = new HashSet<>();
    for (Derived d : derive) {
      if (!names.add(d.name())) {
        throw new InputException("ladder: derive: '" + d.name() + "' is derived twice");
      }
    }
  }

  /**
   * @param role a role of {@link #UNIT_ROLES}
   * @return what one unit of its column is (1 when not given)
   */
  public double unit(String role) {
    return units.getOrDefault(role, 1.0);
  }

  private static Map<String, Double> checkUnits(Map<String, Double> units) {
    if (units == null) {
      return Map.of();
    }
    for (Map.Entry<String, Double> e : units.entrySet()) {
      if (!UNIT_ROLES.contains(e.getKey())) {
        throw new InputException(
            "ladder: units: '"
                + e.getKey()
                + "' is not a role with a unit (roles: "
                + String.join(", ", UNIT_ROLES)
                + ")");
      }
      Double v = e.getValue();
      if (v == null || !(v > 0) || !Double.isFinite(v)) {
        throw new InputException(
            "ladder: units: "
                + e.getKey()
                + " must be a positive number (what one unit of its column is, e.g. 1e9), got "
                + v);
      }
    }
    return Map.copyOf(units);
  }

  /**
   * A column computed per row as the weighted mean of other columns: {@code sum(w_i x_i) /
   * sum(w_i)}, or as the natural log of one column. A row missing any of them has no value (a mean
   * over the categories present would move with which ones were logged).
   *
   * @param name the new column's name; it must not be a column of the files
   * @param mean the columns averaged
   * @param weights one positive weight per column (absent: equal weights)
   * @param match instead of {@code mean}: a regular expression; every column it matches (in full)
   *     is averaged with equal weight, e.g. {@code hendrycksTest-.*_acc} for MMLU's 57 subjects in
   *     lm-evaluation-harness results
   * @param log instead of either: one column whose natural log this is, e.g. a perplexity turned
   *     into the loss in nats that the loss laws are stated for (lm-evaluation-harness logs
   *     LAMBADA's perplexity, not its loss)
   */
  public record Derived(
      String name, List<String> mean, List<Double> weights, String match, String log) {
    /** Checks. */
    public Derived {
      if (name == null || name.isBlank()) {
        throw new InputException("ladder: derive: every entry needs a 'name:'");
      }
      match = match == null || match.isBlank() ? null : match;
      log = log == null || log.isBlank() ? null : log;
      int given =
          (mean == null || mean.isEmpty() ? 0 : 1)
              + (match == null ? 0 : 1)
              + (log == null ? 0 : 1);
      if (given != 1) {
        throw new InputException(
            "ladder: derive '"
                + name
                + "': give exactly one of 'mean:' (a list of columns), 'match:' (a regular"
                + " expression over column names) or 'log:' (one column)");
      }
      if (weights != null && (match != null || log != null)) {
        throw new InputException(
            "ladder: derive '"
                + name
                + "': 'weights:' go with 'mean:', not '"
                + (match != null ? "match:" : "log:")
                + "'");
      }
      if (match != null) {
        try {
          java.util.regex.Pattern.compile(match);
        } catch (java.util.regex.PatternSyntaxException e) {
          throw new InputException(
              "ladder: derive '" + name + "': 'match: " + match + "' is not a regular expression");
        }
      }
      mean = mean == null ? null : List.copyOf(mean);
      if (weights != null) {
        if (weights.size() != mean.size()) {
          throw new InputException(
              "ladder: derive '"
                  + name
                  + "': "
                  + weights.size()
                  + " weights for "
                  + mean.size()
                  + " columns");
        }
        for (Double w : weights) {
          if (w == null || !(w > 0) || !Double.isFinite(w)) {
            throw new InputException(
                "ladder: derive '" + name + "': weights must be positive numbers, got " + weights);
          }
        }
        weights = List.copyOf(weights);
      }
    }

    /**
     * A weighted mean of named columns.
     *
     * @param name see the record
     * @param mean see the record
     * @param weights see the record
     */
    public Derived(String name, List<String> mean, List<Double> weights) {
      this(name, mean, weights, null, null);
    }

    /**
     * @param i a column's position in {@link #mean}
     * @return its weight (1 when none are given)
     */
    public double weight(int i) {
      return weights == null ? 1.0 : weights.get(i);
    }
  }

  /**
   * The user's column for each role; a null takes the canonical name ({@code run_id}, {@code step},
   * {@code tokens}, {@code n_params}, {@code flops}).
   *
   * @param run the run id (absent in a folder of per-run files: the file name)
   * @param step the optimizer step (absent: the row's position in its run)
   * @param tokens training tokens seen, D (absent: step x tokens per step)
   * @param nParams parameters, N
   * @param flops training compute, C (absent: 6 N D)
   * @param tokensPerStep a per-run column of tokens per step (usually in the runs table)
   */
  public record RoleColumns(
      String run, String step, String tokens, String nParams, String flops, String tokensPerStep) {
    /**
     * @return the columns mapped to a role, in role order; a role left out maps none
     */
    public List<String> mapped() {
      return java.util.stream.Stream.of(run, step, tokens, nParams, flops, tokensPerStep)
          .filter(java.util.Objects::nonNull)
          .toList();
    }

    /**
     * @param column a column of the user's
     * @return the role whose value it gives (tokens for tokens per step), or the column itself when
     *     it is mapped to none
     */
    public String roleOf(String column) {
      // tokens_per_step under its own name gives the tokens role too (a review: an empty cell there
      // under where: on it dropped the run in silence).
      if (tokensPerStep == null && column.equals(TOKENS_PER_STEP)) {
        return Columns.TOKENS;
      } else if (column.equals(step)) {
        return Columns.STEP;
      } else if (column.equals(tokens) || column.equals(tokensPerStep)) {
        return Columns.TOKENS;
      } else if (column.equals(nParams)) {
        return Columns.N_PARAMS;
      } else if (column.equals(flops)) {
        return Columns.FLOPS;
      }
      return column;
    }
  }

  /**
   * A long table: one row per run, step and task.
   *
   * @param task the column naming the task; its values become column names
   * @param value the column holding the task's value
   */
  public record Pivot(String task, String value) {
    /** Checks. */
    public Pivot {
      if (task == null || value == null) {
        throw new InputException("ladder: long: needs both 'task:' and 'value:' columns");
      }
    }
  }
}
