package dev.slimnas.optimizers.joslim;

import dev.slimnas.space.search.ArchEncoding;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;

/**
 * What a {@link WidthProposal} works with: the domain, the exact cost, the archive, the cost range
 * (smallest to full network) and the tolerance within which a proposal counts as hitting its target.
 * It projects points of the unit cube onto a target cost (see {@link #project}).
 *
 * @param tolerance allowed |cost - target| as a fraction of {@code maxCost - minCost}
 */
public record ProposalContext(WidthDomain domain, ToDoubleFunction<ArchEncoding> cost, WidthArchive archive,
    double minCost, double maxCost, double tolerance) {
  /** Bisection steps of {@link #project}; halves the path 24 times, far below any channel step. */
  public static final int PROJECTION_STEPS = 24;

  public ProposalContext {
    Objects.requireNonNull(domain, "domain");
    Objects.requireNonNull(cost, "cost");
    Objects.requireNonNull(archive, "archive");
    if (!(minCost < maxCost)) {
      throw new IllegalArgumentException("cost range needs min < max, got [" + minCost + ", " + maxCost
          + "]: the full network must cost more than the smallest");
    }
    if (!(tolerance > 0 && tolerance < 1)) {
      throw new IllegalArgumentException("tolerance must be in (0, 1), got " + tolerance);
    }
  }

  /** A canonical encoding and its cost. */
  public record Projected(ArchEncoding encoding, double cost) {}

  /** Absolute tolerance in cost units. */
  public double absoluteTolerance() {
    return tolerance * (maxCost - minCost);
  }

  /** True when {@code c} is within the tolerance of {@code target}. */
  public boolean hits(double c, double target) {
    return Math.abs(c - target) <= absoluteTolerance();
  }

  /**
   * Moves {@code u} along a monotone path to the target cost: towards the smallest network
   * ({@code s * u}) when it costs too much, towards the full network ({@code u + s (1 - u)}) when too
   * little, with {@value #PROJECTION_STEPS} bisection steps on s; returns the closer end of the final
   * bracket. Relies on cost not decreasing when a multiplier grows (true for MACs and latency tables).
   */
  public Projected project(double[] u, double target) {
    ArchEncoding start = domain.fromUnit(u);
    double c0 = cost.applyAsDouble(start);
    if (hits(c0, target)) {
      return new Projected(start, c0);
    }
    boolean shrink = c0 > target;
    double lo = 0;
    double hi = 1;
    Projected loP = shrink ? new Projected(domain.smallest(), minCost) : new Projected(start, c0);
    Projected hiP = shrink ? new Projected(start, c0) : new Projected(domain.full(), maxCost);
    for (int step = 0; step < PROJECTION_STEPS && hiP.cost() - loP.cost() > 0; step++) {
      double s = (lo + hi) / 2;
      double[] p = new double[u.length];
      for (int i = 0; i < u.length; i++) {
        double ui = Math.max(0, Math.min(1, u[i]));
        p[i] = shrink ? s * ui : ui + s * (1 - ui);
      }
      ArchEncoding e = domain.fromUnit(p);
      double c = cost.applyAsDouble(e);
      if (c <= target) {
        lo = s;
        loP = new Projected(e, c);
      } else {
        hi = s;
        hiP = new Projected(e, c);
      }
      if (hits(c, target)) {
        return new Projected(e, c);
      }
    }
    return Math.abs(loP.cost() - target) <= Math.abs(hiP.cost() - target) ? loP : hiP;
  }

  /** The encodings a batch must not repeat: the archive's, to which proposals add as they are made. */
  Set<ArchEncoding> taken() {
    Set<ArchEncoding> s = new HashSet<>();
    archive.entries().forEach(e -> s.add(e.encoding()));
    return s;
  }
}
