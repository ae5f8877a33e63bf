package dev.slimnas.cli.latency;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.input.Spaces;
import dev.slimnas.cli.text.Table;
import dev.slimnas.latency.fit.Calibration;
import dev.slimnas.latency.fit.ErrorStats;
import dev.slimnas.latency.fit.WidthAwarePredictor;
import dev.slimnas.latency.profile.LatencyProfile;
import dev.slimnas.latency.profile.Measurement;
import dev.slimnas.latency.profile.SampleStats;
import dev.slimnas.optimizers.ranking.RankCorrelation;
import dev.slimnas.ort.OrtLatency;
import dev.slimnas.ort.OrtSessions;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.profile.Clock;
import dev.slimnas.supernet.profile.LocalDevice;
import dev.slimnas.supernet.profile.ThreadSettings;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code slimnas latency validate}: the fitted predictor against end-to-end measurements of random networks. */
@Command(name = "validate",
    footer = {"", "Examples:",
        "  slimnas latency profile --space spnas-cifar,spnas-224 --out runs/latency/local-cpu.json",
        "  slimnas latency validate --profile runs/latency/local-cpu.json",
        "  slimnas latency validate --profile runs/latency/local-cpu.json --full --noise 10",
        "  slimnas latency validate --runtime onnxruntime --profile runs/latency/ort-cpu-1t.json --full --noise 10",
        "", "A killed validation continues where it stopped: run the same command again (progress.json in --out).",
        "", "Targets (nn-Meter reports 99.0%% within +/-10%% on a phone CPU): >= 99%% within +/-10%%, MAPE <= 3%%."},
    mixinStandardHelpOptions = true,
    description = {"Sample random architectures of the CIFAR-scale space (random per-layer widths) and of the 224 space, "
        + "build each with the DL4J translator, measure it end to end on this machine, and compare with the width-aware "
        + "predictor fitted on a profile made beforehand: MAPE, RMSE, Spearman, Kendall tau, share within +/-10%%. "
        + "With --runtime onnxruntime each network is exported to ONNX (BN folded) and timed in an ONNX Runtime session, "
        + "against a profile measured in ONNX Runtime.",
        "Writes validation.json, validation.csv and scatter.png to --out; --noise measures one network in separate processes."})
public final class LatencyValidateCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Option(names = "--profile", required = true, paramLabel = "FILE", description = "The device profile (made before, on this machine).")
  Path profileFile;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "The CIFAR-scale space (default: ${DEFAULT-VALUE}).")
  String smallSpace;

  @Option(names = "--archs", defaultValue = "20", paramLabel = "N", description = "Networks of --space (default: ${DEFAULT-VALUE}).")
  int archs;

  @Option(names = "--large-space", defaultValue = "spnas-224", paramLabel = "SPACE", description = "The 224 space (default: ${DEFAULT-VALUE}).")
  String largeSpace;

  @Option(names = "--archs-224", defaultValue = "5", paramLabel = "N", description = "Networks of --large-space (default: ${DEFAULT-VALUE}).")
  int archsLarge;

  @Option(names = "--full", description = "The full run of the issue: 200 + 50 networks.")
  boolean full;

  @Option(names = "--noise", defaultValue = "0", paramLabel = "K",
      description = "Also measure the first network in K separate processes and report the spread (default: off).")
  int noise;

  @Option(names = "--batch", defaultValue = "1", description = "Images per call; must be the profile's (default: ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--threads", defaultValue = "1",
      description = "Native threads (re-launches to set OMP_NUM_THREADS); 0 = as this process has (default: ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--target-ms", defaultValue = "500", paramLabel = "MS", description = "Timed calls per network run this long (default: ${DEFAULT-VALUE}).")
  double targetMs;

  @Option(names = "--seed", defaultValue = "2024", description = "Seed of the sampled networks (default: ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--out", paramLabel = "DIR", description = "Output folder (default: runs/latency/validate-<profile id>).")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Option(names = "--no-progress", description = "No progress bar.")
  boolean noProgress;

  @Option(names = "--runtime", defaultValue = "dl4j", paramLabel = "RUNTIME",
      description = "dl4j (DL4J networks) or onnxruntime (their ONNX exports in ONNX Runtime); must be the profile's (default: ${DEFAULT-VALUE}).")
  String runtime;

  @Override
  public Integer call() throws IOException {
    if (out != null) {
      OutputPaths.checkFolder(out, "--out"); // before any measurement or re-launch
    }
    PrintWriter o = spec.commandLine().getOut();
    boolean ort = runtime.equals(OrtSessions.RUNTIME);
    if (!ort && !runtime.equals("dl4j")) {
      throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--runtime must be dl4j or onnxruntime, got " + runtime);
    }
    if (!ort && ChildJvm.needsRelaunch(threads)) {
      spec.commandLine().getErr().println("slimnas: re-launching with " + ThreadSettings.ENV + "=" + threads);
      return ChildJvm.run(spec.root().commandLine().getParseResult().originalArgs(), threads, o, spec.commandLine().getErr(),
          Duration.ofDays(2)).exit();
    }
    LatencyProfile profile = ProfileSource.load(profileFile, null);
    if (profile.device().batch() != batch) {
      throw new IllegalArgumentException(profileFile + " was measured at batch " + profile.device().batch() + ", not " + batch);
    }
    boolean ortProfile = profile.device().runtime().startsWith("ONNX Runtime");
    if (ort != ortProfile) {
      throw new IllegalArgumentException(profileFile + " was measured in " + profile.device().runtime() + ", this validation runs "
          + runtime + ": give --runtime " + (ortProfile ? OrtSessions.RUNTIME : "dl4j") + " or a profile of " + runtime);
    }
    Clock clock = Clock.of(profile.clock());
    double quantile = SampleStats.quantileOf(profile.statistic());
    int t = threads > 0 ? threads : ort ? Runtime.getRuntime().availableProcessors() : ThreadSettings.current();
    if (ort && profile.device().threads() != t) {
      throw new IllegalArgumentException(profileFile + " was measured with " + profile.device().threads()
          + " intra-op thread(s), this validation uses " + t + ": give --threads " + profile.device().threads());
    }
    ClockOption.resolve(clock.id(), t);
    WidthAwarePredictor model = WidthAwarePredictor.fit(profile);
    WidthAwarePredictor sum = model.withCalibration(Calibration.none());
    List<ArchSpec> nets = new ArrayList<>();
    List<String> spaceOf = new ArrayList<>();
    sample(Spaces.resolve(smallSpace), full ? 200 : archs, nets, spaceOf);
    sample(Spaces.resolve(largeSpace), full ? 50 : archsLarge, nets, spaceOf);
    nets.forEach(model::predict); // refuse uncovered networks before measuring anything
    Path dir = out != null ? out : Path.of("runs", "latency", "validate-" + profile.device().id());
    OutputPaths.createFolder(dir, "--out");
    Map<String, String> conditions = conditions(t);
    conditions.put("clock", clock.id());
    conditions.put("statistic", profile.statistic());
    conditions.put("runtime", ort ? OrtSessions.RUNTIME + " " + OrtSessions.version() : "dl4j");
    conditions.put("profileSha256", dev.slimnas.space.io.Checksums.sha256(Files.readAllBytes(profileFile)));
    ValidationProgress progress = ValidationProgress.open(dir, settingsKey(conditions, nets, noise));
    conditions.put("loadavg.start", progress.loadavgStart(conditions.get("loadavg.start")));
    o.println(ProfileSource.describe(profile));
    o.printf(Locale.ROOT, "measuring %d networks end to end in %s (batch %d, %d thread(s), %s of the %s clock as the profile); "
        + "load average %s%s%n", nets.size(), ort ? "ONNX Runtime" : "DL4J", batch, t, profile.statistic(), clock.id(),
        loadAverage(), progress.rows().isEmpty() ? "" : "; " + progress.rows().size() + " already measured in " + dir);
    o.flush();
    List<ValidationReport.Row> rows = measure(nets, spaceOf, model, sum, clock, quantile, ort, t, progress);
    ValidationReport.NoiseReport noiseReport = noise > 0
        ? NoiseCheck.run(nets.get(0), noise, t, batch, targetMs, clock, profile.statistic(), runtime, o, progress)
        : ValidationReport.NoiseReport.none();
    conditions.put("loadavg.end", loadAverage());
    ValidationReport r = new ValidationReport(profile.device().id(), conditions, model.calibrations(),
        stats(rows, false), stats(rows, true), kendall(rows), noiseReport, rows);
    ValidationFiles.write(dir, r, seed);
    o.print(render(r));
    o.println("wrote " + dir.resolve(ValidationFiles.JSON) + ", " + ValidationFiles.CSV + ", " + ValidationFiles.PNG);
    return 0;
  }

  /** What must not change between a killed run and its continuation. */
  private Map<String, String> settingsKey(Map<String, String> conditions, List<ArchSpec> nets, int noiseProcesses) {
    Map<String, String> k = new LinkedHashMap<>(conditions);
    k.remove("loadavg.start");
    k.remove("profileFile");
    k.put("networks", dev.slimnas.space.io.Checksums.sha256(String.join(",", nets.stream().map(Json::fingerprint).toList())
        .getBytes(java.nio.charset.StandardCharsets.UTF_8)));
    k.put("noiseProcesses", Integer.toString(noiseProcesses));
    return k;
  }

  private void sample(SearchSpace space, int n, List<ArchSpec> nets, List<String> spaceOf) {
    SplittableRandom r = new SplittableRandom(seed ^ (0x9E3779B97F4A7C15L * (space.name().hashCode() + 1L)));
    for (int i = 0; i < n; i++) {
      nets.add(space.sampleUniform(r).withName(space.name() + "-val-" + i));
      spaceOf.add(space.name());
    }
  }

  private List<ValidationReport.Row> measure(List<ArchSpec> nets, List<String> spaceOf, WidthAwarePredictor model,
      WidthAwarePredictor sum, Clock clock, double quantile, boolean ort, int t, ValidationProgress progress) {
    List<ValidationReport.Row> rows = new ArrayList<>(progress.rows());
    ProgressBar bar = noProgress ? null : new ProgressBarBuilder().setTaskName("validate").setInitialMax(nets.size())
        .setStyle(ProgressBarStyle.ASCII).setConsumer(new ConsoleProgressBarConsumer(System.err)).setUnit(" nets", 1).build();
    try {
      if (bar != null) {
        bar.stepTo(rows.size());
      }
      for (int i = rows.size(); i < nets.size(); i++) {
        ArchSpec a = nets.get(i);
        Measurement m = ort ? OrtLatency.measure(a, LatencyMeasureCommand.settings(batch, targetMs, seed + i, clock, quantile), t)
            : LatencyMeasureCommand.measure(a, batch, targetMs, seed + i, clock, quantile);
        rows.add(new ValidationReport.Row(spaceOf.get(i), a.name(), Json.fingerprint(a), CostModel.of(a).macs() / 1e6, m.ms(),
            m.spreadMs(), model.predict(a), sum.predict(a)));
        progress.addRow(rows.get(i));
        if (bar != null) {
          bar.step();
          bar.setExtraMessage(String.format(Locale.ROOT, " %.2f ms, predicted %+.1f%%", m.ms(), rows.get(i).errorPct()));
        }
      }
    } finally {
      if (bar != null) {
        bar.close();
      }
    }
    return rows;
  }

  /** Kendall's tau-b between measured and predicted latency, per space and {@code all}. */
  static Map<String, Double> kendall(List<ValidationReport.Row> rows) {
    Map<String, List<ValidationReport.Row>> groups = new LinkedHashMap<>();
    for (ValidationReport.Row x : rows) {
      groups.computeIfAbsent(x.space(), k -> new ArrayList<>()).add(x);
    }
    groups.put("all", rows);
    Map<String, Double> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, v.size() < 2 ? 0.0 : RankCorrelation.kendallTauB(
        v.stream().mapToDouble(ValidationReport.Row::measuredMs).toArray(),
        v.stream().mapToDouble(ValidationReport.Row::predictedMs).toArray())));
    return out;
  }

  static Map<String, ErrorStats> stats(List<ValidationReport.Row> rows, boolean sumOfParts) {
    Map<String, List<ValidationReport.Row>> groups = new LinkedHashMap<>();
    for (ValidationReport.Row x : rows) {
      groups.computeIfAbsent(x.space(), k -> new ArrayList<>()).add(x);
    }
    groups.put("all", rows);
    Map<String, ErrorStats> out = new LinkedHashMap<>();
    groups.forEach((k, v) -> out.put(k, ErrorStats.of(v.stream().mapToDouble(ValidationReport.Row::measuredMs).toArray(),
        v.stream().mapToDouble(x -> sumOfParts ? x.sumOfPartsMs() : x.predictedMs()).toArray())));
    return out;
  }

  static String render(ValidationReport r) {
    StringBuilder sb = new StringBuilder();
    r.calibrations().forEach((k, c) -> sb.append(c.networks() == 0 ? "calibration " + k + ": none\n" : String.format(Locale.ROOT,
        "calibration %s: %s on %d profile networks: latency = %.4f x sum of parts + %.3f ms%n", k, c.mode(), c.networks(),
        c.scale(), c.offsetMs())));
    Table t = Table.of("SPACE", "PREDICTOR", ">N", ">MAPE", ">MAX", ">RMSE", ">SPEARMAN", ">KENDALL", ">WITHIN 10%", ">BIAS");
    for (String k : r.stats().keySet()) {
      for (boolean s : new boolean[] {false, true}) {
        ErrorStats e = (s ? r.sumOfParts() : r.stats()).get(k);
        t.row(k, s ? "sum of parts" : "calibrated", e.n(), LatencyFitCommand.pct(e.mapePct()), LatencyFitCommand.pct(e.maxAbsPct()),
            String.format(Locale.ROOT, "%.3f ms", e.rmseMs()), String.format(Locale.ROOT, "%.4f", e.spearman()),
            s ? "" : String.format(Locale.ROOT, "%.4f", r.kendallTau().getOrDefault(k, 0.0)), LatencyFitCommand.pct(e.within10Pct()), String.format(Locale.ROOT, "%+.2f%%", e.biasPct()));
      }
    }
    sb.append(t.render());
    ErrorStats all = r.stats().get("all");
    sb.append(String.format(Locale.ROOT, "targets: within +/-10%% >= 99%%: %s (%.1f%%); MAPE <= 3%%: %s (%.2f%%)%n",
        all.within10Pct() >= 99 ? "met" : "NOT met", all.within10Pct(), all.mapePct() <= 3 ? "met" : "NOT met", all.mapePct()));
    if (r.noise().processes() > 0) {
      var n = r.noise();
      sb.append(String.format(Locale.ROOT, "noise: %s in %d processes: median %.3f ms, range %.1f%%, MAD %.1f%%, in-process IQR %.1f%%%n",
          n.arch(), n.processes(), n.medianMs(), n.rangePct(), n.madPct(), n.inProcessIqrPct()));
      sb.append(String.format(Locale.ROOT, "noise floor (each process's median against the median of all, as the predictor is "
          + "judged): MAPE %.2f%%, within +/-10%% %.1f%%%n", n.mapePct(), n.within10Pct()));
    }
    sb.append("conditions: load average ").append(r.conditions().get("loadavg.start")).append(" -> ")
        .append(r.conditions().get("loadavg.end")).append(" (other work on the machine shows here)\n");
    return sb.toString();
  }

  private Map<String, String> conditions(int t) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("cpu", LocalDevice.cpuModel());
    m.put("cores", Integer.toString(Runtime.getRuntime().availableProcessors()));
    m.put("threads", Integer.toString(t));
    m.put("batch", Integer.toString(batch));
    m.put("targetMs", Double.toString(targetMs));
    m.put("seed", Long.toString(seed));
    m.put("profileFile", profileFile.toString());
    m.put("loadavg.start", loadAverage());
    return m;
  }

  static String loadAverage() {
    try {
      String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return f[0] + " " + f[1] + " " + f[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
