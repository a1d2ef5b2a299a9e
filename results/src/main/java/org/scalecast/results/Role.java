package org.scalecast.results;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

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
    return EnumKeys.key(this);
  }

  /**
   * @param key a name from a config, a table or a flag
   * @return the role
   * @throws InputException naming the allowed roles
   */
  @JsonCreator
  public static Role of(String key) {
    return EnumKeys.parse(Role.class, key, "role");
  }
}
