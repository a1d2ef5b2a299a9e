package org.scalecast.harness.sweep;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.Type;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;
import org.scalecast.harness.data.DomainSpec;
import org.scalecast.harness.train.TrainSettings;
import org.scalecast.models.Flops;
import org.scalecast.models.GptConfig;
import org.scalecast.models.ParameterCount;
import org.scalecast.results.CsvTables;
import org.scalecast.results.InputException;
import org.scalecast.results.Role;

/** Loads sweep files and expands them into runs. */
public final class Sweeps {
  /** YAML with snake_case keys, strict on unknown keys and on types. */
  public static final ObjectMapper YAML =
      new ObjectMapper(new YAMLFactory())
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .enable(com.fasterxml.jackson.databind.MapperFeature.ACCEPT_CASE_INSENSITIVE_ENUMS)
          .registerModule(WholeNumbers.module());

  private Sweeps() {}

  /**
   * @param file a sweep YAML file
   * @return the config
   * @throws InputException naming the file and the key for unknown keys and wrong types
   */
  public static SweepConfig load(Path file) {
    return load(file, List.of());
  }

  /**
   * @param file a sweep YAML file
   * @param sets {@code --set key.path=value} overrides, applied to the file's keys before they are
   *     checked
   * @return the config
   * @throws InputException naming the file or the override and the key
   */
  public static SweepConfig load(Path file, List<String> sets) {
    return resolvePaths(loadYaml(file, SweepConfig.class, sets), file.toAbsolutePath().getParent());
  }

  /**
   * Reads any config record from strict YAML, with the same one-line errors as sweep files.
   *
   * @param file a YAML file
   * @param type the record type
   * @param <T> the record type
   * @return the config
   */
  public static <T> T loadYaml(Path file, Class<T> type) {
    return loadYaml(file, type, List.of());
  }

  /**
   * @param file a YAML file
   * @param type the record type
   * @param sets {@link ConfigOverrides} to apply first
   * @param <T> the record type
   * @return the config
   */
  public static <T> T loadYaml(Path file, Class<T> type, List<String> sets) {
    if (!Files.isRegularFile(file)) {
      throw CsvTables.notAFile(file, "config file");
    }
    try {
      JsonNode tree = YAML.readTree(file.toFile());
      if (tree == null || tree.isMissingNode() || tree.isNull()) {
        throw new InputException(file + ": empty file (no keys)");
      }
      ConfigOverrides.apply(tree, type, sets);
      checkKeys(file, tree, type, "");
      return YAML.treeToValue(tree, type);
    } catch (UnrecognizedPropertyException e) {
      String allowed =
          e.getKnownPropertyIds().stream()
              .map(String::valueOf)
              .sorted()
              .collect(Collectors.joining(", "));
      throw new InputException(
          file + ": unknown key '" + path(e, e.getPropertyName()) + "' (allowed: " + allowed + ")");
    } catch (InvalidFormatException e) {
      throw new InputException(
          file
              + ": key '"
              + path(e, null)
              + "': '"
              + e.getValue()
              + "' is not a valid "
              + typeName(e.getTargetType()));
    } catch (MismatchedInputException e) {
      // Jackson's own words named java.util.ArrayList<...PredictSpec$TaskSpec> to a new user who
      // wrote 'tasks: MMLU'.
      String key = path(e, null);
      throw new InputException(
          file
              + (key.isEmpty() ? ": the file" : ": key '" + key + "'")
              + " has the wrong type: expected "
              + expected(e.getTargetType()));
    } catch (JsonMappingException e) {
      Throwable c = e.getCause();
      if (c instanceof InputException ie) {
        throw new InputException(file + ": " + ie.getMessage());
      }
      throw new InputException(file + ": " + firstLine(e));
    } catch (JsonProcessingException e) {
      // Where: a tab before a key said only "while scanning for the next token" (sixteenth
      // session).
      var at = e.getLocation();
      String where =
          at == null || at.getLineNr() < 1
              ? ""
              : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
      throw new InputException(
          file + ": not valid YAML" + where + " (" + firstLine(e) + ")" + fenceHint(file));
    } catch (IOException e) {
      throw new InputException(file + ": cannot read (" + e.getMessage() + ")");
    }
  }

  /**
   * @param file a YAML config that {@link #loadYaml} has read
   * @param key a top-level key
   * @return whether the file sets it (a record's default cannot tell)
   */
  public static boolean hasKey(Path file, String key) {
    try {
      JsonNode tree = YAML.readTree(file.toFile());
      return tree != null && tree.has(key);
    } catch (IOException e) {
      return false;
    }
  }

  /**
   * Jackson builds a record before it reports an unknown key of that record, so a misspelt required
   * key ({@code modles}, or {@code checkpoint:} under {@code ladder:}) would surface as the
   * record's own complaint (no models; "'checkpoints:' is required"). The keys of every record in
   * the tree, nested ones too, are therefore checked first, against the record's components under
   * their config names; Jackson's own check stays behind it.
   */
  private static void checkKeys(Path file, JsonNode node, Type type, String at) {
    Class<?> raw = rawClass(type);
    if (node == null || raw == null) {
      return;
    }
    if (node.isArray() && java.util.Collection.class.isAssignableFrom(raw)) {
      Type element = typeArgument(type, 0);
      for (int i = 0; i < node.size(); i++) {
        checkKeys(file, node.get(i), element, at + "[" + i + "]");
      }
    } else if (node.isObject() && Map.class.isAssignableFrom(raw)) {
      Type value = typeArgument(type, 1);
      node.fields()
          .forEachRemaining(f -> checkKeys(file, f.getValue(), value, join(at, f.getKey())));
    } else if (node.isObject() && raw.isRecord()) {
      Map<String, Type> components = configKeys(raw);
      node.fields()
          .forEachRemaining(
              f -> {
                if (!components.containsKey(f.getKey())) {
                  throw new InputException(
                      file
                          + ": unknown key '"
                          + join(at, f.getKey())
                          + "' (allowed: "
                          + String.join(", ", new java.util.TreeSet<>(components.keySet()))
                          + ")");
                }
                checkKeys(file, f.getValue(), components.get(f.getKey()), join(at, f.getKey()));
              });
    }
  }

  /** A record's components by config key: @JsonProperty's name where given, else snake_case. */
  private static Map<String, Type> configKeys(Class<?> record) {
    PropertyNamingStrategies.SnakeCaseStrategy snake =
        new PropertyNamingStrategies.SnakeCaseStrategy();
    Map<String, Type> keys = new java.util.LinkedHashMap<>();
    for (java.lang.reflect.RecordComponent c : record.getRecordComponents()) {
      JsonProperty named = c.getAccessor().getAnnotation(JsonProperty.class);
      String key =
          named != null && !named.value().isEmpty() ? named.value() : snake.translate(c.getName());
      keys.put(key, c.getGenericType());
    }
    return keys;
  }

  private static String join(String at, String key) {
    return at.isEmpty() ? key : at + "." + key;
  }

  private static Class<?> rawClass(Type t) {
    if (t instanceof Class<?> c) {
      return c;
    }
    return t instanceof ParameterizedType p && p.getRawType() instanceof Class<?> c ? c : null;
  }

  private static Type typeArgument(Type t, int i) {
    return t instanceof ParameterizedType p && p.getActualTypeArguments().length > i
        ? p.getActualTypeArguments()[i]
        : Object.class;
  }

  /** Domain folders and files are relative to the sweep file, so a sweep runs from anywhere. */
  private static SweepConfig resolvePaths(SweepConfig c, Path base) {
    Map<String, DomainSpec> domains = new java.util.LinkedHashMap<>();
    c.data()
        .domains()
        .forEach(
            (k, d) ->
                domains.put(
                    k,
                    new DomainSpec(
                        d.source(),
                        d.path() == null ? null : base.resolve(d.path()).normalize().toString(),
                        d.jsonl() == null ? null : base.resolve(d.jsonl()).normalize().toString(),
                        d.maxBytes())));
    Map<String, String> files = new java.util.TreeMap<>();
    c.eval().taskFiles().forEach((k, f) -> files.put(k, base.resolve(f).normalize().toString()));
    EvalSettings e = c.eval();
    EvalSettings eval =
        new EvalSettings(
            e.checkpoints(),
            e.logSpaced(),
            e.windows(),
            e.batchSize(),
            e.tasks(),
            e.taskItems(),
            files);
    return new SweepConfig(
        c.name(),
        c.seeds(),
        new SweepConfig.Data(c.data().tokenizer(), domains),
        c.models(),
        c.contextLength(),
        c.head(),
        c.budgets(),
        c.mixtures(),
        c.train(),
        eval,
        c.target());
  }

  /** A YAML reader's word for what a key takes: a list, a mapping, a number, text. */
  private static String expected(Class<?> type) {
    if (type == null) {
      return "another kind of value";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "a list (- item, or [a, b])";
    }
    if (type == org.scalecast.fit.flp.Preparation.class) {
      // It named only the mapping (a review, twenty-sixth session).
      return "paper, auto or none, or a mapping (key: value, or {key: value})";
    }
    if (java.util.Map.class.isAssignableFrom(type) || type.isRecord()) {
      return "a mapping (key: value, or {key: value})";
    }
    if (type.isEnum()) {
      return "one word of its allowed values";
    }
    if (Number.class.isAssignableFrom(type) || type.isPrimitive()) {
      return "a number";
    }
    return type == String.class ? "text" : "a " + typeName(type);
  }

  private static String typeName(Class<?> type) {
    return type == Integer.class || type == int.class || type == Long.class || type == long.class
        ? "integer"
        : type.getSimpleName().toLowerCase(Locale.ROOT);
  }

  private static String path(JsonMappingException e, String leaf) {
    StringBuilder sb = new StringBuilder();
    for (JsonMappingException.Reference r : e.getPath()) {
      if (r.getFieldName() != null) {
        sb.append(sb.length() == 0 ? "" : ".").append(r.getFieldName());
      } else if (r.getIndex() >= 0) {
        sb.append('[').append(r.getIndex()).append(']');
      }
    }
    return sb.length() == 0 && leaf != null ? leaf : sb.toString();
  }

  /**
   * Names a Markdown code fence left in the file, or a tab in an indentation: a new user who copied
   * a README example with its closing fence was told only "not valid YAML at line 19, column 56"
   * (twentieth session).
   */
  private static String fenceHint(Path file) {
    try {
      List<String> lines = Files.readAllLines(file);
      for (int i = 0; i < lines.size(); i++) {
        if (lines.get(i).strip().startsWith("```")) {
          return "; line " + (i + 1) + " is a Markdown code fence (```) copied with it: delete it";
        }
        // A tab in the indentation got "(while scanning for the next token)" alone (a new user,
        // twenty-sixth session).
        if (lines.get(i).matches("^ *\t.*")) {
          return "; line " + (i + 1) + " is indented with a tab: YAML indents with spaces only";
        }
      }
      return unbalanced(lines);
    } catch (IOException | RuntimeException e) {
      // The parse error above stands alone.
    }
    return "";
  }

  /**
   * Names the first line whose braces or brackets do not close, where the file's do not either: a
   * missing '}' got only the parser's line and column "(while parsing a flow mapping)" (a new user,
   * twenty-sixth session).
   */
  static String unbalanced(List<String> lines) {
    for (char[] pair : new char[][] {{'{', '}'}, {'[', ']'}}) {
      int total = 0;
      int first = -1;
      for (int i = 0; i < lines.size(); i++) {
        int d = depth(lines.get(i), pair[0], pair[1]);
        total += d;
        if (d != 0 && first < 0) {
          first = i;
        }
      }
      if (total != 0 && first >= 0) {
        return String.format(
            "; the file's '%c' and '%c' do not pair up (%d more '%c'), first at line %d",
            pair[0], pair[1], Math.abs(total), total > 0 ? pair[0] : pair[1], first + 1);
      }
    }
    return "";
  }

  /** Opening minus closing characters of a line, outside quotes and after no comment. */
  private static int depth(String line, char open, char close) {
    int d = 0;
    char quote = 0;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quote != 0) {
        quote = c == quote ? 0 : quote;
      } else if ((c == '"' || c == '\'')
          && (i == 0 || " \t[{,:".indexOf(line.charAt(i - 1)) >= 0)) {
        quote = c; // a quoted scalar starts so; an apostrophe inside a word (Bob's) does not
      } else if (c == '#' && (i == 0 || Character.isWhitespace(line.charAt(i - 1)))) {
        break;
      } else if (c == open) {
        d++;
      } else if (c == close) {
        d--;
      }
    }
    return d;
  }

  private static String firstLine(Exception e) {
    String m = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
    // A binary file's "java.io.CharConversionException: Invalid UTF-8 ..." named a Java class (a
    // bad-input hunt, twentieth session).
    return m == null
        ? e.getClass().getSimpleName()
        : m.lines()
            .findFirst()
            .orElse("")
            .replaceFirst("^([a-z]+\\.)+[A-Za-z]+(Exception|Error): ", "")
            .trim();
  }

  /**
   * Models x budgets x mixtures x seeds, in that nesting order.
   *
   * @param c the config
   * @return one spec per run
   */
  public static List<RunSpec> expand(SweepConfig c) {
    List<RunSpec> runs = new ArrayList<>();
    for (int i = 0; i < c.models().size(); i++) {
      for (int j = 0; j < c.budgets().size(); j++) {
        TrainSettings train = settings(c, c.models().get(i), "models[" + i + "]");
        train = c.budgets().get(j).settings().applyTo(train, "budgets[" + j + "]");
        runs.addAll(
            runsOf(
                c,
                c.models().get(i),
                c.budgets().get(j),
                train,
                Role.SAMPLING,
                "budgets[" + j + "]"));
      }
    }
    if (c.target() != null) {
      runs.addAll(target(c, runs));
    }
    return runs;
  }

  /** The sweep's training settings with a model's own over them. */
  private static TrainSettings settings(SweepConfig c, SweepConfig.ModelShape shape, String key) {
    return shape.settings().applyTo(c.train(), key);
  }

  /** The target's runs, last, so a sweep killed early has its sampling runs. */
  private static List<RunSpec> target(SweepConfig c, List<RunSpec> sampling) {
    SweepConfig.Target t = c.target();
    double maxC =
        sampling.stream()
            .mapToDouble(s -> Flops.training(s.model(), Flops.Convention.SIX_N, s.tokenBudget()))
            .max()
            .orElseThrow();
    TrainSettings train = settings(c, t.model(), "target.model");
    SweepConfig.Budget budget = t.budget();
    if (budget == null) {
      GptConfig m = model(c, t.model());
      double tokens = t.computeFactor() * maxC / Flops.perToken(m, Flops.Convention.SIX_N);
      long perStep = (long) train.batchSize() * c.contextLength();
      // Whole steps, rounded up: rounding down could leave the target just under its factor.
      budget = SweepConfig.Budget.ofTokens((long) Math.ceil(tokens / perStep) * perStep);
    } else {
      train = budget.settings().applyTo(train, "target.budget");
    }
    List<RunSpec> runs = runsOf(c, t.model(), budget, train, Role.TARGET, "target.budget");
    double factor =
        Flops.training(runs.get(0).model(), Flops.Convention.SIX_N, runs.get(0).tokenBudget())
            / maxC;
    if (factor < SweepConfig.MIN_TARGET_FACTOR - 1e-9) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "target: its compute is %.2fx the largest sampling run's; it must be at least %.0fx"
                  + " (raise target.budget or use target.compute_factor)",
              factor,
              SweepConfig.MIN_TARGET_FACTOR));
    }
    return runs;
  }

  /**
   * @param c a sweep
   * @param shape a shape in it
   * @return the model it names, with the sweep's vocabulary, context and head
   */
  public static GptConfig model(SweepConfig c, SweepConfig.ModelShape shape) {
    int vocab =
        c.data().tokenizer().kind().equals("bytes") ? 256 : c.data().tokenizer().vocabSize();
    GptConfig.HeadTying tying =
        c.head().equals("tied") ? GptConfig.HeadTying.TIED : GptConfig.HeadTying.UNTIED;
    int[] s = shape.size() != null ? ModelSizes.byName(shape.size()) : explicit(shape);
    try {
      return new GptConfig(vocab, c.contextLength(), s[1], s[2], s[0], tying);
    } catch (IllegalArgumentException e) {
      throw new InputException("models: " + e.getMessage());
    }
  }

  /**
   * @param b a budget
   * @param model the model it applies to
   * @return the tokens it asks for: D, M x all parameters, or C / 6N (N non-embedding)
   */
  static double tokens(SweepConfig.Budget b, GptConfig model) {
    if (b.tokens() != null) {
      return b.tokens();
    }
    if (b.multiplier() != null) {
      return b.multiplier() * ParameterCount.total(model);
    }
    return b.flops() / Flops.perToken(model, Flops.Convention.SIX_N);
  }

  /** One shape at one budget with its resolved settings, over mixtures x seeds. */
  private static List<RunSpec> runsOf(
      SweepConfig c,
      SweepConfig.ModelShape shape,
      SweepConfig.Budget b,
      TrainSettings train,
      Role role,
      String key) {
    GptConfig model = model(c, shape);
    String size =
        shape.size() != null
            ? shape.size()
            : ModelSizes.name(model.dModel(), model.nLayer(), model.nHead());
    double wanted = tokens(b, model);
    long perStep = (long) train.batchSize() * c.contextLength();
    if (wanted < perStep) {
      throw new InputException(
          String.format(
              Locale.ROOT,
              "%s: %s gives %,.0f tokens for %s, less than one training step of %,d tokens"
                  + " (batch_size %d x context_length %d); give at least %,d tokens",
              key,
              b.describe(),
              wanted,
              size,
              perStep,
              train.batchSize(),
              c.contextLength(),
              perStep));
    }
    long steps = Math.round(wanted / perStep);
    List<RunSpec> runs = new ArrayList<>();
    for (Map<String, Double> mix : c.mixtures()) {
      for (long seed : c.seeds()) {
        runs.add(spec(c, size, model, train, steps, steps * perStep, mix, seed, role));
      }
    }
    return runs;
  }

  private static int[] explicit(SweepConfig.ModelShape m) {
    if (m.dModel() == null || m.nLayer() == null || m.nHead() == null) {
      throw new InputException(
          "models: give size, or all of d_model, n_layer, n_head (got " + m + ")");
    }
    return new int[] {m.dModel(), m.nLayer(), m.nHead()};
  }

  private static RunSpec spec(
      SweepConfig c,
      String size,
      GptConfig model,
      TrainSettings train,
      long steps,
      long tokens,
      Map<String, Double> mix,
      long seed,
      Role role) {
    RunSpec unnamed =
        new RunSpec(
            c.name(), "", role, seed, size, model, tokens, steps, mix, c.data(), train, c.eval());
    String mixSlug =
        mix.entrySet().stream()
            .filter(e -> e.getValue() > 0)
            .map(e -> e.getKey() + Math.round(100 * e.getValue()))
            .collect(Collectors.joining("-"));
    String slug =
        String.format(Locale.ROOT, "%s_D%.2g_%s_s%d", size, (double) tokens, mixSlug, seed)
            .replace("+", "");
    return new RunSpec(
        c.name(),
        slug + "_" + hash(unnamed).substring(0, 6),
        role,
        seed,
        size,
        model,
        tokens,
        steps,
        mix,
        c.data(),
        train,
        c.eval());
  }

  /**
   * @param spec a spec
   * @return SHA-256 of its JSON form: the same settings always give the same id
   */
  static String hash(RunSpec spec) {
    try {
      byte[] json = JSON.writeValueAsBytes(spec);
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(json));
    } catch (IOException | java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** JSON for run manifests: snake_case, sorted keys so hashes are stable. */
  public static final ObjectMapper JSON =
      new ObjectMapper()
          .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
          .configure(
              com.fasterxml.jackson.databind.SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true)
          .configure(
              com.fasterxml.jackson.databind.MapperFeature.SORT_PROPERTIES_ALPHABETICALLY, true);
}
