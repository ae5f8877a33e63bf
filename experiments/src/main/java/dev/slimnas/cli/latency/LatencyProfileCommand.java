package dev.slimnas.cli.latency;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.input.Spaces;
import dev.slimnas.latency.profile.DeviceInfo;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.ProfileEntry;
import dev.slimnas.latency.profile.ProfilePlan;
import dev.slimnas.latency.profile.SampleStats;
import dev.slimnas.ort.OrtParts;
import dev.slimnas.ort.OrtSessions;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.profile.Clock;
import dev.slimnas.supernet.profile.LocalDevice;
import dev.slimnas.supernet.profile.MeterSettings;
import dev.slimnas.supernet.profile.ProfileListener;
import dev.slimnas.supernet.profile.Profiler;
import dev.slimnas.supernet.profile.ThreadSettings;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas latency profile}: measures a device profile of one or more spaces on this machine. */
@Command(name = "profile",
    footer = {"", "Examples:",
        "  slimnas latency profile --out runs/latency/local-cpu.json",
        "  slimnas latency profile --space spnas-cifar,spnas-224 --out runs/latency/local-cpu.json --threads 1",
        "  slimnas latency profile --space spnas-cifar --batch 8 --out runs/latency/local-cpu-b8.json",
        "  slimnas latency profile --runtime onnxruntime --space spnas-cifar,spnas-224 --out runs/latency/ort-cpu-1t.json",
        "  slimnas latency profile --runtime onnxruntime --threads 0 --clock wall --out runs/latency/ort-cpu-all.json",
        "", "A killed run continues where it stopped: run the same command again (entries in --out are kept)."},
    mixinStandardHelpOptions = true,
    description = {"Measure on this machine (ND4J CPU backend, inference, fixed batch and thread count) the latency of "
        + "every block position x op of the given spaces at the chosen width multipliers and resolutions, of a few "
        + "random architectures' blocks, of stem, head and the call overhead, and of a few whole networks "
        + "(for the calibration); write a device profile (schema slimnas.latency-profile) after every entry.",
        "With --runtime onnxruntime every part is the ONNX model cut out of the export (opset 13, BN folded) of the "
        + "same carrier network, run in an ONNX Runtime CPU session with --threads intra-op threads (0 = one per core); "
        + "the profile records the runtime, and 'slimnas latency fit' / '--device FILE' use it like any profile."})
public final class LatencyProfileCommand implements Callable<Integer>, WritesRunFolder {
  /** Untimed calls before the first ONNX Runtime measurement (its kernels need no JIT; the JNI path does). */
  static final double ORT_WARMUP_MS = 1000;

  @Spec
  CommandSpec spec;

  @Option(names = "--space", split = ",", defaultValue = "spnas-cifar", paramLabel = "SPACE",
      description = "Space name(s) or space JSON file(s) (default: ${DEFAULT-VALUE}).")
  List<String> spaces;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Profile JSON to write (and resume from).")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Override
  public boolean runFolderIsFile() {
    return true;
  }

  @Option(names = "--multipliers", split = ",", defaultValue = "0.25,0.5,0.75,1.0", paramLabel = "M",
      description = "Uniform width multipliers (default: ${DEFAULT-VALUE}).")
  List<Double> multipliers;

  @Option(names = "--resolutions", split = ",", paramLabel = "R", description = "Input resolutions (default: each space's own).")
  List<Integer> resolutions = new ArrayList<>();

  @Option(names = "--random-archs", defaultValue = "2", paramLabel = "N",
      description = "Random architectures per space whose every block x op is measured (default: ${DEFAULT-VALUE}).")
  int randomArchs;

  @Option(names = "--networks", defaultValue = "6", paramLabel = "N",
      description = "Random whole networks per space, for the calibration (default: ${DEFAULT-VALUE}).")
  int networks;

  @Option(names = "--batch", defaultValue = "1", description = "Images per inference call (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--threads", defaultValue = "1",
      description = "Native threads (OMP_NUM_THREADS; the command re-launches itself to set it); 0 = as this process has (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of the random architectures and inputs (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--device-id", paramLabel = "ID",
      description = "Profile id (default: local-cpu, or ort-cpu-<threads>t with --runtime onnxruntime).")
  String deviceId;

  @Option(names = "--runtime", defaultValue = "dl4j", paramLabel = "RUNTIME",
      description = "dl4j (DL4J graphs, ND4J CPU) or onnxruntime (ONNX exports in ONNX Runtime CPU); default: ${DEFAULT-VALUE}.")
  String runtime;

  @Option(names = "--target-ms", defaultValue = "400", paramLabel = "MS",
      description = "Timed calls per entry and round run at least this long (default: ${DEFAULT-VALUE}).")
  double targetMs;

  @Option(names = "--max-spread", defaultValue = "0.10", paramLabel = "F",
      description = "Re-measure an entry whose IQR exceeds this fraction of its median, up to 3 rounds (default: ${DEFAULT-VALUE}).")
  double maxSpread;

  @Option(names = "--clock", defaultValue = "auto", paramLabel = "CLOCK", description = ClockOption.DESCRIPTION)
  String clock;

  @Option(names = "--statistic", defaultValue = "median", paramLabel = "STAT",
      description = "Value of an entry: median, min or pNN, a quantile of the timings (default: ${DEFAULT-VALUE}).")
  String statistic;

  @Option(names = "--quick", description = "Few short samples per entry (a smoke run, not a profile to trust).")
  boolean quick;

  @Option(names = "--dry-run", description = "Print what would be measured and stop.")
  boolean dryRun;

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Override
  public Integer call() {
    OutputPaths.checkFile(out, "--out"); // before any measurement or re-launch
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    boolean ort = runtime.equals(OrtSessions.RUNTIME);
    if (!ort && !runtime.equals("dl4j")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runtime must be dl4j or onnxruntime, got " + runtime);
    }
    if (!ort && !dryRun && ChildJvm.needsRelaunch(threads)) {
      err.println("slimnas: re-launching with " + ThreadSettings.ENV + "=" + threads + " (native threads are fixed at JVM start)");
      err.flush();
      return ChildJvm.run(spec.root().commandLine().getParseResult().originalArgs(), threads, o, err, Duration.ofDays(2)).exit();
    }
    ProfilePlan plan = plan();
    if (dryRun) {
      o.println(describe(plan));
      return 0;
    }
    int t = threads > 0 ? threads : ort ? Runtime.getRuntime().availableProcessors() : ThreadSettings.current();
    Clock c = ClockOption.resolve(clock, t);
    MeterSettings ms = new MeterSettings(batch, 5, 150, 15, 300, targetMs, maxSpread, 3, seed, c, SampleStats.quantileOf(statistic));
    if (quick) {
      ms = ms.quick();
    }
    String id = deviceId != null ? deviceId : ort ? "ort-cpu-" + t + "t" : "local-cpu";
    DeviceInfo device = ort ? OrtParts.device(id, t, batch) : LocalDevice.describe(id, t, batch);
    LatencyProfile start = Files.exists(out) ? resumable(LatencyProfile.read(out), device) : LatencyProfile.empty(device, c.id(), statistic, provenance());
    o.println(describe(plan) + (start.entries().isEmpty() ? "" : "; " + start.entries().size() + " entries already in " + out));
    o.flush();
    long t0 = System.nanoTime();
    ProfileListener listener = noProgress ? new ProfileListener() {} : new ProfileProgress(System.err, "profile");
    Profiler profiler = ort ? new Profiler(ms, new OrtParts(seed, batch, t), ORT_WARMUP_MS) : new Profiler(ms, seed);
    LatencyProfile done = profiler.run(start, plan, out, listener);
    Provenance.of(out.getFileName().toString(), "latency-profile", seed, null, new LinkedHashMap<>(done.provenance())).writeBeside(out);
    o.println(summary(done, (System.nanoTime() - t0) / 1e9));
    return 0;
  }

  private ProfilePlan plan() {
    ProfilePlan.Settings s = new ProfilePlan.Settings(multipliers, resolutions, randomArchs, networks, seed);
    ProfilePlan plan = null;
    for (String name : spaces) {
      ProfilePlan p = ProfilePlan.forSpace(Spaces.resolve(name), s);
      plan = plan == null ? p : plan.plus(p);
    }
    return plan;
  }

  private String describe(ProfilePlan plan) {
    Map<String, Long> kinds = new LinkedHashMap<>();
    plan.parts().forEach(p -> kinds.merge(p.key().substring(0, p.key().indexOf(':')), 1L, Long::sum));
    return "plan: " + plan.size() + " parts " + kinds + " for " + spaces + " in " + runtime + " at multipliers " + multipliers
        + (resolutions.isEmpty() ? "" : ", resolutions " + resolutions) + ", batch " + batch + ", threads " + threads
        + ", clock " + clock + ", statistic " + statistic;
  }

  private Map<String, String> provenance() {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("command", "slimnas " + String.join(" ", spec.root().commandLine().getParseResult().originalArgs()));
    p.put("gitCommit", Provenance.captureGitCommit());
    p.put("created", java.time.Instant.now().toString());
    p.put("java", System.getProperty("java.version"));
    Nd4jSetup.describe().forEach((k, v) -> p.put("nd4j." + k, String.valueOf(v)));
    p.put("OMP_NUM_THREADS", String.valueOf(System.getenv(ThreadSettings.ENV)));
    p.put("runtime", runtime);
    if (runtime.equals(OrtSessions.RUNTIME)) {
      p.put("onnxruntime", OrtSessions.version());
      p.put("onnxruntime.session", "intra-op threads " + (threads > 0 ? threads : Runtime.getRuntime().availableProcessors())
          + ", inter-op 1, sequential, all graph optimisations, CPU execution provider; parts cut out of the carrier's "
          + "ONNX export (opset " + dev.slimnas.supernet.onnx.OnnxExporter.OPSET + ", BN folded)");
    }
    p.put("timing", statistic + " of timed " + (runtime.equals("dl4j") ? "output()" : "session.run()") + " calls after "
        + "warm-up; outliers outside Tukey's fences dropped; re-measured (up to 3 rounds) when IQR/median > " + maxSpread);
    return p;
  }

  /** The existing profile, if it was measured under the same conditions. */
  private LatencyProfile resumable(LatencyProfile existing, DeviceInfo now) {
    DeviceInfo d = existing.device();
    if (!d.id().equals(now.id()) || d.batch() != now.batch() || d.threads() != now.threads() || !d.cpu().equals(now.cpu())
        || !d.runtime().equals(now.runtime())) {
      throw new IllegalArgumentException(out + " holds profile '" + d.id() + "' (" + d.cpu() + ", " + d.runtime() + ", batch "
          + d.batch() + ", " + d.threads() + " threads), not this run's conditions (" + now.id() + ", " + now.cpu() + ", "
          + now.runtime() + ", batch " + now.batch() + ", " + now.threads() + " threads): use another --out");
    }
    return existing;
  }

  static String summary(LatencyProfile p, double seconds) {
    List<ProfileEntry> e = p.entries();
    double[] rel = e.stream().mapToDouble(x -> x.latency().relativeSpread()).sorted().toArray();
    long again = e.stream().filter(x -> x.latency().rounds() > 1).count();
    return String.format(Locale.ROOT, "profile %s: %d entries (%.0f s); IQR/median: median %.1f%%, max %.1f%%; %d entries "
        + "re-measured for a high spread", p.device().id(), e.size(), seconds, 100 * rel[rel.length / 2], 100 * rel[rel.length - 1],
        again);
  }
}
