package dev.slimnas.optimizers.groundtruth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.optimizers.objective.AccuracyEvaluator;
import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.optimizers.tabular.BenchmarkTable;
import dev.slimnas.optimizers.tabular.BenchmarkTables;
import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.search.ArchEncoding;
import java.nio.file.Path;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Searches under a MAC budget on NAS-Bench-Macro, with the ground truth (a perfect supernet) or noise as the evaluator. */
class BudgetSearchTest {
  private static GroundTruth truth;
  private static ToDoubleFunction<ArchEncoding> macs;

  @BeforeAll
  static void load() {
    BenchmarkTable t = BenchmarkTables.load(Path.of("../data/nas-bench-macro/nas-bench-macro.table.json"));
    truth = new GroundTruth(NasBenchMacroCodes.space(), t, "mean_acc");
    macs = CostFunctions.macs(NasBenchMacroCodes.space());
  }

  @Test
  void groundTruthReadsTheTableByCode() {
    assertEquals(89.19666544596355, truth.accuracy(NasBenchMacroCodes.encoding("02012100")), 1e-9);
    assertEquals("02012100", truth.code(NasBenchMacroCodes.encoding("02012100")));
  }

  @Test
  void oracleHasRankOneAndNoRegret() {
    BudgetSearch s = new BudgetSearch(truth, macs, truth.table().quantile("macs", 0.5));
    SearchOutcome o = s.oracle();
    assertEquals(1, o.rank());
    assertEquals(100, o.percentile(), 1e-9);
    assertEquals(0, o.regret(), 1e-12);
    assertTrue(o.cost() <= s.budget());
    assertTrue(s.feasible() >= truth.table().size() / 2);
  }

  @Test
  void uniformIsTheBestOneOpNetworkUnderTheBudget() {
    double budget = macs.applyAsDouble(NasBenchMacroCodes.encoding("11111111"));
    SearchOutcome u = new BudgetSearch(truth, macs, budget).uniform();
    assertEquals("11111111", u.code());
    assertTrue(u.regret() >= 0);
  }

  @Test
  void searchesWithAPerfectSupernetComeCloseToTheOracleAndNoiseDoesWorse() {
    BudgetSearch s = new BudgetSearch(truth, macs, truth.table().quantile("macs", 0.25));
    AccuracyEvaluator perfect = e -> truth.accuracy(e) / 100;
    SearchOutcome nsga = s.nsga(perfect, 10, 6, 1);
    SearchOutcome random = s.random(perfect, nsga.evaluations(), 1);
    assertTrue(nsga.evaluations() > 10 && nsga.evaluations() <= 60, nsga.toString());
    assertEquals(nsga.evaluations(), random.evaluations());
    assertTrue(nsga.regret() < 1.0, nsga.toString());
    assertTrue(nsga.cost() <= s.budget() && random.cost() <= s.budget());
    assertEquals(truth.accuracy(NasBenchMacroCodes.encoding(nsga.code())) / 100, nsga.predicted(), 1e-12);
  }

  @Test
  void randomFromPoolTakesTheBestOfTheFirstNetworksUnderTheBudget() {
    BudgetSearch s = new BudgetSearch(truth, macs, truth.table().quantile("macs", 0.5));
    java.util.List<ArchEncoding> pool = truth.encodings().subList(0, 400);
    AccuracyEvaluator perfect = e -> truth.accuracy(e) / 100;
    SearchOutcome r = s.randomFromPool(perfect, pool, 20, 3);
    assertEquals(20, r.evaluations());
    assertTrue(r.cost() <= s.budget());
    assertEquals(r, s.randomFromPool(perfect, pool, 20, 3));
    SearchOutcome all = s.randomFromPool(perfect, pool, 10_000, 3);
    assertTrue(all.truth() >= r.truth());
    assertTrue(all.evaluations() < 400);
  }
}
