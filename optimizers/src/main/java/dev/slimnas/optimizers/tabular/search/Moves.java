package dev.slimnas.optimizers.tabular.search;

import com.google.common.primitives.ImmutableIntArray;
import java.util.ArrayList;
import java.util.List;
import java.util.random.RandomGenerator;

/** Moves in a categorical space shared by the tabular optimizers: sampling, one-position neighbours, repair. */
final class Moves {
  /** Steps of the repair descent before it falls back to a uniform feasible architecture. */
  static final int REPAIR_STEPS = 32;

  private Moves() {}

  /** A uniformly drawn feasible architecture (as rejection sampling would give; costs are free). */
  static int[] randomFeasible(TableProblem p, RandomGenerator rng) {
    return p.table().choices(p.feasibleRow(rng.nextInt(p.feasibleCount())));
  }

  /**
   * A uniformly drawn feasible architecture not yet evaluated, by rejection (at most {@code 64} draws) and
   * then by a scan from a random start; null if every feasible architecture is evaluated.
   */
  static int[] randomUnseen(TableQueries q, RandomGenerator rng) {
    TableProblem p = q.problem();
    for (int a = 0; a < 64; a++) {
      int row = p.feasibleRow(rng.nextInt(p.feasibleCount()));
      if (!q.seen(row)) {
        return p.table().choices(row);
      }
    }
    int start = rng.nextInt(p.feasibleCount());
    for (int i = 0; i < p.feasibleCount(); i++) {
      int row = p.feasibleRow((start + i) % p.feasibleCount());
      if (!q.seen(row)) {
        return p.table().choices(row);
      }
    }
    return null;
  }

  /** All architectures differing from {@code x} at exactly one position, position-major. */
  static List<int[]> neighbours(TableProblem p, int[] x) {
    List<int[]> out = new ArrayList<>();
    for (int pos = 0; pos < x.length; pos++) {
      for (int v = 0; v < p.table().cardinality(pos); v++) {
        if (v != x[pos]) {
          int[] y = x.clone();
          y[pos] = v;
          out.add(y);
        }
      }
    }
    return out;
  }

  /** {@code x} with one random position set to a different random choice. */
  static int[] mutateOne(TableProblem p, int[] x, RandomGenerator rng) {
    int[] y = x.clone();
    int pos = rng.nextInt(x.length);
    int k = p.table().cardinality(pos);
    y[pos] = (x[pos] + 1 + rng.nextInt(k - 1)) % k;
    return y;
  }

  /**
   * A feasible architecture near {@code x}: {@code x} itself if feasible; else a descent on the constraint
   * violation over one-position neighbours (ties broken at random) for at most {@value #REPAIR_STEPS}
   * steps; if that stalls, a uniformly drawn feasible architecture.
   */
  static int[] repair(TableProblem p, int[] x, RandomGenerator rng) {
    double v = p.violation(x);
    if (v == 0) {
      return x;
    }
    int[] cur = x;
    for (int step = 0; step < REPAIR_STEPS; step++) {
      List<int[]> best = new ArrayList<>();
      double bestV = v;
      for (int[] n : neighbours(p, cur)) {
        double nv = p.violation(n);
        if (nv < bestV) {
          best.clear();
          bestV = nv;
        }
        if (nv == bestV && nv < v) {
          best.add(n);
        }
      }
      if (best.isEmpty()) {
        break;
      }
      cur = best.get(rng.nextInt(best.size()));
      v = bestV;
      if (v == 0) {
        return cur;
      }
    }
    return randomFeasible(p, rng);
  }

  /** The trace of a finished run. */
  static SearchTrace trace(String name, long seed, TableQueries q) {
    return new SearchTrace(name, seed, ImmutableIntArray.copyOf(q.rows()));
  }
}
