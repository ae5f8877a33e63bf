package dev.slimnas.transfer.overhead;

/**
 * How much training a width optimisation runs: images per epoch and epochs.
 *
 * @param images training images per epoch (after any image fraction)
 * @param epochs epochs (may be fractional)
 */
public record Schedule(long images, double epochs) {
  public Schedule {
    if (images < 1) {
      throw new IllegalArgumentException("schedule.images must be >= 1, got " + images);
    }
    if (!(epochs > 0) || Double.isInfinite(epochs)) {
      throw new IllegalArgumentException("schedule.epochs must be positive and finite, got " + epochs);
    }
  }

  /** Image-epochs: images times epochs. */
  public double imageEpochs() {
    return images * epochs;
  }
}
