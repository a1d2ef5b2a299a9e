package org.scalecast.fit.flp;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.UnaryOperator;
import org.scalecast.results.InputException;
import tech.tablesaw.api.Table;

/**
 * Each quantity predicted from the rows that have its own columns, for a ladder whose rows have
 * some of the predicted columns and not others (issue 10: a W&amp;B export logs evaluations at
 * different intervals, a published ladder evaluated a task on some runs only). Reading only the
 * rows complete for every column would leave out, for every quantity, a row that lacks one task's
 * score, and every row of a run that lacks it throughout.
 *
 * <p>The parts: each loss alone, each task alone (its score and the loss its stage 2 maps from),
 * and {@value Quantity#MEAN_ERROR} over every task from the rows complete for all. A quantity's
 * rows, choice and interval depend only on its own columns and the runs, so on a complete ladder
 * the parts predict exactly what one prediction of the whole config does ({@code
 * QuantityPartsTest}).
 */
public final class QuantityParts {
  private QuantityParts() {}

  /**
   * One part of a config.
   *
   * @param spec the config predicting only this part's quantity (and the mean error's part its
   *     methods only)
   * @param columns the columns its rows must have
   * @param quantity the quantity whose rows it gives
   */
  public record Part(PredictSpec spec, List<String> columns, String quantity) {}

  /**
   * A part with the table of its rows.
   *
   * @param part the part
   * @param table the rows that have its columns
   */
  public record Slice(Part part, Table table) {}

  /**
   * @param spec a config, tasks resolved
   * @return its parts in row order: the losses, the tasks, then the mean error when there are tasks
   */
  public static List<Part> of(PredictSpec spec) {
    List<String> methods = spec.methods();
    List<String> meanErrorMethods = names(Quantity.Family.MEAN_ERROR, methods);
    List<String> taskMethods = names(Quantity.Family.TASK, methods);
    List<Part> out = new ArrayList<>();
    for (String loss : spec.losses()) {
      out.add(
          new Part(spec.withQuantities(List.of(loss), List.of(), methods), List.of(loss), loss));
    }
    // A config of one task still has a mean error (1 - its score): its part runs the task's
    // methods only, so that the mean error's chains are fitted once, in their own part. No task
    // method among the config's methods: no task rows, as in one prediction of the whole config.
    for (PredictSpec.TaskSpec task :
        taskMethods.isEmpty() ? List.<PredictSpec.TaskSpec>of() : spec.tasks()) {
      PredictSpec one = spec.withQuantities(List.of(), List.of(task), taskMethods);
      out.add(new Part(one, one.measured(), task.score()));
    }
    if (!spec.tasks().isEmpty() && !meanErrorMethods.isEmpty()) {
      PredictSpec all = spec.withQuantities(spec.losses(), spec.tasks(), meanErrorMethods);
      out.add(new Part(all, spec.measured(), Quantity.MEAN_ERROR));
    }
    return out;
  }

  /** The family's method names the config runs (all of them when it names none). */
  private static List<String> names(Quantity.Family family, List<String> only) {
    return PredictionMethods.of(family).stream()
        .map(PredictionMethod::name)
        .filter(n -> only.isEmpty() || only.contains(n))
        .toList();
  }

  /**
   * Every target predicted part by part, each part's rows kept for its quantity, in row order.
   *
   * @param slices the parts with their tables
   * @return per target, in the config's order, its predictions
   */
  public static List<Targets.Named> predictAll(List<Slice> slices) {
    List<List<Targets.Prepared>> byPart = new ArrayList<>();
    for (Slice s : slices) {
      byPart.add(Targets.prepareAll(s.table(), s.part().spec()));
    }
    List<Targets.Named> out = new ArrayList<>();
    for (int t = 0; t < byPart.get(0).size(); t++) {
      // Every part's task errors, as the whole ladder's backtests would pool them.
      List<BacktestCase> ladder = new ArrayList<>();
      for (List<Targets.Prepared> part : byPart) {
        ladder.addAll(part.get(t).pending().taskErrors());
      }
      List<PredictionRow> rows = new ArrayList<>();
      Map<String, MethodFit> fits = new HashMap<>();
      for (int p = 0; p < slices.size(); p++) {
        String q = slices.get(p).part().quantity();
        Predictions one = TargetPredictor.finish(byPart.get(p).get(t).pending(), ladder);
        one.rows().stream().filter(r -> r.quantity().equals(q)).forEach(rows::add);
        fits.putAll(one.fits());
      }
      // Only here does the mean error meet the tasks' rows (each part predicts one quantity).
      TaskMeanCheck.apply(rows, List.copyOf(rows), meanErrorTasks(slices));
      Targets.Prepared first = byPart.get(0).get(t);
      out.add(
          new Targets.Named(
              first.name(), new Predictions(first.pending().target(), rows, own(fits, rows))));
    }
    return out;
  }

  /**
   * @param p predictions made from a part's table
   * @param table another table holding the same target run (every read keeps a target's rows)
   * @return them with the target's final row found in {@code table}
   */
  public static Predictions retarget(Predictions p, Table table) {
    Target t = p.target();
    if (t.runId() == null) {
      return p;
    }
    return new Predictions(
        Target.ofRow(table, Target.finalRow(table, t.runId())), p.rows(), p.fits());
  }

  /**
   * @param slices a config's parts with their rows
   * @return the mean error's part, absent where no mean-error method runs
   */
  public static java.util.Optional<Slice> meanError(List<Slice> slices) {
    return slices.stream().filter(s -> s.part().quantity().equals(Quantity.MEAN_ERROR)).findFirst();
  }

  /** The tasks the mean error's part is over; none without such a part. */
  private static List<String> meanErrorTasks(List<Slice> slices) {
    return meanError(slices).map(s -> TargetPredictor.scores(s.part().spec())).orElse(List.of());
  }

  /** The fits of the rows kept. */
  private static Map<String, MethodFit> own(Map<String, MethodFit> fits, List<PredictionRow> rows) {
    Map<String, MethodFit> out = new LinkedHashMap<>();
    for (PredictionRow r : rows) {
      MethodFit f = fits.get(Predictions.key(r.quantity(), r.method()));
      if (f != null) {
        out.put(Predictions.key(r.quantity(), r.method()), f);
      }
    }
    return out;
  }

  /**
   * The backtest of every run part by part ({@link Coverage#cases}), each case's rows kept for its
   * part's quantity. A part whose rows leave no run with enough smaller runs adds no case; any
   * other error stops the backtest.
   *
   * @param slices the parts with their tables
   * @param at each part's config as the backtest runs it (its targets dropped, its level set)
   * @param maxComputeRatio a run is predicted from the runs with at most this share of its compute
   * @return the cases, part by part
   * @throws InputException when no part has a run with enough smaller runs
   */
  public static List<Coverage.Case> cases(
      List<Slice> slices,
      UnaryOperator<PredictSpec> at,
      double maxComputeRatio,
      Coverage.Progress progress) {
    return tasksChecked(chosen(slices, at, maxComputeRatio, progress), meanErrorTasks(slices));
  }

  /**
   * Each run's mean error checked against its tasks' rows ({@link TaskMeanCheck}), as {@link
   * #predictAll} checks a target's: each part's backtest predicts one quantity, so the check never
   * met the tasks' rows there.
   */
  private static List<Coverage.Case> tasksChecked(List<Coverage.Case> cases, List<String> tasks) {
    Map<String, List<PredictionRow>> runs = byRun(List.of(cases));
    runs.values().forEach(rows -> TaskMeanCheck.apply(rows, List.copyOf(rows), tasks));
    return cases.stream()
        .map(
            c ->
                c.rows().stream().noneMatch(r -> r.quantity().equals(Quantity.MEAN_ERROR))
                    ? c
                    : new Coverage.Case(
                        c.run(),
                        c.samplingRuns(),
                        runs.get(c.run()).stream()
                            .filter(r -> r.quantity().equals(Quantity.MEAN_ERROR))
                            .toList()))
        .toList();
  }

  /** Every part's cases, with the preparation prepare: chose for each held-out run. */
  private static List<Coverage.Case> chosen(
      List<Slice> slices,
      UnaryOperator<PredictSpec> at,
      double maxComputeRatio,
      Coverage.Progress progress) {
    PredictSpec first = at.apply(slices.get(0).part().spec());
    Preparation given = first.prepare();
    if (given.choice() != Preparation.Choice.BACKTEST) {
      return partCases(slices, at, maxComputeRatio, progress).stream()
          .flatMap(List::stream)
          .toList();
    }
    // prepare: auto, chosen per held-out run over every part's rows together, as predict chooses
    // over every part (each part chose for itself before: a review).
    Preparation always = given.choosing(Preparation.Choice.ALWAYS);
    List<List<Coverage.Case>> raw =
        partCases(
            slices, p -> at.apply(p).withPrepare(Preparation.NONE), maxComputeRatio, progress);
    List<List<Coverage.Case>> prepared =
        partCases(slices, p -> at.apply(p).withPrepare(always), maxComputeRatio, progress);
    Map<String, List<PredictionRow>> without = byRun(raw);
    Map<String, List<PredictionRow>> with = byRun(prepared);
    BacktestSpec spec = first.backtest();
    List<Coverage.Case> out = new ArrayList<>();
    for (int i = 0; i < raw.size(); i++) {
      Map<String, Coverage.Case> prep = new LinkedHashMap<>();
      prepared.get(i).forEach(c -> prep.put(c.run(), c));
      Map<String, Coverage.Case> chosen = new LinkedHashMap<>();
      raw.get(i).forEach(c -> chosen.put(c.run(), c));
      prep.forEach(
          (run, c) -> {
            boolean keep =
                without.containsKey(run)
                    && PreparationChoice.keeps(without.get(run), with.get(run), spec);
            if (keep || !chosen.containsKey(run)) {
              chosen.put(run, c); // in the raw order, or after it when raw could not predict it
            }
          });
      out.addAll(chosen.values());
    }
    return out;
  }

  /** Each run's rows over every part's cases. */
  private static Map<String, List<PredictionRow>> byRun(List<List<Coverage.Case>> parts) {
    Map<String, List<PredictionRow>> out = new LinkedHashMap<>();
    parts.forEach(
        part ->
            part.forEach(
                c -> out.computeIfAbsent(c.run(), k -> new ArrayList<>()).addAll(c.rows())));
    return out;
  }

  /**
   * Per part, its cases (its quantity's rows); the same parts, in order, whatever they hold. Every
   * part's runs are prepared before any is finished, so that a run's tasks share their backtest
   * errors across the parts, as {@link #predictAll} does ({@link TargetPredictor#finish}). The
   * preparation is the part's own, never chosen here ({@link #chosen} chooses).
   */
  private static List<List<Coverage.Case>> partCases(
      List<Slice> slices,
      UnaryOperator<PredictSpec> at,
      double maxComputeRatio,
      Coverage.Progress progress) {
    List<List<Coverage.Run<TargetPredictor.Pending>>> prepared = new ArrayList<>();
    InputException none = null;
    for (Slice s : slices) {
      String q = s.part().quantity();
      try {
        // Each part counts its own runs: the quantity says which count it is.
        Coverage.Progress ofPart = (run, k, n) -> progress.next(run + ", for " + q, k, n);
        prepared.add(
            Coverage.perRun(
                s.table(),
                at.apply(s.part().spec()),
                maxComputeRatio,
                ofPart,
                TargetPredictor::prepare));
      } catch (Coverage.TooFewRuns e) {
        none = e;
        prepared.add(List.of());
      }
    }
    Map<String, List<BacktestCase>> ladder = new HashMap<>();
    prepared.forEach(
        part ->
            part.forEach(
                r ->
                    ladder
                        .computeIfAbsent(r.run(), k -> new ArrayList<>())
                        .addAll(r.result().taskErrors())));
    List<List<Coverage.Case>> out = new ArrayList<>();
    boolean any = false;
    for (int p = 0; p < slices.size(); p++) {
      String q = slices.get(p).part().quantity();
      List<Coverage.Case> mine = new ArrayList<>();
      out.add(mine);
      for (Coverage.Run<TargetPredictor.Pending> r : prepared.get(p)) {
        List<PredictionRow> rows;
        try {
          rows =
              TargetPredictor.finish(r.result(), ladder.get(r.run())).rows().stream()
                  .filter(x -> x.quantity().equals(q))
                  .toList();
        } catch (InputException e) {
          continue; // as a run that cannot be predicted is left out (Coverage#perRun)
        }
        mine.add(new Coverage.Case(r.run(), r.samplingRuns(), rows));
        any = true;
      }
    }
    if (!any && none != null) {
      throw none;
    }
    return out;
  }
}
