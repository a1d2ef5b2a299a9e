package org.scalecast.results.ladder;

import com.fasterxml.jackson.core.json.JsonReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.scalecast.results.AtomicFiles;
import org.scalecast.results.Columns;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;

/**
 * lm-evaluation-harness results (one JSON file per model or checkpoint, {@code results: {task:
 * {metric: value, metric_stderr: value}}}) as a ladder table: one row per run and step with a
 * column {@code <task>_<metric>} per metric and its stderr, or in the long shape one row per run,
 * step and task.
 *
 * <p>Run and step come from the file's {@code config.model_args} ({@code
 * pretrained=EleutherAI/pythia-v1.1-12b,revision=step143000}: run {@code pythia-v1.1-12b}, step
 * 143000), or from a regular expression over the file's path under the folder with the named groups
 * {@code run} and {@code step} (other named groups become columns too, e.g. {@code size}); files it
 * does not match are skipped, so it also picks which files to read. A released model's results (no
 * {@code revision}, or a pattern without {@code step}) are its final checkpoint, the step left
 * empty. Several files of one run and step (one per task group, as BLOOM's) are merged into one
 * row; a task in two of them must have the same values. Harness 0.4's metric keys {@code acc,none}
 * lose their {@code ,none} filter suffix; other filters stay in the name ({@code
 * exact_match_flexible-extract}).
 */
public final class LmEvalImport {
  /** The run column of the imported table. */
  public static final String RUN = "run";

  /** The step column. */
  public static final String STEP = "step";

  /** The task column of the long shape. */
  public static final String TASK = "task";

  // NaN and Infinity as Python's json writes them by default, not a parse error: NaN reads as a
  // missing value, Infinity as an infinite one (refused where a number is read).
  private static final ObjectMapper JSON =
      JsonMapper.builder().enable(JsonReadFeature.ALLOW_NON_NUMERIC_NUMBERS).build();
  private static final Pattern GROUP = Pattern.compile("\\(\\?<([a-zA-Z][a-zA-Z0-9]*)>");
  private static final Pattern STEP_IN = Pattern.compile("(\\d+)");
  private static final Pattern STEP_MARKED =
      Pattern.compile("(?i)(?:step|iter|ckpt|checkpoint)[-_]?(\\d+)");
  private static final Pattern LOCAL_STEP =
      Pattern.compile("(?i)(.*[^a-z])?(step|iter|ckpt|checkpoint)[-_]?\\d+.*|\\d+");

  // lm-evaluation-harness 0.4's bookkeeping beside the metrics: counts and flags, not scores (a
  // new user's import of 0.4.0 files got 138 columns such as arc_easy_tab; twenty-third session).
  private static final java.util.Set<String> NOT_METRICS =
      java.util.Set.of("samples", "sample_len", "tab");

  /** Harness 0.4's display name of a task, text beside its metrics. */
  private static final String ALIAS = "alias";

  private LmEvalImport() {}

  /**
   * A task's metrics as one file gave them, with the file's date (harness 0.4; NaN if none) and the
   * time its name gives (harness 0.4's {@code results_2024-04-20T10-10-00.123450.json}; "" if
   * none).
   */
  private record Source(Path file, double date, String stamp, Map<String, String> metrics) {
    Source(Path file, double date, Map<String, String> metrics) {
      this(file, date, stampOf(file), metrics);
    }

    /** Whether the two can be ordered in time, by dates first, else by their names' times. */
    boolean orderedWith(Source o) {
      return dated(o) || !stamp.isEmpty() && !o.stamp.isEmpty() && !stamp.equals(o.stamp);
    }

    boolean newerThan(Source o) {
      return dated(o) ? date > o.date : stamp.compareTo(o.stamp) > 0;
    }

    private boolean dated(Source o) {
      return !Double.isNaN(date) && !Double.isNaN(o.date) && date != o.date;
    }
  }

  private static final Pattern STAMP =
      Pattern.compile("results_(\\d{4}-\\d{2}-\\d{2}T\\d{2}-\\d{2}-\\d{2}(\\.\\d+)?)\\.json$");

  private static String stampOf(Path f) {
    Matcher m = STAMP.matcher(f.getFileName().toString());
    return m.find() ? m.group(1) : "";
  }

  /**
   * The imported table.
   *
   * @param header column names
   * @param rows cells aligned with the header (null when empty)
   * @param files how many result files were read
   * @param notes what the import decided for the user to know (a re-run replaced an earlier file)
   */
  public record Imported(List<String> header, List<String[]> rows, int files, List<String> notes) {
    /**
     * @param out the CSV to write
     * @throws InputException naming the file when it cannot be written
     */
    public void writeCsv(Path out) {
      AtomicFiles.write(
          out,
          os -> {
            Writer w = new OutputStreamWriter(os, StandardCharsets.UTF_8);
            w.write(String.join(",", header.stream().map(LmEvalImport::quote).toList()));
            w.write('\n');
            for (String[] r : rows) {
              List<String> cells = new ArrayList<>();
              for (String c : r) {
                cells.add(c == null ? "" : quote(c));
              }
              w.write(String.join(",", cells));
              w.write('\n');
            }
            w.flush();
          });
    }
  }

  /**
   * @param pattern a regular expression
   * @return the names of its named groups, in order (Java 17's Pattern does not list them)
   */
  static List<String> namedGroups(Pattern pattern) {
    List<String> groups = new ArrayList<>();
    Matcher g = GROUP.matcher(pattern.pattern());
    while (g.find()) {
      groups.add(g.group(1));
    }
    return groups;
  }

  /**
   * @param dir a folder searched recursively for {@code .json} files, or one such file
   * @param pattern a regular expression with named groups {@code run} and {@code step}, found in
   *     each file's path relative to {@code dir}; null to read them from {@code config.model_args}
   * @param longShape one row per run, step and task instead of one per run and step
   * @return the table, rows sorted by run then step
   * @throws InputException naming the file when it is not a results file or lacks run or step
   */
  public static Imported read(Path dir, Pattern pattern, boolean longShape) {
    if (Files.isRegularFile(dir) && dir.toString().endsWith(".json")) {
      // One results file given for its folder (a new user's import, twenty-third session).
      Path file = dir.toAbsolutePath();
      return read(file.getParent(), pattern, longShape, List.of(file));
    }
    if (!Files.isDirectory(dir)) {
      throw new InputException(dir + ": no such folder of lm-evaluation-harness results");
    }
    List<Path> files;
    try (Stream<Path> s = Files.walk(dir)) {
      files =
          s.filter(p -> p.toString().endsWith(".json"))
              .filter(Files::isRegularFile)
              .sorted()
              .toList();
    } catch (IOException e) {
      throw new InputException(dir + ": cannot list (" + CsvTables.oneLine(e) + ")", e);
    }
    if (files.isEmpty()) {
      throw new InputException(dir + ": no .json files");
    }
    return read(dir, pattern, longShape, files);
  }

  private static Imported read(Path dir, Pattern pattern, boolean longShape, List<Path> files) {
    List<String> groups = pattern == null ? List.of() : namedGroups(pattern);
    if (pattern != null && !groups.contains(RUN)) {
      throw new InputException(
          "--pattern '"
              + pattern
              + "' needs the named group (?<run>...), and (?<step>...) for checkpoints");
    }
    List<String> keys = new ArrayList<>(List.of(RUN, STEP));
    groups.stream().filter(g -> !keys.contains(g)).forEach(keys::add);
    // Key (run, step, other groups) -> task -> metric -> value
    Map<List<String>, Map<String, Source>> byKey = new LinkedHashMap<>();
    Map<List<String>, Path> keyFile = new HashMap<>();
    Map<String, String> runModel = new HashMap<>(); // run -> the model it was named from
    Map<String, Map.Entry<Integer, Path>> shots = new HashMap<>(); // task -> (shots, a file)
    Replacements replaced = new Replacements();
    Map<String, Map.Entry<String, Path>> spelled = new HashMap<>(); // lower case -> (task, a file)
    int read = 0;
    for (Path f : files) {
      if (pattern != null
          && !pattern.matcher(dir.relativize(f).toString().replace('\\', '/')).find()) {
        continue;
      }
      read++;
      JsonNode root;
      try {
        root = JSON.readTree(f.toFile());
      } catch (IOException e) {
        throw new InputException(f + ": not JSON (" + CsvTables.oneLine(e) + ")", e);
      }
      // An empty file reads as no JSON at all: said so, not as a file without results (a new
      // user, twenty-eighth session).
      if (root == null || root.isMissingNode()) {
        throw new InputException(f + ": an empty file, not an lm-evaluation-harness results file");
      }
      JsonNode results = root.get("results");
      if (results == null || !results.isObject()) {
        throw new InputException(
            f + ": not an lm-evaluation-harness results file (no 'results' object)");
      }
      List<String> key = key(f, dir, root, pattern, keys, groups.contains(STEP), runModel);
      keyFile.putIfAbsent(key, f);
      double date = root.path("date").isNumber() ? root.path("date").asDouble() : Double.NaN;
      // Several files of one run and step (BLOOM's results: one file per task group) are merged;
      // a task in two of them must agree.
      Map<String, Source> tasks = byKey.computeIfAbsent(key, k -> new LinkedHashMap<>());
      Iterator<Map.Entry<String, JsonNode>> it = results.fields();
      while (it.hasNext()) {
        Map.Entry<String, JsonNode> t = it.next();
        sameShots(f, root, t.getKey(), key.subList(2, key.size()), shots);
        sameCase(f, t.getKey(), spelled);
        Map<String, String> metrics = new LinkedHashMap<>();
        if (!t.getValue().isObject()) {
          replaced.unread(f, t.getKey(), null, t.getValue());
        }
        Iterator<Map.Entry<String, JsonNode>> m = t.getValue().fields();
        while (m.hasNext()) {
          Map.Entry<String, JsonNode> e = m.next();
          String v = NOT_METRICS.contains(e.getKey()) ? null : numberText(e.getValue());
          String name = metric(e.getKey());
          if (v == null
              && !NOT_METRICS.contains(e.getKey())
              && !ALIAS.equals(e.getKey())
              && !name.endsWith(Columns.STDERR_SUFFIX)) {
            replaced.unread(f, t.getKey(), e.getKey(), e.getValue());
          }
          // "acc" beside "acc,none" kept the second without a word (a bad-input hunt, twentieth
          // session): two keys for one column are an error.
          if (v != null && metrics.put(name, v) != null) {
            throw new InputException(
                f
                    + ": task '"
                    + t.getKey()
                    + "' gives metric '"
                    + name
                    + "' twice (as '"
                    + e.getKey()
                    + "' and another key): which one is meant is unknown");
          }
        }
        Source now = new Source(f, date, metrics);
        Source before = tasks.putIfAbsent(t.getKey(), now);
        if (before != null) {
          tasks.put(t.getKey(), merge(before, now, t.getKey(), key, replaced));
        }
      }
    }
    stepsOrNone(byKey.keySet(), keyFile, pattern != null);
    if (read == 0) {
      throw new InputException(
          dir
              + ": --pattern '"
              + pattern
              + "' matches none of "
              + files.size()
              + " .json files (it is matched against each file's path under "
              + dir
              + (files.size() == 1 ? ": " + dir.relativize(files.get(0)) : "")
              + ")");
    }
    List<List<String>> order = new ArrayList<>(byKey.keySet());
    order.sort(
        (a, b) -> {
          int c = a.get(0).compareTo(b.get(0));
          return c != 0 ? c : Double.compare(number(a.get(1)), number(b.get(1)));
        });
    return longShape
        ? longTable(keys, order, byKey, read, replaced.notes())
        : wide(keys, order, byKey, read, replaced.notes());
  }

  /**
   * A task spelled two ways ({@code HellaSwag}, {@code hellaswag}) became two columns, which a
   * ladder reads as one name, compared ignoring case, and then refused (left open in the
   * twenty-fifth session).
   */
  private static void sameCase(Path f, String task, Map<String, Map.Entry<String, Path>> spelled) {
    Map.Entry<String, Path> first =
        spelled.putIfAbsent(task.toLowerCase(Locale.ROOT), Map.entry(task, f));
    if (first != null && !first.getKey().equals(task)) {
      throw new InputException(
          f
              + ": task '"
              + task
              + "' is '"
              + first.getKey()
              + "' in "
              + first.getValue()
              + ": names that differ only in case are one column of a ladder; rename one of them");
    }
  }

  /**
   * One task of one run and step from two files: the values both give must agree, and a metric only
   * one gives is kept (a re-run without bootstrap writes its stderrs as "N/A": a new user's import,
   * twenty-third session). Where they disagree, harness 0.4's {@code date}, else the time in its
   * file name, picks the newer file, a re-run, and a note says so: a re-run beside the first run in
   * its model's folder could not be read, and --pattern, the advice, then lost the step that only
   * model_args held (same import). Without either, one line names both files and the first value
   * that differs.
   */
  private static Source merge(
      Source before, Source now, String task, List<String> key, Replacements replaced) {
    String differs = firstDifference(before.metrics(), now.metrics());
    if (differs == null) {
      // The same metrics, the same values: a copy (a re-run that adds a metric merges silently).
      if (!before.file().equals(now.file())
          && before.metrics().keySet().equals(now.metrics().keySet())) {
        replaced.repeat(before.file(), now.file());
      }
      Map<String, String> union = new LinkedHashMap<>(before.metrics());
      now.metrics().forEach(union::putIfAbsent);
      Source later = before.orderedWith(now) && now.newerThan(before) ? now : before;
      return new Source(later.file(), later.date(), later.stamp(), union);
    }
    String where =
        "task '"
            + task
            + "' of run "
            + key.get(0)
            + (key.get(1).isEmpty() ? "" : ", step " + key.get(1));
    if (!before.orderedWith(now)) {
      throw new InputException(
          now.file()
              + ": "
              + where
              + " is also in "
              + before.file()
              + " with other values ("
              + differs
              + "): move one file out of DIR, or pick files with --pattern");
    }
    Source newer = now.newerThan(before) ? now : before;
    Source older = newer == now ? before : now;
    replaced.add(older.file(), newer.file(), where + ": " + differs);
    return newer;
  }

  /** The first metric both give with different values, as 'acc 0.5432 against 0.5439', or null. */
  private static String firstDifference(Map<String, String> a, Map<String, String> b) {
    for (Map.Entry<String, String> e : a.entrySet()) {
      String other = b.get(e.getKey());
      if (other != null && !LadderText.sameValue(e.getValue(), other)) {
        return e.getKey() + " " + e.getValue() + " against " + other;
      }
    }
    return null;
  }

  /**
   * Files a newer re-run replaced, one note per pair of files; and files that repeat another's
   * values for a task, read once: a copy of a file merged without a word ("55 files -> 54 rows"
   * alone hinted at it: a new user, twenty-eighth session).
   */
  private static final class Replacements {
    private final Map<List<Path>, List<String>> pairs = new LinkedHashMap<>();
    private final Map<List<Path>, Integer> repeats = new LinkedHashMap<>();

    void add(Path older, Path newer, String example) {
      pairs.computeIfAbsent(List.of(older, newer), k -> new ArrayList<>()).add(example);
    }

    void repeat(Path first, Path again) {
      repeats.merge(List.of(first, again), 1, Integer::sum);
    }

    /**
     * A metric (or a task) whose value is no number: it was left out in silence, a score of "n/a"
     * or null taking its column with it (a bad-input hunt, twenty-eighth session).
     */
    void unread(Path f, String task, String metric, JsonNode value) {
      if (unread++ == 0) {
        firstUnread =
            f
                + ", task '"
                + task
                + "'"
                + (metric == null ? "" : ", '" + metric + "'")
                + ": "
                + value;
      }
    }

    private int unread;
    private String firstUnread;

    List<String> notes() {
      List<String> out = new ArrayList<>();
      if (unread > 0) {
        out.add(
            unread
                + " metric value(s) that are no number were left out (first: "
                + firstUnread
                + ")");
      }
      repeats.forEach(
          (files, tasks) ->
              out.add(
                  files.get(1)
                      + " repeats "
                      + files.get(0)
                      + "'s values for "
                      + tasks
                      + (tasks == 1 ? " task" : " tasks")
                      + " of the same run and step: read once (a copied file?)"));
      pairs.forEach(
          (files, tasks) ->
              out.add(
                  files.get(1)
                      + " replaces "
                      + files.get(0)
                      + " (the newer re-run) for "
                      + tasks.size()
                      + (tasks.size() == 1 ? " task" : " tasks")
                      + " with other values, e.g. "
                      + tasks.get(0)));
      return out;
    }
  }

  /**
   * A task's few-shot count must be the same in every file: 0-shot and 25-shot ARC-Challenge went
   * into one column without a word (a new user's import, twenty-third session). Harness 0.4 gives
   * it per task ({@code n-shot}), 0.3 for the file ({@code config.num_fewshot}).
   */
  private static void sameShots(
      Path f,
      JsonNode root,
      String task,
      List<String> groups,
      Map<String, Map.Entry<Integer, Path>> shots) {
    Integer n = count(root.path("n-shot").path(task));
    n = n != null ? n : count(root.path("config").path("num_fewshot"));
    if (n == null) {
      return;
    }
    Map.Entry<Integer, Path> first = shots.putIfAbsent(task + "\u0000" + groups, Map.entry(n, f));
    if (first != null && !first.getKey().equals(n)) {
      throw new InputException(
          f
              + ": task '"
              + task
              + "' is "
              + n
              + "-shot here and "
              + first.getKey()
              + "-shot in "
              + first.getValue()
              + ": scores of different shots are not one column; import each setting from its own"
              + " folder, or pick files with --pattern");
    }
  }

  /** A count as a number or as text ("25"), or null. */
  private static Integer count(JsonNode n) {
    String text = n.asText("").strip();
    return n.isNumber()
        ? Integer.valueOf(n.asInt())
        : text.matches("\\d+") ? Integer.valueOf(text) : null;
  }

  /**
   * A run's rows all have a step or none has: a final checkpoint evaluated without a revision
   * beside checkpoints with one left a row of unknown step, and the ladder then said "no tokens"
   * naming neither (a new user's import, twenty-third session).
   */
  private static void stepsOrNone(
      java.util.Set<List<String>> keys, Map<List<String>, Path> keyFile, boolean byPattern) {
    Map<String, List<String>> withStep = new HashMap<>();
    for (List<String> k : keys) {
      if (!k.get(1).isEmpty()) {
        withStep.putIfAbsent(k.get(0), k);
      }
    }
    for (List<String> k : keys) {
      List<String> stepped = withStep.get(k.get(0));
      if (k.get(1).isEmpty() && stepped != null) {
        throw new InputException(
            keyFile.get(k)
                + ": run "
                + k.get(0)
                + (byPattern
                    ? " has no step here (--pattern's step group matched nothing), but step "
                    : " has no step here (no revision in config.model_args), but step ")
                + stepped.get(1)
                + " in "
                + keyFile.get(stepped)
                + (byPattern
                    ? ": every file of a run needs its step"
                    : ": give every checkpoint's revision (the final one's too, e.g."
                        + " revision=step143000), or --pattern with (?<step>...)"));
      }
    }
  }

  private static List<String> key(
      Path f,
      Path dir,
      JsonNode root,
      Pattern pattern,
      List<String> keys,
      boolean stepGroup,
      Map<String, String> runModel) {
    List<String> key = new ArrayList<>();
    if (pattern != null) {
      String rel = dir.relativize(f).toString().replace('\\', '/');
      Matcher m = pattern.matcher(rel);
      if (!m.find()) {
        return null;
      }
      for (String k : keys) {
        String v = k.equals(STEP) && !stepGroup ? null : m.group(k);
        key.add(v == null ? "" : v);
      }
      if (!key.get(1).isEmpty()) {
        number(f, key.get(1));
      }
      return key;
    }
    JsonNode argsNode = root.path("config").path("model_args");
    Map<String, String> kv = new LinkedHashMap<>();
    String args;
    if (argsNode.isObject()) {
      // Newer lm-evaluation-harness versions write model_args as an object, not "k=v,k=v" (it
      // read as '' and was refused: a bad-input hunt, sixteenth session).
      argsNode.fields().forEachRemaining(e -> kv.put(e.getKey(), e.getValue().asText()));
      args = argsNode.toString();
    } else {
      args = argsNode.asText("");
      for (String part : args.split(",")) {
        int eq = part.indexOf('=');
        if (eq > 0) {
          kv.put(part.substring(0, eq).strip(), part.substring(eq + 1).strip());
        }
      }
    }
    String model = kv.get("pretrained");
    String revision = kv.get("revision");
    if (model == null) {
      throw new InputException(
          f
              + ": config.model_args '"
              + args
              + "' has no pretrained=MODEL: give --pattern with (?<run>...) (and (?<step>...))"
              + " over the file path");
    }
    // A local folder may end in a slash (pretrained=/models/opt-1.3b/): its name is the last one.
    String path = model.replaceAll("/+$", "");
    // ./models/x and models/x are one model (a review).
    path =
        path.startsWith("/") || path.startsWith(".") ? Path.of(path).normalize().toString() : path;
    String last = path.substring(path.lastIndexOf('/') + 1);
    // Two models with one last name (/ckpt/pythia-160m/hf and /ckpt/pythia-410m/hf; Org/m and
    // Other/m) became one run, their scores mixed in one row (a new user's import, twenty-third
    // session).
    String other = runModel.putIfAbsent(last, path);
    if (other != null && !other.equals(path)) {
      throw new InputException(
          f
              + ": run '"
              + last
              + "' is named from both "
              + other
              + " and "
              + path
              + ": give --pattern with (?<run>...) (and (?<step>...)) over the file paths");
    }
    key.add(last);
    if (revision == null) {
      // A local checkpoint folder (pretrained=/ckpt/run1/step2000) names its step in the path, not
      // in a revision: taken as a released model, each checkpoint would become a run of its own.
      // Only a local path (a Hugging Face id such as UCLA-AGI/...-SPIN-iter0 is a released model).
      boolean local = model.startsWith("/") || model.startsWith(".") || model.startsWith("~");
      if (local && LOCAL_STEP.matcher(last).matches()) {
        throw new InputException(
            f
                + ": config.model_args '"
                + args
                + "' names a checkpoint ("
                + last
                + ") without a revision: give --pattern with (?<run>...) and (?<step>...) over the"
                + " file path");
      }
      // A released model without a revision: its final checkpoint, the step left empty.
      key.add("");
      return key;
    }
    key.add(stepOf(f, revision));
    return key;
  }

  /**
   * The step a revision names: the number after {@code step} (or iter, ckpt, checkpoint), else its
   * only number. OLMo's {@code stage1-step10000-tokens42B} was read as step 1, its first digits,
   * exit 0 (a bad-input hunt, twentieth session).
   */
  private static String stepOf(Path f, String revision) {
    Matcher marked = STEP_MARKED.matcher(revision);
    if (marked.find()) {
      return marked.group(1);
    }
    Matcher s = STEP_IN.matcher(revision);
    List<String> numbers = new ArrayList<>();
    while (s.find()) {
      numbers.add(s.group(1));
    }
    if (numbers.size() != 1) {
      throw new InputException(
          f
              + ": revision '"
              + revision
              + "' in config.model_args holds "
              + (numbers.isEmpty()
                  ? "no step number"
                  : numbers.size() + " numbers, none after 'step'")
              + ": give --pattern with (?<run>...) and (?<step>...) over the files' paths");
    }
    return numbers.get(0);
  }

  private static void number(Path f, String step) {
    if (Double.isNaN(number(step))) {
      throw new InputException(f + ": step '" + step + "' from --pattern is not a number");
    }
  }

  private static double number(String s) {
    try {
      return CsvTables.decimal(s);
    } catch (NumberFormatException | NullPointerException e) {
      return Double.NaN;
    }
  }

  /**
   * A metric's value as text: a number, or a string holding one ("0.55", which some writers emit
   * and which was dropped without a word: a bad-input hunt, twentieth session); null otherwise (an
   * alias, a stderr of "N/A").
   */
  private static String numberText(JsonNode v) {
    if (v.isNumber()) {
      return v.asText();
    }
    if (v.isTextual() && !v.asText().isBlank()) {
      try {
        CsvTables.decimal(v.asText());
        return v.asText().strip();
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }

  /** {@code acc,none} is {@code acc}; {@code acc_stderr,strict} is {@code acc_strict_stderr}. */
  static String metric(String key) {
    int comma = key.indexOf(',');
    if (comma < 0) {
      return key;
    }
    String base = key.substring(0, comma);
    String filter = key.substring(comma + 1);
    if (filter.equals("none")) {
      return base;
    }
    String se = Columns.STDERR_SUFFIX;
    return base.endsWith(se)
        ? base.substring(0, base.length() - se.length()) + "_" + filter + se
        : base + "_" + filter;
  }

  private static Imported wide(
      List<String> keys,
      List<List<String>> order,
      Map<List<String>, Map<String, Source>> byKey,
      int files,
      List<String> notes) {
    TreeSet<String> columns = new TreeSet<>();
    byKey
        .values()
        .forEach(
            t ->
                t.forEach(
                    (task, m) -> m.metrics().keySet().forEach(k -> columns.add(task + "_" + k))));
    List<String> header = new ArrayList<>(keys);
    header.addAll(columns);
    List<String[]> rows = new ArrayList<>();
    for (List<String> k : order) {
      Map<String, String> flat = new LinkedHashMap<>();
      byKey
          .get(k)
          .forEach(
              (task, m) -> m.metrics().forEach((metric, v) -> flat.put(task + "_" + metric, v)));
      String[] row = new String[header.size()];
      for (int i = 0; i < header.size(); i++) {
        row[i] = i < keys.size() ? k.get(i) : flat.get(header.get(i));
      }
      rows.add(row);
    }
    return new Imported(header, rows, files, notes);
  }

  private static Imported longTable(
      List<String> keys,
      List<List<String>> order,
      Map<List<String>, Map<String, Source>> byKey,
      int files,
      List<String> notes) {
    LinkedHashSet<String> metrics = new LinkedHashSet<>();
    byKey.values().forEach(t -> t.values().forEach(m -> metrics.addAll(m.metrics().keySet())));
    List<String> header = new ArrayList<>(keys);
    header.add(TASK);
    header.addAll(metrics);
    List<String[]> rows = new ArrayList<>();
    for (List<String> k : order) {
      for (Map.Entry<String, Source> t : byKey.get(k).entrySet()) {
        String[] row = new String[header.size()];
        for (int i = 0; i < keys.size(); i++) {
          row[i] = k.get(i);
        }
        row[keys.size()] = t.getKey();
        int i = keys.size() + 1;
        for (String m : metrics) {
          row[i++] = t.getValue().metrics().get(m);
        }
        rows.add(row);
      }
    }
    return new Imported(header, rows, files, notes);
  }

  private static String quote(String s) {
    return s.contains(",") || s.contains("\"") || s.contains("\n")
        ? "\"" + s.replace("\"", "\"\"") + "\""
        : s;
  }
}
