package dev.slimnas.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the command line in-process with captured output, for tests. */
public final class Cli {
  private Cli() {}

  /** Exit code and captured streams of one run. */
  public record Result(int exit, String out, String err) {
    /** The non-empty lines of stderr. */
    public java.util.List<String> errLines() {
      return err.lines().filter(l -> !l.isBlank()).toList();
    }

    @Override
    public String toString() {
      return "exit " + exit + "\n--- out\n" + out + "--- err\n" + err;
    }
  }

  /** {@link #run} with the data folder ({@code -Dslimnas.data}) set to {@code data} for the run, then restored. */
  public static Result runWithData(java.nio.file.Path data, String... args) {
    String key = dev.slimnas.supernet.data.DataLocator.PROPERTY;
    String before = System.getProperty(key);
    System.setProperty(key, data.toString());
    try {
      return run(args);
    } finally {
      if (before == null) {
        System.clearProperty(key);
      } else {
        System.setProperty(key, before);
      }
    }
  }

  public static Result run(String... args) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    int code = SlimnasCli.execute(new PrintWriter(out), new PrintWriter(err), args);
    return new Result(code, out.toString(), err.toString());
  }
}
