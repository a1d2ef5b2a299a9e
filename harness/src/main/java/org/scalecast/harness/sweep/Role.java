package org.scalecast.harness.sweep;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/**
 * A run's part in a prediction: the laws are fitted on sampling runs and checked on the target, a
 * larger run that is held out (FLP, Chen et al. 2024).
 */
public enum Role {
  SAMPLING,
  TARGET;

  /**
   * @return the name in configs, tables and flags
   */
  @JsonValue
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
