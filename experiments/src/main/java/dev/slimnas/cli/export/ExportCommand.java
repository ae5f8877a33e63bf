package dev.slimnas.cli.export;

import dev.slimnas.cli.VersionProvider;
import dev.slimnas.cli.train.RunData;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.export.BundleConfig;
import dev.slimnas.supernet.export.SlimmableModel;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.onnx.OnnxExporter;
import dev.slimnas.supernet.onnx.OnnxOutput;
import dev.slimnas.supernet.train.GraphFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
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
        "the block and the op; nothing is written then."},
    footer = {"", "Examples:",
        "  slimnas export --model runs/mbv2-0.5 --onnx --out mbv2.onnx",
        "  slimnas export --model runs/search-60ms --onnx --out found.onnx",
        "  slimnas export --model runs/x/model.zip --arch arch.json --data runs/x/data.json --onnx --no-fold-bn --out x.onnx",
        "  slimnas export --bundle runs/slimmable/joslim-bundle --budget-ms 40 --out model-40ms.zip"})
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

  @Option(names = "--onnx", description = "Write ONNX instead of a DL4J zip.")
  boolean onnx;

  @Option(names = "--no-fold-bn", description = "ONNX: keep BatchNormalization nodes instead of folding BN into the convolutions.")
  boolean noFoldBn;

  @Option(names = "--logits", description = "ONNX: output the logits (output 'logits') instead of softmax probabilities.")
  boolean logits;

  @Option(names = "--arch", paramLabel = "FILE", description = "Architecture JSON of --model when no arch.json lies beside it.")
  Path arch;

  @Option(names = "--data", paramLabel = "FILE",
      description = "data.json of the run that trained the network (its normalisation), when none lies beside --model; needed for --bundle --onnx.")
  Path data;

  @Option(names = "--out", required = true, paramLabel = "FILE", description = "Output file (.onnx with --onnx, else a DL4J zip).")
  Path out;

  @Override
  public Integer call() {
    if ((model == null) == (bundle == null)) {
      throw new ParameterException(spec.commandLine(), "give exactly one of --model and --bundle");
    }
    if (model != null && !onnx) {
      throw new ParameterException(spec.commandLine(), "--model converts a network to ONNX: add --onnx");
    }
    if (!onnx && (noFoldBn || logits)) {
      throw new ParameterException(spec.commandLine(), (noFoldBn ? "--no-fold-bn" : "--logits") + " applies to ONNX only: add --onnx");
    }
    if (bundle != null && budgetMs == null) {
      throw new ParameterException(spec.commandLine(), "--bundle needs --budget-ms");
    }
    if (model != null && budgetMs != null) {
      throw new ParameterException(spec.commandLine(), "--budget-ms applies to --bundle only");
    }
    if (budgetMs != null && !(budgetMs > 0 && Double.isFinite(budgetMs))) {
      throw new IllegalArgumentException("--budget-ms must be a positive number of milliseconds, got " + budgetMs);
    }
    OutputPaths.checkFile(out, "--out"); // before any work
    return model != null ? exportModel() : exportBundle();
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
      if (data == null) {
        throw new ParameterException(spec.commandLine(), "--bundle --onnx needs --data FILE (data.json of the run that"
            + " trained the bundle) for the input normalisation the model's metadata records");
      }
      d.put("normalization", data.toString());
      writeOnnx(graph, m.arch(c), RunData.read(data).normalization(), d);
    } else {
      GraphFiles.write(graph, out, false);
      Provenance.of(out.getFileName().toString(), "network", null, m.manifest().weightsSha256(), d).writeBeside(out);
    }
    System.out.printf(Locale.ROOT, "%s: accuracy %.2f%% (%s), %.2f ms on %s (budget %.2f ms)%n", out, 100 * c.accuracy(),
        m.manifest().accuracyOn(), c.latencyMs().get(device), device, budgetMs);
    return 0;
  }

  private void writeOnnx(ComputationGraph graph, ArchSpec a, Normalization n, Map<String, Object> details) {
    List<String> classes = a.classes() == Cifar10.CLASSES.size() ? Cifar10.CLASSES : null;
    OnnxExporter.Builder b = OnnxExporter.builder(a).foldBn(!noFoldBn)
        .output(logits ? OnnxOutput.LOGITS : OnnxOutput.PROBABILITIES).normalization(n)
        .producerVersion(VersionProvider.version());
    if (classes != null) {
      b.classNames(classes);
    }
    details.put("command", "slimnas export");
    b.build().write(graph, out, details);
    System.out.printf(Locale.ROOT, "wrote %s (ONNX opset %d, %s, BN %s, output '%s') and %s%n", out, OnnxExporter.OPSET,
        a.name(), noFoldBn ? "kept" : "folded", logits ? "logits" : "probabilities", Provenance.pathFor(out).getFileName());
  }
}
