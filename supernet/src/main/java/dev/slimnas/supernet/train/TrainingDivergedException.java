package dev.slimnas.supernet.train;

import java.nio.file.Path;
import java.util.Optional;

/**
 * Training produced a non-finite loss or non-finite parameters. Names the step, epoch and learning
 * rate, and the last good checkpoint (which the trainer never overwrites with a diverged state).
 */
public final class TrainingDivergedException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final long step;
  private final int epoch;
  private final double lr;
  private final transient Path lastGoodCheckpoint;

  /**
   * @param what what became non-finite, e.g. {@code "loss NaN"}
   * @param step 0-based step at which it was seen
   * @param epoch 0-based epoch of that step
   * @param lr learning rate of that step
   * @param lastGoodCheckpoint the checkpoint network file, or null if none was written
   */
  public TrainingDivergedException(String what, long step, int epoch, double lr, Path lastGoodCheckpoint) {
    super("training diverged at step " + step + " (epoch " + epoch + ", learning rate " + lr + "): " + what
        + "; last good checkpoint: " + (lastGoodCheckpoint == null ? "none written yet" : lastGoodCheckpoint.toString()));
    this.step = step;
    this.epoch = epoch;
    this.lr = lr;
    this.lastGoodCheckpoint = lastGoodCheckpoint;
  }

  public long step() {
    return step;
  }

  public int epoch() {
    return epoch;
  }

  public double lr() {
    return lr;
  }

  public Optional<Path> lastGoodCheckpoint() {
    return Optional.ofNullable(lastGoodCheckpoint);
  }
}
