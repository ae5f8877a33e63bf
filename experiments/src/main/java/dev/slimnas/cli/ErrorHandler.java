package dev.slimnas.cli;

import dev.slimnas.space.io.BadInput;
import dev.slimnas.space.io.OutputPaths;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.FileSystemException;
import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.IExecutionExceptionHandler;
import picocli.CommandLine.IParameterExceptionHandler;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * Turns every failure into an exit code and one line on stderr: {@code slimnas: error: ...} with
 * code 2 for bad input, {@code slimnas: internal error: ...} with code 1 for bugs; the stack trace
 * follows only with {@code --verbose}.
 */
public final class ErrorHandler implements IParameterExceptionHandler, IExecutionExceptionHandler {

  @Override
  public int handleParseException(ParameterException ex, String[] args) {
    CommandLine cl = ex.getCommandLine();
    String help = "see '" + cl.getCommandSpec().qualifiedName() + " --help'";
    report(cl.getErr(), ExitCodes.USAGE, ex.getMessage() + " (" + help + ")", ex, verbose(args));
    return ExitCodes.USAGE;
  }

  @Override
  public int handleExecutionException(Exception ex, CommandLine cl, ParseResult parseResult) {
    if (ex instanceof ParameterException p) {
      return handleParseException(p, parseResult.originalArgs().toArray(String[]::new));
    }
    int code = exitCode(ex);
    String message = code == ExitCodes.USAGE ? messageOf(ex)
        : ex.getClass().getName() + (ex.getMessage() == null ? "" : ": " + ex.getMessage());
    report(cl.getErr(), code, message, ex, verbose(parseResult.originalArgs().toArray(String[]::new)));
    return code;
  }

  /**
   * 2 for bad input ({@link BadInput}: spec and data files; validation, illegal arguments, missing files; a
   * file-system refusal such as a file where a folder belongs or a missing permission), 1 for anything else.
   */
  public static int exitCode(Throwable t) {
    if (t instanceof ParameterException || t instanceof BadInput || t instanceof IllegalArgumentException
        || t instanceof UncheckedIOException || t instanceof FileSystemException) {
      return ExitCodes.USAGE;
    }
    return ExitCodes.INTERNAL;
  }

  private static String messageOf(Throwable t) {
    if (t instanceof FileSystemException f) {
      return OutputPaths.describe(f); // its own message is often just the path
    }
    String m = t.getMessage();
    if (m == null || m.isBlank()) {
      return t.getClass().getSimpleName();
    }
    return m;
  }

  private static void report(PrintWriter err, int code, String message, Throwable t, boolean verbose) {
    String line = message.replaceAll("\\s*\\R\\s*", " ").strip();
    if (code == ExitCodes.USAGE) {
      err.println("slimnas: error: " + line);
    } else {
      err.println("slimnas: internal error: " + line + (verbose ? "" : " (run with --verbose for the stack trace)"));
    }
    if (verbose) {
      t.printStackTrace(err);
    }
    err.flush();
  }

  /** True when {@code --verbose} appears among the options (before a {@code --} end-of-options marker). */
  static boolean verbose(String[] args) {
    if (args == null) {
      return false;
    }
    int end = Arrays.asList(args).indexOf("--");
    return Arrays.asList(args).subList(0, end < 0 ? args.length : end).contains("--verbose");
  }
}
