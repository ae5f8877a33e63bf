package dev.slimnas.optimizers.joslim;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.random.RandomGenerator;

/** Picks front members near a target cost, the parents of perturbation and crossover. */
final class FrontParents {
  private FrontParents() {}

  /** The {@code k} front members closest in cost to {@code target} (fewer when the front is smaller). */
  static List<Candidate> nearest(CostLossFront front, double target, int k) {
    List<Candidate> all = new ArrayList<>(front.points());
    all.sort(Comparator.comparingDouble(c -> Math.abs(c.objective(front.costIndex()) - target)));
    return List.copyOf(all.subList(0, Math.min(k, all.size())));
  }

  /** One of {@code pool} uniformly. */
  static Candidate pick(List<Candidate> pool, RandomGenerator rng) {
    return pool.get(rng.nextInt(pool.size()));
  }

  /** {@code u} plus Gaussian noise of standard deviation {@code sigma} on each coordinate with probability p, clipped. */
  static double[] perturb(double[] u, double sigma, double p, RandomGenerator rng) {
    double[] out = u.clone();
    for (int i = 0; i < out.length; i++) {
      if (rng.nextDouble() < p) {
        out[i] = Math.max(0, Math.min(1, out[i] + sigma * rng.nextGaussian()));
      }
    }
    return out;
  }
}
