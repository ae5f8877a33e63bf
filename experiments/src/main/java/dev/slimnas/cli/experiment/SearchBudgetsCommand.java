package dev.slimnas.cli.experiment;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.latency.diff.DifferentiableLatency;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.trial.Experiment;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialRunner;
import dev.slimnas.supernet.data.DataLocator;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.search.Readout;
import dev.slimnas.supernet.search.SearchConfig;
import dev.slimnas.supernet.search.SearchResult;
import dev.slimnas.supernet.search.SearchTrace;
import dev.slimnas.supernet.search.SinglePathSearch;
import dev.slimnas.cli.search.SearchPlots;
import dev.slimnas.supernet.train.LoggingListener;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import java.awt.Color;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas experiment search-budgets}: searches at several latency budgets, and for each the found
 * network, random networks of matching latency and the largest uniform (MobileNetV2-style) network under
 * the budget, all trained the same way; a table and a plot of test accuracy against predicted latency.
 */
@Command(name = "search-budgets", mixinStandardHelpOptions = true,
    description = {"For each budget: a single-path search (the scaled-down default search of 'slimnas search' at that"
        + " budget); then the found network, --random networks sampled uniformly from the space with a predicted"
        + " latency within 2% of the found one's, and the largest uniform network (one op everywhere, 0-3 blocks per"
        + " stage skipped) under the budget, all trained from scratch with the same short protocol and evaluated on"
        + " the CIFAR-10 test set. Writes table.md, table.csv, table.json and accuracy-latency.png with provenance (and each search's plots in its folder)."
        + " Re-running the command continues where it stopped."},
    footer = {"", "Example:", "  slimnas experiment search-budgets --budgets 50,70,90 --random 1 --train-epochs 2"
        + " --train-images 8000 --out runs/search-budgets"})
public final class SearchBudgetsCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Option(names = "--budgets", split = ",", defaultValue = "50,70,90", paramLabel = "MS",
      description = "Latency budgets in ms on the device (default ${DEFAULT-VALUE}).")
  List<Double> budgets;

  @Option(names = "--random", defaultValue = "1", paramLabel = "N",
      description = "Random networks of matching latency per budget (default ${DEFAULT-VALUE}).")
  int random;

  @Option(names = "--device", defaultValue = "pixel1-singlepath", paramLabel = "ID",
      description = "Latency table (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--train-epochs", defaultValue = "2", paramLabel = "N",
      description = "Epochs of the shared training protocol (default ${DEFAULT-VALUE}).")
  int trainEpochs;

  @Option(names = "--train-images", defaultValue = "8000", paramLabel = "N",
      description = "Training images of the protocol, a seeded subset of the 50,000 (default ${DEFAULT-VALUE}; 0: all).")
  int trainImages;

  @Option(names = "--train-width", defaultValue = "0.5", paramLabel = "WM",
      description = "Every compared network is trained at this width multiplier of the space (default ${DEFAULT-VALUE}).")
  double trainWidth;

  @Option(names = "--seed", defaultValue = "1", paramLabel = "S", description = "Seed of searches, sampling and training.")
  long seed;

  @Option(names = "--out", defaultValue = "runs/search-budgets", paramLabel = "DIR", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Mixin
  RunnerOptions runnerOptions;

  @Option(names = "--quiet", description = "No progress bars; a log line every 100 steps.")
  boolean quiet;

  private DataSplits data;

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    if (budgets.isEmpty() || random < 0 || trainEpochs < 1 || trainImages < 0 || !(trainWidth > 0)) {
      throw new ParameterException(spec.commandLine(), "need budgets, --random >= 0, --train-epochs >= 1, --train-images >= 0 and --train-width > 0");
    }
    TrialRunner runner = runnerOptions.runner(true); // an unknown runner or a missing module is bad input, before any work
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    SearchConfig base = SearchConfig.scaledDown(budgets.get(0)).withDevice(device);
    DifferentiableLatency latency = SinglePathSearch.latencyTable(base).differentiable();
    Baselines baselines = new Baselines(SearchSpaces.get(base.deploymentSpace()), latency);
    List<Candidate> uniform = baselines.uniformFamily();
    List<Candidate> candidates = new ArrayList<>();
    List<String> searchNotes = new ArrayList<>();
    for (double budget : budgets.stream().sorted().toList()) {
      SearchConfig c = SearchConfig.scaledDown(budget).withDevice(device)
          .withWeights(SearchConfig.scaledDown(budget).weights().withSeed(seed));
      Path dir = out.resolve("search-" + ms(budget));
      SearchResult r = search(c, dir, console);
      candidates.add(new Candidate("searched-" + ms(budget), "searched", budget, r.ops(), r.latencyMs()));
      searchNotes.add(String.format(Locale.ROOT, "- %s: the supernet's read-out %.2f ms (%.1f%% of the budget); %s%s; fill moves: %s;"
              + " supernet validation accuracy %.2f%% (of the read-out path), %d steps, %.0f s", "searched-" + ms(budget),
          r.supernetLatencyMs(), 100 * r.supernetLatencyMs() / budget, r.fill().withinBand() ? "" : "**", r.fill().note(),
          r.fill().moves().isEmpty() ? "none" : String.join("; ", r.fill().moves()), 100 * r.supernetValidation(),
          r.supernetSteps(), r.supernetSeconds()));
      for (int i = 0; i < random; i++) {
        List<String> ops = baselines.randomAt(r.latencyMs(), 0.02, budget, Seeds.derive(seed, "random", (long) budget, i));
        candidates.add(new Candidate("random-" + ms(budget) + "-" + (i + 1), "random", budget, ops,
            baselines.latencyOf(ops)));
      }
      Candidate u = Baselines.largestUnder(uniform, budget);
      if (u != null && candidates.stream().noneMatch(x -> x.name().equals(u.name()))) {
        candidates.add(u);
      }
    }
    SearchSpace trainSpace = SearchSpaces.get(base.space(), trainWidth);
    List<Map<String, Object>> rows = new ArrayList<>();
    write(rows, candidates, searchNotes, null); // the table so far: finished rows, the others pending
    List<Trial<CandidateTraining.Input>> trials = new ArrayList<>();
    for (Candidate cand : candidates) {
      trials.add(trial(cand, trainSpace));
    }
    if (!runnerOptions.isLocal()) {
      console.printf(Locale.ROOT, "training %d networks on %s%n", trials.size(), runner.describe());
    }
    runner.run(new Experiment<>("search-budgets", trials, new CandidateTraining()), r -> {
      Candidate cand = candidates.get(rows.size());
      TrainResult t = CandidateTraining.result(r);
      Map<String, Object> row = new LinkedHashMap<>();
      row.put("name", cand.name());
      row.put("kind", cand.kind());
      row.put("budgetMs", cand.budgetMs());
      row.put("latencyMs", cand.latencyMs());
      row.put("testAccuracy", t.eval().accuracy());
      row.put("testLoss", t.eval().loss());
      row.put("trainSeconds", t.seconds());
      row.put("ops", String.join(" ", cand.ops()));
      rows.add(row);
      console.printf(Locale.ROOT, "%-22s %-8s %7.2f ms  test accuracy %.2f%%%n", cand.name(), cand.kind(), cand.latencyMs(),
          100 * t.eval().accuracy());
      if (rows.size() < candidates.size()) {
        write(rows, candidates, searchNotes, null);
      }
    });
    write(rows, candidates, searchNotes, console);
    return 0;
  }

  /** 50 -> "50ms", 62.5 -> "62.5ms". */
  static String ms(double budget) {
    return java.math.BigDecimal.valueOf(budget).stripTrailingZeros().toPlainString() + "ms";
  }

  private SearchResult search(SearchConfig c, Path dir, PrintStream console) {
    SinglePathSearch s = SinglePathSearch.of(c, this::data, dir, () -> progress(console));
    SearchResult r;
    if (Files.exists(s.resultFile())) {
      String fp = SearchConfig.read(s.searchConfigFile()).fingerprint();
      if (!fp.equals(c.fingerprint())) {
        throw new IllegalArgumentException(s.searchConfigFile() + " is another search than this experiment's at " + dir
            + " (fingerprints " + fp + " and " + c.fingerprint() + ")");
      }
      r = SearchResult.read(s.resultFile());
    } else {
      console.printf(Locale.ROOT, "search at %s%n", dir);
      r = Files.exists(s.searchConfigFile()) ? s.resume() : s.run();
    }
    if (Files.exists(s.traceFile())) { // a finished search copied from committed results keeps its plots, not its trace
      SearchPlots.write(dir, new SearchTrace(s.traceFile()).steps(), r, SinglePathSearch.latencyTable(c));
    }
    return r;
  }

  /** The final training of one candidate as a trial (its inputs are data; see {@link CandidateTraining}). */
  private Trial<CandidateTraining.Input> trial(Candidate cand, SearchSpace trainSpace) {
    List<BlockIndicators> ind = new ArrayList<>();
    for (String code : cand.ops()) {
      ind.add(Readout.indicators(BlockOp.parse(code)));
    }
    ArchSpec arch = Readout.architecture(trainSpace, ind);
    return Trial.of(cand.name(), out.resolve("train").resolve(cand.name()), new CandidateTraining.Input(cand.name(), cand.kind(),
        cand.latencyMs(), SpecFiles.archJson(arch), trainEpochs, seed, trainImages, 0, DataLocator.dataDir().toString(), quiet));
  }

  private TrainListener progress(PrintStream console) {
    return quiet ? new LoggingListener(100) : new ProgressBarListener(console);
  }

  private DataSplits data() {
    if (data == null) {
      data = CandidateTraining.data(DataLocator.dataDir()); // shared with the trainings of a local run
    }
    return data;
  }

  /** Writes the tables and the plot of the rows trained so far; candidates not yet trained are listed as pending. */
  private void write(List<Map<String, Object>> rows, List<Candidate> candidates, List<String> searchNotes, PrintStream console) {
    StringBuilder md = new StringBuilder();
    md.append(String.format(Locale.ROOT, "Scale: supernet as `slimnas search` (width 0.5, 5,000 images, 4 epochs); every network"
        + " trained at width %.2f for %d epochs on %s training images, test accuracy on the 10,000 test images; latency"
        + " predicted on %s for the 224x224 deployment network; seed %d.%n%n", trainWidth, trainEpochs,
        trainImages == 0 ? "all 50,000" : String.format(Locale.ROOT, "%,d", trainImages), device, seed));
    md.append("| budget (ms) | network | predicted latency (ms) | of the budget | test accuracy |\n|---|---|---|---|---|\n");
    StringBuilder csv = new StringBuilder("name,kind,budget_ms,latency_ms,test_accuracy,test_loss,train_seconds,ops\n");
    for (Map<String, Object> r : rows) {
      md.append(String.format(Locale.ROOT, "| %.0f | %s | %.2f | %.1f%% | %.2f%% |%n", (double) r.get("budgetMs"), r.get("name"),
          (double) r.get("latencyMs"), 100 * (double) r.get("latencyMs") / (double) r.get("budgetMs"),
          100 * (double) r.get("testAccuracy")));
      csv.append(String.format(Locale.ROOT, "%s,%s,%.1f,%.4f,%.4f,%.4f,%.1f,%s%n", r.get("name"), r.get("kind"), (double) r.get("budgetMs"),
          (double) r.get("latencyMs"), (double) r.get("testAccuracy"), (double) r.get("testLoss"), (double) r.get("trainSeconds"),
          r.get("ops")));
    }
    for (Candidate c : candidates.subList(rows.size(), candidates.size())) {
      md.append(String.format(Locale.ROOT, "| %.0f | %s | %.2f | %.1f%% | (not trained yet) |%n", c.budgetMs(), c.name(),
          c.latencyMs(), 100 * c.latencyMs() / c.budgetMs()));
    }
    md.append("\nThe searches (read-out of the supernet, then the budget fill into 95-100% of the budget):\n\n");
    searchNotes.forEach(n -> md.append(n).append('\n'));
    AtomicFiles.writeString(out.resolve("table.md"), md.toString());
    AtomicFiles.writeString(out.resolve("table.csv"), csv.toString());
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("device", device);
    json.put("trainEpochs", trainEpochs);
    json.put("trainImages", trainImages);
    json.put("trainWidth", trainWidth);
    json.put("seed", seed);
    json.put("rows", rows);
    json.put("pending", candidates.subList(rows.size(), candidates.size()).stream().map(Candidate::name).toList());
    json.put("searches", searchNotes);
    AtomicFiles.writeString(out.resolve("table.json"), Json.toJson("slimnas.search-budgets", 1, json));
    Path png = out.resolve("accuracy-latency.png");
    List<Path> files = new ArrayList<>(List.of(out.resolve("table.md"), out.resolve("table.csv"), out.resolve("table.json")));
    if (!rows.isEmpty()) {
      plot(rows, png);
      files.add(png);
    }
    for (Path p : files) {
      Provenance.of(p.getFileName().toString(), "experiment", seed, Json.fingerprint(json), Map.of("command", "experiment search-budgets"))
          .writeBeside(p);
    }
    if (console != null) {
      console.println();
      console.print(md);
      console.println("table: " + out.resolve("table.md") + ", plot: " + png);
    }
  }

  private static void plot(List<Map<String, Object>> rows, Path png) {
    XYChart c = new XYChartBuilder().width(900).height(600).title("CIFAR-10 test accuracy vs predicted Pixel 1 latency")
        .xAxisTitle("predicted latency (ms)").yAxisTitle("test accuracy (%)").build();
    Map<String, Color> colors = Map.of("searched", new Color(200, 40, 20), "random", new Color(90, 90, 90), "uniform", new Color(30, 90, 200));
    for (String kind : List.of("searched", "random", "uniform")) {
      List<Double> x = new ArrayList<>();
      List<Double> y = new ArrayList<>();
      for (Map<String, Object> r : rows) {
        if (kind.equals(r.get("kind"))) {
          x.add((double) r.get("latencyMs"));
          y.add(100 * (double) r.get("testAccuracy"));
        }
      }
      if (!x.isEmpty()) {
        XYSeries s = c.addSeries(kind, x, y);
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        s.setMarker(SeriesMarkers.CIRCLE);
        s.setMarkerColor(colors.get(kind));
      }
    }
    try {
      AtomicFiles.writeBytes(png, BitmapEncoder.getBitmapBytes(c, BitmapEncoder.BitmapFormat.PNG));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot render " + png, e);
    }
  }
}
