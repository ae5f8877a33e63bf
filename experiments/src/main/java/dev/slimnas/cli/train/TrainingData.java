package dev.slimnas.cli.train;

import dev.slimnas.supernet.data.Cifar10;
import dev.slimnas.supernet.data.DataSplits;
import dev.slimnas.supernet.data.FinalData;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Normalization;
import dev.slimnas.supernet.data.SearchData;
import dev.slimnas.supernet.data.Seeds;
import java.util.Random;
import picocli.CommandLine.Option;

/** Which data a training command uses: the data set, hold-out or test evaluation, and a subset size. */
public final class TrainingData {
  @Option(names = "--data", defaultValue = "cifar10", paramLabel = "NAME",
      description = "Data set (default: ${DEFAULT-VALUE}; the vendored CIFAR-10 under data/).")
  String dataset;

  @Option(names = "--holdout",
      description = "Train on the 45,000-image search split and evaluate on the 5,000 held-out validation images"
          + " instead of training on all 50,000 and evaluating on the test set.")
  boolean holdout;

  @Option(names = "--train-images", defaultValue = "0", paramLabel = "N",
      description = "Train on a seeded random subset of N images (default: all).")
  int trainImages;

  /** The loaded training and evaluation images with the normalisation of the training images. */
  public record Loaded(ImageDataset train, ImageDataset eval, Normalization normalization, RunData description) {}

  public Loaded load(long seed) {
    if (!"cifar10".equals(dataset)) {
      throw new IllegalArgumentException("--data " + dataset + ": only cifar10 is built in");
    }
    DataSplits splits = Cifar10.load();
    ImageDataset train;
    ImageDataset eval;
    Normalization norm;
    if (holdout) {
      SearchData s = splits.search();
      train = s.train();
      eval = s.validation();
      norm = s.normalization();
    } else {
      FinalData f = splits.finalTraining();
      train = f.train();
      eval = f.test();
      norm = f.normalization();
    }
    if (trainImages < 0) {
      throw new IllegalArgumentException("--train-images must be >= 0, got " + trainImages);
    }
    train = train.randomSubset(trainImages, Seeds.derive(seed, "train-subset"));
    RunData d = new RunData(dataset, holdout ? "search-train" : "train", holdout ? "validation" : "test",
        train.size(), norm.mean(), norm.std());
    return new Loaded(train, eval, norm, d);
  }
}
