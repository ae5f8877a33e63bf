package dev.slimnas.optimizers.joslim;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.optimizers.pareto.NonDominatedSorting;
import dev.slimnas.optimizers.surrogate.GaussianProcess;
import dev.slimnas.optimizers.surrogate.Kernel;
import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.random.RandomGenerator;

/**
 * The surrogate-based proposal of Joslim (Chin et al., arXiv:2007.11752): a Gaussian process models the
 * loss over the normalised width vector; for each target cost the candidate with the lowest lower
 * confidence bound {@code mean - beta * sd} among those within the cost tolerance is proposed.
 *
 * <p>Per batch the GP is fitted once ({@link GaussianProcess#fitDefaultGrid}, kernel family
 * {@code kernel}, length scale and noise by maximum marginal likelihood) on at most
 * {@code maxTrainingPoints} scored archive entries, taken front by front (peeled (cost, loss) fronts),
 * so the model is most accurate where proposals go. Candidates per target: {@code candidates} points, a
 * fraction {@code frontFraction} of them front members near the target perturbed by Gaussian noise of
 * standard deviation {@code sigma}, the rest uniform in the unit cube; each projected onto the target
 * cost ({@link ProposalContext#project}).
 *
 * <p>Hitting the target: the paper scalarises (loss, cost) by an augmented Tchebyshev function and
 * bisects its weight until the optimum's cost meets the target, with a second GP for cost. Here cost is
 * exact and cheap, so instead every candidate is projected onto the target cost and the constraint
 * {@code |cost - target| <= tolerance} is checked exactly; the acquisition then only has to rank loss.
 * This needs no cost surrogate and no bisection over an optimiser whose result need not move
 * monotonically with the weight. With fewer than {@code minTrainingPoints} scored entries it proposes
 * like {@link RandomProposal}.
 */
public record GpProposal(Kernel kernel, double beta, int candidates, double frontFraction, double sigma,
    int maxTrainingPoints, int minTrainingPoints) implements WidthProposal {
  private static final int NEAREST_PARENTS = 4;

  public GpProposal {
    Objects.requireNonNull(kernel, "kernel");
    if (!(beta >= 0) || Double.isInfinite(beta)) {
      throw new IllegalArgumentException("beta must be finite and >= 0, got " + beta);
    }
    if (candidates < 1) {
      throw new IllegalArgumentException("candidates must be >= 1, got " + candidates);
    }
    if (!(frontFraction >= 0 && frontFraction <= 1)) {
      throw new IllegalArgumentException("frontFraction must be in [0, 1], got " + frontFraction);
    }
    if (!(sigma > 0) || Double.isInfinite(sigma)) {
      throw new IllegalArgumentException("sigma must be finite and > 0, got " + sigma);
    }
    if (minTrainingPoints < 2 || maxTrainingPoints < minTrainingPoints) {
      throw new IllegalArgumentException("need 2 <= minTrainingPoints <= maxTrainingPoints, got "
          + minTrainingPoints + ", " + maxTrainingPoints);
    }
  }

  /** Matern 5/2, beta 1, 128 candidates, half from the front, sigma 0.1, 200 training points, at least 4. */
  public static GpProposal defaults() {
    return new GpProposal(new Kernel.Matern52(1), 1.0, 128, 0.5, 0.1, 200, 4);
  }

  /** The same settings with another exploration weight. */
  public GpProposal withBeta(double b) {
    return new GpProposal(kernel, b, candidates, frontFraction, sigma, maxTrainingPoints, minTrainingPoints);
  }

  @Override
  public List<ArchEncoding> propose(ProposalContext context, double[] targets, RandomGenerator rng) {
    List<Candidate> scored = context.archive().scored();
    if (scored.size() < minTrainingPoints) {
      return RandomProposal.defaults().propose(context, targets, rng);
    }
    GaussianProcess gp = fit(context.domain(), scored);
    CostLossFront front = context.archive().front();
    Set<ArchEncoding> taken = context.taken();
    List<ArchEncoding> out = new ArrayList<>();
    for (double t : targets) {
      ArchEncoding e = best(context, gp, FrontParents.nearest(front, t, NEAREST_PARENTS), t, taken, rng);
      taken.add(e);
      out.add(e);
    }
    return List.copyOf(out);
  }

  /** The GP on the first {@code maxTrainingPoints} scored entries in order of their (cost, loss) front. */
  GaussianProcess fit(WidthDomain domain, List<Candidate> scored) {
    int[] rank = NonDominatedSorting.ranks(scored);
    List<Integer> order = new ArrayList<>();
    for (int i = 0; i < scored.size(); i++) {
      order.add(i);
    }
    order.sort(Comparator.comparingInt(i -> rank[i]));
    int n = Math.min(maxTrainingPoints, order.size());
    double[][] x = new double[n][];
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      Candidate c = scored.get(order.get(i));
      x[i] = domain.toUnit(c.encoding());
      y[i] = c.objective(1);
    }
    return GaussianProcess.fitDefaultGrid(x, y, kernel);
  }

  private ArchEncoding best(ProposalContext context, GaussianProcess gp, List<Candidate> parents, double target,
      Set<ArchEncoding> taken, RandomGenerator rng) {
    WidthDomain domain = context.domain();
    ArchEncoding best = null;
    double bestScore = Double.POSITIVE_INFINITY;
    ProposalContext.Projected closest = null;
    int fromFront = parents.isEmpty() ? 0 : (int) Math.round(candidates * frontFraction);
    for (int k = 0; k < candidates; k++) {
      double[] u = k < fromFront
          ? FrontParents.perturb(domain.toUnit(FrontParents.pick(parents, rng).encoding()), sigma, 1.0, rng)
          : domain.randomUnit(rng);
      ProposalContext.Projected p = context.project(u, target);
      if (taken.contains(p.encoding())) {
        continue;
      }
      if (!context.hits(p.cost(), target)) {
        if (closest == null || Math.abs(p.cost() - target) < Math.abs(closest.cost() - target)) {
          closest = p;
        }
        continue;
      }
      double score = gp.predict(domain.toUnit(p.encoding())).lowerBound(beta);
      if (score < bestScore) {
        bestScore = score;
        best = p.encoding();
      }
    }
    if (best != null) {
      return best;
    }
    return closest != null ? closest.encoding() : context.project(domain.randomUnit(rng), target).encoding();
  }

  @Override
  public String name() {
    return "gp";
  }
}
