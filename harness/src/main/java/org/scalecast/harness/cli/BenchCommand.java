package org.scalecast.harness.cli;

import static org.scalecast.models.GptConfig.HeadTying.TIED;
import static org.scalecast.models.GptConfig.HeadTying.UNTIED;

import ai.djl.Device;
import com.fasterxml.jackson.core.type.TypeReference;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.scalecast.fit.bench.FitBench;
import org.scalecast.fit.bench.LadderBench;
import org.scalecast.fit.flp.BacktestSpec;
import org.scalecast.fit.io.FitFile;
import org.scalecast.harness.train.AdamW;
import org.scalecast.harness.train.BenchRecord;
import org.scalecast.harness.train.Precision;
import org.scalecast.harness.train.TrainingRun;
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
      "FLOP/s of a matmul in the chosen precision, measured through the same engine on the same",
      "device at the start and end. --sizes times several models against that one peak.",
      "'bench fit' times the Chinchilla multi-start fit and bootstrap refits; 'bench ladder'",
      "times reading a synthetic ladder of per-run files and predicting every task; 'bench sweep'",
      "trains a sweep's runs in a temporary folder and times each. --compare FILE.json prints",
      "scalecast beside a PyTorch peer's line (shared/peer/torch_gpt_bench.py) at the same shape."
    },
    subcommands = {BenchCommand.Fit.class, BenchCommand.LadderRead.class, BenchSweepCommand.class})
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
      description =
          "Peak matmul size n; n and 2n are timed (default: 1024 on the CPU, 4096 on a GPU).")
  Integer matmul;

  @Option(
      names = "--sizes",
      split = ",",
      paramLabel = "dD-lL-hH",
      description =
          "Models to time, e.g. d256-l4-h4,d1024-l8-h16 (default: the one of --d-model, --n-layer,"
              + " --n-head). With --json: one JSON array, an object per size.")
  List<String> sizes;

  @Option(
      names = "--precision",
      defaultValue = "fp32",
      converter = PrecisionConverter.class,
      description =
          "Matmul precision of the peak and the steps, fp32 or tf32 (on the CPU tf32 changes"
              + " nothing; default: ${DEFAULT-VALUE}).")
  Precision precision;

  @Option(
      names = "--optimizer",
      defaultValue = "flat",
      paramLabel = "flat|fused|gathered|array_ops",
      description =
          "AdamW's kernel: flat (what runs use: one kernel call per chunk of all parameters, aliased"
              + " on the CPU, gathered on a GPU), fused (one call per parameter), gathered (flat's"
              + " GPU layout, on any device), array_ops (array operations); default:"
              + " ${DEFAULT-VALUE}.")
  AdamW.Kernel optimizer;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--json", description = "Print one JSON object.")
  boolean json;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "PyTorch intra-op threads (default: the engine's, one per core).")
  Integer threads;

  @Option(
      names = "--head",
      paramLabel = "tied|untied",
      description =
          "Output head: the token embedding (tied) or its own matrix (untied, as the PyTorch peer);"
              + " default: tied, untied with --compare.")
  GptConfig.HeadTying head;

  @Option(
      names = "--compare",
      paramLabel = "FILE.json",
      description = {
        "Time this shape and print it beside a PyTorch peer's JSON line (or a file of lines, whose"
            + " median is taken), shared/peer/torch_gpt_bench.py's output, with the ratio"
            + " scalecast / peer. The peer's threads are used unless --threads says otherwise;"
            + " its n_params and flops_per_token must match this shape (give the peer's --d,"
            + " --layers, --heads, --context, --vocab here as --d-model, --n-layer, --n-head,"
            + " --context-length, --vocab-size, and its --batch as --batch-size)."
      })
  Path compare;

  private static final Pattern SIZE = Pattern.compile("d(\\d+)-l(\\d+)-h(\\d+)");

  @Override
  public Integer call() throws Exception {
    PeerRun peer = compare != null ? PeerRun.read(compare) : null;
    if (peer != null && sizes != null) {
      throw new InputException("--compare times one shape: give it without --sizes");
    }
    SweepCommand.engineThreads(
        threads == null && peer != null ? peer.threads() : threads); // before the engine starts
    precision.applyToThisProcess(); // before the engine's first matmul
    Device d = Devices.parse(device);
    List<GptConfig> models = new ArrayList<>();
    for (int[] s : shapes()) {
      models.add(config(s, head != null ? head : peer != null ? UNTIED : TIED));
    }
    if (peer != null) {
      BenchCompare.check(peer, models.get(0));
    }
    int n = matmul != null ? matmul : d.isGpu() ? 4096 : 1024;
    String note = precision.note(d);
    if (note != null) {
      spec.commandLine().getErr().println(note);
    }
    List<BenchRecord> out =
        BenchRecord.measure(models, batch, warmup, steps, n, d, precision, optimizer);
    if (peer != null) {
      BenchCompare c = new BenchCompare(peer, out.get(0), TrainingRun.threads());
      c.print(spec.commandLine().getOut(), json);
      return 0;
    }
    print(out, sizes != null);
    return 0;
  }

  /** {d_model, n_layer, n_head} of each model to time. */
  private List<int[]> shapes() {
    if (sizes == null) {
      return List.of(new int[] {dModel, nLayer, nHead});
    }
    List<int[]> out = new ArrayList<>();
    for (String s : sizes) {
      Matcher m = SIZE.matcher(s.trim());
      if (!m.matches()) {
        throw new InputException("--sizes '" + s + "': expected dD-lL-hH, e.g. d256-l4-h4");
      }
      out.add(
          new int[] {
            Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), Integer.parseInt(m.group(3))
          });
    }
    return out;
  }

  private GptConfig config(int[] s, GptConfig.HeadTying tying) {
    try {
      return new GptConfig(vocab, context, s[1], s[2], s[0], tying);
    } catch (IllegalArgumentException e) {
      throw new InputException(e.getMessage());
    }
  }

  /** One object as before for one model; an array with --sizes, so scripts read one shape. */
  private void print(List<BenchRecord> out, boolean many) throws Exception {
    PrintWriter w = spec.commandLine().getOut();
    if (json) {
      w.println(FitFile.JSON.writeValueAsString(many ? out : out.get(0)));
      return;
    }
    for (BenchRecord o : out) {
      o.fields().forEach((k, v) -> w.printf("%-22s %s%n", k, v));
      w.println();
    }
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
        "folder, then time reading it and predicting every loss and task for its largest run",
        "(and with --backtest, backtesting every run from those with a quarter of its compute)."
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
        names = "--backtest",
        description =
            "Also time 'backtest': every run predicted from the runs with at most a quarter of its"
                + " compute.")
    boolean backtest;

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
      if (readOnly && backtest) {
        throw new InputException("bench ladder: give --read-only or --backtest, not both");
      }
      LadderBench.Stage upTo =
          readOnly
              ? LadderBench.Stage.READ
              : backtest ? LadderBench.Stage.BACKTEST : LadderBench.Stage.PREDICT;
      LadderBench b = LadderBench.measure(sizes, budgets, checkpoints, tasks, upTo, loro);
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
      if (backtest) {
        w.printf(
            java.util.Locale.ROOT,
            "backtest: %d runs predicted, each from the runs with a quarter of its compute: %.1f s%n",
            b.backtestCases(),
            b.backtestSeconds());
      }
      return 0;
    }
  }
}
