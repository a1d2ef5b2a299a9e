package org.scalecast.fit.flp;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.ladder.LadderSpec;

/**
 * What {@code predict --config FIT.yaml} predicts, and from which rows. Nulls take defaults.
 *
 * @param targetWhere column to value conditions picking the target run (all must hold); default
 *     {@code role: target}; every other run is a sampling run
 * @param targetAt a planned target instead: {@code n_params} and {@code tokens}
 * @param losses loss columns to predict (default {@code val_loss_mix}, scalecast's own sweep's;
 *     with a {@code ladder:}, none: a user's ladder has no such column, and a published table often
 *     no loss at all)
 * @param tasks task score columns to predict ({@link org.scalecast.results.QuantityKind#SCORE}),
 *     each with its chance level and the loss column stage 2 reads; losses are {@link
 *     org.scalecast.results.QuantityKind#LOSS}
 * @param margin emergence margin above chance (default 0.05, FLP's)
 * @param level interval coverage (default 0.95)
 * @param backtest how methods are backtested, chosen and refused ({@link BacktestSpec}; defaults)
 * @param ladder the user's own ladder ({@code ladder:}), or null for scalecast's runs folder or
 *     results table given on the command line
 * @param targets several named targets, each a run ({@code where:}) or planned ({@code at:});
 *     empty: the one target of {@code target_where}/{@code target_at}
 * @param methods the only methods run ({@code methods:}, {@link PredictionMethods#names()}, e.g.
 *     {@code [direct, chinchilla+sigmoid]}); default empty: every method, and the backtests choose
 * @param prepare how checkpoints are prepared for the task chains and loss fits ({@link
 *     Preparation}); default none
 */
public record PredictSpec(
    Map<String, String> targetWhere,
    Map<String, Double> targetAt,
    List<String> losses,
    List<TaskSpec> tasks,
    Double margin,
    Double level,
    BacktestSpec backtest,
    LadderSpec ladder,
    List<TargetSpec> targets,
    List<String> methods,
    Preparation prepare) {

  /**
   * One of several targets.
   *
   * @param name how rows and reports name it
   * @param where role or column = value conditions picking one run (its final checkpoint); {@code
   *     run} names the run column
   * @param at a planned run instead: {@code n_params} and {@code tokens}
   */
  public record TargetSpec(String name, Map<String, String> where, Map<String, Double> at) {
    /** Defaults and checks. */
    public TargetSpec {
      where = where == null ? Map.of() : Map.copyOf(where);
      at = at == null ? Map.of() : Map.copyOf(at);
      if (name == null || name.isBlank()) {
        throw new InputException("targets: every target needs a 'name:'");
      }
      if (where.isEmpty() == at.isEmpty()) {
        throw new InputException(
            "targets: target '" + name + "' needs exactly one of 'where:' (a run) or 'at:'");
      }
      if (!at.isEmpty() && !Target.plannable(at)) {
        // It passed 'results ladder' and then failed predict naming target_at (sixteenth session).
        throw new InputException(
            "targets: target '"
                + name
                + "': 'at:' needs n_params and tokens, both > 0, and nothing else; got "
                + at);
      }
    }
  }

  /**
   * A config with a {@code backtest:} block but one target from scalecast's own table.
   *
   * @param targetWhere see the record
   * @param targetAt see the record
   * @param losses see the record
   * @param tasks see the record
   * @param margin see the record
   * @param level see the record
   * @param backtest see the record
   */
  public PredictSpec(
      Map<String, String> targetWhere,
      Map<String, Double> targetAt,
      List<String> losses,
      List<TaskSpec> tasks,
      Double margin,
      Double level,
      BacktestSpec backtest) {
    this(targetWhere, targetAt, losses, tasks, margin, level, backtest, null, null, null, null);
  }

  /** The config without {@code ladder:} and {@code targets:}, as before issue 10. */
  public PredictSpec(
      Map<String, String> targetWhere,
      Map<String, Double> targetAt,
      List<String> losses,
      List<TaskSpec> tasks,
      Double margin,
      Double level) {
    this(targetWhere, targetAt, losses, tasks, margin, level, null, null, null, null, null);
  }

  /**
   * @param score the score column, e.g. {@code code_next_line_v1_acc}
   * @param chance its chance level, or null when not given: then the run manifests' task definition
   *     gives it, and without one the prediction is refused (there is no default: a wrong chance
   *     level silently moves the emergence threshold and the direct method)
   * @param loss the loss column stage 2 maps from (default {@code val_loss_mix})
   * @param items how many items the task's evaluation has, or null when not given: then a standard
   *     error column of the score gives it where the table has one ({@link ItemCounts}), else a
   *     score's interval does not include the target's own evaluation noise ({@link Backtest})
   * @param stderr the column of the score's standard error, or null: then {@code <score>_stderr}
   *     where the table has it, or a {@code long:} table's {@code <score>_<value>_stderr} ({@link
   *     ItemCounts})
   */
  public record TaskSpec(String score, Double chance, String loss, Integer items, String stderr) {
    /** Defaults. */
    @JsonCreator
    public TaskSpec {
      loss = loss == null ? Columns.valLoss(Columns.MIX_DOMAIN) : loss;
      if (stderr != null && stderr.isBlank()) {
        throw new InputException("tasks: " + score + ": 'stderr:' is empty (name a column)");
      }
      if (items != null && items < 1) {
        throw new InputException(
            "tasks: "
                + score
                + ": items must be at least 1 (the evaluation's item count), got "
                + items);
      }
      if (chance != null && !(chance >= 0 && chance < 1)) {
        // A percentage (chance: 25) was taken as a level above every score: each method then
        // missed by 50 points and the task was refused for that, not for the typo.
        throw new InputException(
            "tasks: "
                + score
                + ": chance must be a fraction in [0, 1), got "
                + chance
                + " (e.g. 0.25 for four choices)");
      }
    }

    /**
     * A task without an item count.
     *
     * @param score the score column
     * @param chance its chance level, or null
     * @param loss the loss column stage 2 maps from, or null
     */
    public TaskSpec(String score, Double chance, String loss) {
      this(score, chance, loss, null, null);
    }

    /**
     * A task with an item count given or none, its standard error column the default.
     *
     * @param score the score column
     * @param chance its chance level, or null
     * @param loss the loss column stage 2 maps from, or null
     * @param items its evaluation's item count, or null
     */
    public TaskSpec(String score, Double chance, String loss, Integer items) {
      this(score, chance, loss, items, null);
    }

    /**
     * @param n an item count
     * @return this task with it
     */
    public TaskSpec withItems(int n) {
      return new TaskSpec(score, chance, loss, n, stderr);
    }

    /**
     * @return the chance level
     * @throws org.scalecast.results.InputException naming the task and the config key to add when
     *     none was given
     */
    public double chanceLevel() {
      if (chance == null) {
        throw new org.scalecast.results.InputException(
            "task "
                + score
                + " has no chance level: add 'chance:' to its entry under 'tasks:' in the"
                + " prediction config");
      }
      return chance;
    }
  }

  /** Defaults and copies. */
  @JsonCreator
  public PredictSpec {
    targetWhere = targetWhere == null ? Map.of() : Map.copyOf(targetWhere);
    targetAt = targetAt == null ? Map.of() : Map.copyOf(targetAt);
    if (!targetWhere.isEmpty() && !targetAt.isEmpty()) {
      // target_at was read and target_where ignored (a bad-input hunt, twentieth session).
      throw new InputException(
          "give 'target_where' (a trained run) or 'target_at' (a planned one), not both");
    }
    losses =
        losses != null
            ? List.copyOf(losses)
            : ladder != null ? List.of() : List.of(Columns.valLoss(Columns.MIX_DOMAIN));
    if (new HashSet<>(losses).size() < losses.size()) {
      // A loss named twice was predicted once, with an interval pooled as if twice (a bad-input
      // hunt, twentieth session).
      throw new InputException("losses: " + losses + " names a column twice");
    }
    tasks = tasks == null ? List.of() : List.copyOf(tasks);
    margin = margin == null ? 0.05 : margin;
    if (!(margin >= 0 && margin < 1)) {
      // 2 refused every task as if no run had emerged, and -0.1 changed choices, exit 0 (a
      // bad-input hunt, twentieth session).
      throw new InputException(
          "margin must be in [0, 1) (the emergence threshold above chance, a fraction of the"
              + " score), got "
              + margin);
    }
    for (TaskSpec task : tasks) {
      if (task.chance() != null && !(task.chance() + margin < 1)) {
        // margin 0.9 over chance 0.25 put the threshold at 1.15, and the task was still predicted
        // (a bad-input hunt, twentieth session).
        throw new InputException(
            "tasks: "
                + task.score()
                + ": chance "
                + task.chance()
                + " + margin "
                + margin
                + " puts the emergence threshold at or above 1, which no score reaches");
      }
    }
    level = level == null ? 0.95 : level;
    backtest = backtest == null ? BacktestSpec.defaults() : backtest;
    targets = targets == null ? List.of() : List.copyOf(targets);
    Set<String> names = new HashSet<>();
    for (TargetSpec t : targets) {
      if (!names.add(t.name())) { // report wrote both into one folder, the second over the first
        throw new InputException("targets: two targets are named '" + t.name() + "'");
      }
    }
    if (!targets.isEmpty() && !(targetWhere.isEmpty() && targetAt.isEmpty())) {
      throw new InputException("give 'targets:' or 'target_where'/'target_at', not both");
    }
    methods = methods == null ? List.of() : List.copyOf(methods);
    for (String m : methods) {
      if (!PredictionMethods.names().contains(m)) {
        throw new InputException(
            "methods: unknown prediction method '"
                + m
                + "' (known: "
                + String.join(", ", PredictionMethods.names())
                + ")");
      }
    }
    prepare = prepare == null ? Preparation.NONE : prepare;
  }

  /**
   * @param t resolved tasks
   * @return this config with them
   */
  public PredictSpec withTasks(List<TaskSpec> t) {
    return new PredictSpec(
        targetWhere,
        targetAt,
        losses,
        t,
        margin,
        level,
        backtest,
        ladder,
        targets,
        methods,
        prepare);
  }

  /**
   * @param l the losses to predict
   * @param t the tasks to predict
   * @param m the only methods run (empty: every method)
   * @return this config predicting only those, with those methods
   */
  public PredictSpec withQuantities(List<String> l, List<TaskSpec> t, List<String> m) {
    return new PredictSpec(
        targetWhere, targetAt, l, t, margin, level, backtest, ladder, targets, m, prepare);
  }

  /**
   * @return the columns a prediction reads values from: the losses, each task's score and the loss
   *     its stage 2 maps from
   */
  public List<String> measured() {
    List<String> out = new ArrayList<>(losses);
    for (TaskSpec task : tasks) {
      out.add(task.score());
      if (task.loss() != null) {
        out.add(task.loss());
      }
    }
    return out;
  }

  /**
   * @param where conditions picking the target run, or empty
   * @param at a planned target, or empty
   * @return this config for that one target, without {@code targets:}
   */
  public PredictSpec withTarget(Map<String, String> where, Map<String, Double> at) {
    return new PredictSpec(
        where, at, losses, tasks, margin, level, backtest, ladder, null, methods, prepare);
  }

  /**
   * @param p how checkpoints are prepared
   * @return this config with it
   */
  public PredictSpec withPrepare(Preparation p) {
    return new PredictSpec(
        targetWhere, targetAt, losses, tasks, margin, level, backtest, ladder, targets, methods, p);
  }

  /**
   * @param l interval coverage
   * @return this config with it
   */
  public PredictSpec withLevel(double l) {
    return new PredictSpec(
        targetWhere,
        targetAt,
        losses,
        tasks,
        margin,
        l,
        backtest,
        ladder,
        targets,
        methods,
        prepare);
  }

  /**
   * @param task a task
   * @return its emergence threshold: chance + {@code margin} (FLP)
   */
  public double emergence(TaskSpec task) {
    return task.chanceLevel() + margin;
  }

  /**
   * @param m a method
   * @return whether it runs: every method unless {@code methods:} names some
   */
  public boolean runs(PredictionMethod m) {
    return methods.isEmpty() || methods.contains(m.name());
  }
}
