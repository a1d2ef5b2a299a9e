package org.scalecast.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.Targets;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.ladder.Ladder;
import tech.tablesaw.api.Table;

/**
 * The table {@code predict --config} and {@code report} read: the RUNS_DIR|TABLE argument, or the
 * config's {@code ladder:} (paths relative to the config), and the config with its tasks resolved.
 *
 * @param table the canonical results table
 * @param source what it was read from, for headers and errors
 * @param spec the config, tasks resolved ({@link PredictTasks})
 */
record Inputs(Table table, Path source, PredictSpec spec) {

  /**
   * @param source the command line's RUNS_DIR|TABLE, or null
   * @param spec the config as read
   * @param config the config file
   * @param err where notes about left-out runs go
   * @return the inputs
   * @throws IOException when a runs folder cannot be read
   * @throws InputException when both or neither of a source and a ladder are given
   */
  static Inputs load(Path source, PredictSpec spec, Path config, PrintWriter err)
      throws IOException {
    if (spec.ladder() == null) {
      if (source == null) {
        throw new InputException(
            "--config needs a RUNS_DIR or a results TABLE, or a 'ladder:' section in " + config);
      }
      Table t = ResultsTable.load(source, n -> err.println("scalecast: note: " + n));
      return new Inputs(t, source, PredictTasks.resolve(source, t, spec, config.toString()));
    }
    if (source != null) {
      throw new InputException(
          config
              + " has a 'ladder:' section: give no RUNS_DIR|TABLE argument (got "
              + source
              + ")");
    }
    Path base = config.toAbsolutePath().getParent();
    Ladder.Read read =
        Ladder.read(spec.ladder(), base, Targets.runConditions(spec), measured(spec));
    read.notes().forEach(n -> err.println("scalecast: note: " + n));
    // A ladder carries no task definitions: tasks come from the config, with their chance levels.
    Path named = config;
    return new Inputs(
        read.table(),
        base.resolve(spec.ladder().checkpoints()),
        PredictTasks.resolve(named, read.table(), spec, config.toString()));
  }

  /** The columns a prediction reads values from: losses, task scores and task losses. */
  private static List<String> measured(PredictSpec spec) {
    List<String> out = new ArrayList<>(spec.losses());
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      out.add(task.score());
      if (task.loss() != null) {
        out.add(task.loss());
      }
    }
    return out;
  }
}
