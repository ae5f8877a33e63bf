package dev.slimnas.cli.latency;

import dev.slimnas.supernet.profile.ThreadSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the command line in a fresh JVM (same java, JVM options and class path) with a fixed native
 * thread count: how a measuring command fixes its threads ({@code OMP_NUM_THREADS} is read only at
 * start-up) and how the noise check gets independent processes.
 */
final class ChildJvm {
  /** Set in a child, so it never re-launches itself again. */
  static final String GUARD = "SLIMNAS_LATENCY_CHILD";

  private ChildJvm() {}

  /** What a child printed and how it ended. */
  record Result(int exit, String stdout) {}

  static Map<String, String> threadEnv(int threads) {
    String t = Integer.toString(threads);
    return Map.of(ThreadSettings.ENV, t, "MKL_NUM_THREADS", t, "OPENBLAS_NUM_THREADS", t, GUARD, "1");
  }

  /** True when this process must re-launch to get {@code threads} native threads. */
  static boolean needsRelaunch(int threads) {
    return threads > 0 && !ThreadSettings.environmentAgrees(threads) && System.getenv(GUARD) == null;
  }

  static List<String> command(List<String> cliArgs) {
    List<String> cmd = new ArrayList<>();
    cmd.add(ProcessHandle.current().info().command()
        .orElse(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (!a.startsWith("-agentlib") && !a.startsWith("-javaagent")) {
        cmd.add(a);
      }
    }
    cmd.add("-cp");
    cmd.add(System.getProperty("java.class.path"));
    cmd.add("dev.slimnas.cli.SlimnasCli");
    cmd.addAll(cliArgs);
    return cmd;
  }

  /**
   * Runs {@code cliArgs} in a child with {@code threads} threads; its stdout and stderr are copied to
   * {@code out} and {@code err} as they come (when not null) and stdout is also returned.
   */
  static Result run(List<String> cliArgs, int threads, PrintWriter out, PrintWriter err, Duration timeout) {
    ProcessBuilder pb = new ProcessBuilder(command(cliArgs));
    pb.environment().putAll(threadEnv(threads));
    try {
      Process p = pb.start();
      Thread reaper = new Thread(p::destroy, "child-reaper"); // a killed parent takes its child along
      Runtime.getRuntime().addShutdownHook(reaper);
      StringBuilder captured = new StringBuilder();
      Thread o = pump(p.getInputStream(), out, captured);
      Thread e = pump(p.getErrorStream(), err, null);
      if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        throw new IllegalStateException("child process '" + String.join(" ", cliArgs) + "' did not finish within " + timeout);
      }
      o.join();
      e.join();
      try {
        Runtime.getRuntime().removeShutdownHook(reaper);
      } catch (IllegalStateException shuttingDown) {
        // the JVM is already exiting; the hook is harmless
      }
      return new Result(p.exitValue(), captured.toString());
    } catch (IOException x) {
      throw new UncheckedIOException("cannot start a child JVM: " + x.getMessage(), x);
    } catch (InterruptedException x) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting for a child JVM", x);
    }
  }

  private static Thread pump(InputStream in, PrintWriter to, StringBuilder copy) {
    Thread t = new Thread(() -> {
      try (in) {
        byte[] buf = new byte[8192];
        int n;
        while ((n = in.read(buf)) > 0) {
          String s = new String(buf, 0, n, StandardCharsets.UTF_8);
          if (copy != null) {
            copy.append(s);
          }
          if (to != null) {
            synchronized (to) {
              to.print(s);
              to.flush();
            }
          }
        }
      } catch (IOException ignored) {
        // the child went away; what it printed so far is kept
      }
    }, "child-output");
    t.setDaemon(true);
    t.start();
    return t;
  }
}
