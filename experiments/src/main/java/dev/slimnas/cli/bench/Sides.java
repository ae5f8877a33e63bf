package dev.slimnas.cli.bench;

import dev.slimnas.bench.ChildProcess;
import dev.slimnas.bench.SideResult;
import dev.slimnas.bench.TrainWorker;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The command lines of the two benchmark sides: the DL4J worker in a JVM like this one (same java,
 * class path and {@code -D}/{@code -X} options), and {@code torch_bench.py} under a Python interpreter;
 * both with the thread count in their environment.
 */
final class Sides {
  static final String HELPERS = "-Dorg.eclipse.deeplearning4j.helpers.disable=false";
  static final String SCRIPT = "experiments/src/main/python/torch_bench.py";

  private Sides() {}

  /**
   * A side's environment: OpenMP, MKL and OpenBLAS limited to {@code threads}; the DL4J side with
   * SlimNAS's OpenMP spin count (as the launcher runs it, or the value this process has), the PyTorch
   * side with OpenMP's own defaults (spin count and wait policy removed: a short spin costs PyTorch
   * ~20% here, and it runs out of the box without one).
   */
  static Map<String, String> env(String side, int threads) {
    String t = Integer.toString(threads);
    Map<String, String> env = new HashMap<>(Map.of("OMP_NUM_THREADS", t, "MKL_NUM_THREADS", t, "OPENBLAS_NUM_THREADS", t));
    if (side.equals(SideResult.DL4J)) {
      env.put(Nd4jSetup.SPIN_COUNT_ENV, dl4jSpinCount());
    } else {
      env.put(Nd4jSetup.SPIN_COUNT_ENV, null);
      env.put("OMP_WAIT_POLICY", null);
    }
    return env;
  }

  /** The DL4J side's {@code GOMP_SPINCOUNT}: this process's, else SlimNAS's default. */
  static String dl4jSpinCount() {
    String own = System.getenv(Nd4jSetup.SPIN_COUNT_ENV);
    return own == null || own.isBlank() ? Nd4jSetup.SPIN_COUNT : own;
  }

  /** The arguments both workers take, after the architecture file. */
  static List<String> common(BenchTrainCommand.Run r) {
    return List.of("--batch", Integer.toString(r.batch()), "--steps", Integer.toString(r.steps()),
        "--warmup", Integer.toString(r.warmup()), "--threads", Integer.toString(r.threads()),
        "--mode", r.mode(), "--seed", Long.toString(r.seed()));
  }

  /** The DL4J worker's command line; {@code profileSteps > 0} adds a profile after the timed steps. */
  static List<String> dl4j(Path archFile, BenchTrainCommand.Run r, int profileSteps) {
    List<String> c = new ArrayList<>();
    c.add(ProcessHandle.current().info().command().orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString()));
    boolean helpers = false;
    for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
      if (a.startsWith("-D") || (a.startsWith("-X") && !a.startsWith("-Xdebug") && !a.startsWith("-Xrun"))) {
        c.add(a);
        helpers |= a.startsWith("-Dorg.eclipse.deeplearning4j.helpers.disable=");
      }
    }
    if (!helpers) {
      c.add(HELPERS);
    }
    c.add("-cp");
    c.add(System.getProperty("java.class.path"));
    c.add(TrainWorker.class.getName());
    c.add("--arch");
    c.add(archFile.toString());
    c.addAll(common(r));
    if (profileSteps > 0) {
      c.add("--profile-steps");
      c.add(Integer.toString(profileSteps));
    }
    return c;
  }

  /** The PyTorch side's command line; {@code profileSteps > 0} adds a profile after the timed steps. */
  static List<String> pytorch(String python, Path script, Path archFile, BenchTrainCommand.Run r, int profileSteps) {
    List<String> c = new ArrayList<>(List.of(python, script.toString(), archFile.toString()));
    c.addAll(common(r));
    if (profileSteps > 0) {
      c.add("--profile-steps");
      c.add(Integer.toString(profileSteps));
    }
    return c;
  }

  /** {@code torch_bench.py}: the given path, else under {@code -Dslimnas.home} (set by ./slimnas), else under the working directory. */
  static Path script(Path given) {
    if (given != null) {
      return given;
    }
    String home = System.getProperty("slimnas.home");
    return home != null ? Path.of(home).resolve(SCRIPT) : Path.of(SCRIPT);
  }

  /**
   * Why the PyTorch side cannot run, or null when it can: the script must exist and {@code python}
   * must import torch. The torch version goes to {@code version[0]}.
   */
  static String pytorchProblem(String python, Path script, String[] version) {
    if (!Files.isRegularFile(script)) {
      return "the PyTorch script " + script + " does not exist (run from the repository or pass --torch-script)";
    }
    ChildProcess.Outcome o = ChildProcess.run(List.of(python, "-c", "import torch; print(torch.__version__)"),
        Map.of(), Duration.ofSeconds(120));
    if (!o.ok()) {
      String why = o.stderrTail(1);
      return python + " cannot import torch" + (why.isEmpty() ? "" : " (" + why + ")")
          + "; install Debian's python3-torch or pass --python";
    }
    version[0] = o.stdout().strip();
    return null;
  }
}
