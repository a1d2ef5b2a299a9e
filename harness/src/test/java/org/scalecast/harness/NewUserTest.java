package org.scalecast.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.scalecast.fit.laws.Laws;
import org.scalecast.harness.MainTest.Run;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** Issue 9: what a new user met when trying fit, predict --fit and --help. */
class NewUserTest {
  @TempDir Path dir;

  private static Run run(String... args) {
    return MainTest.run(args);
  }

  private static void assertBadInput(Run r, String expected) {
    assertEquals(2, r.code(), r.err());
    assertEquals("", r.out());
    assertEquals(1, r.err().strip().lines().count(), "one line: " + r.err());
    assertTrue(r.err().contains(expected), r.err());
  }

  /** A Chinchilla ladder, 5 sizes x 3 budgets, N in [1e7, 1e9], D in [1e8, 4e10]. */
  private Path ladder(double e) throws IOException {
    StringBuilder sb = new StringBuilder("run_id,N,D,L\n");
    double[] sizes = {1e7, 3e7, 1e8, 3e8, 1e9};
    int[] multipliers = {10, 20, 40};
    for (int i = 0; i < sizes.length; i++) {
      for (int j = 0; j < multipliers.length; j++) {
        double n = sizes[i];
        double d = n * multipliers[j];
        double l =
            (300 / Math.pow(n, 0.25) + 600 / Math.pow(d, 0.25) + e)
                * Math.exp(0.005 * Math.sin(7 * i + 3 * j));
        sb.append("r").append(i).append(j).append(',').append(n).append(',').append(d);
        sb.append(',').append(l).append('\n');
      }
    }
    Path f = dir.resolve("ladder" + e + ".csv");
    Files.writeString(f, sb);
    return f;
  }

  @Test
  void aLowercaseNanIsNamedAtItsOwnRow() throws IOException {
    Path csv = dir.resolve("nan.csv");
    Files.writeString(csv, "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,nan\n4e8,8e9,2.9\n");
    assertBadInput(
        run("fit", csv.toString(), "--law", "chinchilla", "--map", "L=loss"),
        "nan.csv, data row 2, column 'loss': 'nan' is NaN, not a number");
    Files.writeString(csv, "N,D,loss\n1e8,2e9,3.1\n2e8,4e9,3.0\n4e8,-inf,2.9\n");
    assertBadInput(
        run("fit", csv.toString(), "--law", "chinchilla", "--map", "L=loss"),
        "nan.csv, data row 3, column 'D': '-inf' is infinite");
  }

  @Test
  void predictRefusesUnknownVariablesAndSaysHowFarItExtrapolates() throws IOException {
    Path fit = dir.resolve("fit.json");
    Run f = run("fit", ladder(1.5).toString(), "--law", "chinchilla", "--out", fit.toString());
    assertEquals(0, f.code(), f.err());
    assertBadInput(
        run("predict", "--fit", fit.toString(), "--at", "N=1e8,D=2e9,X=1"),
        "--at N=1e8,D=2e9,X=1: law chinchilla has no variable X (variables: N, D)");

    Run inside = run("predict", "--fit", fit.toString(), "--at", "N=1e8,D=2e9");
    assertEquals(0, inside.code(), inside.err());
    assertEquals("", inside.err());

    Run far = run("predict", "--fit", fit.toString(), "--at", "N=1,D=2e9");
    assertEquals(0, far.code(), far.err());
    assertTrue(
        far.err().contains("warning: N = 1 is 7.0 decades below the fitted range [1e7, 1e9]"),
        far.err());
    assertEquals(1, far.err().strip().lines().count(), far.err());
    // --json's row carries it too (it said "warning": null: a new user, twenty-fifth session).
    Run farJson = run("predict", "--fit", fit.toString(), "--at", "N=1,D=2e9", "--json");
    assertEquals(0, farJson.code(), farJson.err());
    assertTrue(
        new ObjectMapper()
            .readTree(farJson.out())
            .get(0)
            .get("warning")
            .asText()
            .startsWith("N = 1 is 7.0 decades below the fitted range [1e7, 1e9]"),
        farJson.out());

    // a fit file written before ranges and warnings were recorded still loads, and warns nothing
    ObjectMapper json = new ObjectMapper();
    ObjectNode old = (ObjectNode) json.readTree(fit.toFile());
    old.remove(List.of("input_ranges", "warnings"));
    Path oldFit = dir.resolve("old.json");
    json.writeValue(oldFit.toFile(), old);
    Run legacy = run("predict", "--fit", oldFit.toString(), "--at", "N=1,D=2", "--json");
    assertEquals(0, legacy.code(), legacy.err());
    assertEquals("", legacy.err());
    Run current = run("predict", "--fit", fit.toString(), "--at", "N=1,D=2", "--json");
    ObjectNode now = (ObjectNode) json.readTree(current.out()).get(0);
    ObjectNode before = (ObjectNode) json.readTree(legacy.out()).get(0);
    assertTrue(before.get("warning").isNull() && !now.get("warning").isNull(), now.toString());
    now.remove("warning");
    before.remove("warning");
    assertEquals(now, before);
  }

  @Test
  void aParameterAtItsBoundIsReportedWithTheRefitsThatCouldNotRun() throws IOException {
    Path fit = dir.resolve("fit.json");
    Run r =
        run(
            "fit",
            ladder(-0.5).toString(),
            "--law",
            "chinchilla",
            "--bootstrap",
            "20",
            "--loro",
            "--out",
            fit.toString());
    assertEquals(0, r.code(), r.err());
    String[] expected = {
      "E = 0 is at its lower bound 0",
      "the bootstrap could not run: all 20 refits failed",
      "leave-one-run-out could not run: all 15 refits failed"
    };
    JsonNode warnings = new ObjectMapper().readTree(fit.toFile()).get("warnings");
    assertEquals(3, warnings.size(), warnings.toString());
    for (int k = 0; k < expected.length; k++) {
      assertTrue(r.out().contains("warning     " + expected[k]), r.out());
      assertTrue(warnings.get(k).asText().startsWith(expected[k]), warnings.toString());
    }
    Run json = run("fit", ladder(-0.5).toString(), "--law", "chinchilla", "--json");
    assertTrue(
        json.err().contains("scalecast: warning: E = 0 is at its lower bound 0"), json.err());

    // a fit away from its bounds warns nothing
    Run ok = run("fit", ladder(1.5).toString(), "--law", "chinchilla", "--loro");
    assertEquals(0, ok.code(), ok.err());
    assertFalse(ok.out().contains("warning"), ok.out());
  }

  @Test
  void eachLawFitsWithItsOwnDefaultObjectiveAndSaysWhich() throws IOException {
    String csv = ladder(1.5).toString();
    Run r = run("fit", csv, "--law", "chinchilla");
    assertEquals(0, r.code(), r.err());
    assertTrue(
        r.out()
            .contains("objective   huber-log:0.001 (chinchilla's default; --objective to change)"),
        r.out());
    JsonNode j =
        new ObjectMapper().readTree(run("fit", csv, "--law", "chinchilla", "--json").out());
    assertEquals("huber-log:0.001", j.get("objective").asText());
    Run ls = run("fit", csv, "--law", "chinchilla", "--objective", "ls");
    assertTrue(ls.out().contains("objective   ls = "), ls.out());
    Run power = run("fit", csv, "--law", "power", "--map", "C=N,L=L");
    assertTrue(power.out().contains("objective   ls (power's default"), power.out());
    assertEquals("ls-log", Laws.byName("flp-loss").defaultObjective().spec());
    assertEquals("ls-log", Laws.byName("flp-m").defaultObjective().spec());
  }

  @Test
  void theTableIsPositionalOrGivenWithData() throws IOException {
    String csv = ladder(1.5).toString();
    Run positional = run("fit", csv, "--law", "chinchilla", "--objective", "ls", "--json");
    Run option = run("fit", "--data", csv, "--law", "chinchilla", "--objective", "ls", "--json");
    assertEquals(0, positional.code(), positional.err());
    assertEquals(0, option.code(), option.err());
    ObjectMapper m = new ObjectMapper();
    assertEquals(
        m.readTree(positional.out()).get("params"), m.readTree(option.out()).get("params"));
    assertBadInput(
        run("fit", csv, "--data", csv, "--law", "chinchilla"),
        "give the table once: as TABLE or with --data, not both");
    assertBadInput(run("fit", "--law", "chinchilla"), "give the table to fit: fit TABLE");
  }

  @Test
  void fitHelpListsEveryRegisteredLaw() {
    Run r = run("fit", "--help");
    assertEquals(0, r.code(), r.err());
    for (String law : Laws.names()) {
      assertTrue(r.out().contains("  " + law + " "), law + " in " + r.out());
    }
  }

  /** Every command and subcommand, as the words that reach it: [], [fit], [bench, fit], ... */
  private static List<List<String>> commands(CommandLine cl, List<String> path) {
    List<List<String>> out = new ArrayList<>();
    out.add(path);
    cl.getSubcommands()
        .forEach(
            (name, sub) -> {
              if (!name.equals("help")) {
                List<String> p = new ArrayList<>(path);
                p.add(name);
                out.addAll(commands(sub, p));
              }
            });
    return out;
  }

  private static CommandSpec spec(List<String> path) {
    CommandLine cl = Main.commandLine();
    for (String name : path) {
      cl = cl.getSubcommands().get(name);
    }
    return cl.getCommandSpec();
  }

  @Test
  void everyHelpIsCleanAndEveryDescriptionEndsASentence() {
    List<List<String>> all = commands(Main.commandLine(), List.of());
    assertTrue(all.size() > 12, all.toString());
    PrintStream stderr = System.err;
    ByteArrayOutputStream picocli = new ByteArrayOutputStream();
    List<String> cut = new ArrayList<>();
    try {
      System.setErr(new PrintStream(picocli, true, StandardCharsets.UTF_8));
      for (List<String> path : all) {
        List<String> args = new ArrayList<>(path);
        args.add("--help");
        Run r = run(args.toArray(String[]::new));
        assertEquals(0, r.code(), path + ": " + r.err());
        assertEquals("", r.err(), path.toString());
        CommandSpec spec = spec(path);
        for (String line : spec.usageMessage().description()) {
          if (!Main.endsSentence(line)) {
            cut.add(path + ": " + line);
          }
        }
        for (ArgSpec arg : spec.args()) {
          for (String line : arg.description()) {
            if (!Main.endsSentence(line)) {
              cut.add(path + " " + arg.paramLabel() + ": " + line);
            }
          }
        }
      }
    } finally {
      System.setErr(stderr);
    }
    assertEquals("", picocli.toString(StandardCharsets.UTF_8), "picocli warnings");
    assertEquals(List.of(), cut, "descriptions that stop mid-sentence");
  }

  @Test
  void versionNamesThePomVersionAndTheCommit() throws IOException {
    String pom = Files.readString(Path.of("pom.xml"));
    Matcher m =
        Pattern.compile("<artifactId>scalecast-parent</artifactId>\\s*<version>([^<]+)</version>")
            .matcher(pom);
    assertTrue(m.find(), "harness/pom.xml names its parent's version");
    for (String flag : new String[] {"-V", "--version"}) {
      Run r = run(flag);
      assertEquals(0, r.code(), r.err());
      assertTrue(r.out().startsWith("scalecast " + m.group(1) + " (commit "), r.out());
    }
    assertTrue(run("fit", "-V").out().startsWith("scalecast " + m.group(1)));
  }
}
