package dev.slimnas.supernet.train;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;

/**
 * How the learning rate changes over training, as a multiplier of the peak rate: a linear warm-up over
 * {@link #warmupEpochs()} followed by a decay. In JSON an object with a {@code "type"}: {@code "cosine"}
 * or {@code "exponential"}. Pure functions of the step; {@link LrCurve} binds one to a run.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, include = JsonTypeInfo.As.PROPERTY, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = LrSchedule.Cosine.class, name = "cosine"),
    @JsonSubTypes.Type(value = LrSchedule.Exponential.class, name = "exponential")})
public sealed interface LrSchedule permits LrSchedule.Cosine, LrSchedule.Exponential {

  /** Length of the linear warm-up in epochs (may be fractional, 0 for none). */
  double warmupEpochs();

  /** The multiplier after the warm-up at 0-based {@code step} of a run of {@code totalSteps} steps. */
  double decay(long step, int stepsPerEpoch, long totalSteps);

  /**
   * The multiplier of the peak rate at 0-based {@code step}: {@code (step + 1) / warmupSteps} during
   * the warm-up (so the first step does not have rate 0), {@link #decay} afterwards.
   */
  default double multiplier(long step, int stepsPerEpoch, long totalSteps) {
    long warm = warmupSteps(stepsPerEpoch);
    if (step < warm) {
      return (step + 1.0) / warm;
    }
    return decay(step, stepsPerEpoch, totalSteps);
  }

  /** Warm-up length in steps: {@code round(warmupEpochs * stepsPerEpoch)}. */
  default long warmupSteps(int stepsPerEpoch) {
    return Math.round(warmupEpochs() * stepsPerEpoch);
  }

  /**
   * Half-cosine decay from the peak rate at the end of the warm-up to {@code finalLrFraction} of it at
   * the end of training (SGDR without restarts, Loshchilov and Hutter 2017).
   *
   * @param warmupEpochs linear warm-up length, >= 0
   * @param finalLrFraction rate at the end as a fraction of the peak, in [0, 1)
   */
  record Cosine(double warmupEpochs, double finalLrFraction) implements LrSchedule {
    public Cosine {
      Checks.nonNegative("schedule.warmupEpochs", warmupEpochs);
      Checks.inRange("schedule.finalLrFraction", finalLrFraction, 0, 1);
    }

    @Override
    public double decay(long step, int stepsPerEpoch, long totalSteps) {
      long warm = warmupSteps(stepsPerEpoch);
      double progress = Math.min(1.0, (double) (step - warm) / Math.max(1, totalSteps - warm));
      return finalLrFraction + (1 - finalLrFraction) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
  }

  /**
   * Staircase exponential decay: times {@code factor} every {@code everyEpochs} epochs, counted from
   * step 0 as in the TensorFlow reference code of MnasNet and Single-Path NAS (x0.97 every 2.4 epochs);
   * the warm-up overrides it while it lasts.
   *
   * @param warmupEpochs linear warm-up length, >= 0
   * @param factor multiplier per period, in (0, 1]
   * @param everyEpochs period in epochs (may be fractional), > 0
   */
  record Exponential(double warmupEpochs, double factor, double everyEpochs) implements LrSchedule {
    public Exponential {
      Checks.nonNegative("schedule.warmupEpochs", warmupEpochs);
      if (!(factor > 0 && factor <= 1)) {
        throw new IllegalArgumentException("schedule.factor must be in (0, 1], got " + factor);
      }
      Checks.positive("schedule.everyEpochs", everyEpochs);
    }

    @Override
    public double decay(long step, int stepsPerEpoch, long totalSteps) {
      return Math.pow(factor, Math.floor(step / (everyEpochs * stepsPerEpoch)));
    }
  }
}
