package dev.slimnas.space.io;

/**
 * A run folder in a state the command cannot work with (in use by another process, already holding a
 * run, no usable checkpoint): the user fixes it (another {@code --out}, {@code --resume}, waiting), so the
 * command line reports it as bad input, one line naming the folder.
 */
public class RunFolderException extends IllegalStateException implements BadInput {
  private static final long serialVersionUID = 1L;

  public RunFolderException(String message) {
    super(message);
  }

  public RunFolderException(String message, Throwable cause) {
    super(message, cause);
  }
}
