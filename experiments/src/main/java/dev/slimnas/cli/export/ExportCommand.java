package dev.slimnas.cli.export;

import dev.slimnas.cli.train.RunData;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.train.GraphFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.deeplearning4j.nn.graph.ComputationGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code slimnas export}: a trained network as ONNX ({@code --model ... --onnx}), or the stand-alone network
 * of a slimmable bundle for a latency budget (DL4J zip, or ONNX with {@code --onnx}).
 */
@Command(name = "export", mixinStandardHelpOptions = true,
    description = {"Write a network for deployment. With --model: convert a trained network (a run folder of 'slimnas",
        "train', a search folder of 'slimnas search --train-epochs', or a model zip inside one) to ONNX (--onnx).",
        "With --bundle: pick the most accurate width configuration of a slimmable bundle whose predicted latency on",
        "the device is within the budget and write its stand-alone network (DL4J zip, or ONNX with --onnx).",
        "ONNX: opset 13, input 'input' (float NCHW [N, 3, H, W], N dynamic, normalised as (pixel / 255 - mean) / std),",
        "output 'probabilities' (softmax, as DL4J's output layer; 'logits' with --logits); BN folded into the",
        "convolutions unless --no-fold-bn; mean, std, layout, class names and the architecture in the model's",
        "metadata; a provenance record beside the file. Networks the exporter cannot express are refused naming",
        "the block and the op; nothing is written then.",
        "With --bundle --onnx --all: every width configuration of the bundle as its own ONNX model in the --out folder,",
        "with manifest.json (per model: widths, accuracy, predicted latency per device, its latency in ONNX Runtime",
        "measured here, SHA-256), so an app can ship several and pick one by its budget at run time."},
    footer = {"", "Examples:",
        "  slimnas export --model runs/mbv2-0.5 --onnx --out mbv2.onnx",
        "  slimnas export --model runs/search-60ms --onnx --out found.onnx",
        "  slimnas export --model runs/x/model.zip --arch arch.json --data runs/x/data.json --onnx --no-fold-bn --out x.onnx",
        "  slimnas export --bundle runs/slimmable/joslim-bundle --budget-ms 40 --out model-40ms.zip",
        "  slimnas export --bundle runs/slimmable/joslim-bundle --budget-ms 40 --format onnx --out model-40ms.onnx",
        "  slimnas export --bundle runs/slimmable/joslim-bundle --onnx --all --out runs/slimmable/joslim-onnx"})
public final class ExportCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", paramLabel = "RUN_OR_MODEL",
      description = "A trained network: run folder, search folder or model zip (needs --onnx).")
  Path model;

  @Option(names = "--bundle", paramLabel = "DIR", description = "Bundle folder (slimnas bundle).")
  Path bundle;

  @Option(names = "--budget-ms", paramLabel = "MS", description = "Latency budget in ms (with --bundle).")
  Double budgetMs;

  @Option(names = "--device", defaultValue = "pixel1-proxylessnas-fit", description = "Device of the budget (default ${DEFAULT-VALUE}).")
  String device;

  @Option(names = "--onnx", description = "Write ONNX instead of a DL4J zip (= --format onnx).")
  boolean onnx;

  @Option(names = "--format", paramLabel = "FORMAT", description = "onnx (= --onnx) or dl4j (a DL4J zip; --bundle only; the"
      + " default without --onnx).")
  String format;

  @Option(names = "--all", description = "With --bundle --onnx: every configuration of the bundle and manifest.json into the --out folder.")
  boolean all;

  @Option(names = "--no-measure", description = "With --all: do not time the models in ONNX Runtime (manifest latency 0).")
  boolean noMeasure;

  @Option(names = "--no-fold-bn", description = "ONNX: keep BatchNormalization nodes instead of folding BN into the convolutions.")
  boolean noFoldBn;

  @Option(names = "--logits", description = "ONNX: output the logits (output 'logits') instead of softmax probabilities.")
  boolean logits;

  @Option(names = "--arch", paramLabel = "FILE", description = "Architecture JSON of --model when no arch.json lies beside it.")
  Path arch;

  @Option(names = "--data", paramLabel = "FILE",
      description = "data.json of the run that trained the network (its normalisation), when none lies beside --model or the"
          + " bundle does not record it.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE",
      description = "Output file (.onnx with --onnx, else a DL4J zip); a folder with --all.")
  Path out;

  @Override
  public Integer call() {
    if ((model == null) == (bundle == null)) {
      throw new ParameterException(spec.commandLine(), "give exactly one of --model and --bundle");
    }
    if (format != null) {
      boolean f = OnnxFiles.onnx(format, spec.commandLine());
      if (onnx && !f) {
        throw new ParameterException(spec.commandLine(), "--onnx and --format dl4j contradict each other: give one");
      }
      onnx = f;
      if (model != null && !f) {
        throw new ParameterException(spec.commandLine(), "--model converts a network to ONNX: --format dl4j does not apply");
      }
    }
    if (model != null && !onnx) {
      throw new ParameterException(spec.commandLine(), "--model converts a network to ONNX: add --onnx");
    }
    if (all && (bundle == null || !onnx)) {
      throw new ParameterException(spec.commandLine(), "--all writes every configuration of a bundle as ONNX: give --bundle and --onnx");
    }
    if (all && budgetMs != null) {
      throw new ParameterException(spec.commandLine(), "give either --all (every configuration) or --budget-ms (one), not both");
    }
    if (noMeasure && !all) {
      throw new ParameterException(spec.commandLine(), "--no-measure applies to --all only");
    }
    if (!onnx && (noFoldBn || logits)) {
      throw new ParameterException(spec.commandLine(), (noFoldBn ? "--no-fold-bn" : "--logits") + " applies to ONNX only: add --onnx");
    }
    if (bundle != null && budgetMs == null && !all) {
      throw new ParameterException(spec.commandLine(), "--bundle needs --budget-ms (one network) or --onnx --all (every configuration)");
    }
    if (model != null && budgetMs != null) {
      throw new ParameterException(spec.commandLine(), "--budget-ms applies to --bundle only");
    }
    if (budgetMs != null && !(budgetMs > 0 && Double.isFinite(budgetMs))) {
      throw new IllegalArgumentException("--budget-ms must be a positive number of milliseconds, got " + budgetMs);
    }
    if (all) {
      OutputPaths.checkFolder(out, "--out"); // before any work
      return exportAll();
    }
    OutputPaths.checkFile(out, "--out"); // before any work
    return model != null ? exportModel() : exportBundle();
  }

  private int exportAll() {
    Nd4jSetup.ensure();
    SlimmableModel m = SlimmableModel.load(bundle);
    OnnxBundleManifest r = BundleOnnxExport.run(bundle, m, normalization(), out, !noMeasure, System.out);
    System.out.println("wrote " + r.models().size() + " ONNX models and " + out.resolve(OnnxBundleManifest.FILE));
    return 0;
  }

  /** The normalisation of a bundle's network: --data when given, else the bundle's data.json. */
  private Normalization normalization() {
    if (data != null) {
      return RunData.read(data).normalization();
    }
    Path recorded = bundle.resolve(BundleCommand.DATA);
    if (!java.nio.file.Files.exists(recorded)) {
      throw new ParameterException(spec.commandLine(), bundle + " records no input normalisation (no " + BundleCommand.DATA
          + "; a bundle made before bundles recorded it): pass --data FILE (data.json of the run that trained it)");
    }
    return RunData.read(recorded).normalization();
  }

  private int exportModel() {
    ModelSource src = ModelSource.resolve(model, arch, data, spec.commandLine());
    Nd4jSetup.ensure();
    ComputationGraph graph = GraphFiles.read(src.model(), false);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("source", src.model().toString());
    d.put("normalization", src.normalizationSource());
    writeOnnx(graph, src.arch(), src.normalization(), d);
    return 0;
  }

  private int exportBundle() {
    Nd4jSetup.ensure();
    SlimmableModel m = SlimmableModel.load(bundle);
    BundleConfig c = m.best(budgetMs, device).orElse(null);
    ComputationGraph graph = m.select(budgetMs, device); // throws with the fastest configuration when none fits
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("bundle", bundle.toString());
    d.put("budgetMs", budgetMs);
    d.put("device", device);
    d.put("widths", c.widths());
    d.put("accuracy", c.accuracy());
    d.put("latencyMs", c.latencyMs());
    if (onnx) {
      d.put("normalization", data != null ? data.toString() : bundle.resolve(BundleCommand.DATA).toString());
      writeOnnx(graph, m.arch(c), normalization(), d);
    } else {
      GraphFiles.write(graph, out, false);
      Provenance.of(out.getFileName().toString(), "network", null, m.manifest().weightsSha256(), d).writeBeside(out);
    }
    System.out.printf(Locale.ROOT, "%s: accuracy %.2f%% (%s), %.2f ms on %s (budget %.2f ms)%n", out, 100 * c.accuracy(),
        m.manifest().accuracyOn(), c.latencyMs().get(device), device, budgetMs);
    return 0;
  }

  private void writeOnnx(ComputationGraph graph, ArchSpec a, Normalization n, Map<String, Object> details) {
    System.out.println(OnnxFiles.write(graph, a, n, out, !noFoldBn, logits, details));
  }
}
