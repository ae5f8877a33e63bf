package dev.slimnas.cli.bench;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.experiment.CandidateTraining;
import dev.slimnas.cli.experiment.RunnerOptions;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialRunner;
import dev.slimnas.supernet.data.DataLocator;
import dev.slimnas.supernet.train.TrainResult;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas bench trials}: a trial-bound toy experiment for comparing runners: independent CIFAR-10 trainings
 * (search-budgets' {@link CandidateTraining} trials) run by {@code --runner}; prints and writes the wall time.
 */
@Command(name = "trials", mixinStandardHelpOptions = true,
    description = {"A trial-bound toy experiment to time a runner: --trials independent CIFAR-10 trainings (MobileNetV2-CIFAR"
        + " x0.25, the largest and smallest network of the space alternating; seeds 1..N) run by --runner, one after"
        + " another locally or as Spark tasks; prints the wall time and writes bench-trials.json (+ provenance) with the"
        + " load average before and after. Run it once per runner, each on a new --out, on an idle machine: the"
        + " ratio of the wall times is the speed-up."},
    footer = {"", "Examples:", "  slimnas bench trials --runner local --out runs/bench-trials-local",
        "  slimnas bench trials --runner spark --master spark://127.0.0.1:7077 --out runs/bench-trials-cluster"})
public final class BenchTrialsCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Option(names = "--trials", defaultValue = "4", paramLabel = "N", description = "Trainings (default ${DEFAULT-VALUE}).")
  int trials;

  @Option(names = "--train-images", defaultValue = "2000", paramLabel = "N", description = "Training images each (default ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--test-images", defaultValue = "1000", paramLabel = "N", description = "Test images each (default ${DEFAULT-VALUE}).")
  int testImages;

  @Option(names = "--epochs", defaultValue = "1", paramLabel = "N", description = "Epochs each (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--out", defaultValue = "runs/bench-trials", paramLabel = "DIR", description = "A new output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Mixin
  RunnerOptions runnerOptions;

  @Override
  public Path runFolder() {
    return out;
  }

  @Override
  public Integer call() throws IOException {
    OutputPaths.checkFolder(out, "--out");
    if (trials < 1 || trainImages < 1 || testImages < 1 || epochs < 1) {
      throw new ParameterException(spec.commandLine(), "need --trials, --train-images, --test-images and --epochs >= 1");
    }
    if (Files.exists(out.resolve("bench-trials.json")) || Files.isDirectory(out.resolve("net-1"))) {
      throw new IllegalArgumentException(out + " already holds trials (finished ones would not run again): use a new --out");
    }
    TrialRunner runner = runnerOptions.runner(false);
    String data = DataLocator.dataDir().toString();
    String[] archs = {SpecFiles.archJson(SearchSpaces.get("mobilenetv2-cifar", 0.25).max()),
        SpecFiles.archJson(SearchSpaces.get("mobilenetv2-cifar", 0.25).min())};
    List<Trial<CandidateTraining.Input>> list = new ArrayList<>();
    for (int i = 1; i <= trials; i++) {
      list.add(Trial.of("net-" + i, out.resolve("net-" + i), new CandidateTraining.Input("net-" + i, "bench", 0,
          archs[(i - 1) % 2], epochs, i, trainImages, testImages, data, true)));
    }
    var console = spec.commandLine().getOut();
    String loadBefore = loadAverage();
    long t0 = System.nanoTime();
    List<Map<String, Object>> rows = new ArrayList<>();
    runner.run(new Experiment<>("bench-trials", list, new CandidateTraining()), r -> {
      TrainResult t = CandidateTraining.result(r);
      rows.add(Map.of("trial", r.trial(), "testAccuracy", t.eval().accuracy(), "trainSeconds", t.seconds()));
      console.printf(Locale.ROOT, "%s: test accuracy %.2f%%, %.1f s%n", r.trial(), 100 * t.eval().accuracy(), t.seconds());
    });
    double seconds = (System.nanoTime() - t0) / 1e9;
    String loadAfter = loadAverage();
    console.printf(Locale.ROOT, "%d trials on %s: %.1f s wall (load average %s -> %s, %d processors)%n", trials,
        runner.describe(), seconds, loadBefore, loadAfter, Runtime.getRuntime().availableProcessors());
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("runner", runner.describe());
    doc.put("trials", trials);
    doc.put("trainImages", trainImages);
    doc.put("testImages", testImages);
    doc.put("epochs", epochs);
    doc.put("wallSeconds", seconds);
    doc.put("loadAverageBefore", loadBefore);
    doc.put("loadAverageAfter", loadAfter);
    doc.put("results", rows);
    Path f = out.resolve("bench-trials.json");
    dev.slimnas.space.io.AtomicFiles.writeString(f, Json.toJson("slimnas.bench-trials", 1, doc));
    Provenance.of(f.getFileName().toString(), "benchmark", 1L, Json.fingerprint(doc), Map.of("command", "bench trials")).writeBeside(f);
    return 0;
  }

  private static String loadAverage() {
    try {
      String[] s = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
      return s[0] + " " + s[1] + " " + s[2];
    } catch (IOException | RuntimeException e) {
      return "unknown";
    }
  }
}
