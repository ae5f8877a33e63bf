package dev.slimnas.optimizers.greedy;

import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.space.search.ArchEncoding;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * The outcome of a {@link GreedySlimming} run: the accepted path, from the full network down to the
 * first configuration within the target cost (or to where the run stopped), each point with objectives
 * {@code [loss, cost]} ({@link #LOSS}, {@link #COST}).
 *
 * @param path the accepted configurations in order, starting with the full network
 * @param targetCost the cost target of the run
 * @param evaluations distinct configurations whose loss was evaluated (the path and every rejected move)
 */
public record GreedyResult(List<Candidate> path, double targetCost, int evaluations) {
  /** Index of the loss objective of the path's candidates. */
  public static final int LOSS = 0;
  /** Index of the cost objective of the path's candidates. */
  public static final int COST = 1;

  public GreedyResult {
    path = List.copyOf(Objects.requireNonNull(path, "path"));
    if (path.isEmpty()) {
      throw new IllegalArgumentException("a greedy path starts with the full network, got an empty path");
    }
    for (Candidate c : path) {
      if (c.dimension() != 2) {
        throw new IllegalArgumentException("path candidates need objectives [loss, cost], got " + c.objectives());
      }
    }
    if (Double.isNaN(targetCost)) {
      throw new IllegalArgumentException("target cost must not be NaN");
    }
    if (evaluations < path.size()) {
      throw new IllegalArgumentException("every path point is evaluated: evaluations " + evaluations
          + " < path size " + path.size());
    }
  }

  /** Number of accepted moves (path points after the full network). */
  public int moves() {
    return path.size() - 1;
  }

  /** The first path point with cost {@code <= targetCost}, or the last point when none is. */
  public Candidate finalCandidate() {
    return path.stream().filter(c -> c.objective(COST) <= targetCost).findFirst()
        .orElse(path.get(path.size() - 1));
  }

  public ArchEncoding finalEncoding() {
    return finalCandidate().encoding();
  }

  /** True when a path point is within the target cost (false when the run stopped at its evaluation cap). */
  public boolean targetReached() {
    return finalCandidate().objective(COST) <= targetCost;
  }

  /** The width group each move slimmed, in order ({@code moves()} entries). */
  public List<Integer> slimmedGroups() {
    List<Integer> groups = new ArrayList<>();
    for (int i = 1; i < path.size(); i++) {
      var from = path.get(i - 1).encoding().widths();
      var to = path.get(i).encoding().widths();
      int g = 0;
      while (g < from.length() - 1 && from.get(g) == to.get(g)) {
        g++;
      }
      groups.add(g);
    }
    return List.copyOf(groups);
  }

  /** The (cost, loss) front of the path: the path points no cheaper path point beats in loss. */
  public CostLossFront front() {
    return CostLossFront.of(path, COST, LOSS);
  }

  /**
   * The lowest-loss path point with cost {@code <= budget}: AutoSlim reads several budgets off one run.
   * Only budgets down to the last path point's cost are covered; empty below it.
   */
  public Optional<Candidate> bestUnder(double budget) {
    return front().bestUnder(budget);
  }
}
