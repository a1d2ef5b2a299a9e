package org.scalecast.harness.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.Callable;
import org.scalecast.fit.flp.PredictSpec;
import org.scalecast.harness.sweep.SweepConfig;
import org.scalecast.harness.sweep.Sweeps;
import org.scalecast.harness.train.Precision;
import org.scalecast.harness.train.RunStatus;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code scalecast quickstart}: the whole loop on CPU. Trains the quick sweep (sampling runs, then
 * the held-out target), fits and predicts the target from the sampling runs, and writes the report.
 * Killed at any point, it resumes: finished runs are skipped and a run in progress continues from
 * its last checkpoint.
 */
@Command(
    name = "quickstart",
    mixinStandardHelpOptions = true,
    description = {
      "Train the quick sweep with its held-out target, predict the target from the sampling runs,",
      "and write the report (report.md, figures, predictions.json) into OUT/report.",
      "Rerunning resumes: finished runs are skipped."
    })
public final class QuickstartCommand implements Callable<Integer> {
  @Option(
      names = "--out",
      defaultValue = "runs/quickstart",
      paramLabel = "DIR",
      description = "Output folder: DIR/runs, DIR/report (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(
      names = "--config",
      paramLabel = "SWEEP.yaml",
      description = "The sweep (default: configs/quick.yaml of this project).")
  Path config;

  @Option(
      names = "--predict",
      paramLabel = "FIT.yaml",
      description = "What to predict (default: configs/quick-predict.yaml of this project).")
  Path predict;

  @Mixin JobsOption jobs;

  @Option(
      names = "--device",
      defaultValue = "cpu",
      description = "cpu, gpu or gpu:N (default: ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--cache", paramLabel = "DIR", description = "Data cache folder.")
  Path cacheDir;

  @Option(
      names = "--precision",
      defaultValue = "fp32",
      converter = PrecisionConverter.class,
      description =
          "Matmul precision, fp32 or tf32, as in 'sweep run' (default: ${DEFAULT-VALUE}).")
  Precision precision;

  @Spec CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    long t0 = System.nanoTime();
    precision.applyToThisProcess(); // before the engine's first matmul
    Path sweepFile = config != null ? config : Home.file("configs/quick.yaml");
    Path fitFile = predict != null ? predict : Home.file("configs/quick-predict.yaml");
    SweepConfig cfg = Sweeps.load(sweepFile);
    PredictSpec fit = Sweeps.loadYaml(fitFile, PredictSpec.class);
    PrintWriter err = spec.commandLine().getErr();
    Path runs = out.resolve("runs");
    Map<String, RunStatus.State> states =
        SweepCommand.jobsRunner(
                runs, SweepCommand.cache(cacheDir), Devices.parse(device), jobs.jobs, null, err)
            .precision(precision)
            .run(cfg, sweepFile, null, null);
    long failed = SweepCommand.count(states, RunStatus.State.FAILED);
    if (failed > 0) {
      err.printf("%d runs failed; see their train.log under %s%n", failed, runs);
      return 1;
    }
    Path md = ReportCommand.write(runs, fit, out.resolve("report"), fitFile.toString());
    PrintWriter w = spec.commandLine().getOut();
    w.printf(
        "quickstart: %d runs in %s; report %s (predictions.json beside it); %.1f min%n",
        states.size(), runs, md, (System.nanoTime() - t0) / 60e9);
    return 0;
  }
}
