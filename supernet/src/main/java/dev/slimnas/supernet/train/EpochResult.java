package dev.slimnas.supernet.train;

import java.util.Objects;

/**
 * Summary of one epoch.
 *
 * @param epoch 0-based epoch
 * @param steps optimizer steps in the epoch
 * @param images training images seen
 * @param trainLoss mean training loss (as in {@link StepResult#loss()}, weighted by images)
 * @param trainAccuracy training accuracy over the epoch
 * @param seconds wall time of the epoch: training steps plus evaluation
 * @param imagesPerSecond training throughput: images over the time of the training steps
 * @param eval evaluation after the epoch, {@link EvalResult#NONE} when not evaluated
 */
public record EpochResult(
    int epoch,
    int steps,
    long images,
    double trainLoss,
    double trainAccuracy,
    double seconds,
    double imagesPerSecond,
    EvalResult eval) {
  public EpochResult {
    Objects.requireNonNull(eval, "eval");
  }
}
