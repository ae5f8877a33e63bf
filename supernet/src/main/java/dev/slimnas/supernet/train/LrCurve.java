package dev.slimnas.supernet.train;

import java.util.Objects;

/**
 * The learning rate of one run as a pure function of the 0-based step (DL4J's iteration count):
 * {@code peakLr * schedule.multiplier(step, stepsPerEpoch, epochs * stepsPerEpoch)}.
 *
 * @param peakLr the optimizer's learning rate
 * @param schedule the shape
 * @param stepsPerEpoch optimizer steps (batches) per epoch, >= 1
 * @param epochs length of the run, >= 1
 */
public record LrCurve(double peakLr, LrSchedule schedule, int stepsPerEpoch, int epochs) {
  public LrCurve {
    Checks.positive("peakLr", peakLr);
    Objects.requireNonNull(schedule, "schedule");
    Checks.atLeast("stepsPerEpoch", stepsPerEpoch, 1);
    Checks.atLeast("epochs", epochs, 1);
  }

  /** The curve of {@code config} for a training set of {@code stepsPerEpoch} batches. */
  public static LrCurve of(TrainConfig config, int stepsPerEpoch) {
    return new LrCurve(config.optimizer().lr(), config.schedule(), stepsPerEpoch, config.epochs());
  }

  /** Total steps of the run. */
  public long totalSteps() {
    return (long) stepsPerEpoch * epochs;
  }

  /** The learning rate used by step {@code step} (0-based). */
  public double at(long step) {
    if (step < 0) {
      throw new IllegalArgumentException("step must be >= 0, got " + step);
    }
    return peakLr * schedule.multiplier(step, stepsPerEpoch, totalSteps());
  }
}
