package org.scalecast.harness.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.scalecast.results.InputException;

/**
 * {@code --set key.path=value}: replaces one key of a config's YAML tree before the tree is read,
 * so the override goes through the same checks as the file (types, ranges, unknown keys). Paths are
 * dotted, with list indices as {@code models[1].lr} or {@code models.1.lr}; the value is read as
 * YAML ({@code 3e-3}, {@code true}, {@code [0, 1]}, {@code {lr: 1e-3}}). Each key is checked
 * against the config records before anything is set, so a misspelt key is named with the keys
 * allowed where it stands, not reported later as some other problem.
 */
public final class ConfigOverrides {
  private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
      new PropertyNamingStrategies.SnakeCaseStrategy();

  private ConfigOverrides() {}

  /**
   * @param tree the config's YAML tree, changed in place
   * @param type the config record the tree is read into
   * @param sets {@code key.path=value} strings, applied in order
   * @throws InputException naming the override and the key when a path or value is bad
   */
  public static void apply(JsonNode tree, Class<?> type, List<String> sets) {
    for (String set : sets) {
      int eq = set.indexOf('=');
      if (eq <= 0) {
        throw new InputException("--set " + set + ": expected key.path=value");
      }
      List<String> path = segments(set.substring(0, eq), set);
      checkPath(type, path, set);
      put(tree, path, value(set.substring(eq + 1), set), set);
    }
  }

  /** {@code models[1].lr} and {@code models.1.lr} both give [models, 1, lr]. */
  static List<String> segments(String key, String set) {
    List<String> out = new ArrayList<>();
    for (String s : key.replaceAll("\\[(\\d+)]", ".$1").split("\\.", -1)) {
      if (s.isEmpty()) {
        throw new InputException("--set " + set + ": empty key in '" + key + "'");
      }
      out.add(s);
    }
    return out;
  }

  private static JsonNode value(String text, String set) {
    try {
      JsonNode v = Sweeps.YAML.readTree(text);
      return v == null || v.isMissingNode() ? TextNode.valueOf(text) : v;
    } catch (IOException e) {
      throw new InputException("--set " + set + ": the value is not valid YAML");
    }
  }

  /** Walks the record types along the path: every key must be one the config can hold. */
  private static void checkPath(Class<?> root, List<String> path, String set) {
    Type t = root;
    for (int i = 0; i < path.size(); i++) {
      String seg = path.get(i);
      String at = String.join(".", path.subList(0, i + 1));
      Class<?> raw = raw(t);
      if (raw.isRecord()) {
        t = component(raw, seg, at, set);
      } else if (List.class.isAssignableFrom(raw)) {
        index(seg, at, set);
        t = typeArg(t, 0);
      } else if (Map.class.isAssignableFrom(raw)) {
        t = typeArg(t, 1);
      } else {
        throw new InputException(
            "--set "
                + set
                + ": '"
                + String.join(".", path.subList(0, i))
                + "' is a value, not a"
                + " section; it has no key '"
                + seg
                + "'");
      }
    }
  }

  private static Type component(Class<?> record, String seg, String at, String set) {
    TreeSet<String> allowed = new TreeSet<>();
    for (RecordComponent c : record.getRecordComponents()) {
      String name = SNAKE.translate(c.getName());
      if (name.equals(seg)) {
        return c.getGenericType();
      }
      allowed.add(name);
    }
    throw new InputException(
        "--set "
            + set
            + ": unknown key '"
            + at
            + "' (allowed: "
            + String.join(", ", allowed)
            + ")");
  }

  private static int index(String seg, String at, String set) {
    if (!seg.matches("\\d+")) {
      throw new InputException("--set " + set + ": '" + at + "' must be a list index");
    }
    return Integer.parseInt(seg);
  }

  private static Class<?> raw(Type t) {
    return t instanceof ParameterizedType p ? (Class<?>) p.getRawType() : (Class<?>) t;
  }

  private static Type typeArg(Type t, int i) {
    return t instanceof ParameterizedType p ? p.getActualTypeArguments()[i] : Object.class;
  }

  /** Sets the value, creating missing sections; a list entry must already exist. */
  private static void put(JsonNode tree, List<String> path, JsonNode v, String set) {
    JsonNode node = tree;
    for (int i = 0; i < path.size(); i++) {
      String seg = path.get(i);
      boolean last = i == path.size() - 1;
      String at = String.join(".", path.subList(0, i + 1));
      if (node instanceof ArrayNode a) {
        int k = Integer.parseInt(seg);
        if (k >= a.size()) {
          throw new InputException(
              "--set " + set + ": '" + at + "': the list has " + a.size() + " entries");
        }
        if (last) {
          a.set(k, v);
        }
        node = a.get(k);
      } else if (node instanceof ObjectNode o) {
        if (last) {
          o.set(seg, v);
        } else if (!(o.get(seg) instanceof ObjectNode) && !(o.get(seg) instanceof ArrayNode)) {
          if (path.get(i + 1).matches("\\d+")) {
            throw new InputException("--set " + set + ": '" + at + "' has no list to index");
          }
          o.putObject(seg); // a section the file leaves out, e.g. target.budget
        }
        node = o.get(seg);
      } else {
        throw new InputException("--set " + set + ": '" + at + "' is not a section in the file");
      }
    }
  }
}
