package dev.slimnas.cli.experiment;

import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.optimizers.joslim.GpProposal;
import dev.slimnas.optimizers.joslim.JoslimSampler;
import dev.slimnas.optimizers.joslim.TargetCost;
import dev.slimnas.optimizers.joslim.WidthArchive;
import dev.slimnas.optimizers.joslim.WidthDomain;
import dev.slimnas.optimizers.nsga.NsgaResult;
import dev.slimnas.optimizers.nsga.NsgaSearch;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.FrontDocument;
import dev.slimnas.optimizers.pareto.FrontFiles;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.slim.JoslimHook;
import dev.slimnas.supernet.slim.SandwichStep;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.supernet.slim.SubnetEvaluator;
import dev.slimnas.supernet.slim.UniformWidthSampler;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.Trainer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.buffer.DataType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code slimnas experiment slimmable}: issue 6's comparison. Per seed, one set of shared weights trained
 * with Joslim (sandwich rule, widths proposed along the loss/latency front) and one with uniform-width
 * slimmable training (US-Nets), same steps; then three fronts of CIFAR-10 test accuracy against predicted
 * Pixel 1 latency: (a) Joslim's own front, (b) the uniform-width curve, (c) two-stage: NSGA-II over
 * per-layer widths on the uniform-trained weights. Every sub-network is BN-recalibrated before it is
 * evaluated; selections use the validation split, reported accuracies the test set.
 */
@Command(name = "slimmable", mixinStandardHelpOptions = true,
    description = {"Joslim vs uniform-width slimmable training vs two-stage width search on CIFAR-10: Pareto fronts of",
        "test accuracy against predicted Pixel 1 latency, their areas and the gains at three budgets, per seed.",
        "Writes fronts (JSON/CSV per method and seed), table.md/json and fronts.png under --out; resumable."})
public final class SlimmableCommand implements Callable<Integer> {
  @Option(names = "--seeds", split = ",", defaultValue = "1,2", description = "Seeds (default ${DEFAULT-VALUE}).")
  List<Long> seeds;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "CIFAR-scale space (default ${DEFAULT-VALUE}).")
  String spaceName;

  @Option(names = "--width", defaultValue = "0.5", description = "Width multiplier of the space's base network (default ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--op", defaultValue = "0", description = "Op index every block takes (0 = k3e3 in spnas spaces; default ${DEFAULT-VALUE}).")
  int op;

  @Option(names = "--ops-from", paramLabel = "ARCH",
      description = "Fix every block's op to this architecture's (e.g. a search result's arch.json; of --space at --width); overrides --op.")
  Path opsFrom;

  @Option(names = "--images", defaultValue = "10000", description = "Training images (subset of the 45,000 search-train split; default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--epochs", defaultValue = "2", description = "Epochs of slimmable training (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--per-step", defaultValue = "2", description = "Sampled sub-networks per step besides full and smallest (default ${DEFAULT-VALUE}).")
  int perStep;

  @Option(names = "--tau", defaultValue = "10", description = "Joslim: steps between re-scoring and proposing (default ${DEFAULT-VALUE}).")
  int tau;

  @Option(names = "--proposals", defaultValue = "4", description = "Joslim: new width configurations per refresh (default ${DEFAULT-VALUE}).")
  int proposals;

  @Option(names = "--val-images", defaultValue = "1000", description = "Validation images for selections (default ${DEFAULT-VALUE}).")
  int valImages;

  @Option(names = "--calibration-batches", defaultValue = "4", description = "Training batches of 128 for BN recalibration (default ${DEFAULT-VALUE}).")
  int calibrationBatches;

  @Option(names = "--nsga-population", defaultValue = "8", description = "Two-stage NSGA-II population (default ${DEFAULT-VALUE}).")
  int nsgaPopulation;

  @Option(names = "--nsga-generations", defaultValue = "3", description = "Two-stage NSGA-II generations (default ${DEFAULT-VALUE}).")
  int nsgaGenerations;

  @Option(names = "--points", defaultValue = "6", description = "Front points per method evaluated on the test set (default ${DEFAULT-VALUE}).")
  int points;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit",
      description = "Latency model of the 224x224 deployment network (default ${DEFAULT-VALUE}: width-aware fit of the Pixel 1 table).")
  String device;

  @Option(names = "--out", defaultValue = "runs/slimmable", description = "Output folder (default ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--quiet", description = "No progress bars; a log line every 50 steps.")
  boolean quiet;

  private DataSplits data;

  @Override
  public Integer call() {
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    SearchSpace space = SearchSpaces.get(spaceName, width);
    SlimmableFamily family = opsFrom == null ? SlimmableFamily.uniformOps(space, op)
        : SlimmableFamily.of(space, SpecFiles.readArch(opsFrom, space));
    ToDoubleFunction<ArchEncoding> latency = DeploymentLatency.of(family, device);
    SlimFronts fronts = new SlimFronts(latency.applyAsDouble(family.encoding(family.smallest())),
        latency.applyAsDouble(family.encoding(family.full())));
    for (long seed : seeds) {
      Path dir = out.resolve("seed-" + seed);
      if (METHODS.stream().allMatch(m -> Files.exists(frontFile(dir, m)))) {
        for (String m : METHODS) {
          fronts.add(seed, m, FrontFiles.readJson(frontFile(dir, m)).candidates());
        }
        console.printf(Locale.ROOT, "seed %d: fronts read from %s (delete them to evaluate again)%n", seed, dir);
        continue;
      }
      SearchData sd = data().search();
      ImageDataset train = sd.train().randomSubset(images, Seeds.derive(seed, "train-subset"));
      ImageDataset val = sd.validation().randomSubset(valImages, Seeds.derive(seed, "val-subset"));
      NetSettings ns = NetSettings.defaults(seed);
      SubnetCache cache = new SubnetCache(ns, JoslimHook.ARCHIVE_CAP + 8);
      SubnetCache evalCache = new SubnetCache(ns, 2);
      BatchSource calib = BatchSource.evaluation(train, 128, sd.normalization());
      SubnetEvaluator onVal = new SubnetEvaluator(evalCache, calib, calibrationBatches, BatchSource.evaluation(val, 250, sd.normalization()),
          DataType.FLOAT);
      SubnetEvaluator onTest = new SubnetEvaluator(evalCache, calib, calibrationBatches,
          BatchSource.evaluation(data().finalTraining().test(), 250, sd.normalization()), DataType.FLOAT);
      TrainConfig config = TrainConfig.cifarShort(epochs, seed);
      BatchSource batches = Trainer.trainingBatches(train, sd.normalization(), config);

      console.printf(Locale.ROOT, "seed %d: uniform-width slimmable training (%d images, %d epochs)%n", seed, train.size(), epochs);
      RunFolder uf = new RunFolder(dir.resolve("uniform"));
      Trainer.builder(config, s -> Networks.build(family.fullArch(), s), batches, uf.dir())
          .trainStep(new SandwichStep(family, new UniformWidthSampler(family, perStep, seed), cache))
          .provenance(Json.fingerprint(family.fullArch()), details("uniform", seed, train.size()))
          .listener(ProgressBarListener.of(quiet, console)).build().complete();
      ComputationGraph uniformNet = GraphFiles.read(uf.model(), false);
      cache.clear();

      console.printf(Locale.ROOT, "seed %d: Joslim training%n", seed);
      RunFolder jf = new RunFolder(dir.resolve("joslim"));
      WidthDomain domain = WidthDomain.of(space, family.ops());
      JoslimSampler sampler = JoslimSampler.builder(domain, latency).proposal(GpProposal.defaults()).target(TargetCost.uniform()).build();
      JoslimHook hook = new JoslimHook(family, sampler, cache, BatchSource.evaluation(val, 128, sd.normalization()).batch(0, 0),
          tau, perStep, proposals, seed, jf.dir().resolve("joslim"));
      Trainer.builder(config, s -> Networks.build(family.fullArch(), s), batches, jf.dir())
          .trainStep(new SandwichStep(family, hook, cache)).stepHook(hook)
          .provenance(Json.fingerprint(family.fullArch()), details("joslim", seed, train.size()))
          .listener(ProgressBarListener.of(quiet, console)).build().complete();
      ComputationGraph joslimNet = GraphFiles.read(jf.model(), false);
      WidthArchive archive = JoslimHook.latestArchive(jf.dir().resolve("joslim"), family);
      cache.clear();

      // (b) uniform widths on the uniform-trained weights
      List<ArchEncoding> uniformConfigs = new ArrayList<>();
      for (int i = 0; i < points; i++) {
        uniformConfigs.add(family.encoding(family.uniform(family.lower() + (family.upper() - family.lower()) * i / (points - 1))));
      }
      // (a) Joslim: its archive's front by re-scored loss, spread over cost, validated with BN recalibration
      List<ArchEncoding> joslimConfigs = SlimFronts.spread(
          SlimFronts.validated(archive.front().points().stream().map(Candidate::encoding).toList(), joslimNet, family, onVal, latency),
          points);
      // (c) two-stage: NSGA-II over widths on the uniform-trained weights, accuracy on the validation subset
      console.printf(Locale.ROOT, "seed %d: two-stage NSGA-II over widths (%d x %d)%n", seed, nsgaPopulation, nsgaGenerations);
      SearchSpace fixed = family.fixedOpsSpace();
      NsgaResult nsga = NsgaSearch.builder(fixed, e -> onVal.evaluate(uniformNet, family.arch(e.widths().toArray())).accuracy(), latency)
          .populationSize(nsgaPopulation).generations(nsgaGenerations).build().run(seed);
      List<ArchEncoding> twoStageConfigs = SlimFronts.spread(
          nsga.latencyErrorFront().points().stream().map(c -> family.encoding(c.encoding().widths().toArray())).toList(), latency, points);

      fronts.add(seed, "joslim", test(joslimNet, joslimConfigs, family, onTest, latency, dir.resolve("front-joslim"), space));
      fronts.add(seed, "uniform", test(uniformNet, uniformConfigs, family, onTest, latency, dir.resolve("front-uniform"), space));
      fronts.add(seed, "two-stage", test(uniformNet, twoStageConfigs, family, onTest, latency, dir.resolve("front-two-stage"), space));
      console.print(fronts.table());
    }
    fronts.write(out, describe());
    console.print(fronts.table());
    return 0;
  }

  /** The methods in the order their fronts are evaluated and tabled. */
  private static final List<String> METHODS = List.of("joslim", "uniform", "two-stage");

  /** Where a seed's test-set front of a method is written; a seed with all three is complete. */
  private static Path frontFile(Path seedDir, String method) {
    return seedDir.resolve("front-" + method + ".json");
  }

  private List<Candidate> test(ComputationGraph net, List<ArchEncoding> configs, SlimmableFamily family, SubnetEvaluator onTest,
      ToDoubleFunction<ArchEncoding> latency, Path file, SearchSpace space) {
    List<Candidate> out = new ArrayList<>();
    for (ArchEncoding e : configs) {
      double acc = onTest.evaluate(net, family.arch(e.widths().toArray())).accuracy();
      out.add(Candidate.of(e, latency.applyAsDouble(e), 1 - acc));
    }
    FrontDocument doc = FrontDocument.of(space.name(), List.of("latency_ms", "test_error"), out);
    FrontFiles.writeJson(file.resolveSibling(file.getFileName() + ".json"), doc);
    FrontFiles.writeCsv(file.resolveSibling(file.getFileName() + ".csv"), doc);
    Provenance.of(file.getFileName() + ".json", "pareto-front", null, null, describe()).writeBeside(file.resolveSibling(file.getFileName() + ".json"));
    return out;
  }

  private Map<String, Object> details(String method, long seed, int trainImages) {
    Map<String, Object> d = new LinkedHashMap<>(describe());
    d.put("method", method);
    d.put("seed", seed);
    d.put("trainImages", trainImages);
    return d;
  }

  private Map<String, Object> describe() {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("space", spaceName);
    d.put("width", width);
    d.put("op", opsFrom == null ? op : "from " + opsFrom);
    d.put("images", images);
    d.put("epochs", epochs);
    d.put("perStep", perStep);
    d.put("tau", tau);
    d.put("proposals", proposals);
    d.put("valImages", valImages);
    d.put("calibrationBatches", calibrationBatches);
    d.put("nsgaPopulation", nsgaPopulation);
    d.put("nsgaGenerations", nsgaGenerations);
    d.put("device", device);
    d.put("seeds", seeds);
    return d;
  }


  private DataSplits data() {
    if (data == null) {
      data = Cifar10.load();
    }
    return data;
  }
}
