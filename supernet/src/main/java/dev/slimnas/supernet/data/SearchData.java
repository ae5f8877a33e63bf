package dev.slimnas.supernet.data;

import java.util.Objects;

/**
 * What architecture search and supernet training may see: the training split, the validation split held
 * out of it, and the normalisation computed on the training split. It has no test set by construction.
 *
 * @param train images to train on
 * @param validation images to rank architectures on (never trained on)
 * @param normalization per-channel statistics of {@code train}
 */
public record SearchData(ImageDataset train, ImageDataset validation, Normalization normalization) {
  public SearchData {
    Objects.requireNonNull(train, "train");
    Objects.requireNonNull(validation, "validation");
    Objects.requireNonNull(normalization, "normalization");
    DataSplits.checkCompatible(train, validation);
  }
}
