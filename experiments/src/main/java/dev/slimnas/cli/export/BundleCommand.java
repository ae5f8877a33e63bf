package dev.slimnas.cli.export;

import com.google.common.primitives.ImmutableIntArray;
import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.experiment.DeploymentLatency;
import dev.slimnas.cli.train.RunData;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.FrontDocument;
import dev.slimnas.optimizers.pareto.FrontFiles;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.BundleManifest;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.slim.SlimmableFamily;
import dev.slimnas.supernet.slim.SubnetCache;
import dev.slimnas.supernet.slim.BnCalibration;
import dev.slimnas.supernet.train.GraphFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.function.ToDoubleFunction;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code slimnas bundle}: a slimmable bundle from the shared weights of a slimmable training run and a front of it. */
@Command(name = "bundle", mixinStandardHelpOptions = true,
    description = {"Make a slimmable bundle: the shared weights of a slimmable training run (model.zip), the width",
        "configurations of a front (JSON of 'slimnas experiment slimmable', objectives latency_ms, test_error) with",
        "their accuracy, predicted latency per device and BN statistics recalibrated on training images; data.json",
        "records the input normalisation, so ONNX exports of the bundle need no --data."},
    footer = {"", "Example:", "  slimnas bundle --model runs/slimmable/seed-1/joslim/model.zip \\",
        "      --front runs/slimmable/seed-1/front-joslim.json --out runs/slimmable/joslim-bundle"})
public final class BundleCommand implements Callable<Integer>, WritesRunFolder {
  /** The bundle's training data and normalisation ({@link RunData}), beside {@code bundle.json}. */
  public static final String DATA = "data.json";

  @Option(names = "--model", required = true, description = "Shared weights: model.zip of a slimmable training run.")
  Path model;

  @Option(names = "--front", required = true, description = "Front JSON (slimnas.pareto-front) of width configurations.")
  Path front;

  @Option(names = "--space", defaultValue = "spnas-cifar", description = "Space of the run (default ${DEFAULT-VALUE}).")
  String space;

  @Option(names = "--width", defaultValue = "0.5", description = "Width multiplier of the run's space (default ${DEFAULT-VALUE}).")
  double width;

  @Option(names = "--devices", split = ",", defaultValue = "pixel1-proxylessnas-fit,macs",
      description = "Latency models whose predictions go into the bundle (default ${DEFAULT-VALUE}).")
  List<String> devices;

  @Option(names = "--images", defaultValue = "10000", description = "Training subset the calibration batches come from, as in the run (default ${DEFAULT-VALUE}).")
  int images;

  @Option(names = "--seed", defaultValue = "1", description = "Seed of that subset, as in the run (default ${DEFAULT-VALUE}).")
  long seed;

  @Option(names = "--calibration-batches", defaultValue = "4", description = "Batches of 128 for BN recalibration (default ${DEFAULT-VALUE}).")
  int calibrationBatches;

  @Option(names = "--out", required = true, description = "Bundle folder.")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Override
  public Integer call() {
    OutputPaths.checkFolder(out, "--out"); // before any work
    Nd4jSetup.ensure();
    FrontDocument doc = FrontFiles.readJson(front);
    SlimmableFamily family = familyOf(SearchSpaces.get(space, width), doc);
    ComputationGraph full = GraphFiles.read(model, false);
    SearchData sd = Cifar10.load().search();
    ImageDataset train = sd.train().randomSubset(images, Seeds.derive(seed, "train-subset"));
    SubnetCache cache = new SubnetCache(NetSettings.defaults(seed), 4);
    List<INDArray> calibration = BnCalibration.inputs(BatchSource.evaluation(train, 128, sd.normalization()), calibrationBatches,
        full.getConfiguration().getDataType());
    Map<String, ToDoubleFunction<ArchEncoding>> latency = new LinkedHashMap<>();
    for (String d : devices) {
      latency.put(d, DeploymentLatency.of(family, d));
    }
    int errorIndex = doc.objectives().indexOf("test_error");
    if (errorIndex < 0) {
      throw new IllegalArgumentException(front + ": objectives " + doc.objectives() + " have no test_error");
    }
    List<BundleConfig> configs = new ArrayList<>();
    for (Candidate c : doc.candidates()) {
      ArchEncoding e = family.encoding(c.encoding().widths().toArray());
      ComputationGraph sub = cache.withWeightsOf(full, family.arch(e.widths().toArray()));
      BnCalibration.recalibrate(sub, calibration);
      Map<String, Double> ms = new LinkedHashMap<>();
      latency.forEach((d, f) -> ms.put(d, f.applyAsDouble(e)));
      configs.add(new BundleConfig(e.widths().asList(), 1 - c.objective(errorIndex), ms, SlimmableModel.bnStatistics(sub)));
      System.out.printf(Locale.ROOT, "config %d: accuracy %.2f%%, %s%n", configs.size(), 100 * (1 - c.objective(errorIndex)), ms);
    }
    BundleManifest draft = new BundleManifest(space, width, family.ops().asList(), family.lower(), family.upper(), "-", "-",
        "CIFAR-10 test set (from " + front.getFileName() + ")", configs);
    Map<String, Object> prov = new LinkedHashMap<>();
    prov.put("model", model.toString());
    prov.put("front", front.toString());
    prov.put("calibration", calibrationBatches + " batches of 128 from a " + images + "-image training subset, seed " + seed);
    Path written = SlimmableModel.write(out, draft, full, prov);
    // the normalisation the shared weights were trained with, as a run folder records it: exports need no --data
    new RunData("cifar10", "search-train", "test", images, sd.normalization().mean(), sd.normalization().std())
        .write(out.resolve(DATA));
    System.out.println("wrote " + written + " (" + configs.size() + " configurations)");
    return 0;
  }

  /** The slimmable family of the front's networks: their block ops (one set for all points), the space's width range. */
  private SlimmableFamily familyOf(SearchSpace space, FrontDocument doc) {
    List<Candidate> points = doc.candidates();
    if (points.isEmpty()) {
      throw new IllegalArgumentException(front + ": the front has no points");
    }
    ImmutableIntArray ops = points.get(0).encoding().ops();
    for (int i = 1; i < points.size(); i++) {
      if (!points.get(i).encoding().ops().equals(ops)) {
        throw new IllegalArgumentException(front + ": point " + i + " has other block ops than point 0; a slimmable bundle"
            + " shares one set of ops (one network at many widths)");
      }
    }
    return new SlimmableFamily(space, ops, space.widths().min(), space.widths().max());
  }
}
