package org.scalecast.results.ladder;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.results.InputException;

class LmEvalImportTest {
  @TempDir Path dir;

  private void result(String path, String model, String revision, double acc) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(
        p,
        "{\"results\": {\"piqa\": {\"acc\": "
            + acc
            + ", \"acc_stderr\": 0.01, \"acc_norm\": 0.5, \"acc_norm_stderr\": 0.02},"
            + " \"gsm8k\": {\"exact_match,none\": 0.1, \"exact_match_stderr,none\": 0.005,"
            + " \"exact_match,flexible\": 0.2, \"alias\": \"gsm8k\"}},"
            + " \"config\": {\"model\": \"hf-causal\", \"model_args\":"
            + " \"pretrained=Org/"
            + model
            + ",revision="
            + revision
            + "\", \"num_fewshot\": 0}}");
  }

  @Test
  void wideFromModelArgs() throws Exception {
    result("m1/zero-shot/a_step1000.json", "m-70m", "step1000", 0.6);
    result("m1/zero-shot/a_step200.json", "m-70m", "step200", 0.55);
    result("m2/zero-shot/b_step1000.json", "m-1b", "step1000", 0.7);
    LmEvalImport.Imported t = LmEvalImport.read(dir, null, false);
    assertEquals(3, t.files());
    assertEquals(
        List.of(
            "run",
            "step",
            "gsm8k_exact_match",
            "gsm8k_exact_match_flexible",
            "gsm8k_exact_match_stderr",
            "piqa_acc",
            "piqa_acc_norm",
            "piqa_acc_norm_stderr",
            "piqa_acc_stderr"),
        t.header());
    // Sorted by run, then step as a number.
    assertEquals("m-1b", t.rows().get(0)[0]);
    assertEquals("200", t.rows().get(1)[1]);
    assertEquals("0.55", t.rows().get(1)[5]);
    Path out = dir.resolve("out.csv");
    t.writeCsv(out);
    assertEquals(4, Files.readAllLines(out).size());
  }

  /**
   * A revision's step is the number after "step" (OLMo's stage1-step10000-tokens42B was read as
   * step 1, exit 0: a bad-input hunt, twentieth session); one number alone is the step; several,
   * none after "step", are an error.
   */
  @Test
  void aRevisionsStepIsTheNumberAfterStep() throws Exception {
    result("a.json", "OLMo-1B", "stage1-step10000-tokens42B", 0.4);
    result("b.json", "OLMo-1B", "stage2-step20000-tokens84B", 0.5);
    result("c.json", "OLMo-1B", "v300", 0.6);
    LmEvalImport.Imported t = LmEvalImport.read(dir, null, false);
    assertEquals(List.of("300", "10000", "20000"), t.rows().stream().map(r -> r[1]).toList());
    result("d.json", "OLMo-1B", "stage1-tokens42B", 0.6);
    InputException e =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(e.getMessage().contains("holds 2 numbers, none after 'step'"), e.getMessage());
  }

  /**
   * A metric written as a string holding a number is read (it was dropped without a word), and two
   * keys for one metric ({@code acc} and {@code acc,none}) are an error (the second was kept): a
   * bad-input hunt, twentieth session.
   */
  @Test
  void stringMetricsReadAndTwoKeysForOneMetricAreAnError() throws Exception {
    Path p = dir.resolve("r/a.json");
    Files.createDirectories(p.getParent());
    String config = ", \"config\": {\"model_args\": \"pretrained=Org/m,revision=step10\"}}";
    Files.writeString(p, "{\"results\": {\"arc\": {\"acc,none\": \"0.55\"}}" + config);
    LmEvalImport.Imported t = LmEvalImport.read(dir, null, false);
    assertEquals(List.of("run", "step", "arc_acc"), t.header());
    assertEquals("0.55", t.rows().get(0)[2]);
    Files.writeString(p, "{\"results\": {\"arc\": {\"acc\": 0.1, \"acc,none\": 0.9}}" + config);
    InputException e =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(e.getMessage().contains("gives metric 'acc' twice"), e.getMessage());
  }

  /**
   * model_args written as an object (newer harness versions) and a NaN stderr (Python's json) read;
   * before, the first was refused with "config.model_args ''" and the second was a parse error (a
   * bad-input hunt, sixteenth session).
   */
  @Test
  void modelArgsAsAnObjectAndNanValues() throws Exception {
    Path p = dir.resolve("r/a.json");
    Files.createDirectories(p.getParent());
    Files.writeString(
        p,
        "{\"results\": {\"piqa\": {\"acc\": 0.6, \"acc_stderr\": NaN}}, \"config\":"
            + " {\"model_args\": {\"pretrained\": \"Org/m-70m\", \"revision\": \"step1000\"}}}");
    LmEvalImport.Imported t = LmEvalImport.read(dir, null, false);
    assertEquals("m-70m", t.rows().get(0)[0]);
    assertEquals("1000", t.rows().get(0)[1]);
  }

  @Test
  void longAndPatternWithExtraGroupsSkippingUnmatchedFiles() throws Exception {
    result("m-70m/zero-shot/x_step1.json", "m", "main", 0.3);
    result("m-70m/five-shot/x_step1.json", "m", "main", 0.9);
    LmEvalImport.Imported t =
        LmEvalImport.read(
            dir,
            Pattern.compile("(?<run>m-(?<size>[0-9]+m))/zero-shot/.*_step(?<step>\\d+)\\.json"),
            true);
    assertEquals(1, t.files());
    assertEquals(List.of("run", "step", "size", "task"), t.header().subList(0, 4));
    assertEquals(2, t.rows().size());
    assertEquals("70m", t.rows().get(0)[2]);
  }

  /**
   * A released model's results (no revision: OPT's in the harness's old results folder) are its
   * final checkpoint, the step empty; files of one model holding different tasks (BLOOM's: one per
   * task group) are one row. Before, the first was "has no pretrained=MODEL and revision=STEP" and
   * the second "is already in".
   */
  @Test
  void releasedModelsWithoutRevisionAndOneFilePerTaskGroup() throws Exception {
    for (String[] m : new String[][] {{"opt-125m", "0.6"}, {"opt-350m", "0.65"}}) {
      Path p = dir.resolve(m[0] + "/piqa.json");
      Files.createDirectories(p.getParent());
      Files.writeString(
          p,
          "{\"results\": {\"piqa\": {\"acc\": "
              + m[1]
              + "}}, \"config\": {\"model_args\": \"pretrained=facebook/"
              + m[0]
              + ",use_accelerate=True\"}}");
      Files.writeString(
          dir.resolve(m[0] + "/arc.json"),
          "{\"results\": {\"arc_easy\": {\"acc\": 0.4}}, \"config\": {\"model_args\":"
              + " \"pretrained=facebook/"
              + m[0]
              + "\"}}");
    }
    LmEvalImport.Imported t = LmEvalImport.read(dir, null, false);
    assertEquals(List.of("run", "step", "arc_easy_acc", "piqa_acc"), t.header());
    assertEquals(2, t.rows().size());
    assertEquals("opt-350m", t.rows().get(1)[0]);
    assertEquals("", t.rows().get(1)[1]);
    assertEquals("0.65", t.rows().get(1)[3]);
    // As a ladder: no step, tokens and N from a runs table.
    Path csv = dir.resolve("opt.csv");
    t.writeCsv(csv);
    Files.writeString(
        dir.resolve("runs.csv"), "run,N,D\nopt-125m,8.5e7,1.8e11\nopt-350m,3e8,1.8e11\n");
    LadderSpec spec =
        new LadderSpec(
            "opt.csv",
            "runs.csv",
            new LadderSpec.RoleColumns("run", null, "D", "N", null, null),
            null,
            null,
            null);
    tech.tablesaw.api.Table ladder = Ladder.read(spec, dir, List.of()).table();
    assertEquals(2, ladder.rowCount());
    assertEquals(6 * 3e8 * 1.8e11, ladder.doubleColumn("flops").get(1), 1e6);
    // A local checkpoint folder without a revision names its step in the path: an error, not a
    // run per checkpoint.
    Path ckpt = dir.resolve("local/a.json");
    Files.createDirectories(ckpt.getParent());
    Files.writeString(
        ckpt,
        "{\"results\": {\"piqa\": {\"acc\": 0.5}}, \"config\": {\"model_args\":"
            + " \"pretrained=/ckpt/run1/step2000/\"}}");
    InputException local =
        assertThrows(
            InputException.class, () -> LmEvalImport.read(dir.resolve("local"), null, false));
    assertTrue(local.getMessage().contains("names a checkpoint (step2000)"), local.getMessage());
    // A Hugging Face id ending like a step is a released model (UCLA-AGI's SPIN models).
    Files.writeString(
        ckpt,
        "{\"results\": {\"piqa\": {\"acc\": 0.5}}, \"config\": {\"model_args\":"
            + " \"pretrained=UCLA-AGI/zephyr-7b-sft-full-SPIN-iter0\"}}");
    assertEquals(
        "zephyr-7b-sft-full-SPIN-iter0",
        LmEvalImport.read(dir.resolve("local"), null, false).rows().get(0)[0]);
    // A local folder of a released model, with a trailing slash: its name, not an empty run.
    Files.writeString(
        ckpt,
        "{\"results\": {\"piqa\": {\"acc\": 0.5}}, \"config\": {\"model_args\":"
            + " \"pretrained=/models/opt-1.3b/\"}}");
    assertEquals("opt-1.3b", LmEvalImport.read(dir.resolve("local"), null, false).rows().get(0)[0]);
    // A pattern without a step group: final checkpoints too.
    LmEvalImport.Imported byPath =
        LmEvalImport.read(dir, Pattern.compile("^(?<run>opt-[0-9]+m)/"), false);
    assertEquals("", byPath.rows().get(0)[1]);
  }

  private Path write(String path, String json) throws Exception {
    Path p = dir.resolve(path);
    Files.createDirectories(p.getParent());
    Files.writeString(p, json);
    return p;
  }

  /** A harness 0.4 results file of Org/MODEL at a revision, with its date and n-shot. */
  private Path v04(String path, String model, String revision, String piqa, double date, int shots)
      throws Exception {
    return write(
        path,
        "{\"results\": {\"piqa\": {\"alias\": \"piqa\", \"acc,none\": "
            + piqa
            + ", \"acc_stderr,none\": \"N/A\", \"samples\": 1838}}, \"n-shot\": {\"piqa\": "
            + shots
            + "}, \"config\": {\"model_args\": \"pretrained="
            + model
            + (revision == null ? "" : ",revision=" + revision)
            + "\"}, \"date\": "
            + date
            + "}");
  }

  /**
   * A new user's lm-evaluation-harness 0.4 import (twenty-third session): a re-run beside the first
   * run could not be read, and the advice (--pattern) lost the step; a re-run without bootstrap
   * ("N/A" stderrs) was "other values" though every value agreed; 0-shot and 25-shot scores shared
   * a column; two models with one folder name became one run; a final checkpoint without a revision
   * left a row of unknown step; 0.4.0's "samples" count became a metric column.
   */
  @Test
  void reRunsShotsNamesAndStepsOfHarness04() throws Exception {
    v04("m/results_2024-04-20.json", "Org/m-70m", "step1000", "0.61", 1713600000.5, 0);
    write(
        "m/results_2024-04-21.json",
        "{\"results\": {\"piqa\": {\"acc,none\": 0.61, \"acc_stderr,none\": 0.011}},"
            + " \"config\": {\"model_args\": \"pretrained=Org/m-70m,revision=step1000\"}}");
    LmEvalImport.Imported same = LmEvalImport.read(dir, null, false);
    assertEquals(List.of("run", "step", "piqa_acc", "piqa_acc_stderr"), same.header());
    assertEquals("0.011", same.rows().get(0)[3], "the stderr the other file lacked");
    assertEquals(List.of(), same.notes());
    // A copy of a file (every metric the same) is read once, with a note (a new user).
    Files.copy(dir.resolve("m/results_2024-04-21.json"), dir.resolve("m/copy.json"));
    LmEvalImport.Imported copied = LmEvalImport.read(dir, null, false);
    assertEquals(same.rows().size(), copied.rows().size());
    assertTrue(
        copied.notes().size() == 1
            && copied.notes().get(0).contains("results_2024-04-21.json repeats")
            && copied.notes().get(0).contains("copy.json's values for 1 task"),
        copied.notes().toString());
    Files.delete(dir.resolve("m/copy.json"));
    v04("m/results_2024-06-02.json", "Org/m-70m", "step1000", "0.6107", 1717300000.0, 0);
    LmEvalImport.Imported rerun = LmEvalImport.read(dir, null, false);
    assertEquals("0.6107", rerun.rows().get(0)[2], "the newer re-run");
    assertEquals(1, rerun.notes().size(), rerun.notes().toString());
    assertTrue(
        rerun.notes().get(0).contains("results_2024-06-02.json replaces")
            && rerun.notes().get(0).contains("acc 0.61 against 0.6107"),
        rerun.notes().get(0));
    // The same date (a copied file), the times in the names harness 0.4 gives its files order them.
    v04("s/results_2024-04-20T10-10-00.123450.json", "Org/s", "step1", "0.5", 1713600000.5, 0);
    v04("s/results_2024-06-02T08-00-00.000000.json", "Org/s", "step1", "0.52", 1713600000.5, 0);
    assertEquals("0.52", LmEvalImport.read(dir.resolve("s"), null, false).rows().get(0)[2]);
    // One file for the folder.
    Path one = dir.resolve("s/results_2024-04-20T10-10-00.123450.json");
    assertEquals("0.5", LmEvalImport.read(one, null, false).rows().get(0)[2]);
    v04("m/results_2024-07-01.json", "Org/m-70m", "step2000", "0.65", 1719800000.0, 25);
    InputException shots =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(
        shots.getMessage().contains("task 'piqa' is 25-shot here and 0-shot in"),
        shots.getMessage());
    v04("m/results_2024-07-01.json", "Org/m-70m", null, "0.65", 1719800000.0, 0);
    InputException noStep =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(noStep.getMessage().contains("run m-70m has no step here"), noStep.getMessage());
    v04("m/results_2024-07-01.json", "Other/m-70m", "step2000", "0.65", 1719800000.0, 0);
    InputException twoModels =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(
        twoModels.getMessage().contains("run 'm-70m' is named from both Org/m-70m and Other/m-70m"),
        twoModels.getMessage());
  }

  /**
   * A review of those changes: a --pattern group that puts each few-shot setting in its own row
   * (Pythia's zero-shot and five-shot folders) was refused by the shot check; with a third file
   * whose values agree with the newest, the merge kept the first file's date and the older values
   * won; ./models/x and models/x were two models.
   */
  @Test
  void shotsPerPatternGroupTheNewestOfThreeAndOneModelTwoSpellings() throws Exception {
    v04("zero-shot/m/results_a.json", "Org/m", "step1", "0.5", 1.0, 0);
    v04("five-shot/m/results_a.json", "Org/m", "step1", "0.6", 1.0, 5);
    LmEvalImport.Imported bySetting =
        LmEvalImport.read(
            dir, Pattern.compile("^(?<shots>[a-z]+)-shot/(?<run>[^/]+)/.*\\.json$"), false);
    assertEquals(2, bySetting.rows().size());
    Path three = dir.resolve("three");
    v04("three/a.json", "Org/t", "step1", "0.50", 1.0, 0);
    v04("three/b.json", "Org/t", "step1", "0.50", 3.0, 0);
    v04("three/c.json", "Org/t", "step1", "0.60", 2.0, 0);
    assertEquals("0.5", LmEvalImport.read(three, null, false).rows().get(0)[2]);
    Path spelled = dir.resolve("spelled");
    write(
        "spelled/a.json",
        "{\"results\": {\"piqa\": {\"acc\": 0.5}}, \"config\": {\"model_args\":"
            + " \"pretrained=./models/opt-1.3b\"}}");
    write(
        "spelled/b.json",
        "{\"results\": {\"arc_easy\": {\"acc\": 0.4}}, \"config\": {\"model_args\":"
            + " \"pretrained=models/opt-1.3b\"}}");
    assertEquals(1, LmEvalImport.read(spelled, null, false).rows().size());
  }

  @Test
  void errorsNameTheFile() throws Exception {
    result("a.json", "m", "main", 0.3);
    InputException e =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(e.getMessage().contains("a.json: revision 'main'"), e.getMessage());
    Files.delete(dir.resolve("a.json"));
    result("b.json", "m", "step1", 0.3);
    result("c.json", "m", "step1", 0.4);
    InputException dup =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(
        dup.getMessage()
            .contains(
                "task 'piqa' of run m, step 1 is also in "
                    + dir.resolve("b.json")
                    + " with other values (acc 0.3 against 0.4)"),
        dup.getMessage());
    Files.writeString(dir.resolve("d.json"), "{\"x\": 1}");
    InputException notResults =
        assertThrows(
            InputException.class,
            () -> LmEvalImport.read(dir, Pattern.compile("(?<run>d)(?<step>)"), false));
    assertTrue(notResults.getMessage().contains("no 'results' object"), notResults.getMessage());
    // An empty file is said to be one (it read as a file without 'results': a new user).
    Files.writeString(dir.resolve("e.json"), "");
    InputException empty =
        assertThrows(
            InputException.class,
            () -> LmEvalImport.read(dir, Pattern.compile("(?<run>e)(?<step>)"), false));
    assertTrue(
        empty
            .getMessage()
            .endsWith("e.json: an empty file, not an lm-evaluation-harness" + " results file"),
        empty.getMessage());
  }

  /**
   * A metric that is no number is left out with a note naming the first (a score of "n/a" or null
   * took its column with it in silence: a bad-input hunt, twenty-eighth session).
   */
  @Test
  void aMetricThatIsNoNumberIsNoted() throws Exception {
    write(
        "x.json",
        "{\"results\": {\"arc_easy\": {\"acc\": \"n/a\", \"acc_stderr\": \"N/A\"},"
            + " \"piqa\": 0.5}, \"config\": {\"model_args\": \"pretrained=Org/m,revision=step1\"}}");
    LmEvalImport.Imported read = LmEvalImport.read(dir, null, false);
    assertTrue(
        read.notes().size() == 1
            && read.notes().get(0).startsWith("2 metric value(s) that are no number were left out")
            && read.notes().get(0).contains("task 'arc_easy', 'acc': \"n/a\""),
        read.notes().toString());
  }

  /** A task spelled two ways in two files is an error naming both, not two columns. */
  @Test
  void aTaskSpelledInTwoCasesIsAnError() throws Exception {
    write("a.json", "{\"results\": {\"hellaswag\": {\"acc\": 0.3}}, " + args("m", "step1"));
    write("b.json", "{\"results\": {\"HellaSwag\": {\"acc\": 0.4}}, " + args("m", "step2"));
    InputException e =
        assertThrows(InputException.class, () -> LmEvalImport.read(dir, null, false));
    assertTrue(
        e.getMessage()
            .contains(
                "b.json: task 'HellaSwag' is 'hellaswag' in "
                    + dir.resolve("a.json")
                    + ": names that differ only in case"),
        e.getMessage());
  }

  private static String args(String model, String revision) {
    return "\"config\": {\"model_args\": \"pretrained=Org/"
        + model
        + ",revision="
        + revision
        + "\"}}";
  }

  @Test
  void pythiaZeroShotWhenPresent() {
    Path pythia = Path.of("/work/ladders/pythia/evals/pythia-v1/pythia-70m");
    Assumptions.assumeTrue(
        Files.isDirectory(pythia), "the Pythia evals (github.com/EleutherAI/pythia) are not here");
    LmEvalImport.Imported t =
        LmEvalImport.read(
            pythia, Pattern.compile("zero-shot/.*_step(?<step>\\d+)\\.json$(?<run>)"), false);
    assertEquals(27, t.rows().size());
  }
}
