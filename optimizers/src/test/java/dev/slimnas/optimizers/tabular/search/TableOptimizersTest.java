package dev.slimnas.optimizers.tabular.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.optimizers.tabular.CostConstraint;
import dev.slimnas.optimizers.tabular.TableSidecar;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TableOptimizersTest {
  /** A synthetic table: 5 positions x 3 choices (243 rows), accuracy additive plus a seeded interaction, MACs additive. */
  static BenchmarkTable synthetic() {
    List<TableSidecar.Position> pos = new ArrayList<>();
    for (int p = 0; p < 5; p++) {
      pos.add(new TableSidecar.Position("p" + p, List.of("a", "b", "c"), List.of(), ""));
    }
    TableSidecar s = new TableSidecar("synthetic", "test", TableSidecar.CSV, "none", "0".repeat(64), pos,
        List.of(new TableSidecar.Metric("acc", "acc", "percent", ""), new TableSidecar.Metric("macs", "macs", "MACs", "")),
        "acc", true, List.of("macs"), Map.of(), "CC0-1.0", "", List.of());
    SplittableRandom rng = new SplittableRandom(3);
    List<int[]> rows = new ArrayList<>();
    double[] acc = new double[243];
    double[] macs = new double[243];
    for (int i = 0; i < 243; i++) {
      int[] c = new int[5];
      int k = i;
      for (int p = 4; p >= 0; p--) {
        c[p] = k % 3;
        k /= 3;
      }
      rows.add(c);
      double a = 80;
      double m = 10;
      for (int p = 0; p < 5; p++) {
        a += c[p] * (1 + p * 0.3);
        m += c[p] * (2 + p);
      }
      acc[i] = a + rng.nextDouble();
      macs[i] = m;
    }
    Map<String, double[]> v = new LinkedHashMap<>();
    v.put("acc", acc);
    v.put("macs", macs);
    return new BenchmarkTable(s, rows, v, "synthetic");
  }

  static Stream<TableOptimizer> optimizers() {
    return Stream.of(TableNsga.defaults(), TableEvolution.defaults(), RegularizedEvolution.defaults(), new LocalSearch(),
        new RandomSearch());
  }

  static TableProblem problem(int budget) {
    BenchmarkTable t = synthetic();
    return new TableProblem(t, CostConstraint.parse("--constraint", "macs<=median", t), null, budget);
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void staysWithinTheBudgetAndEvaluatesOnlyFeasibleDistinctArchitectures(TableOptimizer o) {
    TableProblem p = problem(30);
    for (long seed = 0; seed < 5; seed++) {
      SearchTrace t = o.run(p, seed);
      assertTrue(t.evaluations() <= 30 && t.evaluations() > 0, o.name() + " " + t.evaluations());
      assertEquals(t.evaluations(), t.rows().stream().distinct().count());
      t.rows().forEach(r -> assertTrue(p.feasible(r), o.name() + " evaluated infeasible row " + r));
    }
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void findsTheOracleGivenEnoughEvaluations(TableOptimizer o) {
    TableProblem p = problem(problem(1).feasibleCount());
    for (long seed = 0; seed < 3; seed++) {
      SearchTrace t = o.run(p, seed);
      assertEquals(p.oracleRow(), t.best(p), o.name() + " seed " + seed + " after " + t.evaluations());
    }
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void sameSeedSameTrace(TableOptimizer o) {
    TableProblem p = problem(40);
    assertEquals(o.run(p, 11), o.run(p, 11));
  }

  @ParameterizedTest
  @MethodSource("optimizers")
  void usesTheWholeBudgetWhenThereIsRoom(TableOptimizer o) {
    TableProblem p = problem(40);
    assertEquals(40, o.run(p, 5).evaluations(), o.name());
  }

  @Test
  void repairReturnsAFeasibleArchitecture() {
    TableProblem p = problem(10);
    SplittableRandom rng = new SplittableRandom(1);
    for (int i = 0; i < 50; i++) {
      int[] x = new int[] {2, 2, 2, 2, rng.nextInt(3)};
      assertTrue(p.feasible(Moves.repair(p, x, rng)));
    }
  }
}
