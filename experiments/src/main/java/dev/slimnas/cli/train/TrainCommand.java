package dev.slimnas.cli.train;

import dev.slimnas.cli.WritesRunFolder;
import dev.slimnas.cli.input.ArchOptions;
import dev.slimnas.space.io.OutputPaths;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.net.MemoryEstimate;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.train.LoggingListener;
import dev.slimnas.supernet.train.Optimizer;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** {@code slimnas train}: trains an architecture into a run folder, resumable after a crash. */
@Command(name = "train", mixinStandardHelpOptions = true,
    description = {"Train an architecture on CIFAR-10 into a run folder: train.json, arch.json, data.json,"
        + " metrics.jsonl, checkpoint/ (atomic, every N steps and every epoch), model.zip and result.json,"
        + " each artifact with a provenance record.",
        "After a crash or kill, run the same command with --resume to continue exactly where it stopped."},
    footer = {"", "Examples:",
        "  slimnas train --ref mobilenetv2-0.5-cifar --epochs 30 --out runs/mbv2-0.5",
        "  slimnas train examples/arch/spnas-final-cifar.json --config my-train.json --out runs/spnas",
        "  slimnas train --ref mobilenetv2-0.5-cifar --epochs 30 --format onnx --out runs/mbv2-0.5",
        "  slimnas train --out runs/mbv2-0.5 --resume"})
public final class TrainCommand implements Callable<Integer>, WritesRunFolder {
  @Spec
  CommandSpec spec;

  @Mixin
  ArchOptions arch;

  @Mixin
  TrainingData data;

  @Option(names = "--out", required = true, paramLabel = "RUN", description = "The run folder.")
  Path out;

  @Override
  public Path runFolder() {
    return out;
  }

  @Option(names = "--config", paramLabel = "TRAIN.json",
      description = "Training settings (schema slimnas.train); default: the CIFAR defaults (see the README).")
  Path config;

  @Option(names = "--epochs", paramLabel = "N", description = "Override the number of epochs (without --config the warm-up"
      + " becomes a tenth of the run, at most one epoch).")
  Integer epochs;

  @Option(names = "--batch", paramLabel = "B", description = "Override the batch size.")
  Integer batch;

  @Option(names = "--lr", paramLabel = "LR", description = "Override the peak learning rate.")
  Double lr;

  @Option(names = "--seed", paramLabel = "S", description = "Override the run seed.")
  Long seed;

  @Option(names = "--resume", description = "Continue the run in --out from its last checkpoint.")
  boolean resume;

  @Option(names = "--quiet", description = "No progress bars; one log line every 100 steps instead.")
  boolean quiet;

  @Option(names = "--format", defaultValue = "dl4j", paramLabel = "FORMAT",
      description = "dl4j: model.zip; onnx: model.zip (checkpoints, eval, resume) and model.onnx beside it (opset 13, BN folded,"
          + " normalisation in its metadata); default: ${DEFAULT-VALUE}.")
  String format;

  @Override
  public Integer call() {
    PrintStream console = new PrintStream(new java.io.FileOutputStream(java.io.FileDescriptor.out), true);
    boolean onnx = dev.slimnas.cli.export.OnnxFiles.onnx(format, spec.commandLine()); // before any work
    RunFolder folder = new RunFolder(out);
    ArchSpec a;
    TrainConfig c;
    TrainingData.Loaded loaded;
    if (resume) {
      if (!Files.exists(folder.config())) {
        throw new ParameterException(spec.commandLine(), "--resume: " + out + " holds no run (no train.json)");
      }
      c = TrainConfig.read(folder.config());
      a = SpecFiles.readArch(out.resolve("arch.json"));
      RunData d = RunData.read(out.resolve("data.json"));
      data.dataset = d.dataset();
      data.holdout = "search-train".equals(d.trainSplit());
      data.trainImages = d.trainImages();
      loaded = data.load(c.seed());
    } else {
      folder.requireNoRun();
      a = arch.load(null);
      c = settings();
      MemoryEstimate.check(a, c.batchSize(), Float.BYTES, MemoryEstimate.limitBytes()); // before data or folder
      OutputPaths.checkFolder(out, "--out");
      loaded = data.load(c.seed());
      OutputPaths.createFolder(out, "--out");
      dev.slimnas.space.io.AtomicFiles.writeString(out.resolve("arch.json"), SpecFiles.archJson(a));
      loaded.description().write(out.resolve("data.json"));
    }
    BatchSource train = Trainer.trainingBatches(loaded.train(), loaded.normalization(), c);
    BatchSource eval = BatchSource.evaluation(loaded.eval(), 250, loaded.normalization());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("architecture", a.name());
    details.put("architectureSource", resume ? out.resolve("arch.json").toString() : arch.source());
    details.put("data", loaded.description());
    ArchSpec finalArch = a;
    Trainer.Builder b = Trainer.builder(c, s -> Networks.build(finalArch, s), train, out)
        .evaluation(eval)
        .provenance(dev.slimnas.space.json.Json.fingerprint(a), details)
        .listener(quiet ? new LoggingListener(100) : new ProgressBarListener(console));
    console.printf(Locale.ROOT, "%s %s: %d training images (%s), evaluation on %d %s images, %d epochs of batch %d%n",
        resume ? "resuming" : "training", a.name(), loaded.train().size(), loaded.description().trainSplit(),
        loaded.eval().size(), loaded.description().evalSplit(), c.epochs(), c.batchSize());
    Trainer t = b.build();
    TrainResult r = resume ? t.resume() : t.train();
    console.printf(Locale.ROOT, "%s accuracy %.2f%% (loss %.4f) after %d epochs, %.0f s of training at %.1f img/s%n",
        loaded.description().evalSplit(), 100 * r.eval().accuracy(), r.eval().loss(), r.epochs().size(), r.seconds(),
        r.imagesPerSecond());
    console.println("results: " + folder.result() + ", model: " + folder.model());
    if (onnx) {
      console.println(dev.slimnas.cli.export.OnnxFiles.writeRun(out, out.resolve(dev.slimnas.cli.export.OnnxFiles.MODEL),
          "slimnas train --format onnx", spec.commandLine()));
    }
    return 0;
  }

  private TrainConfig settings() {
    TrainConfig c = config != null ? TrainConfig.read(config) : TrainConfig.cifarDefaults();
    if (epochs != null && config == null) {
      // the default warm-up (one epoch) adapts to a short run: a tenth of it, as every short run in the project
      c = TrainConfig.cifarShort(epochs, c.seed());
    } else if (epochs != null) {
      if (c.schedule().warmupEpochs() >= epochs) {
        throw new ParameterException(spec.commandLine(), String.format(Locale.ROOT,
            "--epochs %d leaves no epoch after the warm-up of %s (schedule.warmupEpochs = %s): give more epochs or a"
                + " shorter warm-up in that file", epochs, config, c.schedule().warmupEpochs()));
      }
      c = c.withEpochs(epochs);
    }
    if (batch != null) {
      c = c.withBatchSize(batch);
    }
    if (lr != null) {
      Optimizer o = c.optimizer().withLr(lr);
      c = c.withOptimizer(o);
    }
    if (seed != null) {
      c = c.withSeed(seed);
    }
    return c;
  }
}
