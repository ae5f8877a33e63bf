package dev.slimnas.optimizers.groundtruth;

/**
 * What one method found under one budget, judged by the benchmark.
 *
 * @param method e.g. {@code nsga}, {@code random}, {@code uniform}, {@code oracle}
 * @param seed the search seed (0 for methods without randomness)
 * @param code the found network's table code
 * @param cost its cost (the budget's unit)
 * @param predicted its accuracy as the search saw it (supernet, fraction), NaN where no search ran
 * @param truth its ground-truth accuracy (the table's unit, percent)
 * @param rank 1 + the number of networks under the budget with a higher ground truth
 * @param percentile share (percent) of the networks under the budget whose ground truth it equals or beats
 * @param regret the oracle's ground truth minus this one's (points)
 * @param evaluations distinct supernet evaluations the search made (0 for oracle and uniform)
 */
public record SearchOutcome(String method, long seed, String code, double cost, double predicted, double truth, int rank,
    double percentile, double regret, int evaluations) {}
