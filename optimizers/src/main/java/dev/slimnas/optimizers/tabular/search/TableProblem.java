package dev.slimnas.optimizers.tabular.search;

import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.optimizers.tabular.CostConstraint;
import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * A search problem on a table: maximise the objective (minimised objectives are negated into a
 * "score", higher is better) over the architectures the table holds that satisfy an optional cost
 * constraint, with at most {@code budget} evaluations. Costs are known without an evaluation (as MACs
 * and parameters are in a real search), so feasibility checks are free; only looking up the objective of
 * a new architecture counts. The trade-off column is the second objective of multi-objective optimizers
 * (NSGA-II): the constrained column, or another cost column. Immutable.
 */
public final class TableProblem {
  private final BenchmarkTable table;
  private final CostConstraint constraint;
  private final String tradeOff;
  private final int budget;
  private final int[] feasibleRows;
  private final int oracleRow;

  /**
   * @param constraint null for none
   * @param tradeOff a cost column, or null for the constraint's column (else the table's first cost column)
   */
  public TableProblem(BenchmarkTable table, CostConstraint constraint, String tradeOff, int budget) {
    this.table = Objects.requireNonNull(table, "table");
    this.constraint = constraint;
    if (budget < 1) {
      throw new IllegalArgumentException("evaluation budget must be >= 1, got " + budget);
    }
    this.budget = budget;
    if (tradeOff == null) {
      if (constraint != null) {
        tradeOff = constraint.column();
      } else if (!table.sidecar().costs().isEmpty()) {
        tradeOff = table.sidecar().costs().get(0);
      } else {
        throw new IllegalArgumentException("table " + table.name() + " has no cost column to trade the objective against");
      }
    }
    if (!table.sidecar().costs().contains(tradeOff)) {
      throw new IllegalArgumentException("'" + tradeOff + "' is not a cost column of " + table.name() + " (cost columns: "
          + String.join(", ", table.sidecar().costs()) + ")");
    }
    this.tradeOff = tradeOff;
    this.feasibleRows = java.util.stream.IntStream.range(0, table.size())
        .filter(r -> constraint == null || constraint.test(table, r)).toArray();
    if (feasibleRows.length == 0) {
      throw new IllegalArgumentException("no architecture of " + table.name() + " satisfies " + constraint.describe());
    }
    int best = feasibleRows[0];
    for (int r : feasibleRows) {
      if (score(r) > score(best)) {
        best = r;
      }
    }
    this.oracleRow = best;
  }

  public BenchmarkTable table() {
    return table;
  }

  public Optional<CostConstraint> constraint() {
    return Optional.ofNullable(constraint);
  }

  /** The cost column traded against the objective (second objective of NSGA-II). */
  public String tradeOff() {
    return tradeOff;
  }

  public int budget() {
    return budget;
  }

  /** The objective of a row as a score: the objective if maximised, its negation if minimised. */
  public double score(int row) {
    double v = table.objective(row);
    return table.sidecar().maximize() ? v : -v;
  }

  /** The trade-off cost of a row. */
  public double cost(int row) {
    return table.value(tradeOff, row);
  }

  /** True if the row satisfies the constraint. */
  public boolean feasible(int row) {
    return row >= 0 && (constraint == null || constraint.test(table, row));
  }

  /** True if the table holds the architecture and it satisfies the constraint. */
  public boolean feasible(int[] choices) {
    return feasible(table.row(choices));
  }

  /** How far an architecture is from feasible: 0 if feasible, infinite if the table lacks it. */
  public double violation(int[] choices) {
    int row = table.row(choices);
    if (row < 0) {
      return Double.POSITIVE_INFINITY;
    }
    return constraint == null ? 0 : constraint.violation(table, row);
  }

  /** The feasible rows, ascending (a copy). */
  public int[] feasibleRows() {
    return feasibleRows.clone();
  }

  /** Number of feasible rows. */
  public int feasibleCount() {
    return feasibleRows.length;
  }

  /** The feasible row at position {@code i} of {@link #feasibleRows()}. */
  int feasibleRow(int i) {
    return feasibleRows[i];
  }

  /** The best feasible row (the lowest row among ties). */
  public int oracleRow() {
    return oracleRow;
  }

  /** The oracle's objective. */
  public double oracle() {
    return table.objective(oracleRow);
  }

  /** Regret of a found row, in objective units: how much worse than the oracle (>= 0). */
  public double regret(int row) {
    return score(oracleRow) - score(row);
  }

  /** Percent of feasible rows whose score is at most the row's (100 for the oracle). */
  public double percentile(int row) {
    double s = score(row);
    long le = Arrays.stream(feasibleRows).filter(r -> score(r) <= s).count();
    return 100.0 * le / feasibleRows.length;
  }
}
