package org.scalecast.harness.eval;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import org.scalecast.harness.data.DomainTokens;

/**
 * The built-in tasks, made from held-out test documents only (no item was ever trained on), with a
 * generator seeded per task so the same data always gives the same items. Each task declares its
 * domain ({@link BuiltInTask#domain()}); a task whose domain is absent is skipped. The tasks
 * themselves are registered in {@link Tasks}. Difficulty spans from near-syntactic (brackets) to
 * semantic (next sentence).
 */
public final class TaskSuite {
  /** Every built-in task name, in {@link Tasks}' order. */
  public static final List<String> BUILT_IN = Tasks.names();

  private TaskSuite() {}

  /**
   * @param names built-in task names to build
   * @param domains tokenized domains with their test documents
   * @param items items per task
   * @param seed the sweep's evaluation seed
   * @return the tasks whose domain exists
   */
  public static List<Task> build(
      List<String> names, Map<String, DomainTokens> domains, int items, long seed) {
    List<Task> tasks = new ArrayList<>();
    for (String name : names) {
      BuiltInTask def = Tasks.byName(name);
      DomainTokens d = domains.get(def.domain());
      if (d == null) {
        continue;
      }
      SplittableRandom rng = new SplittableRandom(seed * 31 + name.hashCode());
      Task task = def.build(d.testDocuments(), items, rng);
      if (!task.items().isEmpty()) {
        tasks.add(task); // a domain with too few test documents yields no items, and no task
      }
    }
    return tasks;
  }
}
