package org.scalecast.harness.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.Main;
import org.scalecast.results.Columns;

/** {@code predict --config} with a {@code ladder:} section and several {@code targets:}. */
class LadderPredictTest {
  @TempDir Path dir;

  /** The ladder section of a config over {@link #ladder()}'s files, its 1e9 run left out. */
  private static final String LADDER_HEAD =
      "ladder:\n  checkpoints: runs/\n  runs: runs.csv\n  columns: {run: model, step: _step,"
          + " n_params: N}\n  tokens_per_step: 1e5\n  where: [\"N < 5e8\"]\n";

  /** That ladder's largest run as the one target. */
  private static final String BIGGEST = "targets:\n  - {name: biggest, where: {run: m5}}\n";

  /** Chinchilla losses (Hoffmann et al. 2022 constants), one CSV per run named after the run. */
  private void ladder() throws Exception {
    ladder(false);
  }

  /**
   * @param trainRows whether each file also has training-only rows, as a W&B history export: a
   *     train/loss at every step, eval/loss empty between evaluations and after the last one
   */
  private void ladder(boolean trainRows) throws Exception {
    Files.createDirectories(dir.resolve("runs"));
    StringBuilder runs = new StringBuilder("model,N\n");
    double[] sizes = {1e6, 3e6, 1e7, 3e7, 1e8, 1e9};
    for (int s = 0; s < sizes.length; s++) {
      double n = sizes[s];
      String id = "m" + s;
      runs.append(id).append(',').append(n).append('\n');
      StringBuilder f =
          new StringBuilder(trainRows ? "_step,eval/loss,train/loss\n" : "_step,eval/loss\n");
      for (int c = 1; c <= 5; c++) {
        long step = c * 10L * (s + 1);
        double d = step * 1e5;
        double loss = chinchilla(n, d);
        String v = String.format(Locale.ROOT, "%.6f", loss);
        f.append(step).append(',').append(v).append(trainRows ? "," + v : "").append('\n');
        if (trainRows) {
          f.append(step + 1).append(",,").append(v).append('\n'); // between evaluations, and last
        }
      }
      Files.writeString(dir.resolve("runs/" + id + ".csv"), f);
    }
    Files.writeString(dir.resolve("runs.csv"), runs);
  }

  @Test
  void predictsEveryTargetAndNamesItInEachRow() throws Exception {
    ladder();
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n"
            + "  checkpoints: runs/\n"
            + "  runs: runs.csv\n"
            + "  columns: {run: model, step: _step, n_params: N}\n"
            + "  tokens_per_step: 1e5\n"
            + "  where: [\"N < 5e8\"]\n"
            + "targets:\n"
            + "  - {name: biggest, where: {run: m5}}\n"
            + "  - {name: planned, at: {n_params: 2e9, tokens: 1e11}}\n"
            + "losses: [eval/loss]\n");
    String out = cli("predict", "--config", config.toString(), "--json");
    Set<String> targets = new LinkedHashSet<>();
    for (JsonNode r : FitFile.JSON.readTree(out)) {
      targets.add(r.get("target").asText());
      assertEquals("eval/loss", r.get("quantity").asText());
    }
    assertEquals(Set.of("biggest", "planned"), targets);
    JsonNode first = FitFile.JSON.readTree(out).get(0);
    assertTrue(first.get("actual").isNumber(), first.toString());
    // Each row says where its target is, under the results table's column names.
    assertEquals("m5", first.get("run_id").asText());
    JsonNode covered = first.get("covered");
    assertTrue(covered.isNull() || covered.isBoolean(), first.toString());
    if (covered.isBoolean()) {
      double a = first.get("actual").asDouble();
      assertEquals(
          first.get("lower").asDouble() <= a && a <= first.get("upper").asDouble(),
          covered.asBoolean());
    }
    assertTrue(first.get("n_params").asDouble() > 5e8, first.toString());
    JsonNode last = FitFile.JSON.readTree(out).get(FitFile.JSON.readTree(out).size() - 1);
    assertTrue(last.get("run_id").isNull(), last.toString());
    assertEquals(2e9, last.get("n_params").asDouble());
    assertEquals(1e11, last.get("tokens").asDouble());
    assertEquals(6 * 2e9 * 1e11, last.get("flops").asDouble(), 1e9);
    String text = cli("predict", "--config", config.toString());
    assertTrue(text.contains("target biggest: run m5"), text);
    // results ladder lists what was read, one run a line (a new user could not see the ids).
    String runs = cli("results", "ladder", "--config", config.toString());
    assertTrue(runs.lines().anyMatch(l -> l.startsWith("target ") && l.endsWith(" m5")), runs);
    assertTrue(runs.lines().anyMatch(l -> l.startsWith("sampling ") && l.endsWith(" m1")), runs);
    // And the planned target, where predict puts it (it was not listed: twenty-fifth session).
    assertTrue(
        runs.lines()
            .anyMatch(
                l -> l.matches("planned +2\\.000e\\+09 +1\\.000e\\+11 +1\\.200e\\+21 +-  planned")),
        runs);
    assertTrue(text.contains("target planned: planned"), text);
    // After each target's table, its chosen rows again and what they add up to; against actual
    // values only where the target has them (a user averaged the + rows by hand).
    assertTrue(text.contains("chosen in advance (the + rows)"), text);
    String biggest = text.substring(text.indexOf("target biggest"), text.indexOf("target planned"));
    assertTrue(biggest.contains("losses: 1 of 1 predicted, 0 refused; against the actual"), text);
    String planned = text.substring(text.indexOf("target planned"));
    assertTrue(
        planned.contains("losses: 1 of 1 predicted, 0 refused; 95% intervals' median width "),
        text);
    // No hindsight without actual values: a planned target's chosen rows were marked '* +'.
    assertTrue(planned.contains(" +  ") && !planned.contains(" * "), planned);
    assertTrue(!planned.contains("in hindsight") && biggest.contains("in hindsight"), planned);
    // The chosen table shows a printed row's warnings (a new user's GPT-3 ladder: a 61-point
    // interval printed there without its "interval wider than 20%" warning).
    int warned = 0;
    for (JsonNode r : FitFile.JSON.readTree(out)) {
      if (r.get("chosen_in_advance").asBoolean()
          && r.get("predicted").isNumber()
          && r.get("warning").isTextual()) {
        String t = r.get("target").asText();
        String section = text.substring(text.indexOf("target " + t));
        section = section.substring(section.indexOf("chosen in advance (the + rows)"));
        for (String part : r.get("warning").asText().split("; ")) {
          assertTrue(section.contains(part), part + " in\n" + section);
          warned++;
        }
      }
    }
    assertTrue(warned > 0, "no chosen row with a warning: the check above checked nothing");
    // Then every target's chosen rows added up (a user summed nine targets' lines by hand).
    String together = text.substring(text.indexOf("all 2 targets together:"));
    assertTrue(
        together.contains("\nlosses: 2 of 2 predicted, 0 refused; against the actual"), text);
    Path report = dir.resolve("report");
    cli("report", "--config", config.toString(), "--out", report.toString());
    assertTrue(Files.isRegularFile(report.resolve("biggest/report.md")));
    // Beside the targets' folders, their lines and all together (a user added up nine by hand).
    String summary = Files.readString(report.resolve("summary.md"));
    assertTrue(summary.contains("## biggest (`biggest/report.md`)"), summary);
    assertTrue(
        summary.contains("## All 2 targets together\n\n- losses: 2 of 2 predicted"), summary);
    // A report of a target the config no longer names is named, and left (twenty-sixth session).
    Files.createDirectories(report.resolve("gone"));
    Files.writeString(report.resolve("gone/report.md"), "# an earlier target\n");
    Run again = run("report", "--config", config.toString(), "--out", report.toString());
    assertEquals(0, again.code(), again.err());
    assertTrue(
        again
            .err()
            .contains(
                report.resolve("gone") + " is the report of a target this config does not name"),
        again.err());
    assertTrue(Files.isRegularFile(report.resolve("gone/report.md")));
    // The prediction first, hindsight after (a new user read the hindsight table, first then, as
    // the tool's answer); the CSV carries the backtest's expected error, which chooses and refuses.
    String md = Files.readString(report.resolve("biggest/report.md"));
    assertTrue(
        md.indexOf("## The prediction: method chosen in advance")
            < md.indexOf("## Best method in hindsight (not a prediction)"),
        md);
    assertTrue(md.contains("- losses: 1 of 1 predicted"), md);
    assertFalse(md.contains("No backtest on this ladder"), "this ladder has backtest cases");
    String csv = Files.readString(report.resolve("biggest/predictions.csv"));
    assertTrue(
        csv.lines()
            .findFirst()
            .orElseThrow()
            .contains(
                "not_predictable,refusal,withheld,kind,backtest_cases,backtest_mean_error,expected_error,"
                    + "target_distance,calibration,interval_scale,warning"),
        csv);
    assertTrue(Files.isRegularFile(report.resolve("planned/predictions.json")));
    // --level as predict takes it (report refused it: a new user, Gemstones).
    Path at80 = dir.resolve("report80");
    Run level =
        run("report", "--config", config.toString(), "--out", at80.toString(), "--level", "0.8");
    assertEquals(0, level.code(), level.err());
    String md80 = Files.readString(at80.resolve("biggest/report.md"));
    assertTrue(md80.contains("80%") && !md80.contains("95%"), md80);
  }

  /**
   * Training-only rows (a W&B history export's) are left out with one note, and the predictions are
   * those of the ladder without them: each run's final checkpoint is its last evaluated row, not
   * its last row. Before, every method was refused ("runs, data row 10, column 'eval/loss': empty
   * or NaN"): each run's last row, its final checkpoint, had no eval/loss.
   */
  /**
   * From a bad-input hunt (sixteenth session): two targets of one name wrote one report folder, the
   * second over the first; {@code backtest --cases} naming a folder failed after the whole
   * backtest; a 245-character column failed the report on its figure's file name.
   */
  @Test
  void sameNamedTargetsACasesFolderAndALongColumnAreHandled() throws Exception {
    ladder();
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        LADDER_HEAD
            + "targets:\n  - {name: t, where: {run: m5}}\n  - {name: t, where: {run: m4}}\n"
            + "losses: [eval/loss]\n");
    Run twice = run("predict", "--config", config.toString());
    assertEquals(2, twice.code(), twice.err());
    assertTrue(twice.err().contains("targets: two targets are named 't'"), twice.err());
    Files.writeString(
        config,
        LADDER_HEAD
            + "targets:\n  - {name: a b, where: {run: m5}}\n  - {name: a_b, where: {run: m4}}\n"
            + "losses: [eval/loss]\n");
    Run shared = run("report", "--config", config.toString(), "--out", dir.resolve("r").toString());
    assertEquals(2, shared.code(), shared.err());
    assertTrue(shared.err().contains("would share the report folder a_b"), shared.err());
    Files.writeString(config, LADDER_HEAD + "losses: [eval/loss]\n");
    Run none = run("predict", "--config", config.toString());
    assertTrue(none.err().contains("no target: name one under 'targets:'"), none.err());
    Files.writeString(
        config,
        LADDER_HEAD + "targets:\n  - {name: p, at: {n_params: 2e9}}\nlosses: [eval/loss]\n");
    Run at = run("results", "ladder", "--config", config.toString());
    assertEquals(2, at.code(), at.err());
    assertTrue(at.err().contains("'at:' needs n_params and tokens, both > 0"), at.err());
    Files.writeString(config, LADDER_HEAD + BIGGEST + "losses: [eval/loss]\n");
    Files.createDirectories(dir.resolve("cases"));
    Run cases =
        run("backtest", "--config", config.toString(), "--cases", dir.resolve("cases").toString());
    assertEquals(2, cases.code(), cases.err());
    assertTrue(cases.err().contains("is a folder; give a file"), cases.err());
    String yaml = Files.readString(config);
    Run onConfig = run("backtest", "--config", config.toString(), "--cases", config.toString());
    assertEquals(2, onConfig.code(), onConfig.err());
    assertTrue(onConfig.err().contains("is an input of this command"), onConfig.err());
    assertEquals(yaml, Files.readString(config));
    // How many runs were predicted, and why not the others (a new user's GPT-3 ladder: one of
    // seven, silently).
    Run few = run("backtest", "--config", config.toString(), "--max-compute-ratio", "0.99");
    assertEquals(0, few.code(), few.err());
    assertTrue(
        few.err().contains("1 of the ladder's 6 runs predicted; each of the others"), few.err());
    String longName = "eval/" + "x".repeat(240);
    for (int s = 0; s < 6; s++) {
      Path f = dir.resolve("runs/m" + s + ".csv");
      Files.writeString(f, Files.readString(f).replace("eval/loss", longName));
    }
    Files.writeString(config, LADDER_HEAD + BIGGEST + "losses: [" + longName + "]\n");
    Path report = dir.resolve("report");
    cli("report", "--config", config.toString(), "--out", report.toString());
    try (var files = Files.list(report.resolve("biggest"))) {
      assertTrue(
          files.anyMatch(p -> p.getFileName().toString().startsWith("loss_vs_flops_eval_xxx")));
    }
  }

  @Test
  void trainingOnlyRowsAreLeftOutWithANote() throws Exception {
    String note =
        assertSamePredictions("losses: [eval/loss]\n", () -> ladder(false), () -> ladder(true));
    assertTrue(note.contains("left out 25 checkpoint row(s) of "), note);
    assertTrue(note.contains("with none of the predicted columns"), note);
  }

  /**
   * Rows with some of the predicted columns empty (two evaluations logged at different intervals)
   * are left out of the sparser column's fits with a note naming the columns: its predictions are
   * those of the ladder without those rows. Before, every method of the sparser column was refused
   * ("empty or NaN"); since each quantity reads its own rows, the other column keeps them
   * (eachQuantityIsPredictedFromTheRowsThatHaveItsOwnColumns).
   */
  @Test
  void rowsWithSomePredictedColumnsEmptyAreLeftOutWithANote() throws Exception {
    Path config = plannedConfig("losses: [eval/loss, eval/other]\n");
    twoLosses(false);
    String complete = rowsOf(cli("predict", "--config", config.toString(), "--json"), "eval/other");
    twoLosses(true);
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(complete, rowsOf(r.out(), "eval/other"));
    assertTrue(r.err().contains("10 checkpoint row(s) of "), r.err());
    assertTrue(
        r.err().contains("have some of the predicted columns empty (eval/other: 10)"), r.err());
    // The listing says which checkpoints it shows (a new user's import, twenty-third session).
    Run listed = run("results", "ladder", "--config", config.toString());
    assertEquals(0, listed.code(), listed.err());
    assertTrue(
        listed.out().contains("(listed: the checkpoints with every predicted column;"),
        listed.out());
    // Then each quantity's own rows: eval/loss has every run's sixth checkpoint, which the
    // listing, ending at the fifth, does not show (twenty-fourth session).
    String n = System.lineSeparator();
    assertTrue(listed.out().contains("per quantity, the rows predict reads for it:"), listed.out());
    assertTrue(
        listed.out().contains("       5       0          30  eval/loss (last checkpoint not the"),
        listed.out());
    assertTrue(listed.out().contains("; and 2 more)" + n), listed.out());
    assertTrue(listed.out().contains("       5       0          20  eval/other" + n), listed.out());
    twoLosses(false);
    Run all = run("results", "ladder", "--config", config.toString());
    assertTrue(!all.out().contains("(listed:"), all.out());
  }

  /**
   * A task whose loss column is empty on some sampling runs that have its score (BLOOM's LAMBADA,
   * evaluated for its smallest model only) gets a note saying that every method of the task reads
   * only the runs with both, and how to predict it from its score alone.
   */
  @Test
  void aTaskWhoseLossIsOnFewRunsIsNoted() throws Exception {
    fiveRuns(
        "_step,acc,lossy",
        4,
        (s, c, step, loss) ->
            step
                + String.format(Locale.ROOT, ",%.4f,", 0.25 + 0.5 / loss)
                + (s < 2 ? "" : String.format(Locale.ROOT, "%.6f", loss)));
    Path config = plannedConfig("tasks:\n  - {score: acc, chance: 0.25, loss: lossy}\n");
    Run r = run("predict", "--config", config.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err().contains("task acc: its loss column 'lossy' is empty on 2 of the 5 sampling runs"),
        r.err());
  }

  /**
   * A task missing on some runs leaves the mean error, over every task, fewer runs: a note says
   * which runs lack which task (a new user's GPT-3 table kept 1 of 5 sampling runs, and the mean
   * error said only "only 1 point to fit").
   */
  @Test
  void theMeanErrorsLostRunsAreNamed() throws Exception {
    fiveRuns(
        "_step,acc,other",
        4,
        (s, c, step, loss) ->
            step
                + String.format(Locale.ROOT, ",%.4f,", 0.25 + 0.5 / loss)
                + (s < 2 ? "" : String.format(Locale.ROOT, "%.4f", 0.3 + 0.4 / loss)));
    Path config =
        plannedConfig("tasks:\n  - {score: acc, chance: 0.25}\n  - {score: other, chance: 0.25}\n");
    Run r = run("predict", "--config", config.toString());
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err()
            .contains(
                "the mean error is over every task: 3 of 5 runs have every task's final score"
                    + " (missing: other on [m0, m1])"),
        r.err());
    // The listing leaves those runs out, and acc's line says it reads them (a new user's GPT-3
    // table: "gpt3-small: D (run not listed) -> 3.00000e+11" on every line).
    Run listed = run("results", "ladder", "--config", config.toString());
    assertTrue(listed.out().contains("acc (runs the listing leaves out: m0, m1)"), listed.out());
  }

  /**
   * A target without one quantity's value (the OPT 13B of a published ladder had no score for one
   * task): that quantity's actual value is unknown, and every quantity is still predicted. Before,
   * "column 'eval/other': empty or NaN" stopped every target.
   */
  @Test
  void aTargetWithoutOneValueIsPredictedWithThatActualUnknown() throws Exception {
    twoLosses(false);
    Path m4 = dir.resolve("runs/m4.csv");
    Files.writeString(m4, Files.readString(m4).replaceAll(",[0-9.]+\n$", ",\n"));
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n  checkpoints: runs/\n  runs: runs.csv\n  columns: {run: model, step: _step,"
            + " n_params: N}\n  tokens_per_step: 1e5\ntargets:\n"
            + "  - {name: top, where: {run: m4}}\nlosses: [eval/loss, eval/other]\n");
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    for (JsonNode row : FitFile.JSON.readTree(r.out())) {
      boolean other = row.get("quantity").asText().equals("eval/other");
      assertEquals(other, row.get("actual").isNull(), row.toString());
    }
  }

  /** The JSON rows of one quantity, one per line. */
  private static String rowsOf(String json, String quantity) throws Exception {
    StringBuilder out = new StringBuilder();
    for (JsonNode row : FitFile.JSON.readTree(json)) {
      if (row.get("quantity").asText().equals(quantity)) {
        out.append(row).append('\n');
      }
    }
    return out.toString();
  }

  /** A config predicting a planned target from the ladder in runs/ with these losses. */
  private Path plannedConfig(String losses) throws Exception {
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n  checkpoints: runs/\n  runs: runs.csv\n  columns: {run: model, step: _step,"
            + " n_params: N}\n  tokens_per_step: 1e5\n  where: [\"N < 5e8\"]\ntargets:\n"
            + "  - {name: planned, at: {n_params: 2e9, tokens: 1e11}}\n"
            + losses);
    return config;
  }

  /**
   * A run without one of two losses (a published ladder that evaluated a task on some runs only):
   * each loss is predicted from the rows that have it, so the first loss keeps that run and its
   * rows equal a prediction of it alone; the second's equal a prediction of it alone (which leaves
   * the run out). Before, the run was left out for both.
   */
  @Test
  void eachQuantityIsPredictedFromTheRowsThatHaveItsOwnColumns() throws Exception {
    twoLosses(false);
    Path m0 = dir.resolve("runs/m0.csv");
    Files.writeString(m0, Files.readString(m0).replaceAll(",[0-9.]+\n", ",\n"));
    StringBuilder expected = new StringBuilder();
    for (String loss : List.of("eval/loss", "eval/other")) {
      Path one = plannedConfig("losses: [" + loss + "]\n");
      expected.append(rowsOf(cli("predict", "--config", one.toString(), "--json"), loss));
    }
    Path config = plannedConfig("losses: [eval/loss, eval/other]\n");
    Run both = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, both.code(), both.err());
    assertEquals(
        expected.toString(), rowsOf(both.out(), "eval/loss") + rowsOf(both.out(), "eval/other"));
    assertTrue(both.err().contains("(eval/other: 4)"), both.err());
    // report: the target's final row found in the report's own table (the complete rows); the
    // loss part's table, with m0's rows before the target's, put it past that table's end.
    Path target = plannedConfig("losses: [eval/loss, eval/other]\n").resolveSibling("fit-run.yaml");
    Files.writeString(
        target,
        Files.readString(config)
            .replace(
                "{name: planned, at: {n_params: 2e9, tokens: 1e11}}",
                "{name: top, where: {run: m4}}"));
    Run report =
        run("report", "--config", target.toString(), "--out", dir.resolve("rep").toString());
    assertEquals(0, report.code(), report.err());
    assertTrue(both.err().contains("from the rows that have its own columns"), both.err());
  }

  /** Writes a ladder's files. */
  private interface Writer {
    void write() throws Exception;
  }

  /**
   * Predicts a planned target from the ladder {@code complete} writes, then from the one {@code
   * gappy} writes, and asserts the same output.
   *
   * @return the second call's standard error (its notes)
   */
  private String assertSamePredictions(String losses, Writer complete, Writer gappy)
      throws Exception {
    Path config = plannedConfig(losses);
    complete.write();
    String expected = cli("predict", "--config", config.toString(), "--json");
    gappy.write();
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    assertEquals(expected, r.out());
    return r.err();
  }

  /**
   * Five runs of Chinchilla losses and a second loss 10% above; with {@code gaps}, each run also
   * has two checkpoints (one of them its last) with the second loss empty, else only the others.
   */
  private void twoLosses(boolean gaps) throws Exception {
    fiveRuns(
        "_step,eval/loss,eval/other",
        6,
        (s, c, step, loss) -> {
          boolean gap = c == 3 || c == 6;
          if (gap && !gaps) {
            return null;
          }
          return step
              + String.format(Locale.ROOT, ",%.6f,", loss)
              + (gap ? "" : String.format(Locale.ROOT, "%.6f", 1.1 * loss));
        });
  }

  /** One checkpoint row of run {@code s} at checkpoint {@code c}, or null to write none. */
  private interface CheckpointRow {
    String of(int s, int c, long step, double loss);
  }

  /**
   * Five runs m0-m4 (N 1e6 to 1e8, in runs.csv) of Chinchilla losses, run s's checkpoint c at step
   * 10 c (s + 1) with 1e5 tokens per step, each file's rows as {@code row} writes them.
   */
  private void fiveRuns(String header, int checkpoints, CheckpointRow row) throws Exception {
    Files.createDirectories(dir.resolve("runs"));
    StringBuilder runs = new StringBuilder("model,N\n");
    double[] sizes = {1e6, 3e6, 1e7, 3e7, 1e8};
    for (int s = 0; s < sizes.length; s++) {
      runs.append('m').append(s).append(',').append(sizes[s]).append('\n');
      StringBuilder f = new StringBuilder(header + "\n");
      for (int c = 1; c <= checkpoints; c++) {
        long step = c * 10L * (s + 1);
        String line = row.of(s, c, step, chinchilla(sizes[s], step * 1e5));
        if (line != null) {
          f.append(line).append('\n');
        }
      }
      Files.writeString(dir.resolve("runs/m" + s + ".csv"), f);
    }
    Files.writeString(dir.resolve("runs.csv"), runs);
  }

  /** Chinchilla's fitted loss at N parameters and D tokens (Hoffmann et al. 2022). */
  private static double chinchilla(double n, double d) {
    return 1.69 + 406.4 / Math.pow(n, 0.34) + 410.7 / Math.pow(d, 0.28);
  }

  /**
   * A derived column (the weighted mean of others, as MMLU of its categories) is read from the
   * config and predicted like a column of the files: here the mean of a column with itself, so its
   * predictions are the column's own; a derived column naming no column is one line, exit 2.
   */
  @Test
  void derivedColumnIsPredictedLikeAColumnOfTheFiles() throws Exception {
    ladder();
    String head = LADDER_HEAD;
    String rest = BIGGEST;
    Path config = dir.resolve("fit.yaml");
    Files.writeString(config, head + rest + "losses: [eval/loss]\n");
    String expected = cli("predict", "--config", config.toString(), "--json");
    Files.writeString(
        config,
        head
            + "  derive:\n    - {name: mix, mean: [eval/loss, eval/loss], weights: [0.5, 0.5]}\n"
            + rest
            + "losses: [mix]\n");
    String derived = cli("predict", "--config", config.toString(), "--json");
    assertEquals(expected, derived.replace("\"mix\"", "\"eval/loss\""));
    Files.writeString(
        config,
        head + "  derive:\n    - {name: mix, mean: [eval/lost]}\n" + rest + "losses: [mix]\n");
    Run bad = run("predict", "--config", config.toString());
    assertEquals(2, bad.code());
    assertTrue(
        bad.err().contains("fit.yaml: ladder: derive 'mix': no column 'eval/lost'"), bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }

  /**
   * {@code log:} from the config file: the target's actual value is the log of its column's; a loss
   * named like a perplexity gets a note saying to derive its log (tenth session: on Pythia's
   * ladders the tasks mapped from LAMBADA's perplexity missed by more than from its log).
   */
  @Test
  void derivedLogIsReadFromTheConfigAndAPerplexityIsNoted() throws Exception {
    ladder();
    String head = LADDER_HEAD + "  derive:\n";
    String rest = BIGGEST;
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        head + "    - {name: lnloss, log: eval/loss}\n" + rest + "losses: [eval/loss, lnloss]\n");
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = FitFile.JSON.readTree(r.out());
    double loss = Double.NaN;
    double ln = Double.NaN;
    for (JsonNode n : rows) {
      if (n.get("quantity").asText().equals("eval/loss")) {
        loss = n.get("actual").asDouble();
      } else if (n.get("quantity").asText().equals("lnloss")) {
        ln = n.get("actual").asDouble();
      }
    }
    assertEquals(Math.log(loss), ln, 1e-9);
    assertTrue(!r.err().contains("perplexity"), r.err());
    Files.writeString(
        config,
        head + "    - {name: eval/ppl, mean: [eval/loss]}\n" + rest + "losses: [eval/ppl]\n");
    Run noted = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, noted.code(), noted.err());
    assertTrue(
        noted.err().contains("'eval/ppl' is named like a perplexity; if it holds one")
            && noted.err().contains("{name: ln_eval/ppl, log: eval/ppl}"),
        noted.err());
  }

  /**
   * A score that no sampling run has (RWKV in Ruan et al.'s table has no HumanEval) says so on its
   * row, and the mean error says it needs every task's score, instead of "flops-accuracy has 2
   * parameters but only 0 points to fit".
   */
  @Test
  void aScoreNoSamplingRunHasSaysSo() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC,HE\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3}) {
      t.append(String.format(Locale.ROOT, "a-%s,%s,0.3,%.3f,\n", n, n, 0.3 + 0.03 * n));
    }
    t.append("a-7,7,0.3,0.5,0.1\n");
    Path config =
        scoresTable(
            t, "a-7", "tasks:\n  - {score: ARC, chance: 0.25}\n  - {score: HE, chance: 0}\n");
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = FitFile.JSON.readTree(r.out());
    List<String> warnings = new ArrayList<>();
    rows.forEach(
        n -> {
          if (!n.get("quantity").asText().equals("ARC")) {
            warnings.add(n.get("quantity").asText() + ": " + n.get("warning").asText());
          }
        });
    assertTrue(
        warnings.contains("HE: no sampling run has a final value of 'HE'")
            && warnings.contains(
                "mean_error: no sampling run has a final value of 'mean_error' (the mean error"
                    + " needs every task's score in a run)"),
        warnings.toString());
  }

  /**
   * A task's rows are those with its loss too: with the loss column empty on every sampling run,
   * direct's row said "no sampling run has a final value of 'ARC'" beside a column of ARC's scores
   * (a new user, twenty-fourth session).
   */
  @Test
  void aTaskWhoseLossNoSamplingRunHasNamesTheLoss() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC,ARC_bpb\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3}) {
      t.append(String.format(Locale.ROOT, "a-%s,%s,0.3,%.3f,\n", n, n, 0.3 + 0.03 * n));
    }
    t.append("a-7,7,0.3,0.5,0.9\n");
    Path config = scoresTable(t, "a-7", "tasks:\n  - {score: ARC, chance: 0.25, loss: ARC_bpb}\n");
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    List<String> warnings = new ArrayList<>();
    FitFile.JSON
        .readTree(r.out())
        .forEach(
            n -> {
              if (n.get("method").asText().equals("direct")) {
                warnings.add(n.get("warning").asText());
              }
            });
    assertEquals(
        List.of("no sampling run has a final value of 'ARC' with its loss 'ARC_bpb'"), warnings);
  }

  /**
   * Writes a table of released models' scores (sizes in billions, tokens in trillions) and a config
   * reading it with the target {@code target} and the given tasks.
   */
  private Path scoresTable(CharSequence table, String target, String tasks) throws Exception {
    return scoresConfig(table, "{name: a7, where: {Model: " + target + "}}", tasks);
  }

  /** {@link #scoresTable} with one target entry as given. */
  private Path scoresConfig(CharSequence table, String targetEntry, String tasks) throws Exception {
    Files.writeString(dir.resolve("models.csv"), table);
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n  checkpoints: models.csv\n  columns: {run: Model, n_params: Size (B), tokens:"
            + " Data (T)}\n  units: {n_params: 1e9, tokens: 1e12}\ntargets:\n  - "
            + targetEntry
            + "\n"
            + tasks);
    return config;
  }

  /**
   * {@code methods: [direct]} on a table of scores: {@code direct} predicts the tasks, as before
   * direct-blend, and the note says so (it had predicted nothing and printed an empty list).
   */
  @Test
  void directNamedOnATableOfScoresStillPredicts() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3, 7}) {
      t.append(
          String.format(Locale.ROOT, "a-%s,%s,0.3,%.4f\n", n, n, 0.3 + 0.04 * Math.log(n / 0.1)));
    }
    Path config =
        scoresTable(t, "a-7.0", "tasks:\n  - {score: ARC, chance: 0.25}\nmethods: [direct]\n");
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(r.err().contains("predicted from C only (direct)"), r.err());
    JsonNode rows = FitFile.JSON.readTree(r.out());
    List<String> methods = new ArrayList<>();
    rows.forEach(n -> methods.add(n.get("quantity").asText() + " " + n.get("method").asText()));
    assertEquals(List.of("ARC direct"), methods);
  }

  /**
   * {@code results ladder} lists the runs and then stops where {@code predict} would: a run whose N
   * differs between its rows was listed under its first N with exit 0 while predict stopped on it
   * (a bad-input hunt, twenty-eighth session).
   */
  @Test
  void theLadderListingSaysWhatPredictStopsOn() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3, 7}) {
      t.append(String.format(Locale.ROOT, "a-%s,%s,0.3,0.4\n", n, n));
    }
    t.append("a-0.3,70,0.3,0.41\n"); // a second row of a-0.3 with another N
    Path config = scoresTable(t, "a-7.0", "tasks:\n  - {score: ARC, chance: 0.25}\n");
    Run listed = run("results", "ladder", "--config", config.toString());
    assertEquals(2, listed.code(), listed.err());
    assertTrue(listed.out().contains("a-0.3"), listed.out());
    assertTrue(
        listed.err().contains("one N per run") && listed.err().contains("(predict stops on it)"),
        listed.err());
    assertEquals(1, listed.err().strip().lines().filter(l -> l.contains("one N")).count());
    // A standard error that is no standard error stops it after the listing too (a review).
    StringBuilder pct = new StringBuilder("Model,Size (B),Data (T),ARC,ARC_stderr\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3, 7}) {
      pct.append(String.format(Locale.ROOT, "a-%s,%s,0.3,0.4,4.9\n", n, n));
    }
    Path pctConfig = scoresTable(pct, "a-7.0", "tasks:\n  - {score: ARC, chance: 0.25}\n");
    Path pctOut = dir.resolve("pct.csv");
    Run percent =
        run("results", "ladder", "--config", pctConfig.toString(), "--out", pctOut.toString());
    assertEquals(2, percent.code(), percent.err());
    assertTrue(percent.out().contains("a-0.3") && Files.exists(pctOut), percent.out());
    assertTrue(percent.err().contains("column 'ARC_stderr'"), percent.err());
    config = scoresTable(t, "a-7.0", "tasks:\n  - {score: ARC, chance: 0.25}\n");
    // The table is still written, for finding the row (a review: it was not).
    Path table = dir.resolve("read.csv");
    Run written =
        run("results", "ladder", "--config", config.toString(), "--out", table.toString());
    assertEquals(2, written.code(), written.err());
    assertTrue(Files.exists(table), written.out());
    // A planned target given in billions, which predict stops on, was listed with exit 0 (the
    // twenty-ninth session's review).
    StringBuilder fine = new StringBuilder("Model,Size (B),Data (T),ARC\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3}) {
      fine.append(String.format(Locale.ROOT, "a-%s,%s,0.3,0.4\n", n, n));
    }
    Path billions =
        scoresConfig(
            fine,
            "{name: p7, at: {n_params: 6.9, tokens: 4000}}",
            "tasks:\n  - {score: ARC, chance: 0.25}\n");
    Run planned = run("results", "ladder", "--config", billions.toString());
    assertEquals(2, planned.code(), planned.err());
    assertTrue(planned.out().contains("planned") && planned.out().contains("a-3.0"), planned.out());
    assertTrue(
        planned.err().contains("targets: p7: planned target at n_params = 6.9")
            && planned.err().contains("(predict stops on it)"),
        planned.err());
  }

  /**
   * On a ladder read in parts the listing stops on a planned target below the ladder with predict's
   * own words: it checked the complete rows first and named another smallest sampling run (a
   * review, thirtieth session).
   */
  @Test
  void aPlannedTargetBelowALadderReadInPartsIsNamedAsPredictNamesIt() throws Exception {
    Files.writeString(
        dir.resolve("n.csv"),
        "model,N,D,mmlu,gsm\na,1e8,2e9,0.30,\nb,3e8,6e9,0.40,\nc,7e8,1.4e10,0.46,0.05\n"
            + "d,1.3e9,2.6e10,0.55,0.08\ne,3e9,6e10,0.60,0.12\n");
    Path config = dir.resolve("p.yaml");
    Files.writeString(
        config,
        "ladder:\n  checkpoints: n.csv\n  columns: {run: model, n_params: N, tokens: D}\n"
            + "targets:\n  - {name: p, at: {n_params: 7, tokens: 1e12}}\n"
            + "tasks:\n  - {score: mmlu, chance: 0.25}\n  - {score: gsm, chance: 0}\n");
    Run predicted = run("predict", "--config", config.toString());
    Run listed = run("results", "ladder", "--config", config.toString());
    assertEquals(2, predicted.code(), predicted.err());
    assertEquals(2, listed.code(), listed.err());
    String said =
        predicted.err().lines().filter(l -> l.contains("decades below")).findFirst().orElseThrow();
    assertTrue(
        listed.err().contains(said.substring("scalecast: ".length())), said + "\n" + listed.err());
  }

  /**
   * On a ladder whose rows lack some predicted columns, a task's count is read from its own rows,
   * and {@code results ladder} stops where predict's check of a quantity's rows does (a review: the
   * rows with every column had no standard error beside a sampling score, and a bad N on a row
   * without one task was checked by predict only).
   */
  @Test
  void aLadderReadInPartsReadsEachTasksOwnRows() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC,ARC_stderr,HS\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3, 7}) {
      double p = 0.3 + 0.04 * Math.log(n / 0.1);
      t.append(
              String.format(
                  Locale.ROOT, "a-%s,%s,0.3,%.4f,%s,", n, n, p, Math.sqrt(p * (1 - p) / 99)))
          .append(n == 7 ? String.format(Locale.ROOT, "%.4f", p) : "")
          .append('\n');
    }
    String tasks =
        "tasks:\n  - {score: ARC, chance: 0.25}\n  - {score: HS, chance: 0.25}\nmethods: [direct]\n";
    Run parts = run("predict", "--config", scoresTable(t, "a-7.0", tasks).toString());
    assertTrue(
        parts.err().contains("'items:' sets one: ARC 100 (ARC_stderr, 5 rows)"), parts.err());
    t.append("a-0.3,70,0.3,0.35,0.04,\n"); // a second row of a-0.3 with another N, without HS
    Run listed = run("results", "ladder", "--config", scoresTable(t, "a-7.0", tasks).toString());
    assertEquals(2, listed.code(), listed.err());
    assertTrue(listed.err().contains("one N per run"), listed.err());
  }

  /**
   * A {@code long:} table's standard errors are named after each task when they differ between
   * tasks ({@code piqa_acc_stderr}) and keep their own name with one task ({@code acc_stderr}):
   * both give the count (a review: the second gave none, without a word).
   */
  @Test
  void aLongTablesStandardErrorGivesTheCount() throws Exception {
    for (boolean oneTask : new boolean[] {false, true}) {
      StringBuilder t = new StringBuilder("run,N,D,task,acc,acc_stderr\n");
      double[] sizes = {1e8, 3e8, 1e9, 3e9, 7e9};
      for (int i = 0; i < sizes.length; i++) {
        double p = 0.55 + 0.03 * i;
        t.append(row("m" + i, sizes[i], "piqa", p, 1838));
        if (!oneTask) {
          t.append(row("m" + i, sizes[i], "arc", p - 0.2, 1172));
        }
      }
      Files.writeString(dir.resolve("long.csv"), t);
      Path config = dir.resolve("long.yaml");
      Files.writeString(
          config,
          "ladder:\n  checkpoints: long.csv\n  long: {task: task, value: acc}\n  columns: {run:"
              + " run, n_params: N, tokens: D}\ntargets:\n  - {name: big, where: {run: m4}}\n"
              + "tasks:\n  - {score: piqa, chance: 0.5}\nmethods: [direct]\n");
      Run r = run("predict", "--config", config.toString());
      assertEquals(0, r.code(), r.err());
      String column = oneTask ? "acc_stderr" : "piqa_acc_stderr";
      assertTrue(
          r.err().contains("'items:' sets one: piqa 1838 (" + column + ", 4 rows)"),
          oneTask + ": " + r.err());
      // The table it was read as, predicted as a results table, reads the same count (thirtieth
      // session: the score piqa beside piqa_acc_stderr read none, without a word); with one task
      // the lone acc_stderr is named after no score there, and is not taken (a review).
      if (oneTask) {
        continue;
      }
      Path wide = dir.resolve("wide.csv");
      assertEquals(
          0,
          run("results", "ladder", "--config", config.toString(), "--out", wide.toString()).code());
      Path table = dir.resolve("table.yaml");
      Files.writeString(
          table,
          "target_where: {run_id: m4}\nlosses: []\ntasks:\n  - {score: piqa, chance: 0.5}\nmethods: [direct]\n");
      Run again = run("predict", wide.toString(), "--config", table.toString());
      assertEquals(0, again.code(), again.err());
      assertTrue(
          again.err().contains("'items:' sets one: piqa 1838 (" + column + ", 4 rows)"),
          oneTask + ": " + again.err());
    }
  }

  /** A long table's row: run, N, D = 20 N, task, score and the harness's standard error. */
  private static String row(String run, double n, String task, double p, int items) {
    return String.format(
        Locale.ROOT,
        "%s,%s,%s,%s,%.4f,%s\n",
        run,
        n,
        20 * n,
        task,
        p,
        Math.sqrt(p * (1 - p) / (items - 1)));
  }

  /**
   * A table with each score's standard error beside it (lm-eval's, kept by {@code results import
   * lm-eval}) gives the task's item count, and the target's evaluation noise widens its interval;
   * before the twenty-ninth session it was read only from {@code items:}, which users who had the
   * column did not give.
   */
  @Test
  void aStandardErrorColumnWidensTheIntervalByTheTargetsNoise() throws Exception {
    StringBuilder plain = new StringBuilder("Model,Size (B),Data (T),ARC\n");
    StringBuilder withSe = new StringBuilder("Model,Size (B),Data (T),ARC,ARC_stderr\n");
    StringBuilder named = new StringBuilder("Model,Size (B),Data (T),ARC,ARC se\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 3, 7}) {
      double p = 0.3 + 0.04 * Math.log(n / 0.1);
      String row = String.format(Locale.ROOT, "a-%s,%s,0.3,%.4f", n, n, p);
      String se = "," + Math.sqrt(p * (1 - p) / 99) + "\n";
      plain.append(row).append('\n');
      withSe.append(row).append(se);
      named.append(row).append(se);
    }
    String tail = "methods: [direct]\nlevel: 0.9\n";
    String tasks = "tasks:\n  - {score: ARC, chance: 0.25}\n" + tail;
    Run without =
        run("predict", "--config", scoresTable(plain, "a-7.0", tasks).toString(), "--json");
    Run with = run("predict", "--config", scoresTable(withSe, "a-7.0", tasks).toString(), "--json");
    assertEquals(0, with.code(), with.err());
    assertTrue(with.err().contains("'items:' sets one: ARC 100 (ARC_stderr, 5 rows)"), with.err());
    assertFalse(without.err().contains("noise"), without.err());
    JsonNode a = FitFile.JSON.readTree(without.out()).get(0);
    JsonNode b = FitFile.JSON.readTree(with.out()).get(0);
    assertEquals(a.get("predicted").asDouble(), b.get("predicted").asDouble(), 1e-12);
    double widthA = a.get("upper").asDouble() - a.get("lower").asDouble();
    double widthB = b.get("upper").asDouble() - b.get("lower").asDouble();
    // 100 items at p = 0.53: 1.645 x 5.0 points each side, in quadrature.
    assertTrue(widthB > widthA + 0.02, widthA + " -> " + widthB);
    // The report says so too: the intervals it shows are widened by it.
    Path out = dir.resolve("report");
    Path withConfig = scoresTable(withSe, "a-7.0", tasks);
    assertEquals(
        0, run("report", "--config", withConfig.toString(), "--out", out.toString()).code());
    String md = Files.readString(out.resolve("a7").resolve("report.md"));
    assertTrue(
        md.contains("Note: item counts from standard error columns")
            && md.contains("ARC 100 (ARC_stderr"),
        md);
    // Another name through the config's stderr: key (a review: nothing ran the key from YAML).
    String key = "tasks:\n  - {score: ARC, chance: 0.25, stderr: ARC se}\n" + tail;
    Run keyed = run("predict", "--config", scoresTable(named, "a-7.0", key).toString(), "--json");
    assertEquals(0, keyed.code(), keyed.err());
    assertEquals(
        b.get("upper").asDouble(),
        FitFile.JSON.readTree(keyed.out()).get(0).get("upper").asDouble(),
        1e-12);
  }

  /**
   * Three released models of a family (a new user's Qwen ladders, seventeenth session): every row
   * carried the same 130 characters about leave-one-run-out choosing, the trust table's backtest
   * columns were all empty under a paragraph about backtests, and the hindsight table repeated the
   * prediction row for row. Now the shared warning is said once above each table, the report says
   * first that no backtest ran, and the hindsight section says it is the prediction.
   */
  @Test
  void aThreeRunLadderSaysOnceWhatEveryRowShares() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC,PIQA\n");
    for (double n : new double[] {0.5, 1.5, 3, 7}) {
      double g = Math.log(n / 0.1);
      t.append(
          String.format(
              Locale.ROOT, "a-%s,%s,18,%.4f,%.4f\n", n, n, 0.3 + 0.04 * g, 0.6 + 0.03 * g));
    }
    Path config =
        scoresTable(
            t, "a-7.0", "tasks:\n  - {score: ARC, chance: 0.25}\n  - {score: PIQA, chance: 0.5}\n");
    // One method per task: "checked", not "chosen" (a new user's MobileLLM ladder).
    String shared =
        "the only method that predicted it, checked by leave-one-run-out, which measures"
            + " interpolation: it has 0 backtest cases";
    Run text = run("predict", "--config", config.toString());
    assertEquals(0, text.code(), text.err());
    List<String> lines = text.out().lines().filter(l -> l.contains(shared)).toList();
    assertEquals(2, lines.size(), text.out()); // once per table: every method, chosen in advance
    assertTrue(lines.stream().allMatch(l -> l.startsWith("(every row: ")), lines.toString());
    assertTrue(
        lines.stream()
            .allMatch(l -> l.contains("the interval is the fit's own, widened by no backtest")),
        lines.toString());
    // One method per task: no mark for the best in hindsight (a new user's Sloth ladder).
    assertTrue(text.out().lines().noneMatch(l -> l.contains("direct-blend *")), text.out());
    assertTrue(text.out().lines().anyMatch(l -> l.contains("direct-blend +")), text.out());
    Run rep = run("report", "--config", config.toString(), "--out", dir.resolve("rep").toString());
    assertEquals(0, rep.code(), rep.err());
    String md = Files.readString(dir.resolve("rep/a7/report.md"));
    String trust = md.substring(md.indexOf("## Can you trust this?"), md.indexOf("## Best method"));
    assertTrue(trust.contains("**No backtest on this ladder.**"), trust);
    assertTrue(
        md.lines().filter(l -> l.startsWith("| ")).noneMatch(l -> l.contains(shared)),
        "no table row repeats it");
    assertTrue(md.lines().anyMatch(l -> l.startsWith("Every row: ") && l.contains(shared)), md);
    String hindsight = md.substring(md.indexOf("## Best method"), md.indexOf("## Figures"));
    assertTrue(
        hindsight.contains("For every quantity it is the method chosen in advance"), hindsight);
    assertTrue(hindsight.lines().noneMatch(l -> l.startsWith("| ")), hindsight);
  }

  /**
   * OPT 125M-2.7B (thirteenth session, a new user): the report's trust table gave a thin ladder's
   * choice by leave-one-run-out as "smallest expected backtest error", and a task with a loss
   * column whose chosen method is {@code direct} was drawn against its loss with no fit and no
   * prediction. Now the why says leave-one-run-out (4 sampling runs, as OPT's: fewer than 3 cases
   * per method), and the task is drawn against FLOPs.
   */
  @Test
  void theReportSaysWhenLeaveOneRunOutChoseAndDrawsDirectAgainstFlops() throws Exception {
    StringBuilder t = new StringBuilder("Model,Size (B),Data (T),ARC,ARC_bpb\n");
    for (double n : new double[] {0.1, 0.3, 0.7, 1.5, 7}) {
      double arc = 0.3 + 0.04 * Math.log(n / 0.1);
      t.append(String.format(Locale.ROOT, "a-%s,%s,0.3,%.4f,%.4f\n", n, n, arc, 2 - arc));
    }
    Path config =
        scoresTable(
            t,
            "a-7.0",
            "tasks:\n  - {score: ARC, chance: 0.25, loss: ARC_bpb}\nmethods: [direct]\n");
    Run rep = run("report", "--config", config.toString(), "--out", dir.resolve("rep").toString());
    assertEquals(0, rep.code(), rep.err());
    assertTrue(Files.exists(dir.resolve("rep/a7/score_vs_flops_ARC.png")), rep.out());
    assertTrue(!Files.exists(dir.resolve("rep/a7/score_vs_loss_ARC.png")), rep.out());
    String md = Files.readString(dir.resolve("rep/a7/report.md"));
    String trust = md.substring(md.indexOf("## Can you trust this?"));
    String row =
        trust.lines().filter(l -> l.startsWith("| ARC | direct |")).findFirst().orElseThrow();
    assertTrue(row.contains("smallest LORO error"), row);
    assertTrue(!row.contains("backtest error of"), row);
    // A chain chosen keeps its figure against the loss (FLP's chains start in C too: the first
    // version of this drew every quickstart task against FLOPs).
    Files.writeString(config, Files.readString(config).replace("[direct]", "[flp-linear]"));
    Run chain =
        run("report", "--config", config.toString(), "--out", dir.resolve("rep2").toString());
    assertEquals(0, chain.code(), chain.err());
    assertTrue(Files.exists(dir.resolve("rep2/a7/score_vs_loss_ARC.png")), chain.out());
  }

  /**
   * A published table of released models (Ruan et al. 2024's): one row per model, N in billions and
   * D in trillions, scores and no loss, other families' rows without a token count. The other
   * family's empty cells do not stop the read; the tasks are predicted from C alone (direct-blend),
   * with a note, not by chains refused one by one for a missing {@code val_loss_mix}; a {@code
   * loss:} naming no column is one line, exit 2.
   */
  @Test
  void aPublishedTableInBillionsWithScoresOnlyIsPredictedFromNAndD() throws Exception {
    StringBuilder t = new StringBuilder("Model,Family,Size (B),Data (T),ARC,HS,ARC_bpb,MM\n");
    double[] sizes = {0.1, 0.3, 0.7, 1.5, 3, 7};
    for (double n : sizes) {
      double logC = Math.log10(6 * n * 1e9 * 0.3e12);
      double arc = 0.25 + 0.6 / (1 + Math.exp(-1.5 * (logC - 22)));
      t.append(
          String.format(
              Locale.ROOT,
              "a-%s,A,%s,0.3,%.5f,%.5f,%.5f,%.5f\n",
              n,
              n,
              arc,
              arc - 0.01,
              2 - arc,
              arc - 0.02));
    }
    t.append("b-1,B,1,,0.4,0.4,1,0.4\nb-7,B,7,,0.6,0.6,1,0.6\n");
    Files.writeString(dir.resolve("models.csv"), t);
    Path config = dir.resolve("fit.yaml");
    String head =
        "ladder:\n  checkpoints: models.csv\n  columns: {run: Model, n_params: Size (B), tokens:"
            + " Data (T)}\n  units: {n_params: 1e9, tokens: 1e12}\n  where: [\"Family == A\"]\n"
            + "targets:\n  - {name: a7, where: {Model: a-7.0}}\n";
    Files.writeString(config, head + "tasks:\n  - {score: ARC, chance: 0.25}\n");
    Run r = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.err().contains("note: no loss column for ARC: predicted from C only (direct-blend)"),
        r.err());
    assertTrue(!r.out().contains("val_loss_mix") && !r.err().contains("val_loss_mix"), r.out());
    JsonNode rows = FitFile.JSON.readTree(r.out());
    Set<String> methods = new LinkedHashSet<>();
    rows.forEach(n -> methods.add(n.get("method").asText()));
    assertEquals(Set.of("direct-blend", "direct-mean"), methods);
    // report draws such a task against FLOPs (it asked for val_loss_mix as the x axis).
    Run rep = run("report", "--config", config.toString(), "--out", dir.resolve("rep").toString());
    assertEquals(0, rep.code(), rep.err());
    assertTrue(Files.exists(dir.resolve("rep/a7/score_vs_flops_ARC.png")), rep.out());
    // With the chosen method's laws (before: points only). The SVG draws its text as paths, so
    // the colours tell: the blend's band and line in the fit colour, each half dashed in its own.
    String svg = Files.readString(dir.resolve("rep/a7/score_vs_flops_ARC.svg"));
    for (String drawn :
        List.of(
            "fill:rgb(0,114,178);fill-opacity",
            "stroke:rgb(230,159,0)",
            "stroke:rgb(86,180,233)")) {
      assertTrue(svg.contains(drawn), drawn);
    }
    // Predicted against actual: one legend entry and colour per quantity (ARC, the mean error),
    // not one series for all (a new user's DCLM report could not tell its points apart).
    String vs = Files.readString(dir.resolve("rep/a7/predicted_vs_actual_tasks.svg"));
    assertTrue(
        vs.contains("fill:rgb(0,114,178)") && vs.contains("fill:rgb(213,94,0)"),
        "two quantities in two colours");
    // One task with a loss of its own, two without (they share the default name): the mean error
    // has no mean task loss to map from, and is not mapped from ARC's loss alone (two reviews found
    // every task's error mapped so).
    Files.writeString(
        config,
        head
            + "tasks:\n  - {score: ARC, chance: 0.25, loss: ARC_bpb}\n"
            + "  - {score: HS, chance: 0.25}\n  - {score: MM, chance: 0.25}\n");
    Run mixed = run("predict", "--config", config.toString(), "--json");
    assertEquals(0, mixed.code(), mixed.err());
    assertTrue(mixed.err().contains("no loss column for HS"), mixed.err());
    Set<String> meanErrorMethods = new LinkedHashSet<>();
    FitFile.JSON
        .readTree(mixed.out())
        .forEach(
            n -> {
              if (n.get("quantity").asText().equals("mean_error")) {
                meanErrorMethods.add(n.get("method").asText());
              }
            });
    assertEquals(Set.of("direct-mean"), meanErrorMethods);
    Files.writeString(config, head + "tasks:\n  - {score: ARC, chance: 0.25, loss: ppl}\n");
    Run bad = run("predict", "--config", config.toString());
    assertEquals(2, bad.code());
    assertTrue(bad.err().contains("task ARC: its 'loss:' column 'ppl' is no column"), bad.err());
    assertEquals(
        1, bad.err().lines().filter(l -> !l.startsWith("scalecast: note:")).count(), bad.err());
    // A row the ladder keeps still needs its roles: family B has no token count.
    Files.writeString(
        config,
        head.replace("Family == A", "Family == B").replace("a-7.0", "b-7")
            + "tasks:\n  - {score: ARC, chance: 0.25}\n");
    Run empty = run("predict", "--config", config.toString());
    assertEquals(2, empty.code());
    assertTrue(empty.err().contains("column 'Data (T)' (role tokens): empty"), empty.err());
  }

  @Test
  void badLadderExitsTwoWithOneLine() throws Exception {
    ladder();
    Path config = dir.resolve("fit.yaml");
    Files.writeString(
        config,
        "ladder:\n  checkpoints: runs/\n  runs: runs.csv\n  columns: {run: model, n_params: params}\n"
            + "losses: [eval/loss]\n");
    Run bad = run("predict", "--config", config.toString());
    assertEquals(2, bad.code());
    assertTrue(
        bad.err()
            .contains(
                "runs.csv: no column 'params' for role n_params (in the runs table: model, N; in"
                    + " the checkpoint files: _step, eval/loss"),
        bad.err());
    assertEquals(1, bad.err().strip().lines().count(), bad.err());
  }

  /**
   * What a new user's mistakes said (fifteenth session, the OLMo ladder): a misspelt target listed
   * ten runs in file order, not the one meant; a target the runs table left out said only that it
   * matched nothing; `results ladder`, the way to see run ids, failed on the same error; a text
   * column under an ordering left every run out without saying why; a misspelt task score listed
   * every column of the table.
   */
  @Test
  void aUsersMistakesNameWhatWasMeant() throws Exception {
    ladder();
    Files.writeString(dir.resolve("runs.csv"), "model,N\nm0,1e6\nm1,3e6\nm2,1e7\nm3,3e7\nm5,1e9\n");
    Path config = dir.resolve("fit.yaml");
    String losses = "losses: [eval/loss]\n";
    Files.writeString(
        config, LADDER_HEAD + "targets:\n  - {name: big, where: {run: m55}}\n" + losses);
    Run typo = run("predict", "--config", config.toString());
    assertEquals(2, typo.code());
    assertTrue(typo.err().contains("matches no run of"), typo.err());
    assertTrue(typo.err().contains("; closest: m5, "), typo.err());
    // The mapped run column (columns: {run: model}) gets the same hint.
    Files.writeString(
        config, LADDER_HEAD + "targets:\n  - {name: big, where: {model: m55}}\n" + losses);
    Run mapped = run("predict", "--config", config.toString());
    assertTrue(mapped.err().contains("no row has model = m55; closest: m5, "), mapped.err());
    // results ladder lists the runs all the same, then the error.
    Run listed = run("results", "ladder", "--config", config.toString());
    assertEquals(2, listed.code());
    assertTrue(listed.out().lines().anyMatch(l -> l.endsWith(" m3")), listed.out());
    // The run meant, which where: (N < 5e8) would leave out of a list without targets: listed.
    assertTrue(listed.out().lines().anyMatch(l -> l.endsWith(" m5")), listed.out());
    assertTrue(listed.err().contains("where: not applied)"), listed.err());
    Files.writeString(
        config, LADDER_HEAD + "targets:\n  - {name: big, where: {run: m4}}\n" + losses);
    Run unlisted = run("predict", "--config", config.toString());
    assertEquals(2, unlisted.code());
    assertTrue(
        unlisted.err().contains("run 'm4' is in ")
            && unlisted.err().contains("but the runs table does not list it"),
        unlisted.err());
    Files.writeString(
        config, LADDER_HEAD.replace("N < 5e8", "run < 1B") + BIGGEST.replace("m5", "m3") + losses);
    Run text = run("predict", "--config", config.toString());
    assertEquals(2, text.code());
    assertTrue(
        text.err().contains("'run < 1B' found no number in") && text.err().contains("numbers only"),
        text.err());
    Files.writeString(
        config, LADDER_HEAD + BIGGEST + "tasks:\n  - {score: eval/los, chance: 0.25}\n");
    Run task = run("predict", "--config", config.toString());
    assertEquals(2, task.code());
    assertTrue(
        task.err().contains("task eval/los: its 'score:' is no column")
            && task.err().contains("closest: eval/loss"),
        task.err());
    assertEquals(1, task.err().strip().lines().filter(l -> !l.contains("note:")).count());
    // A misspelt loss was a refusal of every method, exit 0 (a new user, twenty-fifth session).
    Files.writeString(config, LADDER_HEAD + BIGGEST + "losses: [eval/los]\n");
    Run loss = run("predict", "--config", config.toString());
    assertEquals(2, loss.code(), loss.out());
    assertTrue(
        loss.err().contains("losses: 'eval/los' is no column")
            && loss.err().contains("closest: eval/loss")
            && !loss.err().contains(Columns.SOURCE_ROW),
        loss.err());
  }

  private record Run(int code, String out, String err) {}

  private static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private static String cli(String... args) {
    Run r = run(args);
    assertEquals(0, r.code(), r.err());
    return r.out();
  }
}
