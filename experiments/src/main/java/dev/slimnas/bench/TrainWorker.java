package dev.slimnas.bench;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The DL4J side of {@code slimnas bench train}, run in its own JVM so that its peak RSS is its own:
 * builds the network of an architecture file ({@link Networks#build}, Nesterov SGD), trains it (or runs
 * inference) on one random batch for warm-up and then timed steps, and prints one JSON line with the
 * same fields as {@code torch_bench.py}: {@code images_per_s}, {@code params}, {@code peak_rss_mb}, plus
 * the ND4J backend and, with {@code --profile-steps}, a {@link StepProfile}.
 */
@Command(name = "bench-train-worker", mixinStandardHelpOptions = true,
    description = "DL4J side of 'slimnas bench train' (prints one JSON line).")
public final class TrainWorker implements Callable<Integer> {
  /** Training or inference throughput. */
  public enum Mode { train, infer }

  @Spec
  CommandSpec spec;

  @Option(names = "--arch", required = true, paramLabel = "FILE", description = "Architecture file (slimnas.arch).")
  Path arch;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", defaultValue = "2", description = "Threads asked for (set OMP_NUM_THREADS; reported).")
  int threads;

  @Option(names = "--mode", defaultValue = "train", description = "train or infer (default ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--profile-steps", defaultValue = "0",
      description = "After the timed steps, profile this many training steps (default ${DEFAULT-VALUE}: none).")
  int profileSteps;

  @Override
  public Integer call() {
    if (batch < 1 || steps < 1 || warmup < 0 || profileSteps < 0) {
      throw new CommandLine.ParameterException(spec.commandLine(),
          "batch and steps must be >= 1, warmup and profile-steps >= 0");
    }
    if (profileSteps > 0 && mode != Mode.train) {
      throw new CommandLine.ParameterException(spec.commandLine(), "--profile-steps needs --mode train");
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println(line(measure(SpecFiles.readArch(arch))));
    out.flush();
    return 0;
  }

  /** Builds, warms up, times, optionally profiles; the fields of the JSON line. */
  Map<String, Object> measure(ArchSpec a) {
    Nd4jSetup.ensure();
    ComputationGraph net = Networks.build(a, NetSettings.defaults(Seeds.derive(seed, "bench-weights")));
    RandomBatch data = RandomBatch.of(a, batch, Seeds.derive(seed, "bench-data"));
    INDArray[] x = {data.features()};
    INDArray[] y = {data.labels()};
    Runnable step = mode == Mode.train ? () -> net.fit(x, y) : () -> net.output(false, x);
    for (int i = 0; i < warmup; i++) {
      step.run();
    }
    long[] ns = new long[steps];
    long total = 0;
    long cpu0 = processCpuNanos();
    for (int i = 0; i < steps; i++) {
      long t = System.nanoTime();
      step.run();
      ns[i] = System.nanoTime() - t;
      total += ns[i];
    }
    long cpu = processCpuNanos() - cpu0;
    double peakRss = ProcStatus.peakRssMb(); // before the profile, whose extra workspaces take more memory
    Arrays.sort(ns);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("side", SideResult.DL4J);
    m.put("mode", mode.name());
    m.put("arch", a.name());
    m.put("images_per_s", (double) batch * steps / (total / 1e9));
    m.put("step_ms_median", ns[steps / 2] / 1e6);
    m.put("params", Networks.trainableParams(net));
    m.put("peak_rss_mb", peakRss);
    m.put("threads", threads);
    m.put("cpu_per_wall", cpu0 < 0 ? -1.0 : cpu / (double) total);
    m.put("java", System.getProperty("java.version"));
    m.put("nd4j", Nd4jSetup.describe());
    if (profileSteps > 0) {
      m.put("profile", StepProfiler.profile(net, data.features(), data.labels(), profileSteps));
    }
    return m;
  }

  /**
   * CPU time of this whole process (all threads, native ones included), or -1 where the JVM cannot
   * tell. Over the timed steps, CPU/wall near the thread count means the side had its cores; well below
   * it, other processes took them.
   */
  static long processCpuNanos() {
    if (java.lang.management.ManagementFactory.getOperatingSystemMXBean()
        instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getProcessCpuTime();
    }
    return -1;
  }

  /** A value as one compact JSON line. */
  static String line(Object value) {
    try {
      return Json.mapper().writer().without(SerializationFeature.INDENT_OUTPUT).writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot write the worker result", e);
    }
  }

  /** Runs the worker with {@code args}, printing to {@code out}; returns the exit code. */
  public static int run(PrintWriter out, PrintWriter err, String... args) {
    CommandLine cl = new CommandLine(new TrainWorker());
    cl.setCaseInsensitiveEnumValuesAllowed(true);
    cl.setOut(out);
    cl.setErr(err);
    int code = cl.execute(args);
    out.flush();
    err.flush();
    return code;
  }

  public static void main(String[] args) {
    System.exit(run(new PrintWriter(System.out), new PrintWriter(System.err), args));
  }
}
