package org.scalecast.harness.eval;

import java.util.List;

/**
 * One item: a context and its candidate continuations. Multiple-choice items have several choices
 * and a gold index; cloze items have one choice, the expected continuation.
 *
 * @param context the text before the continuation
 * @param choices candidate continuations, each scored by its log-likelihood given the context
 * @param gold index of the correct choice
 */
public record TaskItem(String context, List<String> choices, int gold) {
  /** Copies and checks. */
  public TaskItem {
    choices = List.copyOf(choices);
    if (gold < 0 || gold >= choices.size()) {
      throw new IllegalArgumentException(
          "gold " + gold + " is not one of " + choices.size() + " choices");
    }
  }
}
