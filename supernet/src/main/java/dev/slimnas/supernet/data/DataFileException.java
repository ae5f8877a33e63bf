package dev.slimnas.supernet.data;

import dev.slimnas.space.io.BadInput;

/**
 * A data file or archive is missing, malformed, unsafe or inconsistent. The message is one line naming
 * the file (and the entry inside an archive) and what is wrong.
 */
public final class DataFileException extends RuntimeException implements BadInput {
  public DataFileException(String message) {
    super(message);
  }

  public DataFileException(String message, Throwable cause) {
    super(message, cause);
  }
}
