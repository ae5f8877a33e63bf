package dev.slimnas.cli.train;

import dev.slimnas.space.json.Json;
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

/** {@code slimnas eval}: evaluates a trained run's model (or its last checkpoint) on a split. */
@Command(name = "eval", mixinStandardHelpOptions = true,
    description = "Evaluate the model of a run folder (model.zip, or the last checkpoint of an unfinished run) on"
        + " CIFAR-10 with the normalisation the run was trained with; prints loss and accuracy and writes"
        + " RUN/eval-<split>.json.",
    footer = {"", "Examples:", "  slimnas eval --model runs/mbv2-0.5", "  slimnas eval --model runs/mbv2-0.5 --split validation"})
public final class EvalCommand implements Callable<Integer> {
  @Spec
  CommandSpec spec;

  @Option(names = "--model", required = true, paramLabel = "RUN", description = "A run folder of 'slimnas train'.")
  Path run;

  @Option(names = "--split", defaultValue = "test", paramLabel = "SPLIT",
      description = "test (10,000 images) or validation (the 5,000 held out of the training set); default: ${DEFAULT-VALUE}.")
  String split;

  @Option(names = "--batch", defaultValue = "250", paramLabel = "B", description = "Batch size (default: ${DEFAULT-VALUE}).")
  int batch;

  @Override
  public Integer call() {
    RunFolder folder = new RunFolder(run);
    // the final network, else the committed checkpoint, verified (never an uncommitted or torn file)
    Path model = Files.exists(folder.model()) ? folder.model()
        : folder.hasCheckpoint() ? folder.checkpoints().committed().model() : null;
    if (model == null) {
      throw new ParameterException(spec.commandLine(), run + " has neither model.zip nor a checkpoint");
    }
    RunData d = RunData.read(run.resolve("data.json"));
    DataSplits splits = Cifar10.load();
    ImageDataset images;
    if ("test".equals(split)) {
      images = splits.finalTraining().test();
    } else if ("validation".equals(split)) {
      images = splits.search().validation();
      if (!"search-train".equals(d.trainSplit())) {
        System.err.println("warning: this run trained on all 50,000 training images, validation images included");
      }
    } else {
      throw new ParameterException(spec.commandLine(), "--split must be test or validation, got " + split);
    }
    Nd4jSetup.ensure();
    ComputationGraph graph = GraphFiles.read(model, false);
    EvalResult r = Evaluator.evaluate(graph, BatchSource.evaluation(images, batch, d.normalization()));
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("model", model.toString());
    doc.put("split", split);
    doc.put("images", r.images());
    doc.put("loss", r.loss());
    doc.put("accuracy", r.accuracy());
    doc.put("imagesPerSecond", r.imagesPerSecond());
    Path outFile = run.resolve("eval-" + split + ".json");
    Json.write(outFile, "slimnas.eval", 1, doc);
    System.out.printf(Locale.ROOT, "%s: %s accuracy %.2f%% (loss %.4f) on %d images, %.0f img/s%n", model, split,
        100 * r.accuracy(), r.loss(), r.images(), r.imagesPerSecond());
    System.out.println("wrote " + outFile);
    return 0;
  }
}
