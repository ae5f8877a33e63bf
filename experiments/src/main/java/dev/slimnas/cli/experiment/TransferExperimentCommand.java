package dev.slimnas.cli.experiment;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.WidthRange;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import dev.slimnas.transfer.WidthTransfer;
import dev.slimnas.transfer.io.TransferFiles;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.projection.LayerRow;
import dev.slimnas.transfer.projection.Stacking;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import dev.slimnas.transfer.report.TransferReport;
import dev.slimnas.transfer.rescale.CostTarget;
import dev.slimnas.transfer.targets.Targets;
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
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code slimnas experiment transfer}: issue 7's comparison. A target network (the CIFAR-scale space,
 * {@code --depth} times deeper and {@code --widen} times wider than its base) is trained from scratch with
 * (a) uniform widths, (b) widths optimised directly on the target, (c) widths optimised on proxies and
 * transferred, every network rescaled to the same MACs. Per seed and method: test accuracy, MACs, the
 * width-optimisation cost (exact MACs and measured seconds) and the reduction against (b).
 */
@Command(name = "transfer", mixinStandardHelpOptions = true,
    description = {"Width transfer on CIFAR-10: a deeper and wider target trained with uniform widths, widths optimized",
        "directly on it, and widths optimized on cheap proxies and transferred, all at equal MACs; test accuracy",
        "and the width-optimization overhead per method and seed. Writes table.md/json and widths-seed-S.png under",
        "--out; resumable (run the same command again)."},
    footer = {"", "Built-in proxies (or a slimnas.proxy JSON file):",
        "  shallow  half the blocks of each repeated stage",
        "  narrow   half the width",
        "  lowres   half the input resolution and a quarter of the images",
        "", "Example (the README's run; the defaults are its scale, about 80 minutes on 2 cores):",
        "  slimnas experiment transfer --seeds 1,2 --base-width 0.25 --depth 2 --widen 1.5 --out runs/transfer-2"})
public final class TransferExperimentCommand implements Callable<Integer>, WritesRunFolder {
  @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "Seeds (default ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "CIFAR-scale base space (default ${DEFAULT-VALUE}).")
  String spaceName;

  @Option(names = "--base-width", defaultValue = "0.25", description = "Width multiplier of the base network (default ${DEFAULT-VALUE}).")
  double baseWidth;

  @Option(names = "--depth", defaultValue = "2", description = "Target depth factor of the repeated stages (default ${DEFAULT-VALUE}).")
  double depth;

  @Option(names = "--widen", defaultValue = "1.5", description = "Target width factor over the base (default ${DEFAULT-VALUE}).")
  double widen;

  @Option(names = "--op", defaultValue = "0", description = "Op index every block takes (0 = k3e3 in spnas spaces; default ${DEFAULT-VALUE}).")
  int op;

  @Option(names = "--proxies", split = ",", defaultValue = "shallow,narrow,lowres",
      description = "Proxy kinds or slimnas.proxy JSON files (default ${DEFAULT-VALUE}).")
  List<String> proxies;

  @Mixin
  WidthOptimizationOptions options;

  @Option(names = "--stacking", defaultValue = "nearest", description = "Layer stacking: nearest or linear (default ${DEFAULT-VALUE}).")
  String stacking;

  @Option(names = "--opt-images", defaultValue = "4000", description = "Images of the slimmable training of width optimization (default ${DEFAULT-VALUE}).")
  int optImages;

  @Option(names = "--opt-epochs", defaultValue = "1", description = "Epochs of that training (default ${DEFAULT-VALUE}).")
  int optEpochs;

  @Option(names = "--train-images", defaultValue = "10000", description = "Images of the final from-scratch training (default ${DEFAULT-VALUE}).")
  int trainImages;

  @Option(names = "--train-epochs", defaultValue = "2", description = "Epochs of the final training (default ${DEFAULT-VALUE}).")
  int trainEpochs;

  @Option(names = "--out", defaultValue = "runs/transfer", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Option(names = "--quiet", description = "No progress bars; a log line every 50 steps.")
  boolean quiet;

  /** One trained target network. */
  record Row(long seed, String method, String optimizedOn, long macs, long params, double testAccuracy,
      double optimizationTmacs, double optimizationSeconds, double trainSeconds) {}

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    SearchSpace target = Targets.of(SearchSpaces.get(spaceName, baseWidth), depth, widen);
    ArchSpec baseline = SlimmableFamily.uniformOps(target, op).fullArch();
    double costFraction = options.costFraction();
    long budget = (long) Math.floor(costFraction * CostModel.of(baseline).macs());
    WidthOptimization.Optimizer opt = options.optimizer();
    WidthOptimization.Settings settings = options.settings(optImages, optEpochs);
    Map<String, ProxySpec> kinds = new LinkedHashMap<>();
    for (String p : proxies) {
      ProxySpec spec = proxySpec(p);
      WidthOptimization.Subject.proxySpace(target, spec); // every proxy is checked before any work
      WidthOptimization.Subject.checkImages(spec, optImages);
      kinds.put(proxyName(p), spec);
    }
    WidthOptimization.Subject.checkImages(ProxySpec.identity(), optImages);
    console.printf(Locale.ROOT, "target %s: %d blocks, %.1f MMACs, budget %.1f MMACs (%.2f of full)%n", target.name(),
        target.blockCount(), CostModel.of(baseline).macs() / 1e6, budget / 1e6, costFraction);
    DataSplits data = Cifar10.load();
    SearchData sd = data.search();
    List<Row> rows = new ArrayList<>();
    for (long seed : seeds) {
      Path dir = out.resolve("seed-" + seed);
      Map<String, WidthOptimization.Outcome> outcomes = new LinkedHashMap<>();
      Map<String, ProxySpec> subjects = new LinkedHashMap<>();
      subjects.put("direct", ProxySpec.identity());
      subjects.putAll(kinds);
      for (Map.Entry<String, ProxySpec> e : subjects.entrySet()) {
        WidthOptimization.Subject subject = WidthOptimization.Subject.of(target, e.getValue(), op, () -> sd, optImages, options.valImages(), seed);
        SearchSpace space = subject.space();
        console.printf(Locale.ROOT, "seed %d: width optimization (%s) on %s: %d blocks, %dx%d, %d images%n", seed,
            opt.code(), e.getKey(), space.blockCount(), space.input().resolution(), space.input().resolution(), subject.train().size());
        outcomes.put(e.getKey(), WidthOptimization.run(subject, opt, settings, seed, dir.resolve("opt-" + e.getKey()), ProgressBarListener.of(quiet, console)));
      }
      int optTrainImages = Math.min(optImages, sd.train().size());
      Map<String, TransferReport> reports = new LinkedHashMap<>();
      ProxyResult uniform = new ProxyResult(ProxySpec.identity(), baseline, baseline, "uniform", new Schedule(1, 1));
      reports.put("uniform", transfer(uniform, baseline, budget, optTrainImages, target.widths()));
      for (Map.Entry<String, WidthOptimization.Outcome> e : outcomes.entrySet()) {
        reports.put(e.getKey(), transfer(e.getValue().result(), baseline, budget, optTrainImages, target.widths()));
      }
      plot(reports, dir, seed);
      ImageDataset finalTrain = sd.train().randomSubset(trainImages, Seeds.derive(seed, "final-subset"));
      BatchSource test = BatchSource.evaluation(data.finalTraining().test(), 250, sd.normalization());
      for (Map.Entry<String, TransferReport> e : reports.entrySet()) {
        String method = e.getKey();
        TransferReport r = e.getValue();
        Path md = dir.resolve("final-" + method);
        writeArch(md, r);
        console.printf(Locale.ROOT, "seed %d: training %s from scratch (%.1f MMACs, %d images x %d epochs)%n", seed, method,
            CostModel.of(r.transferred()).macs() / 1e6, finalTrain.size(), trainEpochs);
        TrainConfig config = TrainConfig.cifarShort(trainEpochs, seed);
        TrainResult tr = Trainer.builder(config, n -> Networks.build(r.transferred(), n),
                Trainer.trainingBatches(finalTrain, sd.normalization(), config), md.resolve("run"))
            .evaluation(test).provenance(Json.fingerprint(r.transferred()), Map.of("method", method, "seed", seed))
            .listener(ProgressBarListener.of(quiet, console)).build().complete();
        if (!tr.configFingerprint().equals(config.fingerprint())) {
          throw new IllegalArgumentException(md.resolve("run") + " holds a training with another configuration; use another --out");
        }
        WidthOptimization.Outcome o = outcomes.get(method);
        rows.add(new Row(seed, method, o == null ? "-" : o.result().baseline().name(), CostModel.of(r.transferred()).macs(),
            CostModel.of(r.transferred()).params(), tr.eval().accuracy(),
            o == null ? 0 : r.overhead().proxy().totalMacs() / 1e12, o == null ? 0 : o.record().seconds(), tr.seconds()));
      }
      console.print(ExperimentTables.transferTable(rows));
    }
    write(rows);
    console.print(ExperimentTables.transferTable(rows));
    return 0;
  }

  /**
   * Every method's network goes through the same transfer: its ratios, rescaled to the budget, the
   * rounding short-fall filled per unit, every width within the target space's range (the baseline is
   * the space at its largest multiplier, so the bounds are {@code [min/max, 1]}).
   */
  private TransferReport transfer(ProxyResult from, ArchSpec baseline, long budget, int targetImages, WidthRange range) {
    return WidthTransfer.builder(from, baseline).stacking(Stacking.parse(stacking)).costTarget(CostTarget.macs(budget))
        .widthBounds(range.min() / range.max(), 1.0).targetSchedule(new Schedule(targetImages, optEpochs)).run();
  }

  private static void writeArch(Path dir, TransferReport r) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + dir, e);
    }
    Path arch = dir.resolve("arch.json");
    String json = SpecFiles.archJson(r.transferred());
    try {
      if (Files.exists(arch) && !Files.readString(arch).equals(json)) {
        throw new IllegalArgumentException(arch + " holds another architecture (other widths, stacking or budget); use another --out");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + arch, e);
    }
    AtomicFiles.writeString(arch, json);
    TransferFiles.writeReport(dir.resolve("report.json"), r);
  }

  /** Per-layer widths of every method's target network, as multipliers of the target's baseline. */
  private static void plot(Map<String, TransferReport> reports, Path dir, long seed) {
    CategoryChart c = new CategoryChartBuilder().width(1400).height(520)
        .title("seed " + seed + ": per-layer widths at equal MACs (multiple of the target's baseline)")
        .xAxisTitle("target layer").yAxisTitle("width / baseline width").build();
    for (Map.Entry<String, TransferReport> e : reports.entrySet()) {
      List<LayerRow> layers = e.getValue().layers();
      c.addSeries(e.getKey(), layers.stream().map(LayerRow::name).toList(), layers.stream().map(LayerRow::multiplier).toList());
    }
    c.getStyler().setXAxisLabelRotation(90);
    c.getStyler().setOverlapped(false);
    try {
      Files.createDirectories(dir);
      BitmapEncoder.saveBitmap(c, dir.resolve("widths.png").toString(), BitmapEncoder.BitmapFormat.PNG);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write " + dir.resolve("widths.png"), e);
    }
  }

  private void write(List<Row> rows) {
    Map<String, Object> json = new LinkedHashMap<>();
    json.put("scale", describe());
    json.put("rows", rows);
    json.put("summary", ExperimentTables.transferSummary(rows));
    AtomicFiles.writeString(out.resolve("table.json"), Json.toJson("slimnas.transfer-experiment", 1, json));
    AtomicFiles.writeString(out.resolve("table.md"), "scale: " + describe() + "\n\n" + ExperimentTables.transferTable(rows));
    Provenance.of("table.json", "transfer-experiment", null, null, describe()).writeBeside(out.resolve("table.json"));
  }

  private Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("space", spaceName);
    d.put("baseWidth", baseWidth);
    d.put("depth", depth);
    d.put("widen", widen);
    d.put("op", op);
    d.put("proxies", proxies);
    d.putAll(options.describe());
    d.put("stacking", stacking);
    d.put("optImages", optImages);
    d.put("optEpochs", optEpochs);
    d.put("trainImages", trainImages);
    d.put("trainEpochs", trainEpochs);
    d.put("seeds", seeds);
    return d;
  }

  static String proxyName(String p) {
    return switch (p) {
      case "shallow", "narrow", "lowres" -> p;
      default -> Path.of(p).getFileName().toString().replaceFirst("\\.json$", "");
    };
  }

  /** A built-in proxy kind ({@code shallow}, {@code narrow}, {@code lowres}) or a {@code slimnas.proxy} file. */
  public static ProxySpec proxySpec(String p) {
    return switch (p) {
      case "shallow" -> ProxySpec.identity().withDepth(Depth.fraction(0.5));
      case "narrow" -> ProxySpec.identity().withWidthMultiplier(0.5);
      case "lowres" -> ProxySpec.identity().withResolutionScale(0.5).withImageFraction(0.25);
      default -> TransferFiles.readProxy(Path.of(p));
    };
  }
}
