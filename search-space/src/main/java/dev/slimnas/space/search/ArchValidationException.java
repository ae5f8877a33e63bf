package dev.slimnas.space.search;

import java.util.List;

/** An architecture breaks one or more rules of a space; every message names the block and the rule. */
public final class ArchValidationException extends IllegalArgumentException {
  private final transient List<String> violations;

  public ArchValidationException(String archName, String spaceName, List<String> violations) {
    super("architecture '" + archName + "' is not in space '" + spaceName + "': "
        + String.join("; ", violations));
    this.violations = List.copyOf(violations);
  }

  public List<String> violations() {
    return violations;
  }
}
