package dev.slimnas.cli.bench;

import dev.slimnas.bench.BenchReport;
import dev.slimnas.bench.BenchStats;
import dev.slimnas.bench.ChildProcess;
import dev.slimnas.bench.MachineFacts;
import dev.slimnas.bench.RoundResult;
import dev.slimnas.bench.SideResult;
import dev.slimnas.bench.StepProfile;
import dev.slimnas.cli.input.ArchOptions;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas bench train}: images/s of one network trained by SlimNAS (DL4J) and by PyTorch on the
 * same shapes and batch, in alternating rounds, each side in its own process; the median of the
 * per-round ratios, both sides' peak RSS, and optionally a profile of the DL4J step.
 */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Training throughput (images/s) and peak memory of a network trained by SlimNAS (DL4J) and by "
        + "PyTorch (python3-torch, CPU) on random data of the same shape and batch.",
        "Each round runs both sides, each in its own process (warm-up steps, then timed steps), DL4J first on odd "
        + "rounds and PyTorch first on even ones; the result is the median of the per-round ratios DL4J/PyTorch. "
        + "Without a usable PyTorch the DL4J side is still measured, with a note."},
    footer = {"", "Examples:",
        "  slimnas bench train --ref mobilenetv2-0.5-cifar --rounds 3",
        "  slimnas bench train --ref spnas-final-cifar --profile --out runs/bench/spnas",
        "  slimnas bench train examples/arch/mobilenetv2-1.0-cifar.json --mode infer --dl4j-only",
        "", "Writes DIR/" + BenchReport.FILE_NAME + " (schema " + BenchReport.SCHEMA + ") and its provenance record."})
public final class BenchTrainCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Mixin
  ArchOptions arch;

  @Option(names = "--batch", defaultValue = "64", description = "Batch size (default ${DEFAULT-VALUE}).")
  int batch;

  @Option(names = "--rounds", defaultValue = "5", description = "Rounds; each runs both sides (default ${DEFAULT-VALUE}).")
  int rounds;

  @Option(names = "--steps", defaultValue = "20", description = "Timed steps per side and round (default ${DEFAULT-VALUE}).")
  int steps;

  @Option(names = "--warmup", defaultValue = "3", description = "Untimed warm-up steps before them (default ${DEFAULT-VALUE}).")
  int warmup;

  @Option(names = "--threads", defaultValue = "2", description = "Threads per side (default ${DEFAULT-VALUE}).")
  int threads;

  @Option(names = "--mode", defaultValue = "train", paramLabel = "train|infer",
      description = "Measure training steps or inference (default ${DEFAULT-VALUE}).")
  Mode mode;

  @Option(names = "--seed", defaultValue = "0", description = "Seed of weights and data (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--python", defaultValue = "/usr/bin/python3", paramLabel = "EXE",
      description = "Python with PyTorch for the PyTorch side (default ${DEFAULT-VALUE}).")
  String python;

  @Option(names = "--torch-script", paramLabel = "FILE",
      description = "The PyTorch side's script (default: " + Sides.SCRIPT + " in this checkout).")
  Path torchScript;

  @Option(names = "--dl4j-only", description = "Measure only the DL4J side.")
  boolean dl4jOnly;

  @Option(names = "--profile",
      description = "Afterwards, profile training steps of each side: phases (forward, backward, updater) and time per layer type.")
  boolean profile;

  @Option(names = "--profile-steps", defaultValue = "5", description = "Steps the profile averages (default ${DEFAULT-VALUE}).")
  int profileSteps;

  @Option(names = "--timeout", defaultValue = "1800", paramLabel = "SECONDS",
      description = "Time limit of one side's process (default ${DEFAULT-VALUE}).")
  int timeout;

  @Option(names = "--out", defaultValue = "runs/bench", paramLabel = "DIR",
      description = "Folder of " + BenchReport.FILE_NAME + " (default ${DEFAULT-VALUE}).")
  Path out;

  /** What is measured. */
  public enum Mode { train, infer }

  /** The settings both sides' workers get. */
  record Run(int batch, int steps, int warmup, int threads, String mode, long seed) {}

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    check(batch >= 1, "--batch must be >= 1, got " + batch);
    check(rounds >= 1, "--rounds must be >= 1, got " + rounds);
    check(steps >= 1, "--steps must be >= 1, got " + steps);
    check(warmup >= 0, "--warmup must be >= 0, got " + warmup);
    check(threads >= 1, "--threads must be >= 1, got " + threads);
    check(timeout >= 1, "--timeout must be >= 1, got " + timeout);
    check(profileSteps >= 1, "--profile-steps must be >= 1, got " + profileSteps);
    check(!(profile && mode == Mode.infer), "--profile profiles training steps; it cannot go with --mode infer");
    ArchSpec a = arch.load(null);
    Run run = new Run(batch, steps, warmup, threads, mode.name(), seed);
    PrintWriter o = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    Path tmp;
    try {
      tmp = Files.createTempDirectory("slimnas-bench");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create a temporary folder", e);
    }
    try {
      Path archFile = tmp.resolve("arch.json");
      SpecFiles.writeArch(archFile, a);
      return measure(a, archFile, run, o, err);
    } finally {
      deleteTree(tmp);
    }
  }

  private int measure(ArchSpec a, Path archFile, Run run, PrintWriter o, PrintWriter err) {
    List<String> notes = new ArrayList<>();
    Path script = Sides.script(torchScript);
    String torchVersion = null;
    boolean withTorch = !dl4jOnly;
    if (dl4jOnly) {
      notes.add("PyTorch side not run (--dl4j-only)");
    } else {
      String[] version = new String[1];
      String problem = Sides.pytorchProblem(python, script, version);
      if (problem != null) {
        withTorch = false;
        notes.add("PyTorch side skipped: " + problem);
        err.println("slimnas: note: PyTorch side skipped: " + problem);
      } else {
        torchVersion = version[0];
      }
    }
    String spin = Sides.dl4jSpinCount();
    notes.add("OpenMP: DL4J side " + Nd4jSetup.SPIN_COUNT_ENV + "=" + spin
        + (spin.equals(Nd4jSetup.SPIN_COUNT) ? " (SlimNAS's launcher default)" : " (from the environment)")
        + (withTorch ? ", PyTorch side OpenMP defaults" : ""));
    err.println("bench train: " + a.name() + ", " + mode + ", batch " + batch + ", " + warmup + " warm-up + " + steps
        + " timed steps, " + threads + " thread(s), " + rounds + " round(s)" + (withTorch ? " against PyTorch " + torchVersion : ""));
    err.flush();
    List<RoundResult> results = new ArrayList<>();
    for (int i = 0; i < rounds; i++) {
      long t0 = System.nanoTime();
      List<String> order = RoundResult.orderFor(i, withTorch);
      Map<String, SideResult> sides = new LinkedHashMap<>();
      for (String side : order) {
        String line = side.equals(SideResult.DL4J)
            ? runSide(side, Sides.dl4j(archFile, run, 0))
            : runSide(side, Sides.pytorch(python, script, archFile, run, 0));
        sides.put(side, SideResult.parse(side, line));
      }
      RoundResult r = RoundResult.of(i + 1, order, sides.get(SideResult.DL4J), sides.get(SideResult.PYTORCH));
      results.add(r);
      err.println(BenchText.progress(r, rounds, Duration.ofNanos(System.nanoTime() - t0)));
      err.flush();
    }
    StepProfile dl4jProfile = null;
    StepProfile torchProfile = null;
    if (profile) {
      err.println("profiling " + profileSteps + " training steps of each side ...");
      err.flush();
      dl4jProfile = StepProfile.fromWorkerLine(runSide(SideResult.DL4J, Sides.dl4j(archFile, run, profileSteps)));
      if (withTorch) {
        torchProfile = StepProfile.fromWorkerLine(SideResult.PYTORCH,
            runSide(SideResult.PYTORCH, Sides.pytorch(python, script, archFile, run, profileSteps)));
      }
    }
    BenchStats.Summary summary = BenchStats.summarize(results);
    if (!summary.paramsEqual()) {
      notes.add("WARNING: the sides built different networks: trainable parameters dl4j "
          + summary.dl4j().params() + ", pytorch " + summary.pytorch().params());
    }
    List<String> contended = BenchStats.contended(results, threads);
    List<RoundResult> clean = BenchStats.uncontended(results, threads);
    BenchStats.Summary cleanSummary = clean.isEmpty() ? null : BenchStats.summarize(clean);
    if (!contended.isEmpty()) {
      notes.add("WARNING: other processes took CPU from " + contended.size() + " of "
          + results.size() * (withTorch ? 2 : 1) + " side runs (CPU/wall below " + Math.round(100 * BenchStats.CONTENDED_SHARE)
          + "% of " + threads + " threads: " + String.join(", ", contended) + "); their rates are not representative");
    }
    Map<String, Object> machine = MachineFacts.capture();
    machine.put("torch", torchVersion);
    machine.put("nd4j", results.get(0).dl4j().facts().get("nd4j"));
    BenchReport.Settings settings = new BenchReport.Settings(a.name(), arch.source(), Json.fingerprint(a), mode.name(),
        batch, rounds, steps, warmup, threads, seed, withTorch ? python : null);
    BenchReport report = new BenchReport(settings, machine, results, summary, cleanSummary, dl4jProfile, torchProfile,
        notes);
    o.print(BenchText.render(report));
    Path file = out.resolve(BenchReport.FILE_NAME);
    try {
      Files.createDirectories(out);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + out + ": " + e.getMessage(), e);
    }
    report.write(file);
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("command", "slimnas " + String.join(" ", spec.commandLine().getParseResult().originalArgs()));
    details.put("arch", arch.source());
    details.put("torchScript", withTorch ? script.toString() : null);
    Provenance.of(BenchReport.FILE_NAME, "benchmark", seed, Json.fingerprint(a), details).writeBeside(file);
    o.println();
    o.println("wrote " + file + " and " + Provenance.pathFor(file).getFileName());
    o.flush();
    return 0;
  }

  /** Runs one side's process and returns its JSON line; a failure is an error naming the side. */
  private String runSide(String side, List<String> command) {
    ChildProcess.Outcome r = ChildProcess.run(command, Sides.env(side, threads), Duration.ofSeconds(timeout));
    if (r.timedOut()) {
      throw new IllegalStateException(side + " worker did not finish within " + timeout + " s (see --timeout)");
    }
    if (r.exit() != 0 || r.lastJsonLine().isEmpty()) {
      throw new IllegalStateException(side + " worker failed (exit " + r.exit() + "): " + r.stderrTail(3));
    }
    return r.lastJsonLine().get();
  }

  private void check(boolean ok, String message) {
    if (!ok) {
      throw new ParameterException(spec.commandLine(), message);
    }
  }

  /** Deletes a temporary folder and everything in it; failures are ignored (a leftover temp folder is harmless). */
  static void deleteTree(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder left behind is harmless
    }
  }
}
