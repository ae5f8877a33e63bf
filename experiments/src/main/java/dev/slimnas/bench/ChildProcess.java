package dev.slimnas.bench;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

/** Runs a benchmark side as a child process with its own environment and a time limit. */
public final class ChildProcess {
  private ChildProcess() {}

  /**
   * What a child left behind.
   *
   * @param exit the exit code, or -1 when it was killed at the time limit
   */
  public record Outcome(int exit, String stdout, String stderr, boolean timedOut, Duration wall) {
    /** The last line of stdout that starts with a '{': a worker's result, whatever else it printed. */
    public Optional<String> lastJsonLine() {
      List<String> lines = stdout.lines().map(String::strip).filter(l -> l.startsWith("{")).toList();
      return lines.isEmpty() ? Optional.empty() : Optional.of(lines.get(lines.size() - 1));
    }

    /** The last {@code n} non-blank lines of stderr, joined with " | ", for error messages. */
    public String stderrTail(int n) {
      List<String> lines = stderr.lines().filter(l -> !l.isBlank()).toList();
      return String.join(" | ", lines.subList(Math.max(0, lines.size() - n), lines.size()));
    }

    public boolean ok() {
      return !timedOut && exit == 0;
    }
  }

  /**
   * Runs {@code command} with {@code env} added to this process's environment (a {@code null} value
   * removes the variable), stdout and stderr
   * captured through temporary files; a child still running after {@code timeout} is killed.
   */
  public static Outcome run(List<String> command, Map<String, String> env, Duration timeout) {
    Path out = null;
    Path err = null;
    try {
      out = Files.createTempFile("slimnas-child", ".out");
      err = Files.createTempFile("slimnas-child", ".err");
      ProcessBuilder pb = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
      env.forEach((k, v) -> {
        if (v == null) {
          pb.environment().remove(k);
        } else {
          pb.environment().put(k, v);
        }
      });
      long t0 = System.nanoTime();
      Process p;
      try {
        p = pb.start();
      } catch (IOException e) {
        return new Outcome(127, "", "cannot start " + command.get(0) + ": " + e.getMessage(), false, Duration.ZERO);
      }
      // a child must not outlive the benchmark when it is stopped (Ctrl-C)
      Thread reaper = new Thread(p::destroyForcibly, "slimnas-child-reaper");
      Runtime.getRuntime().addShutdownHook(reaper);
      boolean done;
      try {
        done = p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS);
        if (!done) {
          p.destroyForcibly();
          p.waitFor(30, TimeUnit.SECONDS);
        }
      } finally {
        if (p.isAlive()) {
          p.destroyForcibly();
        }
        try {
          Runtime.getRuntime().removeShutdownHook(reaper);
        } catch (IllegalStateException shuttingDown) {
          // the hook runs anyway
        }
      }
      Duration wall = Duration.ofNanos(System.nanoTime() - t0);
      return new Outcome(done ? p.exitValue() : -1, Files.readString(out, StandardCharsets.UTF_8),
          Files.readString(err, StandardCharsets.UTF_8), !done, wall);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot capture the output of " + command.get(0), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for " + command.get(0), e);
    } finally {
      deleteQuietly(out);
      deleteQuietly(err);
    }
  }

  private static void deleteQuietly(Path p) {
    if (p != null) {
      try {
        Files.deleteIfExists(p);
      } catch (IOException ignored) {
        // a temporary file left behind is harmless
      }
    }
  }
}
