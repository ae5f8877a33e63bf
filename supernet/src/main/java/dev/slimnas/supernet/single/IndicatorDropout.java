package dev.slimnas.supernet.single;

import java.util.SplittableRandom;

/**
 * Indicator dropout (the Single-Path NAS warm-up drops indicator values with probability 0.4): at
 * every training forward pass each searchable indicator of the block is set to 0, independently with
 * probability {@code rate}, and then passes no gradient. Kept indicators are NOT rescaled by
 * {@code 1/(1-rate)} (TensorFlow's dropout in the original does rescale, but there the indicator
 * multiplies depthwise weights that batch norm follows, which cancels the scale; here the masks act
 * after batch norm, where a scale would change the function).
 *
 * <p>Draws come from this object's own generator, never a global one: four draws per training forward
 * pass, whatever the rate, so the sequence depends only on the seed and the number of passes. A
 * trainer that calls {@link #reseed} once per step with a seed derived from (run seed, step, block)
 * gets masks that depend only on those, so a resumed run repeats them exactly.
 */
final class IndicatorDropout {
  private SplittableRandom random;

  IndicatorDropout(long seed) {
    this.random = new SplittableRandom(seed);
  }

  void reseed(long seed) {
    random = new SplittableRandom(seed);
  }

  /** The next mask (keep, e6, k5, se): true = kept. */
  boolean[] next(double rate) {
    boolean[] kept = new boolean[4];
    for (int i = 0; i < 4; i++) {
      kept[i] = random.nextDouble() >= rate;
    }
    return kept;
  }

  /** Everything kept: inference, or training without dropout. */
  static boolean[] none() {
    return new boolean[] {true, true, true, true};
  }
}
