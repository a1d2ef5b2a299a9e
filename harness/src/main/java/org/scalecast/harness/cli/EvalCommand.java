package org.scalecast.harness.cli;

import ai.djl.Device;
import ai.djl.ndarray.NDManager;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.data.Datasets;
import org.scalecast.harness.eval.Scorer;
import org.scalecast.harness.eval.Task;
import org.scalecast.harness.eval.TaskScore;
import org.scalecast.harness.sweep.RunSpec;
import org.scalecast.harness.sweep.SweepRunner;
import org.scalecast.models.Gpt;
import org.scalecast.results.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code scalecast eval}: score a saved checkpoint of a run again. */
@Command(
    name = "eval",
    mixinStandardHelpOptions = true,
    description =
        "Score a run's saved checkpoint on its downstream tasks (the same items it was scored on).")
public final class EvalCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "RUN_DIR", description = "A run folder.")
  Path run;

  @Option(
      names = "--checkpoint",
      paramLabel = "STEP",
      description = "Checkpoint step (default: the latest saved state).")
  Long checkpoint;

  @Option(names = "--tasks", split = ",", paramLabel = "NAME", description = "Only these tasks.")
  List<String> only = new ArrayList<>();

  @Option(
      names = "--cache",
      paramLabel = "DIR",
      description = "Data cache (default: $SCALECAST_CACHE or ~/.cache/scalecast).")
  Path cacheDir;

  @Option(names = "--json", description = "Print a JSON list, one object per task.")
  boolean json;

  @Option(
      names = "--layout",
      paramLabel = "LAYOUT",
      description =
          "How an item's choices are put through the model: SHARED_CONTEXT (default: the context"
              + " once, the choices after it) or SEPARATE (one row per choice); the scores are the"
              + " same, the time is not.")
  Scorer.Layout layout = Scorer.Layout.SHARED_CONTEXT;

  @Option(
      names = "--repeat",
      paramLabel = "N",
      description =
          "Score each task N times and report the median seconds (the lower middle one for an"
              + " even N): a benchmark.")
  int repeat = 1;

  @Override
  public Integer call() throws Exception {
    if (repeat < 1) {
      throw new InputException("--repeat " + repeat + ": must be at least 1");
    }
    SavedRun saved = SavedRun.open(run, cacheDir);
    RunSpec rs = saved.spec();
    Datasets.Prepared data = saved.data();
    List<Task> tasks =
        SweepRunner.tasks(rs.eval(), data).stream()
            .filter(t -> only.isEmpty() || only.contains(t.name()))
            .toList();
    if (tasks.isEmpty()) {
      throw new InputException("--tasks " + only + ": no such task in this run");
    }
    List<TaskScore> scores = new ArrayList<>();
    try (NDManager base = NDManager.newBaseManager(Device.cpu())) {
      Gpt model = saved.model(base, checkpoint);
      Scorer scorer =
          new Scorer(data.tokenizer(), rs.model().contextLength(), rs.eval().batchSize(), layout);
      for (Task t : tasks) {
        scores.add(median(scorer, model, base, t));
      }
    }
    print(scores);
    return 0;
  }

  /**
   * The task's score, timed as the median of {@code --repeat} scorings (the lower middle one for an
   * even count).
   */
  private TaskScore median(Scorer scorer, Gpt model, NDManager base, Task t) {
    List<TaskScore> runs = new ArrayList<>();
    for (int i = 0; i < repeat; i++) {
      try (NDManager em = base.newSubManager()) {
        runs.add(scorer.score(model, em, t));
      }
    }
    runs.sort(java.util.Comparator.comparingDouble(TaskScore::seconds));
    return runs.get((runs.size() - 1) / 2);
  }

  private void print(List<TaskScore> scores) throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      List<Map<String, Object>> rows = new ArrayList<>();
      for (TaskScore s : scores) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("task", s.task().name());
        r.put("version", s.task().version());
        r.put("kind", s.task().kind().key());
        r.put("items", s.n());
        r.put("chance", s.task().chance());
        r.put("score", s.main());
        r.put("std_error", s.stdError());
        r.putAll(s.columns());
        r.put("seconds", s.seconds());
        rows.add(r);
      }
      w.println(FitFile.JSON.writeValueAsString(rows));
      return;
    }
    w.printf(
        "%-22s %5s %7s %7s %7s %8s %8s %7s%n",
        "task", "items", "chance", "score", "stderr", "loss", "bpb", "seconds");
    for (TaskScore s : scores) {
      w.printf(
          "%-22s %5d %7.3f %7.3f %7.3f %8.3f %8.3f %7.2f%n",
          s.task().name() + " v" + s.task().version(),
          s.n(),
          s.task().chance(),
          s.main(),
          s.stdError(),
          s.loss(),
          s.bitsPerByte(),
          s.seconds());
    }
  }
}
