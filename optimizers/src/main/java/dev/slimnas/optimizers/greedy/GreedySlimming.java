package dev.slimnas.optimizers.greedy;

import dev.slimnas.optimizers.joslim.WidthDomain;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.ToDoubleFunction;

/**
 * Greedy slimming of the width groups of a slimmable network, as in AutoSlim (Yu and Huang, 2019,
 * "AutoSlim: Towards One-Shot Architecture Search for Channel Numbers", arXiv:1903.11728).
 *
 * <p>The run starts from the full network (every group at the domain's max). In each iteration it makes,
 * for every group that can still shrink, the configuration where that one group is slimmed by one step
 * ({@link #slim}), evaluates the loss (validation error with the shared weights, say) and cost of each,
 * and accepts the best one by the {@link GreedyCriterion} (AutoSlim: the smallest loss). It stops at the
 * first accepted configuration whose cost is at or below the target. The accepted configurations form a
 * loss/cost path ({@link GreedyResult#bestUnder} reads other budgets off it).
 *
 * <p>Steps: a group's multiplier moves down the grid {@code max, max - step, max - 2 step, ..., min}. A
 * move takes the group to the next grid level below its current multiplier and further down while the
 * domain's canonical encoding does not change (channel rounding maps neighbouring multipliers to the
 * same channel count), to {@code min} at the latest; so every move changes the network and lowers the
 * group's multiplier. A group whose encoding would not change even at {@code min} is frozen. The run
 * ends after finitely many moves: each lowers one group by at least one grid level.
 *
 * <p>Every configuration is evaluated once per run (a cache keyed by the canonical encoding), so
 * {@link GreedyResult#evaluations()} counts distinct configurations. Deterministic: no randomness, ties go
 * to the lowest group index. Immutable; each {@link #run()} has its own cache.
 */
public final class GreedySlimming {
  private final WidthDomain domain;
  private final ToDoubleFunction<ArchEncoding> loss;
  private final ToDoubleFunction<ArchEncoding> cost;
  private final double targetCost;
  private final double step;
  private final int maxEvaluations;
  private final GreedyCriterion criterion;
  private final List<Consumer<GreedyStep>> listeners;

  private GreedySlimming(Builder b) {
    if (Double.isNaN(b.targetCost)) {
      throw new IllegalStateException("targetCost is required: set it with targetCost(double)");
    }
    this.domain = b.domain;
    this.loss = b.loss;
    this.cost = b.cost;
    this.targetCost = b.targetCost;
    this.step = Double.isNaN(b.step) ? (b.domain.max() - b.domain.min()) / 10 : b.step;
    this.maxEvaluations = b.maxEvaluations;
    this.criterion = b.criterion;
    this.listeners = List.copyOf(b.listeners);
    double smallest = cost(domain.smallest());
    if (smallest > targetCost) {
      throw new IllegalArgumentException("target cost " + targetCost + " is below the cost of the smallest network, "
          + smallest + ": no width configuration can meet it");
    }
  }

  /**
   * A builder with the required inputs; set {@link Builder#targetCost} before {@code build()}.
   *
   * @param domain the width groups and their multiplier range (ops fixed)
   * @param loss the loss of a configuration, lower is better (e.g. {@code e -> 1 - evaluator.accuracy(e)})
   * @param cost the cost of a configuration (MACs, predicted latency, ...), see {@code CostFunctions}
   */
  public static Builder builder(WidthDomain domain, ToDoubleFunction<ArchEncoding> loss,
      ToDoubleFunction<ArchEncoding> cost) {
    return new Builder(domain, loss, cost);
  }

  public double targetCost() {
    return targetCost;
  }

  /** The multiplier grid step (default: a tenth of the domain's range). */
  public double step() {
    return step;
  }

  public GreedyCriterion criterion() {
    return criterion;
  }

  /** Runs the greedy slimming; the same inputs give the same result. */
  public GreedyResult run() {
    Map<ArchEncoding, Candidate> seen = new HashMap<>();
    Candidate current = evaluate(domain.full(), seen);
    List<Candidate> path = new ArrayList<>(List.of(current));
    while (current.objective(GreedyResult.COST) > targetCost) {
      List<Integer> groups = new ArrayList<>();
      List<ArchEncoding> moves = new ArrayList<>();
      for (int g = 0; g < domain.dimension(); g++) {
        Optional<ArchEncoding> m = slim(current.encoding(), g);
        if (m.isPresent()) {
          groups.add(g);
          moves.add(m.get());
        }
      }
      Set<ArchEncoding> fresh = new LinkedHashSet<>(moves);
      fresh.removeAll(seen.keySet());
      if (moves.isEmpty() || seen.size() + fresh.size() > maxEvaluations) {
        break; // every group frozen (only with a cost that is not monotone in the widths), or the cap
      }
      int best = -1;
      double bestScore = Double.NaN;
      for (int i = 0; i < moves.size(); i++) {
        Candidate c = evaluate(moves.get(i), seen);
        double s = criterion.score(current.objective(GreedyResult.LOSS), current.objective(GreedyResult.COST),
            c.objective(GreedyResult.LOSS), c.objective(GreedyResult.COST));
        if (best < 0 || s < bestScore) {
          best = i;
          bestScore = s;
        }
      }
      current = seen.get(moves.get(best));
      path.add(current);
      GreedyStep step = new GreedyStep(path.size() - 1, groups.get(best), current, moves.size(), seen.size());
      listeners.forEach(l -> l.accept(step));
    }
    return new GreedyResult(path, targetCost, seen.size());
  }

  /**
   * The configuration with {@code group} of {@code from} slimmed by one move (see the class comment),
   * canonical and different from {@code from}; empty when the group is frozen.
   */
  public Optional<ArchEncoding> slim(ArchEncoding from, int group) {
    Objects.checkIndex(group, domain.dimension());
    double min = domain.min();
    double max = domain.max();
    double eps = 1e-9 * (max - min);
    double w = from.widths().get(group);
    double[] widths = from.widths().toArray();
    for (long k = (long) Math.floor((max - w) / step + 1e-9) + 1; ; k++) {
      double m = max - k * step;
      if (m < min + eps) {
        m = min;
      }
      widths[group] = m;
      ArchEncoding next = domain.encoding(widths);
      if (!next.equals(from) && next.widths().get(group) < w) {
        return Optional.of(next);
      }
      if (m == min) {
        return Optional.empty();
      }
    }
  }

  private Candidate evaluate(ArchEncoding e, Map<ArchEncoding, Candidate> seen) {
    Candidate c = seen.get(e);
    if (c == null) {
      double l = loss.applyAsDouble(e);
      if (!Double.isFinite(l)) {
        throw new IllegalArgumentException("loss must be finite, got " + l + " for widths " + e.widths());
      }
      c = Candidate.of(e, l, cost(e));
      seen.put(e, c);
    }
    return c;
  }

  private double cost(ArchEncoding e) {
    double c = cost.applyAsDouble(e);
    if (!Double.isFinite(c)) {
      throw new IllegalArgumentException("cost must be finite, got " + c + " for widths " + e.widths());
    }
    return c;
  }

  /**
   * Builds a {@link GreedySlimming}. Required: {@link #targetCost}. Defaults: step a tenth of the
   * multiplier range, no evaluation cap, criterion {@link GreedyCriterion#LOSS}.
   */
  public static final class Builder {
    private final WidthDomain domain;
    private final ToDoubleFunction<ArchEncoding> loss;
    private final ToDoubleFunction<ArchEncoding> cost;
    private final List<Consumer<GreedyStep>> listeners = new ArrayList<>();
    private double targetCost = Double.NaN;
    private double step = Double.NaN;
    private int maxEvaluations = Integer.MAX_VALUE;
    private GreedyCriterion criterion = GreedyCriterion.LOSS;

    private Builder(WidthDomain domain, ToDoubleFunction<ArchEncoding> loss, ToDoubleFunction<ArchEncoding> cost) {
      this.domain = Objects.requireNonNull(domain, "domain");
      this.loss = Objects.requireNonNull(loss, "loss");
      this.cost = Objects.requireNonNull(cost, "cost");
    }

    /** Stop at the first configuration with cost {@code <= target}; {@code build()} fails if even the smallest network costs more. */
    public Builder targetCost(double target) {
      if (!Double.isFinite(target)) {
        throw new IllegalArgumentException("target cost must be finite, got " + target);
      }
      this.targetCost = target;
      return this;
    }

    /** The multiplier grid step, {@code > 0}; a step above the range slims a group to its minimum at once. */
    public Builder step(double step) {
      if (!(step > 0) || Double.isInfinite(step)) {
        throw new IllegalArgumentException("step must be finite and > 0, got " + step);
      }
      this.step = step;
      return this;
    }

    /**
     * At most {@code n} distinct evaluations (the full network counts); the run stops before an iteration
     * that would exceed it, and its result then reports the target as not reached.
     */
    public Builder maxEvaluations(int n) {
      if (n < 1) {
        throw new IllegalArgumentException("maxEvaluations must be >= 1, got " + n);
      }
      this.maxEvaluations = n;
      return this;
    }

    public Builder criterion(GreedyCriterion criterion) {
      this.criterion = Objects.requireNonNull(criterion, "criterion");
      return this;
    }

    /** Called after every accepted move (progress, logging). */
    public Builder listener(Consumer<GreedyStep> l) {
      listeners.add(Objects.requireNonNull(l, "listener"));
      return this;
    }

    public GreedySlimming build() {
      return new GreedySlimming(this);
    }
  }
}
