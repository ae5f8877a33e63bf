package dev.slimnas.optimizers.budget;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.function.ToDoubleFunction;

/**
 * Brings an encoding under a cost budget (e.g. predicted latency in ms) with few, small changes, the
 * encoding-level sibling of {@link BudgetRepair}. Each round first tries the widths alone: if shrinking
 * every multiplier proportionally towards the minimum ({@code min + t (w - min)}) can meet the budget,
 * the largest such t is found by {@value #BISECTION_STEPS} bisection steps and the result returned, so the
 * ops and the shape of the width vector survive. Otherwise the one op change that saves the most cost
 * (a block's op to the next smaller op of its choice, in {@link BlockChoice#BY_SIZE} order, skip where
 * allowed) is made and the round repeats. Every op change moves down a finite order, so at most
 * {@code maxRounds} rounds run; immutable, deterministic.
 */
public record EncodingRepair(SearchSpace space, ToDoubleFunction<ArchEncoding> cost, double budget, int maxRounds) {
  public static final int BISECTION_STEPS = 20;

  public EncodingRepair {
    Objects.requireNonNull(space, "space");
    Objects.requireNonNull(cost, "cost");
    if (!(budget > 0) || Double.isInfinite(budget)) {
      throw new IllegalArgumentException("budget must be finite and > 0, got " + budget);
    }
    if (maxRounds < 1) {
      throw new IllegalArgumentException("maxRounds must be >= 1, got " + maxRounds);
    }
  }

  /** A repair that may take as many rounds as there are op downgrades in the space, plus one. */
  public static EncodingRepair of(SearchSpace space, ToDoubleFunction<ArchEncoding> cost, double budget) {
    int rounds = 1 + space.blocks().stream().mapToInt(b -> b.ops().size() - 1).sum();
    return new EncodingRepair(space, cost, budget, rounds);
  }

  /** The repaired encoding, its cost before and after, and the number of op changes made. */
  public record Result(ArchEncoding encoding, double before, double after, int opChanges) {}

  /**
   * Repairs {@code e}; unchanged if already within the budget.
   *
   * @throws IllegalArgumentException naming the budget and the cheapest encoding reached, when the
   *     budget cannot be met within {@code maxRounds} rounds
   */
  public Result repair(ArchEncoding e) {
    double before = cost.applyAsDouble(e);
    if (before <= budget) {
      return new Result(e, before, before, 0);
    }
    ArchEncoding cur = e;
    double cheapest = before;
    for (int round = 0; round < maxRounds; round++) {
      ArchEncoding narrow = shrunk(cur, 0);
      double c = cost.applyAsDouble(narrow);
      cheapest = Math.min(cheapest, c);
      if (c <= budget) {
        ArchEncoding fit = bisect(cur, narrow);
        return new Result(fit, before, cost.applyAsDouble(fit), round);
      }
      ArchEncoding next = cheaperOp(cur);
      if (next == null) {
        break;
      }
      cur = next;
    }
    throw new IllegalArgumentException(String.format(Locale.ROOT,
        "cannot reach the budget of %.4g within %d rounds: the cheapest encoding reached costs %.4g"
            + " (ops %s at minimum widths; the original costs %.4g)",
        budget, maxRounds, cheapest, cur.ops(), before));
  }

  /** Largest t in [0, 1] (to 2^-20) with cost(shrunk(e, t)) within budget; {@code narrow} is t = 0. */
  private ArchEncoding bisect(ArchEncoding e, ArchEncoding narrow) {
    double lo = 0;
    double hi = 1;
    ArchEncoding best = narrow;
    for (int i = 0; i < BISECTION_STEPS; i++) {
      double t = (lo + hi) / 2;
      ArchEncoding trial = shrunk(e, t);
      if (cost.applyAsDouble(trial) <= budget) {
        lo = t;
        best = trial;
      } else {
        hi = t;
      }
    }
    return best;
  }

  private ArchEncoding shrunk(ArchEncoding e, double t) {
    double min = space.widths().min();
    double[] w = e.widths().toArray();
    for (int i = 0; i < w.length; i++) {
      w[i] = min + t * (w[i] - min);
    }
    return ArchEncoding.of(e.ops().toArray(), w);
  }

  /** The encoding after the single op downgrade that saves the most cost, or null if none saves any. */
  private ArchEncoding cheaperOp(ArchEncoding e) {
    List<BlockChoice> blocks = space.blocks();
    double now = cost.applyAsDouble(e);
    ArchEncoding best = null;
    double bestCost = now;
    for (int b = 0; b < blocks.size(); b++) {
      List<BlockOp> ops = blocks.get(b).ops();
      BlockOp current = ops.get(e.ops().get(b));
      BlockOp smaller = ops.stream().filter(o -> BlockChoice.BY_SIZE.compare(o, current) < 0)
          .max(BlockChoice.BY_SIZE).orElse(null);
      if (smaller == null) {
        continue;
      }
      ArchEncoding trial = e.withOp(b, ops.indexOf(smaller));
      double c = cost.applyAsDouble(trial);
      if (c < bestCost) {
        bestCost = c;
        best = trial;
      }
    }
    return best;
  }

  @Override
  public String toString() {
    return "EncodingRepair[budget=" + budget + ", maxRounds=" + maxRounds + ", space=" + space.name() + "]";
  }
}
