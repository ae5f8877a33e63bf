package dev.slimnas.optimizers.tabular.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.optimizers.tabular.BenchmarkTables;
import dev.slimnas.optimizers.tabular.CostConstraint;
import dev.slimnas.optimizers.tabular.search.LocalSearch;
import dev.slimnas.optimizers.tabular.search.RandomSearch;
import dev.slimnas.optimizers.tabular.search.TableNsga;
import dev.slimnas.optimizers.tabular.search.TableOptimizer;
import dev.slimnas.optimizers.tabular.search.TableProblem;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TableBenchmarkTest {
  static BenchmarkTable tiny() {
    return BenchmarkTables.load(Path.of("src/test/resources/tabular/tiny.table.json"));
  }

  @Nested
  class OracleAndRegret {
    @Test
    void oracleIsTheBestFeasibleRow() {
      BenchmarkTable t = tiny();
      TableProblem p = new TableProblem(t, CostConstraint.parse("--constraint", "macs<=median", t), null, 3);
      assertEquals(5, p.feasibleCount());
      assertEquals(62, p.oracle());
      assertEquals("y-y", t.label(t.choices(p.oracleRow())));
      assertEquals(12, p.regret(t.row(new int[] {0, 0})));
      assertEquals(0, p.regret(p.oracleRow()));
      assertEquals(100, p.percentile(p.oracleRow()));
      assertEquals(20, p.percentile(t.row(new int[] {0, 0})));
      TableProblem free = new TableProblem(t, null, null, 3);
      assertEquals(69, free.oracle());
    }

    @Test
    void reportsRegretFoundShareAndAnytimeCurves() {
      BenchmarkTable t = tiny();
      TableProblem p = new TableProblem(t, CostConstraint.parse("--constraint", "macs<=median", t), null, 5);
      BenchmarkReport r = TableBenchmark.builder(p, List.<TableOptimizer>of(new RandomSearch(), new LocalSearch()), 4, 1,
          i -> 100 + i, "100 + r").multiObjective(true).build().run();
      OptimizerSummary random = r.summary("random");
      assertEquals(0, random.regretMax()); // 5 evaluations of 5 feasible rows
      assertEquals(1.0, random.foundOracleShare());
      assertEquals(5, random.anytimeMean().size());
      assertEquals(0, random.anytimeMean().get(4));
      assertEquals(1.0, random.hypervolumeMean(), 1e-12);
      assertEquals(8, r.results().size());
      assertEquals(1, r.comparisons().size());
      assertEquals(4, r.comparisons().get(0).equal());
    }

    @Test
    void sameInputsSameReport() {
      BenchmarkTable t = tiny();
      TableProblem p = new TableProblem(t, CostConstraint.parse("--constraint", "params<=p75", t), null, 4);
      List<TableOptimizer> o = List.of(TableNsga.defaults(), new RandomSearch());
      assertEquals(TableBenchmark.builder(p, o, 3, 7, i -> 7 * 31 + i, "x").build().run(),
          TableBenchmark.builder(p, o, 3, 7, i -> 7 * 31 + i, "x").build().run());
    }
  }

  @Nested
  class Tests {
    @Test
    void signTestMatchesTheBinomialTail() {
      assertEquals(1.0, Statistics.signTest(5, 5), 1e-12);
      assertEquals(2 * (1 + 10) / 1024.0, Statistics.signTest(1, 9), 1e-12);
      assertEquals(1.0, Statistics.signTest(0, 0));
    }

    @Test
    void wilcoxonIsSmallForAConsistentShiftAndOneForNone() {
      double[] d = new double[30];
      for (int i = 0; i < d.length; i++) {
        d[i] = -1 - 0.01 * i;
      }
      assertTrue(Statistics.wilcoxon(d) < 1e-5);
      assertEquals(1.0, Statistics.wilcoxon(new double[] {0, 0, 0}));
      assertTrue(Statistics.wilcoxon(new double[] {1, -1, 2, -2, 3, -3}) > 0.9);
    }

    @Test
    void hypervolumeOfTheTrueFrontIsOne() {
      assertEquals(0.5, Hypervolume.area(new double[][] {{1, 0.5}}), 1e-12);
      assertEquals(0.75, Hypervolume.area(new double[][] {{0.5, 1}, {1, 0.5}, {0.2, 0.2}}), 1e-12);
    }
  }
}
