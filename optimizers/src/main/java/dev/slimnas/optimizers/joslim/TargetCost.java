package dev.slimnas.optimizers.joslim;

import dev.slimnas.optimizers.pareto.CostLossFront;
import java.util.random.RandomGenerator;

/** Where the next proposal should land in cost: Joslim's uniform draw or PareCO's largest-gap draw. */
public sealed interface TargetCost permits TargetCost.Uniform, TargetCost.LargestGap {

  /** A target cost in {@code [lo, hi]} given the current front. */
  double draw(CostLossFront front, double lo, double hi, RandomGenerator rng);

  static TargetCost uniform() {
    return new Uniform();
  }

  static TargetCost largestGap() {
    return new LargestGap();
  }

  /** Uniform in {@code [lo, hi]} (Joslim). */
  record Uniform() implements TargetCost {
    @Override
    public double draw(CostLossFront front, double lo, double hi, RandomGenerator rng) {
      return lo + rng.nextDouble() * (hi - lo);
    }
  }

  /**
   * Uniform within the largest gap of the front ({@link CostLossFront#largestGap}), where the front
   * needs points (PareCO). Several draws of one batch see the same front, so they land in the same gap.
   */
  record LargestGap() implements TargetCost {
    @Override
    public double draw(CostLossFront front, double lo, double hi, RandomGenerator rng) {
      CostLossFront.Gap g = front.largestGap(lo, hi);
      return g.lowCost() + rng.nextDouble() * (g.highCost() - g.lowCost());
    }
  }
}
