package dev.slimnas.cli.export;

import dev.slimnas.cli.VersionProvider;
import dev.slimnas.space.io.Provenance;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.onnx.OnnxExporter;
import dev.slimnas.supernet.onnx.OnnxOutput;
import dev.slimnas.supernet.train.GraphFiles;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;

/**
 * Writes networks as ONNX the one way every command does ({@code export}, {@code train --format onnx},
 * {@code search --format onnx}): the project's exporter with CIFAR-10 class names for 10-class networks, the
 * training normalisation in the metadata, a provenance record beside the file.
 */
public final class OnnxFiles {
  /** The file name a run folder's ONNX model gets, beside {@code model.zip}. */
  public static final String MODEL = "model.onnx";

  private OnnxFiles() {}

  /** The choice of {@code --format}: {@code dl4j} (a DL4J zip) or {@code onnx}; anything else is refused. */
  public static boolean onnx(String format, picocli.CommandLine cl) {
    if (format.equals("onnx")) {
      return true;
    }
    if (format.equals("dl4j")) {
      return false;
    }
    throw new picocli.CommandLine.ParameterException(cl, "--format must be dl4j or onnx, got '" + format + "'");
  }

  /** The exporter of networks of {@code a} with the project's settings. */
  public static OnnxExporter exporter(ArchSpec a, Normalization n, boolean foldBn, boolean logits) {
    List<String> classes = a.classes() == Cifar10.CLASSES.size() ? Cifar10.CLASSES : null;
    OnnxExporter.Builder b = OnnxExporter.builder(a).foldBn(foldBn)
        .output(logits ? OnnxOutput.LOGITS : OnnxOutput.PROBABILITIES).normalization(n)
        .producerVersion(VersionProvider.version());
    if (classes != null) {
      b.classNames(classes);
    }
    return b.build();
  }

  /** Writes {@code graph} (a network of {@code a}) to {@code out}; returns the line a command prints. */
  public static String write(ComputationGraph graph, ArchSpec a, Normalization n, Path out, boolean foldBn, boolean logits,
      Map<String, Object> details) {
    Map<String, Object> d = new LinkedHashMap<>(details);
    d.putIfAbsent("command", "slimnas export");
    exporter(a, n, foldBn, logits).write(graph, out, d);
    return String.format(Locale.ROOT, "wrote %s (ONNX opset %d, %s, BN %s, output '%s') and %s", out, OnnxExporter.OPSET,
        a.name(), foldBn ? "folded" : "kept", logits ? "logits" : "probabilities", Provenance.pathFor(out).getFileName());
  }

  /**
   * The trained network of a run folder of {@code slimnas train} or a search folder with final training, as
   * {@code out} (BN folded, probabilities); returns the line a command prints.
   */
  public static String writeRun(Path runOrSearch, Path out, String command, picocli.CommandLine cl) {
    ModelSource src = ModelSource.resolve(runOrSearch, null, null, cl);
    Nd4jSetup.ensure();
    ComputationGraph graph = GraphFiles.read(src.model(), false);
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("command", command);
    d.put("source", src.model().toString());
    d.put("normalization", src.normalizationSource());
    return write(graph, src.arch(), src.normalization(), out, true, false, d);
  }
}
