package org.scalecast.harness.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.UnaryOperator;
import java.util.regex.Pattern;
import org.scalecast.fit.flp.Coverage;
import org.scalecast.fit.flp.ItemCounts;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.fit.flp.PredictionMethods;
import org.scalecast.fit.flp.Preparation;
import org.scalecast.fit.flp.PreparationChoice;
import org.scalecast.fit.flp.QuantityParts;
import org.scalecast.fit.flp.TableCheck;
import org.scalecast.fit.flp.Targets;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.ResultsTable;
import org.scalecast.results.Role;
import org.scalecast.results.ladder.Ladder;
import org.scalecast.results.ladder.LadderSpec;
import tech.tablesaw.api.Table;

/**
 * The table {@code predict --config} and {@code report} read: the RUNS_DIR|TABLE argument, or the
 * config's {@code ladder:} (paths relative to the config), and the config with its tasks resolved.
 *
 * @param table the canonical results table (a ladder's rows that have every predicted column)
 * @param source what it was read from, for headers and errors
 * @param spec the config, tasks resolved ({@link PredictTasks})
 * @param slices for a ladder some of whose rows have some predicted columns and not others, each
 *     quantity's part with the rows that have its own columns ({@link QuantityParts}); else null
 * @param notes what the reading decided that a report repeats: the item counts read from standard
 *     error columns ({@link ItemCounts}), which widen the intervals
 */
record Inputs(
    Table table,
    Path source,
    PredictSpec spec,
    List<QuantityParts.Slice> slices,
    List<String> notes) {

  /**
   * Per target, its predictions, and the inputs they were made with.
   *
   * @param inputs these inputs with the preparation used ({@link PreparationChoice})
   * @param all per target, its predictions
   * @param note what {@code prepare:}'s choice chose, or null
   */
  record Predicted(Inputs inputs, List<Targets.Named> all, String note) {}

  /**
   * @param err where the choice of {@code prepare: auto} is noted
   * @return per target, its predictions, with {@code prepare:}'s preparation where it is applied
   *     always or where the backtest keeps it ({@link PreparationChoice})
   */
  Predicted predicted(PrintWriter err) {
    PreparationChoice.Chosen c =
        PreparationChoice.choose(spec.prepare(), spec.backtest(), p -> withPrepare(p).predictAll());
    if (c.note() != null) {
      err.println("scalecast: note: " + c.note());
    }
    return new Predicted(withPrepare(c.used()), c.predictions(), c.note());
  }

  /** These inputs with a preparation: the config's and each quantity part's. */
  Inputs withPrepare(Preparation p) {
    List<QuantityParts.Slice> s =
        slices == null
            ? null
            : slices.stream()
                .map(
                    x ->
                        new QuantityParts.Slice(
                            new QuantityParts.Part(
                                x.part().spec().withPrepare(p),
                                x.part().columns(),
                                x.part().quantity()),
                            x.table()))
                .toList();
    return new Inputs(table, source, spec.withPrepare(p), s, notes);
  }

  /**
   * @return per target, its predictions: each quantity from its own rows when the ladder has
   *     incomplete rows, else from the table
   */
  List<Targets.Named> predictAll() {
    if (slices == null) {
      return Targets.predictAll(table, spec);
    }
    // Each part's target indexes its own table; the report reads this one.
    return QuantityParts.predictAll(slices).stream()
        .map(n -> new Targets.Named(n.name(), QuantityParts.retarget(n.predictions(), table)))
        .toList();
  }

  /**
   * @return per quantity, the rows it was predicted from when the ladder's rows are incomplete
   *     (empty otherwise: every quantity reads {@link #table})
   */
  Map<String, Table> ownTables() {
    Map<String, Table> out = new HashMap<>();
    if (slices != null) {
      slices.forEach(s -> out.put(s.part().quantity(), s.table()));
    }
    return out;
  }

  /**
   * @param at the config as the backtest runs it, from a part's config
   * @param ratio a run is predicted from the runs with at most this share of its compute
   * @param progress hears of each run before it is predicted
   * @return every backtested run's rows ({@link Coverage#cases}), part by part when sliced
   */
  List<Coverage.Case> cases(
      UnaryOperator<PredictSpec> at, double ratio, Coverage.Progress progress) {
    return slices == null
        ? Coverage.cases(table, at.apply(spec), ratio, progress)
        : QuantityParts.cases(slices, at, ratio, progress);
  }

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
      TableCheck.notes(t).forEach(n -> err.println("scalecast: note: " + n));
      ItemCounts.Resolved items =
          withItems(q -> t, PredictTasks.resolve(source, t, spec, config.toString()), err);
      PredictSpec resolved = items.spec();
      noteLossless(t, resolved, err);
      return new Inputs(t, source, resolved, null, items.notes());
    }
    if (source != null) {
      throw new InputException(
          config
              + " has a 'ladder:' section: give no RUNS_DIR|TABLE argument (got "
              + source
              + ")");
    }
    Path base = config.toAbsolutePath().getParent();
    List<Map<String, String>> targets = Targets.runConditions(spec);
    Loaded loaded = readLadder(spec.ladder(), config, targets, spec.measured(), err);
    Ladder.Parsed parsed = loaded.parsed();
    Ladder.Read read = loaded.read();
    // A ladder carries no task definitions: tasks come from the config, with their chance levels.
    PredictSpec tasks = PredictTasks.resolve(config, read.table(), spec, config.toString());
    // Each quantity's own rows where some rows lack some predicted columns; its item count is read
    // from them too (a review: the rows with every column left a task's standard errors unread).
    Map<String, Table> own = new HashMap<>();
    if (read.incomplete()) {
      for (QuantityParts.Part p : QuantityParts.of(tasks)) {
        own.put(p.quantity(), Ladder.read(parsed, targets, p.columns()).table());
      }
    }
    ItemCounts.Resolved items = withItems(q -> own.getOrDefault(q, read.table()), tasks, err);
    PredictSpec resolved = items.spec();
    noteLossless(read.table(), resolved, err);
    notePerplexity(resolved, read.table(), err);
    List<QuantityParts.Slice> slices = null;
    List<QuantityParts.Part> parts = QuantityParts.of(resolved);
    if (read.incomplete() && !parts.isEmpty()) {
      slices = new ArrayList<>();
      for (QuantityParts.Part p : parts) {
        slices.add(new QuantityParts.Slice(p, own.get(p.quantity())));
      }
      noteMeanErrorRuns(slices, resolved, err);
      noteSparseLosses(parsed, targets, resolved, slices, err);
    }
    return new Inputs(
        read.table(), base.resolve(spec.ladder().checkpoints()), resolved, slices, items.notes());
  }

  /** The config with tasks' item counts from their standard error columns, noted. */
  private static ItemCounts.Resolved withItems(
      java.util.function.Function<String, Table> tableOf, PredictSpec spec, PrintWriter err) {
    ItemCounts.Resolved r = ItemCounts.fromStderr(tableOf, spec);
    r.notes().forEach(n -> err.println("scalecast: note: " + n));
    return r;
  }

  /**
   * Which runs the mean error loses, over every task: its part keeps only the runs with every task
   * (a new user's GPT-3 table kept 1 of 5, and the mean error said only "only 1 point to fit").
   * Each task's part holds the runs that have it.
   */
  private static void noteMeanErrorRuns(
      List<QuantityParts.Slice> slices, PredictSpec spec, PrintWriter err) {
    if (QuantityParts.meanError(slices).isEmpty()) {
      return; // no mean-error method runs (a review: the note came without a mean error)
    }
    Set<String> scores = new LinkedHashSet<>();
    spec.tasks().forEach(t -> scores.add(t.score()));
    Map<String, Set<String>> has = new java.util.LinkedHashMap<>();
    Set<String> all = new java.util.TreeSet<>();
    for (QuantityParts.Slice s : slices) {
      if (scores.contains(s.part().quantity())) {
        Set<String> runs = new java.util.TreeSet<>(); // sampling runs, as the fits count them
        org.scalecast.results.ladder.LadderRuns.of(s.table()).stream()
            .filter(r -> !org.scalecast.results.Role.TARGET.key().equals(r.role()))
            .forEach(r -> runs.add(r.run()));
        has.put(s.part().quantity(), runs);
        all.addAll(runs);
      }
    }
    if (has.size() < scores.size()) {
      return; // no task methods: no task parts to tell
    }
    Map<String, Set<String>> lacking = new java.util.LinkedHashMap<>();
    Set<String> complete = new java.util.TreeSet<>(all);
    has.forEach(
        (task, runs) -> {
          Set<String> without = new java.util.TreeSet<>(all);
          without.removeAll(runs);
          lacking.put(task, without);
          complete.retainAll(runs);
        });
    String note =
        org.scalecast.fit.flp.MeanErrorRuns.describe(complete.size(), all.size(), lacking);
    if (note != null) {
      err.println("scalecast: note: " + note);
    }
  }

  /**
   * @return the ladder's run ids: every part's where the ladder is read in parts (the table then
   *     holds the runs with a complete checkpoint only: a review found backtest's count short)
   */
  Set<String> runIds() {
    Set<String> out = new java.util.TreeSet<>(table.stringColumn(Columns.RUN_ID).asSet());
    if (slices != null) {
      slices.forEach(s -> out.addAll(s.table().stringColumn(Columns.RUN_ID).asSet()));
    }
    return out;
  }

  /**
   * The ladder's table read with no target and no {@code where:} (every run of the checkpoints, as
   * a sampling run), its notes printed: what {@code results ladder} lists when a target matches no
   * run.
   *
   * @param spec a config with a {@code ladder:} section
   * @param config the config file
   * @param err where notes go
   * @return the table
   */
  static Table ladderOnly(PredictSpec spec, Path config, PrintWriter err) {
    return readLadder(spec.ladder().withoutWhere(), config, List.of(), spec.measured(), err)
        .read()
        .table();
  }

  /** A ladder parsed and read, for further reads of other columns. */
  private record Loaded(Ladder.Parsed parsed, Ladder.Read read) {}

  /**
   * Parses and reads a ladder relative to its config, errors naming the config where they name a
   * key of it, and prints the read's notes.
   */
  private static Loaded readLadder(
      LadderSpec ladder,
      Path config,
      List<Map<String, String>> targets,
      Collection<String> measured,
      PrintWriter err) {
    Ladder.Parsed parsed;
    Ladder.Read read;
    try {
      parsed = Ladder.parse(ladder, config.toAbsolutePath().getParent());
      read = Ladder.read(parsed, targets, measured);
    } catch (InputException e) {
      throw inConfig(config, e);
    }
    read.notes().forEach(n -> err.println("scalecast: note: " + n));
    return new Loaded(parsed, read);
  }

  /**
   * Notes each task whose loss column is empty on sampling runs that have its score: a task's rows
   * are those with both (each quantity from the rows that have its own columns), so every method of
   * it, {@code direct} included, loses those runs. In the harness's old results folder LAMBADA was
   * evaluated for the smallest BLOOM model only: a new user mapped every task from it and every
   * method said it had 1 point to fit.
   */
  private static void noteSparseLosses(
      Ladder.Parsed parsed,
      List<Map<String, String>> targets,
      PredictSpec spec,
      List<QuantityParts.Slice> slices,
      PrintWriter err) {
    // One note per loss column and count, naming its tasks (seven tasks mapped from one sparse
    // loss printed seven notes).
    Map<SparseLoss, List<String>> tasksBy = new LinkedHashMap<>();
    for (PredictSpec.TaskSpec task : spec.tasks()) {
      Table both =
          slices.stream()
              .filter(sl -> sl.part().quantity().equals(task.score()))
              .map(QuantityParts.Slice::table)
              .findFirst()
              .orElse(null);
      if (both == null || !both.columnNames().contains(task.loss())) {
        continue;
      }
      int withBoth = samplingRuns(both);
      int withScore = samplingRuns(Ladder.read(parsed, targets, List.of(task.score())).table());
      if (withBoth < withScore) {
        tasksBy
            .computeIfAbsent(
                new SparseLoss(task.loss(), withScore, withBoth), k -> new ArrayList<>())
            .add(task.score());
      }
    }
    tasksBy.forEach((k, tasks) -> err.println(sparseLossNote(k, tasks)));
  }

  /**
   * A loss column on fewer sampling runs than its tasks' scores.
   *
   * @param loss the column
   * @param withScore sampling runs with the scores
   * @param withBoth those of them with the loss too
   */
  private record SparseLoss(String loss, int withScore, int withBoth) {}

  /** The note for the tasks that map from one sparse loss. */
  private static String sparseLossNote(SparseLoss k, List<String> tasks) {
    String template =
        tasks.size() == 1
            ? "task %s: its loss column '%s' is empty on %d of the %d sampling runs that have its"
                + " score, so every method of it, direct included, reads the %d that have both;"
                + " without 'loss:' it is predicted from its score alone"
            : "tasks %s: their loss column '%s' is empty on %d of the %d sampling runs that have"
                + " their scores, so every method of them, direct included, reads the %d that have"
                + " both; without 'loss:' they are predicted from their scores alone";
    return "scalecast: note: "
        + String.format(
            Locale.ROOT,
            template,
            String.join(", ", tasks),
            k.loss(),
            k.withScore() - k.withBoth(),
            k.withScore(),
            k.withBoth());
  }

  /** How many sampling runs a table has. */
  private static int samplingRuns(Table t) {
    Set<String> runs = new LinkedHashSet<>();
    for (int i = 0; i < t.rowCount(); i++) {
      if (Role.SAMPLING.key().equals(t.getString(i, Columns.ROLE))) {
        runs.add(t.getString(i, Columns.RUN_ID));
      }
    }
    return runs.size();
  }

  /** A column name that says perplexity: {@code lambada_openai_ppl}, {@code word_perplexity}. */
  private static final Pattern PERPLEXITY =
      Pattern.compile("(?i)(?<![a-z])(ppl|perplexity)(?![a-z])");

  /**
   * Says which losses look like perplexities: the loss laws (a power law and an irreducible loss)
   * and the chains' maps from a loss are stated for a loss in nats, its log. On Pythia's and OPT's
   * lm-evaluation-harness ladders every task mapped from LAMBADA's perplexity; from its log the
   * task errors fell on Pythia's three ladders and rose on OPT's thin one (README, tenth session),
   * so this is a note, not a rewrite of the user's column.
   */
  private static void notePerplexity(PredictSpec spec, Table t, PrintWriter err) {
    Set<String> losses = new LinkedHashSet<>(spec.losses());
    spec.tasks().stream()
        .map(PredictSpec.TaskSpec::loss)
        .filter(l -> l != null)
        .forEach(losses::add);
    // A column that is already a derived log (of a perplexity) is what the note asks for.
    spec.ladder().derive().stream()
        .filter(d -> d.log() != null)
        .forEach(d -> losses.remove(d.name()));
    for (String l : losses) {
      if (PERPLEXITY.matcher(l).find()) {
        err.println(
            "scalecast: note: '"
                + l
                + "' is named like a perplexity; if it holds one (not a mean loss: check its"
                + " values), the loss laws and the chains' maps are stated for a loss in nats:"
                + " derive its log (ladder: derive: [{name: "
                + logName(l, t)
                + ", log: "
                + l
                + "}]) and name that instead");
      }
    }
  }

  /** A name for a perplexity's log that the table does not have yet. */
  private static String logName(String perplexity, Table t) {
    String name = PERPLEXITY.matcher(perplexity).replaceAll("loss");
    return t.columnNames().contains(name) ? "ln_" + perplexity : name;
  }

  /**
   * A ladder section's own error ("ladder: derive 'mmlu': ...") with the config file it is in, as
   * the config's other errors name it (a new user's note: the file was missing from it). Errors
   * naming a data file already say where they are.
   */
  private static InputException inConfig(Path config, InputException e) {
    return e.getMessage() != null && e.getMessage().startsWith("ladder:")
        ? new InputException(config + ": " + e.getMessage(), e)
        : e;
  }

  /** Says which tasks have no loss column, so no chain predicts them or the mean error. */
  private static void noteLossless(Table t, PredictSpec spec, PrintWriter err) {
    List<String> lossless = PredictTasks.withoutLoss(t, spec);
    if (!lossless.isEmpty()) {
      err.println(
          "scalecast: note: no loss column for "
              + String.join(", ", lossless)
              + ": predicted from C only ("
              + (spec.runs(PredictionMethods.byName("direct-blend")) ? "direct-blend" : "direct")
              + "); give each task a 'loss:' column to run"
              + " the chains");
    }
  }
}
