package dev.slimnas.cli.latency;

import dev.slimnas.cli.input.ArchOptions;
import dev.slimnas.ort.OrtLatency;
import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfilePlan;
import dev.slimnas.latency.profile.SampleStats;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.profile.Clock;
import dev.slimnas.supernet.profile.MeterSettings;
import dev.slimnas.supernet.profile.Profiler;
import dev.slimnas.supernet.profile.ThreadSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slimnas latency measure}: one architecture built as a DL4J network and timed end to end on this machine. */
@Command(name = "measure",
    footer = {"", "Examples:",
        "  slimnas latency measure --ref spnas-final-cifar",
        "  slimnas latency measure examples/arch/spnas-final-224.json --batch 8 --json",
        "  slimnas latency measure --ref spnas-final-cifar --runtime onnxruntime"},
    mixinStandardHelpOptions = true,
    description = "Build an architecture with the DL4J translator and measure its inference latency on this machine "
        + "(median and IQR of timed calls after warm-up). With --runtime onnxruntime the network is exported to ONNX "
        + "(BN folded) and timed in an ONNX Runtime CPU session with --threads intra-op threads, with the same "
        + "warm-up, rounds, clock and statistic.")
public final class LatencyMeasureCommand implements Callable<Integer> {
  /** Schema of the {@code --json} output. */
  public static final String SCHEMA = "slimnas.latency-measurement";

  @Spec
  CommandSpec spec;

  @Mixin
  ArchOptions arch;

  @Option(names = "--batch", defaultValue = "1", description = "Images per call (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--threads", defaultValue = "1",
      description = "Native threads (re-launches to set OMP_NUM_THREADS); 0 = as this process has (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--target-ms", defaultValue = "1000", paramLabel = "MS", description = "Time per round (default: ${DEFAULT-VALUE}).")
  double targetMs;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of weights and input (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--clock", defaultValue = "auto", paramLabel = "CLOCK", description = ClockOption.DESCRIPTION)
  String clock;

  @Option(names = "--statistic", defaultValue = "median", paramLabel = "STAT",
      description = "median, min or pNN, a quantile of the timings (default: ${DEFAULT-VALUE}).")
  String statistic;

  @Option(names = "--json", description = "Print one JSON line (schema " + SCHEMA + ").")
  boolean json;

  @Option(names = "--runtime", defaultValue = "dl4j", paramLabel = "RUNTIME",
      description = "dl4j (the DL4J network) or onnxruntime (its ONNX export in ONNX Runtime); default: ${DEFAULT-VALUE}.")
  String runtime;

  /** The {@code --json} document. */
  public record Result(String arch, String fingerprint, int batch, int threads, String clock, String statistic, long pid,
      Measurement latency, String runtime) {}

  @Override
  public Integer call() {
    PrintWriter o = spec.commandLine().getOut();
    boolean ort = runtime.equals("onnxruntime");
    if (!ort && !runtime.equals("dl4j")) {
      throw new ParameterException(spec.commandLine(), "--runtime must be dl4j or onnxruntime, got " + runtime);
    }
    if (batch < 1 || threads < 0) {
      throw new ParameterException(spec.commandLine(), "--batch must be >= 1 and --threads >= 0, got " + batch + " and " + threads);
    }
    if (!ort && ChildJvm.needsRelaunch(threads)) {
      return ChildJvm.run(spec.root().commandLine().getParseResult().originalArgs(), threads, o, spec.commandLine().getErr(),
          Duration.ofHours(1)).exit();
    }
    ArchSpec a = arch.load(null);
    int t = threads > 0 ? threads : ort ? Runtime.getRuntime().availableProcessors() : ThreadSettings.current();
    Clock c = ClockOption.resolve(clock, t);
    Measurement m = ort ? OrtLatency.measure(a, settings(batch, targetMs, seed, c, SampleStats.quantileOf(statistic)), threads)
        : measure(a, batch, targetMs, seed, c, SampleStats.quantileOf(statistic));
    if (json) {
      com.fasterxml.jackson.databind.node.ObjectNode n =
          Json.mapper().valueToTree(new Result(a.name(), Json.fingerprint(a), batch, t, c.id(), statistic, ProcessHandle.current().pid(), m, runtime));
      o.println(n.put("schema", SCHEMA).put("version", 1).toString());
    } else {
      o.printf(Locale.ROOT, "%s: %.3f ms %s, IQR %.3f ms (%d calls kept, %d outliers, %d round(s)); batch %d, %d thread(s), %s clock, %s%n",
          a.name(), m.ms(), statistic, m.spreadMs(), m.samples(), m.outliers(), m.rounds(), batch, t, c.id(),
          ort ? "ONNX Runtime" : "DL4J");
    }
    return 0;
  }

  /** Measures a whole network as the validation does. */
  static Measurement measure(ArchSpec a, int batch, double targetMs, long seed, Clock clock, double quantile) {
    MeterSettings s = settings(batch, targetMs, seed, clock, quantile);
    return new Profiler(s, seed).measure(new ProfilePlan.Item(new NetworkShape(a), a.activation()));
  }

  /** The end-to-end measurement settings: 5 calls / 300 ms warm-up, 15..500 calls per round, 10% IQR limit, 3 rounds. */
  static MeterSettings settings(int batch, double targetMs, long seed, Clock clock, double quantile) {
    return new MeterSettings(batch, 5, 300, 15, 500, targetMs, 0.10, 3, seed, clock, quantile);
  }
}
