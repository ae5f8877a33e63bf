package dev.slimnas.optimizers.greedy;

/**
 * How {@link GreedySlimming} ranks the candidate moves of one iteration; the lowest score wins, ties go
 * to the lowest group index.
 */
public enum GreedyCriterion {
  /** AutoSlim's rule: the move with the smallest loss after the move. */
  LOSS {
    @Override
    public double score(double fromLoss, double fromCost, double toLoss, double toCost) {
      return toLoss;
    }
  },

  /**
   * The smallest loss increase per unit of cost saved, {@code (toLoss - fromLoss) / (fromCost - toCost)};
   * a move that saves no cost scores {@code +infinity} (ranked last).
   */
  LOSS_PER_COST {
    @Override
    public double score(double fromLoss, double fromCost, double toLoss, double toCost) {
      double saved = fromCost - toCost;
      return saved > 0 ? (toLoss - fromLoss) / saved : Double.POSITIVE_INFINITY;
    }
  };

  /** The score of moving from ({@code fromLoss}, {@code fromCost}) to ({@code toLoss}, {@code toCost}); lower is better. */
  public abstract double score(double fromLoss, double fromCost, double toLoss, double toCost);
}
