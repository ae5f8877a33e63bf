package dev.slimnas.optimizers.joslim;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * A model-free proposal: two parents among the {@code parents} front members closest in cost to the
 * target, uniform crossover in the unit cube, Gaussian mutation (each coordinate with probability
 * {@code mutationRate}, standard deviation {@code sigma}), then projection onto the target cost. Retried
 * at most {@code attempts} times while the child repeats a configuration. With fewer than two front
 * members it draws uniformly, like {@link RandomProposal}.
 */
public record EvolutionaryProposal(int parents, double mutationRate, double sigma, int attempts)
    implements WidthProposal {
  public EvolutionaryProposal {
    if (parents < 2) {
      throw new IllegalArgumentException("parents must be >= 2, got " + parents);
    }
    if (!(mutationRate >= 0 && mutationRate <= 1)) {
      throw new IllegalArgumentException("mutationRate must be in [0, 1], got " + mutationRate);
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
    }
    if (attempts < 1) {
      throw new IllegalArgumentException("attempts must be >= 1, got " + attempts);
    }
  }

  /** Four parents, every coordinate mutated (rate 1) with sigma 0.15, 16 attempts. */
  public static EvolutionaryProposal defaults() {
    return new EvolutionaryProposal(4, 1.0, 0.15, 16);
  }

  @Override
  public List<ArchEncoding> propose(ProposalContext context, double[] targets, RandomGenerator rng) {
    CostLossFront front = context.archive().front();
    Set<ArchEncoding> taken = context.taken();
    List<ArchEncoding> out = new ArrayList<>();
    for (double t : targets) {
      List<Candidate> pool = FrontParents.nearest(front, t, parents);
      ArchEncoding e = null;
      for (int a = 0; a < attempts && (e == null || taken.contains(e)); a++) {
        double[] u = pool.size() < 2 ? context.domain().randomUnit(rng) : child(context, pool, rng);
        e = context.project(u, t).encoding();
      }
      taken.add(e);
      out.add(e);
    }
    return List.copyOf(out);
  }

  private double[] child(ProposalContext context, List<Candidate> pool, RandomGenerator rng) {
    double[] a = context.domain().toUnit(FrontParents.pick(pool, rng).encoding());
    double[] b = context.domain().toUnit(FrontParents.pick(pool, rng).encoding());
    double[] c = new double[a.length];
    for (int i = 0; i < c.length; i++) {
      c[i] = rng.nextBoolean() ? a[i] : b[i];
    }
    return FrontParents.perturb(c, sigma, mutationRate, rng);
  }

  @Override
  public String name() {
    return "evolutionary";
  }
}
