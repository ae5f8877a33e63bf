package dev.slimnas.supernet.data;

import java.util.Objects;

/**
 * Data for the final training of a chosen network and its one-time test: all training images
 * (training + validation split), the test set, and the normalisation computed on the training images.
 *
 * @param train all training images
 * @param test the held-out test set; report it once, never select on it
 * @param normalization per-channel statistics of {@code train}
 */
public record FinalData(ImageDataset train, ImageDataset test, Normalization normalization) {
  public FinalData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(test, "test");
    Objects.requireNonNull(normalization, "normalization");
    DataSplits.checkCompatible(train, test);
  }
}
