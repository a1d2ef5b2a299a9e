package org.scalecast.harness;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalecast.harness.cli.BacktestCommand;
import org.scalecast.harness.cli.BenchCommand;
import org.scalecast.harness.cli.BundleCommand;
import org.scalecast.harness.cli.DoctorCommand;
import org.scalecast.harness.cli.EvalCommand;
import org.scalecast.harness.cli.ExportCommand;
import org.scalecast.harness.cli.FitCommand;
import org.scalecast.harness.cli.MixtureCommand;
import org.scalecast.harness.cli.NativeCommand;
import org.scalecast.harness.cli.PredictCommand;
import org.scalecast.harness.cli.QuickstartCommand;
import org.scalecast.harness.cli.ReportCommand;
import org.scalecast.harness.cli.ReproduceCommand;
import org.scalecast.harness.cli.ResultsCommand;
import org.scalecast.harness.cli.SweepCommand;
import org.scalecast.harness.jni.NativeChoice;
import org.scalecast.results.CsvTables;
import org.scalecast.results.FileError;
import org.scalecast.results.InputException;
import org.scalecast.results.Provenance;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The {@code scalecast} command line. Exit codes: 0 success, 1 a check failed (e.g. a reproduction
 * that does not match) or an internal error, 2 bad input. Bad input is one line on stderr naming
 * the problem, never a stack trace ({@code SCALECAST_DEBUG=1} adds one for developers).
 */
@Command(
    name = "scalecast",
    mixinStandardHelpOptions = true,
    versionProvider = Main.Version.class,
    description = "Train sampling models, fit scaling laws, predict a larger model.",
    subcommands = {
      FitCommand.class,
      PredictCommand.class,
      BacktestCommand.class,
      ReproduceCommand.class,
      BenchCommand.class,
      SweepCommand.class,
      EvalCommand.class,
      ExportCommand.class,
      ResultsCommand.class,
      ReportCommand.class,
      MixtureCommand.class,
      DoctorCommand.class,
      NativeCommand.class,
      BundleCommand.class,
      QuickstartCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  /** Exit code for bad input. */
  public static final int BAD_INPUT = 2;

  @CommandLine.Spec CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /**
   * @param args command-line arguments
   */
  public static void main(String[] args) {
    // issue 12: the PyTorch 'native build' recorded, before anything loads DJL's engine
    NativeChoice.apply();
    System.exit(
        execute(new PrintWriter(System.out, true), new PrintWriter(System.err, true), args));
  }

  /**
   * Runs one command; tests call this directly.
   *
   * @param out standard output
   * @param err standard error
   * @param args arguments
   * @return the exit code
   */
  public static int execute(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = commandLine();
    cl.setCaseInsensitiveEnumValuesAllowed(true); // --role sampling, as configs and tables spell it
    cl.setOut(out);
    cl.setErr(err);
    cl.setParameterExceptionHandler(
        (ex, a) -> {
          err.println(
              "scalecast: "
                  + CsvTables.oneLine(ex)
                  + " (see '"
                  + ex.getCommandLine().getCommandName()
                  + " --help')");
          return BAD_INPUT;
        });
    cl.setExecutionExceptionHandler(
        (ex, c, parsed) -> {
          if (System.getenv("SCALECAST_DEBUG") != null) {
            ex.printStackTrace(err);
          }
          if (ex instanceof InputException) {
            err.println("scalecast: " + CsvTables.oneLine(ex));
            return BAD_INPUT;
          }
          if (ex instanceof FileError) { // disk full, permission denied: path and operation named
            err.println("scalecast: " + CsvTables.oneLine(ex));
            return 1;
          }
          err.println(
              "scalecast: internal error: "
                  + ex.getClass().getSimpleName()
                  + ": "
                  + CsvTables.oneLine(ex)
                  + " (rerun with SCALECAST_DEBUG=1 for a stack trace)");
          return 1;
        });
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  /**
   * @return the command line with every command's help text complete: the law list of {@code fit}
   *     from the registry, and descriptions as whole paragraphs
   */
  public static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new Main());
    FitCommand.describe(cl.getSubcommands().get("fit").getCommandSpec());
    paragraphs(cl);
    return cl;
  }

  /**
   * Joins description lines that continue a sentence (the sources break long descriptions into
   * lines for the 100-column format) into paragraphs, so that picocli wraps each paragraph whole
   * and the command lists show a command's first paragraph instead of a line cut mid-sentence.
   */
  private static void paragraphs(CommandLine cl) {
    CommandLine.Model.UsageMessageSpec usage = cl.getCommandSpec().usageMessage();
    List<String> out = new ArrayList<>();
    StringBuilder open = null;
    for (String line : usage.description()) {
      open = open == null ? new StringBuilder(line) : open.append(' ').append(line.strip());
      if (endsSentence(line)) {
        out.add(open.toString());
        open = null;
      }
    }
    if (open != null) {
      out.add(open.toString());
    }
    usage.description(out.toArray(String[]::new));
    cl.getCommandSpec().versionProvider(new Version()); // 'scalecast fit -V' too
    cl.getSubcommands().values().forEach(Main::paragraphs);
  }

  /**
   * @param line a line of help text
   * @return whether it ends a sentence (or introduces a list with a colon)
   */
  public static boolean endsSentence(String line) {
    return line.strip().matches("(?s).*[.!?:][)'\"]*");
  }

  /** The project version and the git commit of the project folder. */
  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String home = System.getProperty("scalecast.home", "");
      return new String[] {
        "scalecast "
            + Provenance.projectVersion()
            + " (commit "
            + Provenance.commit(Path.of(home.isEmpty() ? "." : home))
            + ", Java "
            + System.getProperty("java.version")
            + ")"
      };
    }
  }
}
