package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.Observations;
import org.scalecast.fit.laws.ChinchillaLaw;
import org.scalecast.fit.laws.SyntheticChinchilla;

/** The command-line contract, run in-process. */
class MainTest {
  @TempDir Path dir;

  record Run(int code, String out, String err) {}

  static Run run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = Main.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Run(code, out.toString(), err.toString());
  }

  private Path chinchillaCsv() throws IOException {
    Observations obs = SyntheticChinchilla.generate(8, 5, 0.002, 3);
    StringBuilder sb = new StringBuilder("run_id,n_params,tokens,loss\n");
    for (int i = 0; i < obs.size(); i++) {
      sb.append(obs.runIds().get(i))
          .append(',')
          .append(obs.x()[i][0])
          .append(',')
          .append(obs.x()[i][1])
          .append(',')
          .append(obs.y()[i])
          .append('\n');
    }
    Path f = dir.resolve("runs.csv");
    Files.writeString(f, sb);
    return f;
  }

  private static void assertBadInput(Run r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  @Test
  void helpListsTheCommands() {
    Run r = run("--help");
    assertEquals(0, r.code());
    for (String c : new String[] {"fit", "predict", "reproduce", "bench"}) {
      assertTrue(r.out().contains(c), r.out());
    }
  }

  @Test
  void fitJsonCarriesTheContractFields() throws IOException {
    Path csv = chinchillaCsv();
    Run r =
        run(
            "fit",
            "--data",
            csv.toString(),
            "--law",
            "chinchilla",
            "--map",
            "N=n_params",
            "--map",
            "D=tokens",
            "--map",
            "L=loss",
            "--objective",
            "huber-log:1e-3",
            "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode j = new ObjectMapper().readTree(r.out());
    assertEquals("chinchilla", j.get("law").asText());
    assertEquals("huber-log:0.001", j.get("objective").asText());
    assertEquals(40, j.get("n").asInt());
    for (String p : new String[] {"E", "A", "B", "alpha", "beta"}) {
      assertTrue(j.get("params").get(p).isNumber(), p);
      assertTrue(j.get("stderr").has(p), p);
    }
    assertEquals(1.69, j.get("params").get("E").asDouble(), 0.05);
  }

  /** {@code fit CSV --law chinchilla} on the synthetic table's columns, written to OUT. */
  private Run fitChinchilla(Path csv, Path out, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "fit",
                csv.toString(),
                "--law",
                "chinchilla",
                "--map",
                "N=n_params,D=tokens,L=loss",
                "--out",
                out.toString()));
    args.addAll(List.of(more));
    return run(args.toArray(String[]::new));
  }

  @Test
  void predictReadsAFitFileAndChains() throws IOException {
    Path csv = chinchillaCsv();
    Path fit = dir.resolve("fit.json");
    Run f = fitChinchilla(csv, fit, "--bootstrap", "30");
    assertEquals(0, f.code(), f.err());
    Run p = run("predict", "--fit", fit.toString(), "--at", "N=1e10,D=2e11", "--json");
    assertEquals(0, p.code(), p.err());
    JsonNode rows = new ObjectMapper().readTree(p.out());
    assertEquals(1, rows.size());
    JsonNode row = rows.get(0);
    assertEquals("L", row.get("quantity").asText());
    assertEquals("bootstrap", row.get("interval").asText());
    double truth =
        new ChinchillaLaw().value(new double[] {1e10, 2e11}, SyntheticChinchilla.PUBLISHED);
    assertEquals(truth, row.get("predicted").asDouble(), 0.02 * truth);
    assertTrue(row.get("lower").asDouble() < row.get("predicted").asDouble());
    assertTrue(row.get("upper").asDouble() > row.get("predicted").asDouble());
    // --out naming the table replaced the results with the fit file, exit 0 (a bad-input hunt,
    // twentieth session).
    String before = Files.readString(csv);
    Run over = fitChinchilla(csv, csv);
    assertEquals(2, over.code(), over.err());
    assertTrue(over.err().contains("--out " + csv + ": is an input of this command"), over.err());
    assertEquals(before, Files.readString(csv));
  }

  @Test
  void chainsALossFitIntoAnErrorFit() throws IOException {
    Path csv = dir.resolve("ladder.csv");
    StringBuilder sb = new StringBuilder("run_id,C,L,Err\n");
    for (int i = 0; i < 8; i++) {
      double c = 1e18 * Math.pow(3, i);
      double l = 1.8 + 2000 * Math.pow(c, -0.15) * (1 + 0.002 * Math.sin(i));
      sb.append("r")
          .append(i)
          .append(',')
          .append(c)
          .append(',')
          .append(l)
          .append(',')
          .append(0.85 - 2.1 * Math.exp(-0.75 * l) + 0.001 * Math.cos(i))
          .append('\n');
    }
    Files.writeString(csv, sb);
    Path loss = dir.resolve("loss.json");
    Path err = dir.resolve("err.json");
    assertEquals(
        0, run("fit", "--data", csv.toString(), "--law", "power", "--out", loss.toString()).code());
    assertEquals(
        0,
        run("fit", "--data", csv.toString(), "--law", "gadre-error", "--out", err.toString())
            .code());
    Run p =
        run(
            "predict",
            "--fit",
            loss.toString(),
            "--fit",
            err.toString(),
            "--at",
            "C=1e22",
            "--json");
    assertEquals(0, p.code(), p.err());
    JsonNode rows = new ObjectMapper().readTree(p.out());
    assertEquals("L", rows.get(0).get("quantity").asText());
    assertEquals("Err", rows.get(1).get("quantity").asText());
    assertEquals("delta", rows.get(1).get("interval").asText());
  }

  @Test
  void badInputsAreOneLineAndExitTwo() throws IOException {
    Path csv = chinchillaCsv();
    String data = csv.toString();
    assertBadInput(
        run("fit", "--data", data, "--law", "kaplan"), "unknown law 'kaplan' (known: chinchilla,");
    assertBadInput(
        run("fit", "--data", data, "--law", "chinchilla"),
        "no column 'N' (columns: run_id, n_params, tokens, loss)");
    assertBadInput(
        run("fit", "--data", dir.resolve("nope.csv").toString(), "--law", "chinchilla"),
        "nope.csv: no such file");
    assertBadInput(
        run("fit", "--data", data, "--law", "chinchilla", "--map", "N"),
        "--map 'N': expected NAME=VALUE");
    assertBadInput(
        run("fit", "--data", data, "--law", "chinchilla", "--objective", "l1"),
        "unknown objective 'l1'");
    assertBadInput(
        run("fit", "--data", data, "--law", "chinchilla", "--frobnicate"),
        "Unknown option: '--frobnicate'");
    Path nan = dir.resolve("nan.csv");
    Files.writeString(nan, "N,D,L\n1e8,2e9,3.1\n2e8,4e9,NaN\n");
    assertBadInput(
        run("fit", "--data", nan.toString(), "--law", "chinchilla"),
        "data row 2, column 'L': empty or NaN");
    Path zero = dir.resolve("zero.csv");
    Files.writeString(zero, "N,D,L\n1e8,0,3.1\n");
    assertBadInput(
        run("fit", "--data", zero.toString(), "--law", "chinchilla"),
        "row 1, column 'D': 0.0 must be > 0");
    Path few = dir.resolve("few.csv");
    Files.writeString(few, "N,D,L\n1e8,2e9,3.1\n2e8,4e9,3.0\n");
    assertBadInput(
        run("fit", "--data", few.toString(), "--law", "chinchilla"),
        "chinchilla has 5 parameters but only 2 points to fit");
    assertBadInput(
        run("predict", "--fit", dir.resolve("none.json").toString(), "--at", "N=1"),
        "none.json: no such fit file");
    assertBadInput(
        run("predict", "--fit", csv.toString(), "--at", "N=1"),
        "runs.csv: not a scalecast fit file");
  }

  @Test
  void predictsATargetRunFromATableByEveryMethod() throws IOException {
    StringBuilder sb = new StringBuilder("run_id,flops,is_final,val_loss_mix,task_acc\n");
    for (int r = 0; r < 7; r++) {
      double c = r < 6 ? 1e15 * Math.pow(300, r / 5.0) : 1e19;
      for (int k = 1; k <= 10; k++) {
        double l = Math.pow(c * k / 10 / 1e30, -0.05);
        sb.append(r < 6 ? "s" + r : "target")
            .append(',')
            .append(c * k / 10)
            .append(',')
            .append(k == 10 ? 1 : 0)
            .append(',')
            .append(l)
            .append(',')
            .append(2.0 - 0.35 * l)
            .append('\n');
      }
    }
    Path csv = dir.resolve("table.csv");
    Files.writeString(csv, sb);
    Path cfg = dir.resolve("fit.yaml");
    Files.writeString(
        cfg, "target_where: {run_id: target}\ntasks:\n  - {score: task_acc, chance: 0.25}\n");
    Run r = run("predict", csv.toString(), "--config", cfg.toString(), "--json");
    assertEquals(0, r.code(), r.err());
    JsonNode rows = new ObjectMapper().readTree(r.out());
    // flp-loss, power (loss); direct and the flp and power chains (task: no N, D for chinchilla);
    // mean_error by gadre-chain and the flp-loss and power chains
    assertEquals(2 + 1 + 6 + 3, rows.size());
    for (JsonNode row : rows) {
      for (String f :
          new String[] {
            "quantity", "method", "predicted", "lower", "upper", "actual", "abs_error", "rel_error"
          }) {
        assertTrue(row.has(f), f + " in " + row);
      }
    }
    Files.writeString(cfg, "target_where: {run_id: target}\nlosss: [x]\n");
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()),
        "unknown key 'losss' (allowed: ");
    // A misspelt nested key is named as unknown, not as the required key it hides (it was
    // "ladder: 'checkpoints:' is required" for 'checkpoint:'; sixteenth session).
    Files.writeString(
        cfg,
        "ladder: {checkpoint: "
            + csv
            + "}\ntarget_where: {run_id: target}\ntasks:\n  - {score: task_acc, chanse: 0.25}\n");
    assertBadInput(
        run("predict", "--config", cfg.toString()),
        "unknown key 'ladder.checkpoint' (allowed: checkpoints, columns, derive, long, pattern,");
    Files.writeString(
        cfg,
        "ladder: {checkpoints: "
            + csv
            + "}\ntarget_where: {run_id: target}\ntasks:\n  - {score: task_acc, chanse: 0.25}\n");
    assertBadInput(
        run("predict", "--config", cfg.toString()),
        "unknown key 'tasks[0].chanse' (allowed: chance, items, loss, score, stderr)");
    // From a bad-input hunt (sixteenth session): each was exit 0 with a wrong or empty answer.
    Files.writeString(
        cfg,
        "target_where: {run_id: target}\ntasks:\n  - {score: task_acc, chance: 0.25}\n"
            + "  - {score: task_acc, chance: 0.25}\n");
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()),
        "task task_acc is listed twice under 'tasks:'");
    Files.writeString(cfg, "target_where: {run_id: target}\nlosses: []\n");
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()),
        "nothing to predict: give 'losses:' or 'tasks:'");
    Path percent = dir.resolve("percent.csv");
    StringBuilder pct = new StringBuilder();
    sb.toString()
        .lines()
        .forEach(
            line -> {
              int cut = line.lastIndexOf(',') + 1;
              String last = line.substring(cut);
              pct.append(line, 0, cut)
                  .append(last.equals("task_acc") ? last : 100 * Double.parseDouble(last) + 50)
                  .append('\n');
            });
    Files.writeString(percent, pct);
    Files.writeString(
        cfg, "target_where: {run_id: target}\ntasks:\n  - {score: task_acc, chance: 0.25}\n");
    assertBadInput(
        run("predict", percent.toString(), "--config", cfg.toString()),
        "task scores are fractions, at most 1 (percent? divide by 100)");
    Files.writeString(cfg, "target_where: {run_id: target}\ntasks:\n\t- {score: task_acc}\n");
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()), "not valid YAML at line 2,");
    // And says why (twenty-sixth session: "while scanning for the next token" alone).
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()),
        "line 3 is indented with a tab: YAML indents with spaces only");
    // A README example copied with its closing fence (twentieth session, a new user).
    Files.writeString(
        cfg, "target_where: {run_id: target}\ntasks:\n  - {score: task_acc, chance: 0.25}\n```\n");
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()),
        "line 4 is a Markdown code fence (```) copied with it: delete it");
    // A '}' left out: the line that opens it (twenty-sixth session: the parser's position alone).
    Files.writeString(
        cfg,
        "# a 'quoted' {comment\ntarget_where: {run_id: target}\ntasks:\n"
            + "  - {score: task_acc, chance: 0.25, name: \"a}\"\n  - {score: other, chance: 0.25}\n");
    assertBadInput(
        run("predict", csv.toString(), "--config", cfg.toString()),
        "the file's '{' and '}' do not pair up (1 more '{'), first at line 4");
    Files.writeString(cfg, "target_where: {run_id: target}\n");
    assertBadInput(
        run("predict", "--config", cfg.toString()), "--config needs a RUNS_DIR or a results TABLE");
  }

  @Test
  void deviceNamesAreCheckedNotFallenBackFrom() {
    assertBadInput(run("bench", "--device", "tpu"), "--device 'tpu': expected cpu, gpu or gpu:N");
    Run gpu = run("bench", "--device", "gpu:7");
    assertBadInput(gpu, "--device gpu:7: the engine sees");
  }

  @Test
  void reproducesGadre2024() {
    Path data = null;
    for (Path d = Path.of("").toAbsolutePath(); d != null && data == null; d = d.getParent()) {
      Path p = d.resolve("../shared/data/gadre2024/exp_data").normalize();
      data = Files.isDirectory(p.resolve("models")) ? p : null;
    }
    if (data == null) {
      assertTrue(System.getenv("CI") == null, "CI must have ../shared/data/gadre2024/exp_data");
      Assumptions.abort("no ../shared/data/gadre2024/exp_data here");
    }
    Run r = run("reproduce", "gadre2024", "--data", data.toString());
    assertEquals(0, r.code(), r.out());
    assertTrue(
        r.out().contains("60 of 60 published cells match to printed precision: REPRODUCED"),
        r.out());
  }
}
