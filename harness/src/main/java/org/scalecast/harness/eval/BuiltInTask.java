package org.scalecast.harness.eval;

import java.util.List;
import java.util.SplittableRandom;
import org.scalecast.harness.data.Document;
import org.scalecast.results.TaskKind;

/**
 * A built-in task's definition: its name, version, the domain whose held-out test documents its
 * items come from, how it is scored, its chance level and its generator. A new task is one subclass
 * plus one line in {@link Tasks}; a changed generator takes a new version.
 */
public abstract class BuiltInTask {
  private final String name;
  private final int version;
  private final String domain;
  private final TaskKind kind;

  /**
   * @param name task name, e.g. {@code text_cloze}
   * @param version definition version (part of every column name)
   * @param domain the domain its items come from, declared
   * @param kind choice or cloze
   */
  protected BuiltInTask(String name, int version, String domain, TaskKind kind) {
    this.name = name;
    this.version = version;
    this.domain = domain;
    this.kind = kind;
  }

  /**
   * @return the task's name
   */
  public final String name() {
    return name;
  }

  /**
   * @return its definition's version
   */
  public final int version() {
    return version;
  }

  /**
   * @return the domain its items come from
   */
  public final String domain() {
    return domain;
  }

  /**
   * @return how it is scored
   */
  public final TaskKind kind() {
    return kind;
  }

  /**
   * @param items the generated items
   * @return the main score of guessing on them
   */
  public abstract double chance(List<TaskItem> items);

  /**
   * Draws the items. Only the generator may use {@code rng}, in a fixed order, so the same
   * documents and seed always give the same items.
   *
   * @param docs the domain's held-out test documents
   * @param items items wanted (fewer when the documents do not allow more)
   * @param rng the task's generator, seeded per task
   * @return the items
   */
  public abstract List<TaskItem> generate(List<Document> docs, int items, SplittableRandom rng);

  /**
   * @param docs the domain's test documents
   * @param items items wanted
   * @param rng the task's generator
   * @return the task with its items
   */
  public final Task build(List<Document> docs, int items, SplittableRandom rng) {
    List<TaskItem> it = generate(docs, items, rng);
    return new Task(name, version, domain, kind, chance(it), it);
  }
}
