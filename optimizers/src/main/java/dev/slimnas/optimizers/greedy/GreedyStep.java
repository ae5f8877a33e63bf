package dev.slimnas.optimizers.greedy;

import dev.slimnas.optimizers.pareto.Candidate;
import java.util.Objects;

/**
 * One accepted move of a {@link GreedySlimming} run, given to listeners.
 *
 * @param move the move number, from 1 ({@code path.get(move)} of the result)
 * @param group the width group the move slimmed
 * @param accepted the configuration after the move, objectives {@code [loss, cost]}
 * @param candidates how many moves were compared in this iteration (groups not yet frozen)
 * @param evaluations distinct configurations evaluated so far in the run
 */
public record GreedyStep(int move, int group, Candidate accepted, int candidates, int evaluations) {
  public GreedyStep {
    Objects.requireNonNull(accepted, "accepted");
    if (move < 1 || group < 0 || candidates < 1 || evaluations < 1) {
      throw new IllegalArgumentException("greedy step needs move >= 1, group >= 0, candidates >= 1, evaluations >= 1,"
          + " got move " + move + ", group " + group + ", candidates " + candidates + ", evaluations " + evaluations);
    }
  }
}
