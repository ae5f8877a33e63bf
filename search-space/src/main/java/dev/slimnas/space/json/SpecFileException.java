package dev.slimnas.space.json;

import dev.slimnas.space.io.BadInput;

/**
 * A file the project reads is malformed or invalid. The message is one line naming the file, where in
 * it (line and column, JSON path) and the rule broken.
 */
public final class SpecFileException extends RuntimeException implements BadInput {
  public SpecFileException(String message) {
    super(message);
  }

  public SpecFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
