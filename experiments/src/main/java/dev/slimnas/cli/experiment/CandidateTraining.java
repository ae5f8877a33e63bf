package dev.slimnas.cli.experiment;

import dev.slimnas.cli.train.ProgressBarListener;
import dev.slimnas.space.io.AtomicFiles;
import dev.slimnas.space.json.Json;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.trial.Trial;
import dev.slimnas.space.trial.TrialContext;
import dev.slimnas.space.trial.TrialResult;
import dev.slimnas.space.trial.TrialWork;
import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.FinalData;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.ProgressListener;
import dev.slimnas.supernet.data.Seeds;
import dev.slimnas.supernet.net.Networks;
import dev.slimnas.supernet.train.LoggingListener;
import dev.slimnas.supernet.train.RunFolder;
import dev.slimnas.supernet.train.TrainConfig;
import dev.slimnas.supernet.train.TrainListener;
import dev.slimnas.supernet.train.TrainResult;
import dev.slimnas.supernet.train.Trainer;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The trial of a final training: one network trained from scratch with the short CIFAR-10 protocol
 * ({@link TrainConfig#cifarShort}) on a seeded subset of the 50,000 training images, evaluated on the test
 * images; its run folder is a {@link RunFolder} and its result document the run's {@code result.json}. The nine
 * final trainings of {@code experiment search-budgets} are such trials.
 */
public final class CandidateTraining implements TrialWork<CandidateTraining.Input> {
  private static final long serialVersionUID = 1L;

  /**
   * The inputs of one training, all data.
   *
   * @param candidate the network's name (provenance)
   * @param kind {@code searched}, {@code random}, {@code uniform}
   * @param latencyMs its predicted deployment latency (provenance)
   * @param archJson the trained network ({@code slimnas.arch} document)
   * @param epochs epochs of the protocol
   * @param seed seed of training and of the image subset
   * @param trainImages training images (0: all 50,000)
   * @param testImages test images evaluated (0: all 10,000; a seeded subset otherwise, for tests)
   * @param dataDir the data folder, on a path every JVM that runs the trial sees
   * @param quiet log lines instead of progress bars
   */
  public record Input(String candidate, String kind, double latencyMs, String archJson, int epochs, long seed,
      int trainImages, int testImages, String dataDir, boolean quiet) implements Serializable {
    private static final long serialVersionUID = 1L;

    public Input {
      Objects.requireNonNull(candidate, "candidate");
      Objects.requireNonNull(kind, "kind");
      Objects.requireNonNull(archJson, "archJson");
      Objects.requireNonNull(dataDir, "dataDir");
      if (epochs < 1 || trainImages < 0 || testImages < 0) {
        throw new IllegalArgumentException("need epochs >= 1, trainImages >= 0 and testImages >= 0");
      }
    }
  }

  /** The key of CIFAR-10 from {@code dataDir} among the values shared per JVM ({@link TrialContext#shared}). */
  public static String dataKey(Path dataDir) {
    return "cifar10:" + dataDir.toAbsolutePath().normalize();
  }

  /** CIFAR-10 from {@code dataDir}, loaded once per JVM. */
  public static DataSplits data(Path dataDir) {
    return dev.slimnas.space.trial.JvmShared.get(dataKey(dataDir), () -> Cifar10.load(dataDir, ProgressListener.NONE));
  }

  @Override
  public Optional<TrialResult> finished(Trial<Input> trial) {
    RunFolder f = new RunFolder(trial.dir());
    return Files.exists(f.result()) ? Optional.of(new TrialResult(trial.name(), Json.readText(f.result()))) : Optional.empty();
  }

  @Override
  public TrialResult run(Trial<Input> trial, TrialContext context) {
    Input in = trial.input();
    RunFolder f = new RunFolder(trial.dir());
    ArchSpec arch = SpecFiles.parseArch(in.archJson(), "trial " + trial.name());
    TrainConfig config = TrainConfig.cifarShort(in.epochs(), in.seed());
    FinalData fd = data(Path.of(in.dataDir())).finalTraining();
    ImageDataset train = fd.train().randomSubset(in.trainImages(), Seeds.derive(in.seed(), "train-subset"));
    ImageDataset test = in.testImages() == 0 ? fd.test() : fd.test().randomSubset(in.testImages(), Seeds.derive(in.seed(), "test-subset"));
    try {
      Files.createDirectories(f.dir());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create " + f.dir(), e);
    }
    AtomicFiles.writeString(f.dir().resolve("arch.json"), SpecFiles.archJson(arch));
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("candidate", in.candidate());
    details.put("kind", in.kind());
    details.put("predictedLatencyMs", in.latencyMs());
    details.put("trainImages", train.size());
    if (in.testImages() != 0) {
      details.put("testImages", test.size());
    }
    PrintStream console = new PrintStream(new FileOutputStream(FileDescriptor.out), true);
    if (context.interactive()) {
      console.printf(Locale.ROOT, "training %s (%s, %.2f ms)%n", in.candidate(), in.kind(), in.latencyMs());
    }
    TrainListener progress = in.quiet() || !context.interactive() ? new LoggingListener(100) : new ProgressBarListener(console);
    Trainer t = Trainer.builder(config, s -> Networks.build(arch, s), Trainer.trainingBatches(train, fd.normalization(), config), f.dir())
        .evaluation(BatchSource.evaluation(test, 250, fd.normalization()))
        .provenance(Json.fingerprint(arch), details)
        .listener(progress)
        .build();
    t.complete();
    return finished(trial).orElseThrow(() -> new IllegalStateException(f.result() + " is missing after the training finished"));
  }

  /** The training result in a trial's result document. */
  public static TrainResult result(TrialResult r) {
    return Json.parse(r.document(), "result of trial " + r.trial(), TrainResult.SCHEMA, TrainResult.VERSION, TrainResult.class);
  }
}
