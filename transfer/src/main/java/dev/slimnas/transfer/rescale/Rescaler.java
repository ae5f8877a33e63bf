package dev.slimnas.transfer.rescale;

import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.projection.Projection;

/**
 * Finds one scalar multiplier for all ratios of a {@link Projection} so that the transferred network
 * meets a {@link CostTarget}: the largest scale whose network costs at most the target. MACs and
 * parameters are non-decreasing in every width and the divisor rule is monotone, so the cost is a
 * non-decreasing step function of the scale and bisection finds the last step at or under the target.
 * Bounded: the bracket search stops at scales {@code 2^-20} and {@code 2^10}, bisection after 80 halvings
 * or a relative bracket width of 1e-9; a target outside what the widths can reach fails with a message
 * naming the target and the nearest reachable cost.
 */
public final class Rescaler {
  private static final int MAX_DOUBLINGS = 10;
  private static final int MAX_SHRINKS = 20;
  private static final int MAX_HALVINGS = 80;
  private static final double TOLERANCE = 1e-9;

  private Rescaler() {}

  /**
   * The cost at scale {@code scale} while growing toward a target; a scale whose widths pass the project's
   * channel limit means the target is out of reach (said with the cost at the last scale that was valid).
   */
  private static double costOrOutOfReach(Counter f, double scale, double lastValid, CostTarget target) {
    try {
      return f.at(scale);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(target.metric() + " target " + target.value() + " is out of reach: at scale "
          + lastValid + " the transferred network costs only " + f.at(lastValid) + ", and scale " + scale
          + " passes the width limit (" + e.getMessage() + ")", e);
    }
  }

  public static Rescale.Bisection fit(Projection projection, CostTarget target) {
    Counter f = new Counter(projection, target);
    double t = target.value();
    double unscaled = f.at(1.0);
    double lo;
    double hi;
    if (unscaled <= t) {
      lo = 1.0;
      hi = 2.0;
      int n = 0;
      while (costOrOutOfReach(f, hi, lo, target) <= t) {
        if (projection.saturatedAt(hi)) {
          throw new IllegalArgumentException(target.metric() + " target " + t + " is above the largest network within the"
              + " width bounds: with every multiplier at its upper bound " + projection.upperBound() + " the network costs "
              + f.at(hi) + "; raise the upper bound (--width-range) or lower the target");
        }
        lo = hi;
        hi *= 2;
        if (++n > MAX_DOUBLINGS) {
          throw new IllegalArgumentException(target.metric() + " target " + t + " is out of reach: at scale " + lo
              + " the transferred network costs only " + f.at(lo));
        }
      }
    } else {
      hi = 1.0;
      lo = 0.5;
      int n = 0;
      while (f.at(lo) > t) {
        hi = lo;
        lo /= 2;
        if (++n > MAX_SHRINKS) {
          throw new IllegalArgumentException(target.metric() + " target " + t + " is below the smallest reachable cost "
              + f.at(hi) + " (every width at its minimum, scale " + hi + ")");
        }
      }
    }
    for (int i = 0; i < MAX_HALVINGS && hi - lo > TOLERANCE * hi; i++) {
      double mid = 0.5 * (lo + hi);
      if (f.at(mid) <= t) {
        lo = mid;
      } else {
        hi = mid;
      }
    }
    return new Rescale.Bisection(target.metric(), t, lo, f.at(lo), hi, f.at(hi), unscaled, f.evaluations);
  }

  /** Measures the projection at a scale and counts the measurements. */
  private static final class Counter {
    private final Projection projection;
    private final CostTarget target;
    private int evaluations;

    Counter(Projection projection, CostTarget target) {
      this.projection = projection;
      this.target = target;
    }

    double at(double scale) {
      evaluations++;
      ArchSpec arch = projection.apply(scale);
      return target.measure(arch);
    }
  }
}
