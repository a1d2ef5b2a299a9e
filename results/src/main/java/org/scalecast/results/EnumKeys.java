package org.scalecast.results;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * The one spelling of an enum constant in configs, tables, manifests and flags: its name in lower
 * case; parsing names the allowed keys when a key is unknown.
 */
public final class EnumKeys {
  private EnumKeys() {}

  /**
   * @param e a constant
   * @return its key
   */
  public static String key(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /**
   * @param type the enum
   * @param key a key
   * @param what what the key names, for the message (e.g. {@code role})
   * @param <E> the enum
   * @return the constant
   * @throws InputException naming the allowed keys
   */
  public static <E extends Enum<E>> E parse(Class<E> type, String key, String what) {
    for (E e : type.getEnumConstants()) {
      if (key(e).equals(key)) {
        return e;
      }
    }
    String allowed =
        Arrays.stream(type.getEnumConstants()).map(EnumKeys::key).collect(Collectors.joining(", "));
    throw new InputException("unknown " + what + " '" + key + "' (allowed: " + allowed + ")");
  }
}
