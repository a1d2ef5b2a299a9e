package org.scalecast.harness.eval;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.scalecast.results.InputException;

/**
 * The registry of built-in tasks by name, like fit's {@code Laws}. A new task is a new {@link
 * BuiltInTask} class plus one line here. The order is the default order of a sweep's tasks, and so
 * of its manifests.
 */
public final class Tasks {
  private static final Map<String, BuiltInTask> REGISTRY =
      registry(
          new TextCloze(),
          new TextNextSentence(),
          new TextMinimalPair(),
          new CodeCloseBracket(),
          new CodeIdentifier(),
          new CodeNextLine());

  private Tasks() {}

  private static Map<String, BuiltInTask> registry(BuiltInTask... tasks) {
    Map<String, BuiltInTask> m = new LinkedHashMap<>();
    for (BuiltInTask t : tasks) {
      if (m.put(t.name(), t) != null) {
        throw new IllegalStateException("two built-in tasks named " + t.name());
      }
    }
    return java.util.Collections.unmodifiableMap(m);
  }

  /**
   * @param name a registered task name
   * @return its definition
   * @throws InputException naming the known tasks when the name is unknown
   */
  public static BuiltInTask byName(String name) {
    BuiltInTask t = REGISTRY.get(name);
    if (t == null) {
      throw new InputException(
          "eval.tasks: unknown task '" + name + "' (known: " + String.join(", ", names()) + ")");
    }
    return t;
  }

  /**
   * @param name a task name
   * @return whether it is registered
   */
  public static boolean contains(String name) {
    return REGISTRY.containsKey(name);
  }

  /**
   * @return every registered name, in registration order
   */
  public static List<String> names() {
    return List.copyOf(REGISTRY.keySet());
  }

  /**
   * @return every definition, in registration order
   */
  public static List<BuiltInTask> all() {
    return List.copyOf(REGISTRY.values());
  }
}
