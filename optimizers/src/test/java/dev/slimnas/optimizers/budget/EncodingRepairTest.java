package dev.slimnas.optimizers.budget;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.optimizers.objective.CostFunctions;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import java.util.SplittableRandom;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

class EncodingRepairTest {
  static final SearchSpace SPACE = SearchSpaces.get("spnas-cifar");
  static final ToDoubleFunction<ArchEncoding> MMACS = e -> CostFunctions.macs(SPACE).applyAsDouble(e) / 1e6;
  static final double MAX = MMACS.applyAsDouble(SPACE.encode(SPACE.max()));
  static final double MIN = MMACS.applyAsDouble(SPACE.encode(SPACE.min()));

  @Test
  void leavesAFeasibleEncodingAlone() {
    ArchEncoding e = SPACE.encode(SPACE.min());
    EncodingRepair.Result r = EncodingRepair.of(SPACE, MMACS, MAX).repair(e);
    assertSame(e, r.encoding());
    assertEquals(0, r.opChanges());
  }

  @Test
  void shrinksWidthsFirstAndKeepsTheOpsWhenThatSuffices() {
    ArchEncoding max = SPACE.encode(SPACE.max());
    double budget = 0.6 * MAX;
    EncodingRepair.Result r = EncodingRepair.of(SPACE, MMACS, budget).repair(max);
    assertTrue(r.after() <= budget);
    assertTrue(r.after() > 0.5 * MAX, "should stay close to the budget, got " + r.after());
    assertEquals(max.ops(), r.encoding().ops());
  }

  @Test
  void changesOpsWhenWidthsAloneCannotReachTheBudget() {
    double budget = MIN + 0.02 * (MAX - MIN);
    SplittableRandom rng = new SplittableRandom(5);
    for (int i = 0; i < 10; i++) {
      ArchEncoding e = SPACE.encode(SPACE.sampleUniform(rng));
      EncodingRepair.Result r = EncodingRepair.of(SPACE, MMACS, budget).repair(e);
      assertTrue(r.after() <= budget, "sample " + i + ": " + r.after() + " > " + budget);
      assertTrue(SPACE.contains(SPACE.decode(r.encoding())));
    }
  }

  @Test
  void failsWithAMessageNamingTheBudgetAndTheCheapestReached() {
    EncodingRepair repair = EncodingRepair.of(SPACE, MMACS, MIN * 0.5);
    IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
        () -> repair.repair(SPACE.encode(SPACE.max())));
    assertTrue(ex.getMessage().contains("budget of"), ex.getMessage());
    assertTrue(ex.getMessage().contains("cheapest encoding reached"), ex.getMessage());
  }
}
