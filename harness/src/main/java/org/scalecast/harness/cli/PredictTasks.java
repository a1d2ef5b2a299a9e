package org.scalecast.harness.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.results.Closest;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.RowSources;
import org.scalecast.results.TaskKind;
import tech.tablesaw.api.Table;

/**
 * The tasks a prediction covers, each with its chance level and the loss stage 2 maps from, taken
 * from the prediction config and the data, never silently dropped or defaulted:
 *
 * <ul>
 *   <li>Which tasks: the config's {@code tasks:} entries when it lists any; else every task of the
 *       data: a runs folder's run manifests, or a results CSV's task score columns (recognised by
 *       their names, {@code <name>_v<version>_<acc|em>}, {@link Columns#task}).
 *   <li>Chance level: the config entry's {@code chance:}, else the run manifests' task definition.
 *       A results CSV carries no definitions: a task without a chance level in the config is an
 *       error naming the task and the key to add.
 *   <li>Stage-2 loss: the config entry's {@code loss:} (default {@code val_loss_mix}); for tasks
 *       taken from the manifests, the validation loss of the task's domain.
 * </ul>
 */
final class PredictTasks {
  private static final String DEFAULT_LOSS = Columns.valLoss(Columns.MIX_DOMAIN);
  private static final Pattern TASK_COLUMN = Pattern.compile("(.+)_v(\\d+)_([a-z_]+)");

  private PredictTasks() {}

  /**
   * @param source a runs folder or a results CSV
   * @param table its table
   * @param spec the prediction config
   * @param configName the config's name, for errors
   * @return the spec with every task resolved (chance level known)
   * @throws IOException when a manifest cannot be read
   * @throws InputException naming a task without a chance level and the config key to add, or when
   *     the level is not in (0, 1)
   */
  static PredictSpec resolve(Path source, Table table, PredictSpec spec, String configName)
      throws IOException {
    if (!(spec.level() > 0 && spec.level() < 1)) {
      throw new InputException(configName + ": level must be in (0, 1), got " + spec.level());
    }
    boolean folder = Files.isDirectory(source);
    Map<String, RunTasks> defined = new LinkedHashMap<>();
    if (folder) {
      RunTasks.read(ResultsTable.runsFolder(source)).forEach(t -> defined.put(t.score(), t));
    }
    List<PredictSpec.TaskSpec> tasks = new ArrayList<>();
    if (!spec.tasks().isEmpty()) {
      for (PredictSpec.TaskSpec t : spec.tasks()) {
        RunTasks d = defined.get(t.score());
        if (t.chance() == null && d == null) {
          throw missingChance(source, List.of(t.score()), configName, true);
        }
        tasks.add(
            new PredictSpec.TaskSpec(
                t.score(),
                t.chance() != null ? t.chance() : d.chance(),
                t.loss(),
                t.items(),
                t.stderr()));
      }
    } else if (folder) {
      defined.values().forEach(d -> tasks.add(d.spec()));
    } else {
      List<String> columns = taskColumns(table);
      if (!columns.isEmpty()) {
        throw missingChance(source, columns, configName, false);
      }
    }
    java.util.Set<String> seen = new java.util.HashSet<>();
    for (PredictSpec.TaskSpec t : tasks) {
      if (!seen.add(t.score())) { // the second entry silently replaced the first's methods
        throw new InputException(
            configName + ": task " + t.score() + " is listed twice under 'tasks:'");
      }
      // The closest names, not all of them: a misspelt score named the data folder and listed its
      // 200 columns in one line of 6,072 characters (a new user on the OLMo ladder).
      if (!table.columnNames().contains(t.score())) {
        throw new InputException(
            configName
                + ": task "
                + t.score()
                + ": its 'score:' is no column of the table predicted from; "
                + Closest.hint(t.score(), RowSources.names(table)));
      }
      if (!t.loss().equals(DEFAULT_LOSS) && !table.columnNames().contains(t.loss())) {
        throw new InputException(
            configName
                + ": task "
                + t.score()
                + ": its 'loss:' column '"
                + t.loss()
                + "' is no column of the table predicted from; "
                + Closest.hint(t.loss(), RowSources.names(table)));
      }
    }
    for (String loss : spec.losses()) {
      // A misspelt loss was a refusal of every method, each row's warning listing the ladder's
      // columns (5,277 characters), exit 0 (a new user, twenty-fifth session).
      if (!loss.equals(DEFAULT_LOSS) && !table.columnNames().contains(loss)) {
        throw new InputException(
            configName
                + ": losses: '"
                + loss
                + "' is no column of the table predicted from; "
                + Closest.hint(loss, RowSources.names(table)));
      }
    }
    if (tasks.isEmpty() && spec.losses().isEmpty()) { // it printed empty tables, exit 0
      throw new InputException(configName + ": nothing to predict: give 'losses:' or 'tasks:'");
    }
    return spec.withTasks(tasks);
  }

  /**
   * @param table the table predicted from
   * @param spec the resolved config
   * @return the tasks without a loss column in the table (no {@code loss:}, and no {@code
   *     val_loss_mix}): only the methods from N and D predict them
   */
  static List<String> withoutLoss(Table table, PredictSpec spec) {
    return spec.tasks().stream()
        .filter(t -> !table.columnNames().contains(t.loss()))
        .map(PredictSpec.TaskSpec::score)
        .toList();
  }

  /**
   * @param t a results table
   * @return its task score columns, the main metric of each task ({@code _acc} or {@code _em})
   */
  static List<String> taskColumns(Table t) {
    List<String> out = new ArrayList<>();
    for (String c : t.columnNames()) {
      Matcher m = TASK_COLUMN.matcher(c);
      if (!m.matches()) {
        continue;
      }
      for (TaskKind k : TaskKind.values()) {
        if (c.equals(Columns.task(m.group(1), Integer.parseInt(m.group(2)), k.mainMetric()))) {
          out.add(c);
        }
      }
    }
    return out;
  }

  private static InputException missingChance(
      Path source, List<String> tasks, String configName, boolean listed) {
    boolean many = tasks.size() > 1;
    return new InputException(
        source
            + ": no chance level for task"
            + (many ? "s " : " ")
            + String.join(", ", tasks)
            + (listed ? "" : " (a results table carries no task definitions; a runs folder does)")
            + ": "
            + (listed
                ? "add 'chance:' to " + (many ? "their entries" : "its entry")
                : "list " + (many ? "each" : "it"))
            + " under 'tasks:' in "
            + configName
            // An entry already listed keeps its keys: the example once offered it a loss: it had.
            + (listed
                ? " (the score of a random guess, e.g. chance: 0.25 for four choices)"
                : ", e.g. - {score: "
                    + tasks.get(0)
                    + ", chance: CHANCE, loss: "
                    + Columns.valLoss("DOMAIN")
                    + "}"));
  }
}
