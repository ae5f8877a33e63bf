package dev.slimnas.cli.train;

import dev.slimnas.ort.OrtEvaluator;
import dev.slimnas.ort.OrtModel;
import dev.slimnas.space.json.Json;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.train.EvalResult;
import dev.slimnas.supernet.train.Evaluator;
import dev.slimnas.supernet.train.GraphFiles;
import dev.slimnas.supernet.train.RunFolder;
import java.nio.file.Files;
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

/** {@code slimnas eval}: evaluates a trained run's model (or its last checkpoint), or an ONNX model, on a split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the model of a run folder (model.zip, or the last checkpoint of an unfinished run) on"
        + " CIFAR-10 with the normalisation the run was trained with; prints loss and accuracy and writes"
        + " RUN/eval-<split>.json. An .onnx file (slimnas export --onnx) is evaluated in ONNX Runtime (CPU) with the"
        + " normalisation recorded in its metadata (or --data); the result goes to MODEL.onnx.eval-<split>.json.",
    footer = {"", "Examples:", "  slimnas eval --model runs/mbv2-0.5", "  slimnas eval --model runs/mbv2-0.5 --split validation",
        "  slimnas eval --model mbv2.onnx --threads 1"})
public final class EvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "RUN|MODEL.onnx",
      description = "A run folder of 'slimnas train', or an ONNX model.")
  Path run;

  @Option(names = "--threads", defaultValue = "0", paramLabel = "T",
      description = "ONNX Runtime intra-op threads (0: its default, all cores); ONNX models only. Default: ${DEFAULT-VALUE}.")
  int threads;

  @Option(names = "--data", paramLabel = "FILE",
      description = "ONNX models only: a run's data.json whose normalisation replaces the one in the model's metadata.")
  Path data;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
      description = "test (10,000 images) or validation (the 5,000 held out of the training set); default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--batch", defaultValue = "250", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public Integer call() {
    if (batch < 1) {
      throw new ParameterException(spec.commandLine(), "--batch must be >= 1, got " + batch);
    }
    if (run.getFileName() != null && run.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".onnx")) {
      return evalOnnx();
    }
    if (data != null || threads != 0) {
      throw new ParameterException(spec.commandLine(), "--data and --threads apply to ONNX models only");
    }
    RunFolder folder = new RunFolder(run);
    // the final network, else the committed checkpoint, verified (never an uncommitted or torn file)
    Path model = Files.exists(folder.model()) ? folder.model()
        : folder.hasCheckpoint() ? folder.checkpoints().committed().model() : null;
    if (model == null) {
      throw new ParameterException(spec.commandLine(), run + " has neither model.zip nor a checkpoint");
    }
    RunData d = RunData.read(run.resolve("data.json"));
    ImageDataset images = images("search-train".equals(d.trainSplit()) ? null
        : "this run trained on all 50,000 training images, validation images included");
    Nd4jSetup.ensure();
    ComputationGraph graph = GraphFiles.read(model, false);
    EvalResult r = Evaluator.evaluate(graph, BatchSource.evaluation(images, batch, d.normalization()));
    report(model, r, run.resolve("eval-" + split + ".json"), Map.of());
    return 0;
  }

  /** The images of --split; {@code validationWarning} (or null) is printed when they are the validation images. */
  private ImageDataset images(String validationWarning) {
    if (!"test".equals(split) && !"validation".equals(split)) {
      throw new ParameterException(spec.commandLine(), "--split must be test or validation, got " + split);
    }
    DataSplits splits = Cifar10.load();
    if ("test".equals(split)) {
      return splits.finalTraining().test();
    }
    if (validationWarning != null) {
      System.err.println("warning: " + validationWarning);
    }
    return splits.search().validation();
  }

  /** An ONNX model in ONNX Runtime, normalised as its metadata (or --data) says. */
  private int evalOnnx() {
    if (threads < 0) {
      throw new ParameterException(spec.commandLine(), "--threads must be >= 0, got " + threads);
    }
    try (OrtModel m = OrtModel.load(run, threads)) {
      Normalization n = data != null ? RunData.read(data).normalization()
          : m.normalization().orElseThrow(() -> new ParameterException(spec.commandLine(), run
              + " records no normalisation in its metadata; pass the training run's data.json with --data"));
      ImageDataset images = images("an ONNX model does not record its training split: if it was trained on all 50,000"
          + " training images, the validation images were among them");
      EvalResult r = OrtEvaluator.evaluate(m, BatchSource.evaluation(images, batch, n));
      Map<String, Object> extra = new LinkedHashMap<>();
      extra.put("runtime", "onnxruntime");
      extra.put("threads", threads);
      extra.put("normalization", n.toMap());
      report(run, r, run.resolveSibling(run.getFileName() + ".eval-" + split + ".json"), extra);
    }
    return 0;
  }

  private void report(Path model, EvalResult r, Path outFile, Map<String, Object> extra) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", model.toString());
    doc.put("split", split);
    doc.put("images", r.images());
    doc.put("loss", r.loss());
    doc.put("accuracy", r.accuracy());
    doc.put("imagesPerSecond", r.imagesPerSecond());
    doc.putAll(extra);
    Json.write(outFile, "slimnas.eval", 1, doc);
    System.out.printf(Locale.ROOT, "%s: %s accuracy %.2f%% (loss %.4f) on %d images, %.0f img/s%n", model, split,
        100 * r.accuracy(), r.loss(), r.images(), r.imagesPerSecond());
    System.out.println("wrote " + outFile);
  }
}
