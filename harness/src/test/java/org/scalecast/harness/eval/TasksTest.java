package org.scalecast.harness.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.scalecast.harness.data.DomainTokens;
import org.scalecast.harness.sweep.EvalSettings;
import org.scalecast.results.Columns;
import org.scalecast.results.InputException;
import org.scalecast.results.TaskMetric;

/** The built-in task registry: unique names, every task resolvable and built, domains declared. */
class TasksTest {
  @Test
  void namesAreUniqueAndInRegistrationOrder() {
    List<String> names = Tasks.names();
    assertEquals(names.size(), new HashSet<>(names).size(), names.toString());
    assertEquals(names, Tasks.all().stream().map(BuiltInTask::name).toList());
    assertEquals(names, TaskSuite.BUILT_IN);
    assertEquals(names, EvalSettings.defaults().tasks());
    assertFalse(names.isEmpty());
  }

  @Test
  void everyRegisteredTaskResolvesAndBuildsFromItsDeclaredDomainAlone() {
    Map<String, DomainTokens> domains =
        Map.of(
            "text", TaskItemsGoldenTest.domain("text", TaskItemsGoldenTest.prose(1)),
            "code", TaskItemsGoldenTest.domain("code", TaskItemsGoldenTest.code(2)));
    for (BuiltInTask def : Tasks.all()) {
      assertSame(def, Tasks.byName(def.name()));
      assertTrue(Tasks.contains(def.name()));
      assertTrue(def.version() >= 1, def.name());
      assertNotNull(def.kind(), def.name());
      assertNotNull(def.domain(), def.name());
      assertFalse(def.domain().isBlank(), def.name());
      // Only the declared domain is offered: the task must come from it, not from its name.
      List<Task> built =
          TaskSuite.build(
              List.of(def.name()), Map.of(def.domain(), domains.get(def.domain())), 16, 0);
      assertEquals(1, built.size(), def.name());
      Task t = built.get(0);
      assertEquals(def.domain(), t.domain());
      assertEquals(def.kind(), t.kind());
      assertEquals(def.chance(t.items()), t.chance());
      assertTrue(t.chance() >= 0 && t.chance() < 1, def.name() + " chance " + t.chance());
      assertEquals(
          Columns.task(def.name(), def.version(), def.kind().mainMetric()),
          t.column(def.kind().mainMetric()));
      assertEquals(def.name() + "_v" + def.version() + "_loss", t.column(TaskMetric.LOSS));
      // Without its domain the task is skipped.
      assertTrue(TaskSuite.build(List.of(def.name()), Map.of(), 16, 0).isEmpty());
    }
  }

  @Test
  void anUnknownNameNamesTheKnownTasks() {
    InputException e = assertThrows(InputException.class, () -> Tasks.byName("nope"));
    assertTrue(e.getMessage().contains("unknown task 'nope'"), e.getMessage());
    assertTrue(e.getMessage().contains(String.join(", ", Tasks.names())), e.getMessage());
  }
}
