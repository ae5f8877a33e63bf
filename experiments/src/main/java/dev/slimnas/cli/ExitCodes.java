package dev.slimnas.cli;

/** The exit codes of every {@code slimnas} command. */
public final class ExitCodes {
  /** The command did what was asked. */
  public static final int OK = 0;
  /** A bug or an unexpected failure. */
  public static final int INTERNAL = 1;
  /** Bad input: options, files, specs, architectures outside a space or a latency model. */
  public static final int USAGE = 2;

  private ExitCodes() {}
}
