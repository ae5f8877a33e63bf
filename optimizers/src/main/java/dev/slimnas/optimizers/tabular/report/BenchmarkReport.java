package dev.slimnas.optimizers.tabular.report;

import java.util.List;
import java.util.Map;

/**
 * The result of a tabular benchmark ({@code slimnas.benchmark-report} v1): the settings that reproduce
 * it, the oracle, per optimizer the regret over repeats, paired comparisons with the baseline, and every
 * repeat's result. Holds no time or machine facts, so the same settings give the same document.
 *
 * @param table table name
 * @param tableSha256 checksum of the table's data
 * @param objective objective column
 * @param objectiveUnit its unit (regret is in these units)
 * @param maximize whether the objective is maximised
 * @param constraint the constraint as given and resolved (e.g. {@code macs<=median (47,327,744)}), or null
 * @param constraintBound the resolved bound, or null
 * @param tradeOff the cost column traded against the objective (NSGA-II's second objective, hypervolume axis)
 * @param multiObjective true if hypervolumes were computed
 * @param budget evaluations per run
 * @param repeats repeats per optimizer
 * @param seed the run seed
 * @param seedDerivation how repeat seeds follow from it
 * @param tableSize rows of the table
 * @param feasible rows satisfying the constraint
 * @param oracle the best feasible row: code, label, objective, trade-off cost
 * @param trueFrontSize points on the true front of the feasible rows, or null outside multi-objective mode
 * @param optimizers per optimizer summary, in the order given
 * @param comparisons each optimizer against the baseline
 * @param results every repeat, optimizer-major
 */
public record BenchmarkReport(String table, String tableSha256, String objective, String objectiveUnit,
    boolean maximize, String constraint, Double constraintBound, String tradeOff, boolean multiObjective, int budget,
    int repeats, long seed, String seedDerivation, int tableSize, int feasible, Map<String, Object> oracle,
    Integer trueFrontSize, List<OptimizerSummary> optimizers, List<PairedComparison> comparisons,
    List<RepeatResult> results) {

  public static final String SCHEMA = "slimnas.benchmark-report";
  public static final int VERSION = 1;

  public BenchmarkReport {
    oracle = new java.util.TreeMap<>(oracle);
    optimizers = List.copyOf(optimizers);
    comparisons = List.copyOf(comparisons);
    results = List.copyOf(results);
  }

  /** The summary of the named optimizer. */
  public OptimizerSummary summary(String optimizer) {
    return optimizers.stream().filter(s -> s.optimizer().equals(optimizer)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no optimizer '" + optimizer + "' in the report"));
  }
}
