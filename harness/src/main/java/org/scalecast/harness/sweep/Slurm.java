package org.scalecast.harness.sweep;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.scalecast.results.InputException;

/**
 * A sweep on a Slurm cluster: one job array per submission, one array task per pending run, each
 * task running {@code sweep run CONFIG --only RUN_ID} into the shared runs folder. Slurm schedules;
 * scalecast only says what to run. A requeued or resubmitted task resumes its run from the last
 * checkpoint, as any {@code sweep run} does.
 *
 * <p>Layout: {@code RUNS_DIR/slurm/jobs.tsv} lists submitted job ids and their folders; each folder
 * holds {@code runs.txt} (array index + 1 = line = run id), {@code job.sbatch} and the tasks' logs;
 * {@code RUNS_DIR/slurm/lib/} holds a copy of the classpath ({@link SlurmLib}).
 *
 * <p>The job script assumes nothing of the login node but the shared runs folder, config and cache:
 * java is found on the compute node ({@code $JAVA_HOME/bin/java}, else {@code java} on PATH), the
 * classpath is the copied lib folder (or {@code $SCALECAST_LIB}), and {@code $SCALECAST_HOME} and
 * {@code $SCALECAST_JAVA_OPTS} are read where the task runs.
 */
public final class Slurm {
  private Slurm() {}

  /**
   * @param partition partition, or null for the cluster default
   * @param gpusPerRun GPUs per array task (0: a CPU run)
   * @param cpusPerRun cores per array task, also the run's PyTorch threads
   * @param time time limit per task (Slurm's format), or null
   * @param mem memory per task (Slurm's format), or null
   */
  public record Options(String partition, int gpusPerRun, int cpusPerRun, String time, String mem) {
    /** Checks the numbers. */
    public Options {
      if (gpusPerRun < 0 || gpusPerRun > 1 || cpusPerRun < 1) {
        throw new InputException(
            "--gpus-per-run must be 0 or 1 (a run trains on one device, DJL_NOTES.md 1.3) and"
                + " --cpus-per-run >= 1");
      }
    }
  }

  /**
   * @param runs the runs folder
   * @param config the sweep file
   * @param cache the data cache, prepared already
   * @param runIds the runs to submit
   * @param o resources
   * @return the job folder with {@code job.sbatch} and {@code runs.txt}
   * @throws IOException when it cannot be written
   */
  public static Path writeJob(Path runs, Path config, Path cache, List<String> runIds, Options o)
      throws IOException {
    return writeJob(runs, config, cache, runIds, o, List.of());
  }

  /**
   * @param runs the runs folder
   * @param config the sweep file
   * @param cache the data cache, prepared already
   * @param runIds the runs to submit
   * @param o resources
   * @param sets {@code --set} overrides, passed on to every task so it expands the same runs
   * @return the job folder with {@code job.sbatch} and {@code runs.txt}
   * @throws IOException when it cannot be written
   */
  public static Path writeJob(
      Path runs, Path config, Path cache, List<String> runIds, Options o, List<String> sets)
      throws IOException {
    Path dir = runs.resolve("slurm").resolve("job-" + System.currentTimeMillis());
    Files.createDirectories(dir);
    Files.write(dir.resolve("runs.txt"), runIds, StandardCharsets.UTF_8);
    SlurmLib.stage(lib(runs), System.getProperty("java.class.path"));
    Files.writeString(
        dir.resolve("job.sbatch"), script(runs, config, cache, runIds.size(), o, dir, sets));
    return dir;
  }

  /**
   * @param runs the runs folder
   * @return its copy of the classpath
   */
  static Path lib(Path runs) {
    return runs.resolve("slurm").resolve("lib").toAbsolutePath();
  }

  /** A single-quoted shell word: safe for spaces, quotes and $ in paths. */
  static String shq(String v) {
    return "'" + v.replace("'", "'\\''") + "'";
  }

  static String script(
      Path runs, Path config, Path cache, int n, Options o, Path dir, List<String> sets) {
    if (dir.toAbsolutePath().toString().matches("(?s).*[\"\\n%].*")) {
      throw new InputException(
          "runs folder "
              + runs
              + ": a path with a double quote, % or a newline cannot go in an"
              + " #SBATCH line");
    }
    List<String> s = new ArrayList<>(header(n, o, dir));
    s.add("set -euo pipefail");
    s.addAll(javaAndClasspath(runs));
    s.add(
        "run_id=$(sed -n \"$((SLURM_ARRAY_TASK_ID + 1))p\" "
            + shq(dir.toAbsolutePath() + "/runs.txt")
            + ")");
    s.add(
        "echo \"scalecast: array task $SLURM_ARRAY_TASK_ID of job $SLURM_ARRAY_JOB_ID: run $run_id on $(hostname)\"");
    // Slurm restricts CUDA_VISIBLE_DEVICES to the task's GPUs, so the first visible one is ours.
    String device = o.gpusPerRun() > 0 ? "gpu:0" : "cpu";
    StringBuilder exec =
        new StringBuilder(
            "exec \"$java\" ${SCALECAST_JAVA_OPTS:-} -Dscalecast.home=\"${SCALECAST_HOME:-}\""
                + " -cp \"$cp\" org.scalecast.harness.Main sweep run "
                + shq(config.toAbsolutePath().toString())
                + " --out "
                + shq(runs.toAbsolutePath().toString())
                + " --cache "
                + shq(cache.toAbsolutePath().toString())
                + " --device "
                + device
                + " --threads "
                + o.cpusPerRun()
                + " --only \"$run_id\"");
    sets.forEach(v -> exec.append(" --set ").append(shq(v)));
    s.add(exec.toString());
    return String.join("\n", s) + "\n";
  }

  private static List<String> header(int n, Options o, Path dir) {
    List<String> s = new ArrayList<>();
    s.add("#!/bin/bash");
    s.add("#SBATCH --job-name=scalecast");
    s.add("#SBATCH --array=0-" + (n - 1));
    s.add("#SBATCH --output=\"" + dir.toAbsolutePath() + "/%A_%a.out\"");
    s.add("#SBATCH --open-mode=append"); // a requeued task appends to its log
    s.add("#SBATCH --requeue"); // preempted tasks come back and resume from their checkpoint
    s.add("#SBATCH --cpus-per-task=" + o.cpusPerRun());
    if (o.partition() != null) {
      s.add("#SBATCH --partition=" + o.partition());
    }
    if (o.gpusPerRun() > 0) {
      s.add("#SBATCH --gres=gpu:" + o.gpusPerRun());
    }
    if (o.time() != null) {
      s.add("#SBATCH --time=" + o.time());
    }
    if (o.mem() != null) {
      s.add("#SBATCH --mem=" + o.mem());
    }
    return s;
  }

  /**
   * Shell lines that find java and build the classpath on the node the task runs on: the login
   * node's JDK and Maven cache paths may not exist there (issue 14).
   */
  private static List<String> javaAndClasspath(Path runs) {
    return List.of(
        "# java and the classpath are resolved here, on the compute node: JAVA_HOME, else PATH;",
        "# the classpath copied into the runs folder at submission (or SCALECAST_LIB).",
        "if [ -n \"${JAVA_HOME:-}\" ]; then java=\"$JAVA_HOME/bin/java\"; else"
            + " java=$(command -v java) || { echo \"scalecast: no java on $(hostname): set"
            + " JAVA_HOME or put JDK 17 on PATH (e.g. module load java)\" >&2; exit 2; }; fi",
        // The default path is single-quoted: inside "${VAR:-word}" bash would read its quotes.
        "lib=" + shq(lib(runs).toString()),
        "if [ -n \"${SCALECAST_LIB:-}\" ]; then lib=\"$SCALECAST_LIB\"; fi",
        "[ -f \"$lib/"
            + SlurmLib.LIST
            + "\" ] || { echo \"scalecast: $lib/"
            + SlurmLib.LIST
            + " missing on $(hostname): is the runs folder shared?\" >&2; exit 2; }",
        "cp=",
        "while IFS= read -r e; do cp=\"${cp:+$cp:}$lib/$e\"; done < \"$lib/"
            + SlurmLib.LIST
            + "\"");
  }

  /**
   * @param jobDir a folder from {@link #writeJob}
   * @param runs the runs folder, whose {@code slurm/jobs.tsv} records the job
   * @return the job id
   * @throws IOException when sbatch cannot be run or refuses
   */
  public static String submit(Path jobDir, Path runs) throws IOException {
    String out = command(List.of("sbatch", "--parsable", jobDir.resolve("job.sbatch").toString()));
    String id = out.strip().split(";")[0];
    Files.writeString(
        runs.resolve("slurm").resolve("jobs.tsv"),
        id + "\t" + jobDir.getFileName() + "\n",
        StandardOpenOption.CREATE,
        StandardOpenOption.APPEND);
    return id;
  }

  /**
   * The Slurm state of every run of this folder's jobs that Slurm still knows (pending, running,
   * requeued...). A run Slurm has forgotten is absent.
   *
   * @param runs the runs folder
   * @return run id to Slurm state, empty when nothing was submitted or squeue is absent
   * @throws IOException when a job folder cannot be read
   */
  public static Map<String, String> activeStates(Path runs) throws IOException {
    Map<String, String> states = new LinkedHashMap<>();
    Path jobs = runs.resolve("slurm").resolve("jobs.tsv");
    if (!Files.isRegularFile(jobs)) {
      return states;
    }
    for (String line : Files.readAllLines(jobs)) {
      String[] f = line.split("\t");
      if (f.length < 2) {
        continue;
      }
      List<String> ids =
          Files.readAllLines(runs.resolve("slurm").resolve(f[1]).resolve("runs.txt"));
      String q;
      try {
        q = command(List.of("squeue", "-h", "-r", "-j", f[0], "-o", "%i %T"));
      } catch (IOException e) {
        continue; // a job Slurm has forgotten (older than MinJobAge): none of its runs is held
      }
      for (String l : q.split("\n")) {
        String[] p = l.trim().split("\\s+");
        int us = p[0].indexOf('_');
        if (p.length == 2 && us > 0) {
          int idx = Integer.parseInt(p[0].substring(us + 1));
          if (idx < ids.size()) {
            states.put(ids.get(idx), p[1].toLowerCase(java.util.Locale.ROOT));
          }
        }
      }
    }
    return states;
  }

  /** Runs a Slurm client; its output, or an exception naming the command and its error. */
  static String command(List<String> cmd) throws IOException {
    Process p;
    try {
      p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
    } catch (IOException e) {
      throw new InputException(
          cmd.get(0) + " not found: is this a Slurm login node? (" + e.getMessage() + ")");
    }
    try {
      if (!p.waitFor(60, TimeUnit.SECONDS)) {
        p.destroyForcibly();
        throw new IOException(cmd.get(0) + " did not answer in 60 s");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException(cmd.get(0) + " interrupted");
    }
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    if (p.exitValue() != 0) {
      throw new IOException(cmd.get(0) + " failed: " + out.strip().lines().findFirst().orElse(""));
    }
    return out;
  }
}
