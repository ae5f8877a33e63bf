package dev.slimnas.supernet.data;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A training set split into train / validation for search ({@link #search()}) and the test set,
 * reachable only through {@link #finalTraining()}, so search code that receives a {@link SearchData}
 * cannot touch the test set.
 */
public final class DataSplits {
  private final ImageDataset fullTrain;
  private final ImageDataset test;
  private final ValidationSplit split;
  private final SearchData search;
  private final FinalData finalData;

  private DataSplits(ImageDataset fullTrain, ImageDataset test, ValidationSplit split) {
    checkCompatible(fullTrain, test);
    this.fullTrain = fullTrain;
    this.test = test;
    this.split = split;
    int[][] idx = split.indices(fullTrain);
    ImageDataset train = fullTrain.subset(idx[0], fullTrain.source() + " minus validation(" + split.size() + ", seed " + split.seed() + ")");
    ImageDataset validation = fullTrain.subset(idx[1], fullTrain.source() + " validation(" + split.size() + ", seed " + split.seed() + ")");
    this.search = new SearchData(train, validation, Normalization.of(train));
    this.finalData = new FinalData(fullTrain, test, Normalization.of(fullTrain));
  }

  /** Splits {@code fullTrain} by {@code split}; {@code test} is kept apart. */
  public static DataSplits of(ImageDataset fullTrain, ImageDataset test, ValidationSplit split) {
    return new DataSplits(fullTrain, test, split);
  }

  /** Train and validation (held out of the training set) with train statistics: all that search may use. */
  public SearchData search() {
    return search;
  }

  /** All training images and the test set, for the final training and one-time report of a chosen network. */
  public FinalData finalTraining() {
    return finalData;
  }

  public ValidationSplit split() {
    return split;
  }

  /** Sizes, split and normalisations, for provenance records. */
  public Map<String, Object> describe() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", fullTrain.source());
    m.put("train", search.train().size());
    m.put("validation", search.validation().size());
    m.put("test", test.size());
    m.put("validation.seed", split.seed());
    m.put("normalization.search", search.normalization().toMap());
    m.put("normalization.final", finalData.normalization().toMap());
    return m;
  }

  static void checkCompatible(ImageDataset a, ImageDataset b) {
    if (a.channels() != b.channels() || a.height() != b.height() || a.width() != b.width() || !a.classes().equals(b.classes())) {
      throw new IllegalArgumentException("incompatible datasets: " + a + " vs " + b + " (shape or classes differ)");
    }
  }
}
