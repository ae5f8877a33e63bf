package dev.slimnas.optimizers.nsga;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.optimizers.objective.AccuracyEvaluator;
import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.optimizers.pareto.Candidate;
import dev.slimnas.optimizers.pareto.CostLossFront;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class NsgaSearchTest {
  static final SearchSpace SPACE = SearchSpaces.get("spnas-cifar");
  /** "Latency": millions of MACs, monotone in widths and op size. */
  static final ToDoubleFunction<ArchEncoding> LATENCY = e -> CostFunctions.macs(SPACE).applyAsDouble(e) / 1e6;
  static final double MIN = LATENCY.applyAsDouble(SPACE.encode(SPACE.min()));
  static final double MAX = LATENCY.applyAsDouble(SPACE.encode(SPACE.max()));
  static final double BUDGET = MIN + 0.5 * (MAX - MIN);

  /**
   * A cheap synthetic accuracy: k5 ops and SE-free e3 give more per MAC than e6; width groups matter
   * unequally (weights drawn once from a fixed seed); saturating in the total score.
   */
  static final class Synthetic implements AccuracyEvaluator {
    final double[] groupWeight;
    final AtomicInteger calls = new AtomicInteger();

    Synthetic() {
      SplittableRandom r = new SplittableRandom(42);
      groupWeight = new double[SPACE.widthGroups().size()];
      for (int i = 0; i < groupWeight.length; i++) {
        groupWeight[i] = r.nextDouble() < 0.3 ? 1.0 : 0.05;
      }
    }

    @Override
    public double accuracy(ArchEncoding e) {
      calls.incrementAndGet();
      var blocks = SPACE.blocks();
      double score = 0;
      for (int b = 0; b < blocks.size(); b++) {
        BlockOp op = blocks.get(b).ops().get(e.ops().get(b));
        score += op.isSkip() ? -0.3 : (op.kernel() == 5 ? 0.5 : 0.1) + (op.expansion() == 6 ? 0.1 : 0);
      }
      for (int g = 0; g < groupWeight.length; g++) {
        score += 3 * groupWeight[g] * e.widths().get(g);
      }
      return 0.95 - 0.85 * Math.exp(-Math.max(0, score) / 8);
    }
  }

  static NsgaSearch search(Synthetic eval) {
    return NsgaSearch.builder(SPACE, eval, LATENCY).latencyBudget(BUDGET).populationSize(24).generations(12).build();
  }

  @Nested
  class Budget {
    @Test
    void everyEvaluatedNetworkRespectsTheBudget() {
      NsgaResult r = search(new Synthetic()).run(1);
      assertFalse(r.front().isEmpty());
      for (Candidate c : r.evaluated()) {
        assertTrue(c.objective(NsgaResult.LATENCY) <= BUDGET, c.objective(NsgaResult.LATENCY) + " > " + BUDGET);
        assertEquals(c.objective(NsgaResult.LATENCY), LATENCY.applyAsDouble(c.encoding()), 1e-9);
        assertTrue(SPACE.contains(SPACE.decode(c.encoding())));
      }
    }

    @Test
    void aBudgetBelowTheSmallestNetworkFailsAtBuild() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> NsgaSearch.builder(SPACE, new Synthetic(), LATENCY).latencyBudget(MIN / 2).build());
      assertTrue(e.getMessage().contains("budget"), e.getMessage());
    }
  }

  @Nested
  class Reproducibility {
    @Test
    void sameSeedSameFront() {
      NsgaResult a = search(new Synthetic()).run(7);
      NsgaResult b = search(new Synthetic()).run(7);
      assertEquals(a.front(), b.front());
      assertEquals(a.evaluated(), b.evaluated());
    }

    @Test
    void differentSeedsExploreDifferently() {
      Synthetic eval = new Synthetic();
      NsgaSearch s = search(eval);
      assertFalse(s.run(1).evaluated().equals(s.run(2).evaluated()));
    }

    @Test
    void evaluatesEachNetworkOnceAndReportsGenerations() {
      Synthetic eval = new Synthetic();
      List<NsgaGeneration> gens = new ArrayList<>();
      NsgaSearch s = NsgaSearch.builder(SPACE, eval, LATENCY).latencyBudget(BUDGET).populationSize(12)
          .generations(5).listener(gens::add).build();
      NsgaResult r = s.run(3);
      assertEquals(r.evaluations(), eval.calls.get());
      assertEquals(5, gens.size());
      assertEquals(r.evaluations(), gens.get(4).evaluations());
      s.run(3);
      assertEquals(r.evaluations(), eval.calls.get(), "a second run with the same seed hits the cache only");
    }
  }

  @Nested
  class Quality {
    @Test
    void frontBeatsRandomSearchWithTheSameNumberOfEvaluations() {
      for (long seed = 1; seed <= 2; seed++) {
        NsgaSearch s = search(new Synthetic());
        NsgaResult nsga = s.run(seed);
        NsgaResult random = search(new Synthetic()).randomSearch(nsga.evaluations(), seed);
        assertEquals(nsga.evaluations(), random.evaluations());
        CostLossFront a = nsga.latencyErrorFront();
        CostLossFront b = random.latencyErrorFront();
        double areaNsga = a.area(MIN, BUDGET, 1.0);
        double areaRandom = b.area(MIN, BUDGET, 1.0);
        assertTrue(areaNsga < areaRandom, "seed " + seed + ": nsga " + areaNsga + " vs random " + areaRandom);
        assertTrue(a.bestLoss(BUDGET).getAsDouble() <= b.bestLoss(BUDGET).getAsDouble());
      }
    }

    @Test
    void extraObjectivesAppearInTheCandidates() {
      NsgaResult r = NsgaSearch.builder(SPACE, new Synthetic(), LATENCY).objective("params", CostFunctions.params(SPACE))
          .populationSize(8).generations(2).build().run(1);
      assertEquals(List.of("error", "latency", "params"), r.objectives());
      assertTrue(r.front().stream().allMatch(c -> c.dimension() == 3));
    }
  }
}
