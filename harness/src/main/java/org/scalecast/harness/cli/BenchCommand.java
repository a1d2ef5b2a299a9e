package org.scalecast.harness.cli;

import ai.djl.Device;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.bench.FitBench;
import org.scalecast.fit.bench.LadderBench;
import org.scalecast.fit.flp.BacktestSpec;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.train.BenchRecord;
import org.scalecast.models.GptConfig;
import org.scalecast.results.InputException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code scalecast bench}: measured speed; goals live here, never in timed tests. */
@Command(
    name = "bench",
    mixinStandardHelpOptions = true,
    description = {
      "Training throughput and MFU: achieved FLOP/s (tokens/s x (6N + 12 L T d)) over the peak",
      "FLOP/s of an fp32 matmul measured through the same engine on the same device.",
      "'bench fit' times the Chinchilla multi-start fit and bootstrap refits; 'bench ladder'",
      "times reading a synthetic ladder of per-run files and predicting every task."
    },
    subcommands = {BenchCommand.Fit.class, BenchCommand.LadderRead.class})
public final class BenchCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--d-model",
      defaultValue = "256",
      description = "Width (default: ${DEFAULT-VALUE}).")
  int dModel;

  @Option(
      names = "--n-layer",
      defaultValue = "4",
      description = "Blocks (default: ${DEFAULT-VALUE}).")
  int nLayer;

  @Option(
      names = "--n-head",
      defaultValue = "4",
      description = "Heads (default: ${DEFAULT-VALUE}).")
  int nHead;

  @Option(
      names = "--context-length",
      defaultValue = "128",
      description = "T (default: ${DEFAULT-VALUE}).")
  int context;

  @Option(
      names = "--vocab-size",
      defaultValue = "1024",
      description = "V (default: ${DEFAULT-VALUE}).")
  int vocab;

  @Option(
      names = "--batch-size",
      defaultValue = "16",
      description = "B (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(
      names = "--steps",
      defaultValue = "20",
      description = "Timed steps (default: ${DEFAULT-VALUE}).")
  int steps;

  @Option(
      names = "--warmup",
      defaultValue = "10",
      description = "Untimed steps first, for the JIT and allocator (default: ${DEFAULT-VALUE}).")
  int warmup;

  @Option(
      names = "--matmul-size",
      defaultValue = "1024",
      description = "Peak matmul size (default: ${DEFAULT-VALUE}).")
  int matmul;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    Device d = Devices.parse(device);
    GptConfig c;
    try {
      c = new GptConfig(vocab, context, nLayer, nHead, dModel, GptConfig.HeadTying.TIED);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
    BenchRecord o = BenchRecord.measure(c, batch, warmup, steps, matmul, d);
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(FitFile.JSON.writeValueAsString(o));
    } else {
      o.fields().forEach((k, v) -> w.printf("%-22s %s%n", k, v));
    }
    return 0;
  }

  /** The fitting benchmark. */
  @Command(
      name = "fit",
      mixinStandardHelpOptions = true,
      description = {
        "Chinchilla huber-log:1e-3 fit from the 4,500-point Besiroglu et al. grid on synthetic data",
        "(published coefficients, 1%% noise), then bootstrap refits. Reports the first (cold) run and",
        "the best of --repeats."
      })
  static final class Fit implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--sizes",
        defaultValue = "25",
        description = "Model sizes (default: ${DEFAULT-VALUE}).")
    int sizes;

    @Option(
        names = "--budgets",
        defaultValue = "10",
        description = "Token budgets per size (default: ${DEFAULT-VALUE}).")
    int budgets;

    @Option(
        names = "--replicates",
        defaultValue = "1000",
        description = "Bootstrap refits (default: ${DEFAULT-VALUE}).")
    int replicates;

    @Option(
        names = "--repeats",
        defaultValue = "3",
        description = "Timed repeats (default: ${DEFAULT-VALUE}).")
    int repeats;

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (repeats < 1 || sizes < 2 || budgets < 2 || replicates < 0) {
        throw new InputException(
            "bench fit: --repeats must be >= 1, --sizes and --budgets >= 2, --replicates >= 0");
      }
      FitBench o = FitBench.measure(sizes, budgets, replicates, repeats);
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        w.println(FitFile.JSON.writeValueAsString(o));
      } else {
        Map<String, Object> fields = FitFile.JSON.convertValue(o, new TypeReference<>() {});
        fields.forEach((k, v) -> w.printf("%-24s %s%n", k, v));
      }
      return 0;
    }
  }

  /** {@code bench ladder}. */
  @Command(
      name = "ladder",
      mixinStandardHelpOptions = true,
      description = {
        "Write a synthetic ladder (a folder of per-run CSVs and a runs table) in a temporary",
        "folder, then time reading it and predicting every loss and task for its largest run."
      })
  static final class LadderRead implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--sizes", defaultValue = "8", description = "Sizes (default: 8).")
    int sizes;

    @Option(names = "--budgets", defaultValue = "5", description = "Budgets per size (default: 5).")
    int budgets;

    @Option(
        names = "--checkpoints",
        defaultValue = "100",
        description = "Checkpoints per run (default: 100).")
    int checkpoints;

    @Option(
        names = "--tasks",
        defaultValue = "8",
        description = "Tasks, each a score and a bits-per-byte column (default: 8).")
    int tasks;

    @Option(names = "--read-only", description = "Time reading only, not the prediction.")
    boolean readOnly;

    @Option(
        names = "--leave-one-run-out",
        defaultValue = "run",
        converter = LoroConverter.class,
        description = "Run or skip the leave-one-run-out diagnostic (default: ${DEFAULT-VALUE}).")
    BacktestSpec.Diagnostic loro;

    /** Parses run or skip through the config's own spelling. */
    static final class LoroConverter
        implements picocli.CommandLine.ITypeConverter<BacktestSpec.Diagnostic> {
      @Override
      public BacktestSpec.Diagnostic convert(String value) {
        return BacktestSpec.Diagnostic.parse(value);
      }
    }

    @Option(names = "--json", description = "Print one JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
      if (sizes < 2 || budgets < 1 || checkpoints < 1 || tasks < 0) {
        throw new InputException(
            "bench ladder: --sizes >= 2, --budgets >= 1, --checkpoints >= 1, --tasks >= 0");
      }
      LadderBench b = LadderBench.measure(sizes, budgets, checkpoints, tasks, !readOnly, loro);
      PrintWriter w = spec.commandLine().getOut();
      if (json) {
        w.println(FitFile.JSON.writeValueAsString(b));
        return 0;
      }
      w.printf(
          java.util.Locale.ROOT,
          "ladder: %d runs x %d checkpoints x %d columns (%d rows): write %.2f s, read %.2f s%s%n",
          b.runs(),
          b.checkpoints(),
          b.columns(),
          b.rows(),
          b.writeSeconds(),
          b.readSeconds(),
          readOnly
              ? ""
              : String.format(
                  java.util.Locale.ROOT,
                  ", predict %d quantities (%d rows, every method, leave-one-run-out: %s) %.1f s",
                  b.quantities(),
                  b.predictionRows(),
                  loro.key(),
                  b.predictSeconds()));
      return 0;
    }
  }
}
