package dev.slimnas.optimizers.tabular.report;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.google.common.primitives.ImmutableDoubleArray;

/**
 * One optimizer run of a benchmark.
 *
 * @param optimizer optimizer name
 * @param repeat repeat index (0-based)
 * @param seed the run's seed
 * @param evaluations distinct architectures evaluated (at most the budget)
 * @param code the best architecture's code
 * @param label the best architecture's labels
 * @param objective its objective
 * @param cost its trade-off cost
 * @param regret oracle objective minus its objective (objective units; >= 0)
 * @param foundOracle true if it ties the oracle's objective
 * @param evaluationsToOracle evaluations until the oracle's objective was first reached, or null
 * @param percentile percent of feasible architectures it is at least as good as
 * @param hypervolume normalised hypervolume ratio of everything evaluated, or null outside multi-objective mode
 * @param anytime best-so-far regret after each evaluation (not in the JSON report; see anytime.csv)
 */
public record RepeatResult(String optimizer, int repeat, long seed, int evaluations, String code, String label,
    double objective, double cost, double regret, boolean foundOracle, Integer evaluationsToOracle, double percentile,
    Double hypervolume, @JsonIgnore ImmutableDoubleArray anytime) {

  /** Best-so-far regret after {@code e} evaluations (1-based), the last value after the run ended. */
  public double anytimeAt(int e) {
    return anytime.get(Math.min(e, anytime.length()) - 1);
  }
}
