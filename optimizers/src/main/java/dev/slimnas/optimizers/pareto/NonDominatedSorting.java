package dev.slimnas.optimizers.pareto;

import java.util.ArrayList;
import java.util.List;

/**
 * Peels non-dominated fronts (Deb et al., "A fast and elitist multiobjective genetic algorithm:
 * NSGA-II", 2002): front 0 is the non-dominated set, front 1 the non-dominated set of the rest, and so
 * on. Within a front candidates keep their input order; candidates with equal objectives share a front.
 * O(M N^2) time for N candidates with M objectives.
 */
public final class NonDominatedSorting {
  private NonDominatedSorting() {}

  /** The fronts, best first; every candidate appears in exactly one. */
  public static List<List<Candidate>> fronts(List<Candidate> candidates) {
    int[] rank = ranks(candidates);
    int maxRank = -1;
    for (int r : rank) {
      maxRank = Math.max(maxRank, r);
    }
    List<List<Candidate>> fronts = new ArrayList<>();
    for (int f = 0; f <= maxRank; f++) {
      fronts.add(new ArrayList<>());
    }
    for (int i = 0; i < rank.length; i++) {
      fronts.get(rank[i]).add(candidates.get(i));
    }
    return fronts.stream().map(List::copyOf).toList();
  }

  /** The non-dominated candidates (front 0), in input order; empty for an empty input. */
  public static List<Candidate> front(List<Candidate> candidates) {
    List<List<Candidate>> f = fronts(candidates);
    return f.isEmpty() ? List.of() : f.get(0);
  }

  /** The front index of every candidate (0 = non-dominated). */
  public static int[] ranks(List<Candidate> candidates) {
    int n = candidates.size();
    int[] dominatedBy = new int[n];
    List<List<Integer>> dominates = new ArrayList<>();
    double[][] obj = new double[n][];
    for (int i = 0; i < n; i++) {
      dominates.add(new ArrayList<>());
      obj[i] = candidates.get(i).objectives().toArray();
    }
    for (int i = 0; i < n; i++) {
      for (int j = i + 1; j < n; j++) {
        if (Dominance.dominates(obj[i], obj[j])) {
          dominates.get(i).add(j);
          dominatedBy[j]++;
        } else if (Dominance.dominates(obj[j], obj[i])) {
          dominates.get(j).add(i);
          dominatedBy[i]++;
        }
      }
    }
    int[] rank = new int[n];
    List<Integer> current = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      if (dominatedBy[i] == 0) {
        current.add(i);
      }
    }
    int r = 0;
    while (!current.isEmpty()) {
      List<Integer> next = new ArrayList<>();
      for (int i : current) {
        rank[i] = r;
        for (int j : dominates.get(i)) {
          if (--dominatedBy[j] == 0) {
            next.add(j);
          }
        }
      }
      current = next;
      r++;
    }
    return rank;
  }
}
