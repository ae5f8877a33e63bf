package dev.slimnas.optimizers.joslim;

import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import java.util.random.RandomGenerator;

/**
 * The width-sampling side of Joslim / PareCO (Chin et al., arXiv:2007.11752; REFERENCE.md section 2):
 * the caller trains the shared weights with the sandwich rule, re-scores its {@link WidthArchive} every
 * tau steps, and asks this sampler for new width configurations. The first proposals are fixed, as in the
 * paper: {@code uniformWidths} uniform-width networks with multipliers evenly spaced from the minimum,
 * then the full network; after them each proposal aims at a target cost from {@link TargetCost} and is
 * chosen by the {@link WidthProposal}. Immutable and thread-safe if the cost function is.
 *
 * <pre>{@code
 * JoslimSampler sampler = JoslimSampler.builder(WidthDomain.of(space, ops), CostFunctions.latency(space, model))
 *     .proposal(GpProposal.defaults()).target(TargetCost.largestGap()).build();
 * WidthArchive archive = WidthArchive.empty();
 * // every tau steps:
 * archive = archive.rescored(e -> validationLoss(e));
 * List<ArchEncoding> next = sampler.propose(archive, 4, rng);
 * archive = sampler.addTo(archive, next);
 * }</pre>
 */
public final class JoslimSampler {
  private final WidthDomain domain;
  private final ToDoubleFunction<ArchEncoding> cost;
  private final WidthProposal proposal;
  private final TargetCost target;
  private final int uniformWidths;
  private final double tolerance;
  private final double minCost;
  private final double maxCost;

  private JoslimSampler(Builder b) {
    this.domain = b.domain;
    this.cost = b.cost;
    this.proposal = b.proposal;
    this.target = b.target;
    this.uniformWidths = b.uniformWidths;
    this.tolerance = b.tolerance;
    this.minCost = cost.applyAsDouble(domain.smallest());
    this.maxCost = cost.applyAsDouble(domain.full());
    if (!(minCost < maxCost)) {
      throw new IllegalArgumentException("the full network must cost more than the smallest, got "
          + maxCost + " vs " + minCost);
    }
  }

  /** A builder with the required inputs: the width domain and the exact cost of an encoding. */
  public static Builder builder(WidthDomain domain, ToDoubleFunction<ArchEncoding> cost) {
    return new Builder(domain, cost);
  }

  /** The fixed first proposals: uniform widths from the minimum, evenly spaced, then the full network. */
  public List<ArchEncoding> seeds() {
    Set<ArchEncoding> s = new LinkedHashSet<>();
    for (int j = 0; j < uniformWidths; j++) {
      s.add(domain.uniform(domain.min() + j * (domain.max() - domain.min()) / uniformWidths));
    }
    s.add(domain.full());
    return List.copyOf(s);
  }

  /**
   * {@code n} new configurations for the archive: the seeds not yet in it first, then proposals for target
   * costs drawn from the front of the archive's scored entries.
   */
  public List<ArchEncoding> propose(WidthArchive archive, int n, RandomGenerator rng) {
    if (n < 1) {
      throw new IllegalArgumentException("n must be >= 1, got " + n);
    }
    List<ArchEncoding> out = new ArrayList<>();
    for (ArchEncoding s : seeds()) {
      if (out.size() < n && !archive.contains(s)) {
        out.add(s);
      }
    }
    if (out.size() == n) {
      return List.copyOf(out);
    }
    WidthArchive withSeeds = addTo(archive, out);
    double[] targets = new double[n - out.size()];
    for (int i = 0; i < targets.length; i++) {
      targets[i] = target.draw(archive.front(), minCost, maxCost, rng);
    }
    out.addAll(proposal.propose(context(withSeeds), targets, rng));
    return List.copyOf(out);
  }

  /** The context proposals see for {@code archive}. */
  public ProposalContext context(WidthArchive archive) {
    return new ProposalContext(domain, cost, archive, minCost, maxCost, tolerance);
  }

  /** {@code archive} with the encodings added unscored, with their exact cost. */
  public WidthArchive addTo(WidthArchive archive, List<ArchEncoding> encodings) {
    WidthArchive a = archive;
    for (ArchEncoding e : encodings) {
      a = a.with(e, cost.applyAsDouble(e));
    }
    return a;
  }

  /** Exact cost of an encoding. */
  public double cost(ArchEncoding e) {
    return cost.applyAsDouble(e);
  }

  /** Cost of the smallest network. */
  public double minCost() {
    return minCost;
  }

  /** Cost of the full network. */
  public double maxCost() {
    return maxCost;
  }

  public WidthDomain domain() {
    return domain;
  }

  public WidthProposal proposal() {
    return proposal;
  }

  /** Builds a {@link JoslimSampler}; defaults: {@link GpProposal#defaults()}, uniform targets, 4 uniform widths, tolerance 0.02. */
  public static final class Builder {
    private final WidthDomain domain;
    private final ToDoubleFunction<ArchEncoding> cost;
    private WidthProposal proposal = GpProposal.defaults();
    private TargetCost target = TargetCost.uniform();
    private int uniformWidths = 4;
    private double tolerance = 0.02;

    private Builder(WidthDomain domain, ToDoubleFunction<ArchEncoding> cost) {
      this.domain = Objects.requireNonNull(domain, "domain");
      this.cost = Objects.requireNonNull(cost, "cost");
    }

    public Builder proposal(WidthProposal p) {
      this.proposal = Objects.requireNonNull(p, "proposal");
      return this;
    }

    /** Where targets are drawn: {@link TargetCost#uniform()} (Joslim) or {@link TargetCost#largestGap()} (PareCO). */
    public Builder target(TargetCost t) {
      this.target = Objects.requireNonNull(t, "target");
      return this;
    }

    /** How many uniform-width networks come first (before the full network); 0 for none. */
    public Builder uniformWidths(int k) {
      if (k < 0) {
        throw new IllegalArgumentException("uniformWidths must be >= 0, got " + k);
      }
      this.uniformWidths = k;
      return this;
    }

    /** Allowed |cost - target| as a fraction of the cost range, in (0, 1). */
    public Builder tolerance(double t) {
      if (!(t > 0 && t < 1)) {
        throw new IllegalArgumentException("tolerance must be in (0, 1), got " + t);
      }
      this.tolerance = t;
      return this;
    }

    public JoslimSampler build() {
      return new JoslimSampler(this);
    }
  }
}
