package dev.slimnas.supernet.train;

/**
 * Running sums of the current epoch (part of the checkpoint state, so a resumed epoch reports the same
 * means as an uninterrupted one).
 *
 * @param steps steps so far
 * @param images images so far
 * @param lossSum sum of batch loss times batch size
 * @param correct correctly classified training images
 * @param seconds wall time of the steps so far
 */
public record EpochTotals(int steps, long images, double lossSum, long correct, double seconds) {
  public static final EpochTotals ZERO = new EpochTotals(0, 0, 0, 0, 0);

  /** The totals after one more step. */
  public EpochTotals plus(int batchImages, double batchLoss, long batchCorrect, double stepSeconds) {
    return new EpochTotals(steps + 1, images + batchImages, lossSum + batchLoss * batchImages, correct + batchCorrect,
        seconds + stepSeconds);
  }

  public double meanLoss() {
    return images == 0 ? 0 : lossSum / images;
  }

  public double accuracy() {
    return images == 0 ? 0 : (double) correct / images;
  }

  public double imagesPerSecond() {
    return seconds > 0 ? images / seconds : 0;
  }
}
