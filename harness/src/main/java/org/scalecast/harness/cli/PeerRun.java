package org.scalecast.harness.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.scalecast.fit.io.FitFile;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;

/**
 * A PyTorch peer's measurement for {@code bench --compare}: the JSON line that {@code
 * shared/peer/torch_gpt_bench.py} prints ({@code engine, threads, n_params, flops_per_token,
 * tokens_per_second, ...}), or a file of such lines from repeated runs of one shape, whose median
 * throughput is compared. The peer's line does not carry its shape; {@code n_params} and {@code
 * flops_per_token} are checked against scalecast's shape instead (the batch cannot be checked).
 *
 * @param file where it was read
 * @param engine the peer's engine and version ("peer" when absent)
 * @param threads the peer's intra-op threads, or null when absent
 * @param nParams non-embedding parameters of the peer's model (head excluded, as scalecast counts)
 * @param flopsPerToken 6 (N + head) + 12 L T d, or NaN when absent
 * @param tokensPerSecond the median over the lines
 * @param each every line's tokens per second, in file order
 */
public record PeerRun(
    Path file,
    String engine,
    Integer threads,
    long nParams,
    double flopsPerToken,
    double tokensPerSecond,
    List<Double> each) {

  /** Copies the list. */
  public PeerRun {
    each = List.copyOf(each);
  }

  /**
   * @param file one JSON line, or several (blank lines skipped)
   * @return the measurement
   * @throws InputException naming the file (and line, and key) when it is missing, not JSON, lacks
   *     a key, or its lines disagree on the model or the threads
   */
  public static PeerRun read(Path file) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new InputException(file + ": no such file (the peer's JSON output)");
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + CsvTables.oneLine(e) + ")");
    }
    List<PeerRun> runs = new ArrayList<>();
    for (int i = 0; i < lines.size(); i++) {
      if (!lines.get(i).isBlank()) {
        runs.add(line(file, i + 1, lines.get(i)));
      }
    }
    if (runs.isEmpty()) {
      throw new InputException(file + ": empty (expected the peer's JSON line)");
    }
    PeerRun first = runs.get(0);
    List<Double> tps = new ArrayList<>();
    for (PeerRun r : runs) {
      if (r.nParams != first.nParams || !java.util.Objects.equals(r.threads, first.threads)) {
        throw new InputException(
            file
                + ": lines disagree on n_params or threads ("
                + first.nParams
                + "/"
                + first.threads
                + " against "
                + r.nParams
                + "/"
                + r.threads
                + "); give one shape and thread count per file");
      }
      tps.addAll(r.each);
    }
    return new PeerRun(
        file, first.engine, first.threads, first.nParams, first.flopsPerToken, median(tps), tps);
  }

  private static PeerRun line(Path file, int n, String text) {
    String at = file + " line " + n;
    JsonNode j;
    try {
      j = FitFile.JSON.readTree(text);
    } catch (IOException e) {
      throw new InputException(at + ": not JSON (" + CsvTables.oneLine(e) + ")");
    }
    if (j == null || !j.isObject()) {
      throw new InputException(at + ": not a JSON object");
    }
    double tps = number(j, "tokens_per_second", at);
    if (!(tps > 0)) {
      throw new InputException(at + ": tokens_per_second must be > 0, got " + tps);
    }
    long n0 = (long) number(j, "n_params", at);
    Integer threads = j.has("threads") ? (int) number(j, "threads", at) : null;
    double fpt = j.has("flops_per_token") ? number(j, "flops_per_token", at) : Double.NaN;
    String engine = j.hasNonNull("engine") ? j.get("engine").asText() : "peer";
    return new PeerRun(file, engine, threads, n0, fpt, tps, List.of(tps));
  }

  private static double number(JsonNode j, String key, String at) {
    JsonNode v = j.get(key);
    if (v == null) {
      throw new InputException(at + ": no key '" + key + "' (is it the peer's JSON line?)");
    }
    if (!v.isNumber()) {
      throw new InputException(at + ": '" + key + "' is not a number (" + v + ")");
    }
    return v.asDouble();
  }

  /**
   * @param xs values
   * @return their median
   */
  static double median(List<Double> xs) {
    double[] s = xs.stream().mapToDouble(Double::doubleValue).sorted().toArray();
    int m = s.length / 2;
    return s.length % 2 == 1 ? s[m] : (s[m - 1] + s[m]) / 2;
  }
}
