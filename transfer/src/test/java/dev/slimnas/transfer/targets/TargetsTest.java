package dev.slimnas.transfer.targets;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.search.StageChoice;
import org.junit.jupiter.api.Test;

class TargetsTest {
  private final SearchSpace base = SearchSpaces.get("spnas-cifar", 0.25);

  @Test
  void doublesRepeatedStagesAndKeepsSingleBlockStages() {
    SearchSpace t = Targets.deeper(base, 2);
    assertEquals(base.stages().size(), t.stages().size());
    for (int s = 0; s < base.stages().size(); s++) {
      StageChoice b = base.stages().get(s);
      StageChoice d = t.stages().get(s);
      int expected = b.blocks().size() > 1 ? 2 * b.blocks().size() : 1;
      assertEquals(expected, d.blocks().size(), "stage " + s);
      assertEquals(b.stride(), d.stride());
      assertEquals(b.out(), d.out());
      assertEquals(b.blocks(), d.blocks().subList(0, b.blocks().size()), "stage " + s + " starts with the base blocks");
      for (int p = b.blocks().size(); p < d.blocks().size(); p++) {
        assertEquals(b.blocks().get(1), d.blocks().get(p), "stage " + s + " added block " + p);
      }
    }
    assertEquals(42, t.blockCount());
  }

  @Test
  void widerScalesWidthsByTheDivisorRuleAndCostGrows() {
    SearchSpace t = Targets.of(base, 2, 1.5);
    assertTrue(t.name().endsWith("-target-d2-w1.5"), t.name());
    for (int s = 0; s < base.stages().size(); s++) {
      int w = base.stages().get(s).out();
      int got = t.stages().get(s).out();
      assertTrue(got % 8 == 0 && Math.abs(got - 1.5 * w) <= 4 + 0.1 * 1.5 * w, "stage " + s + ": " + w + " -> " + got);
    }
    long baseMacs = CostModel.of(base.max()).macs();
    long targetMacs = CostModel.of(t.max()).macs();
    assertTrue(targetMacs > 2 * baseMacs, baseMacs + " -> " + targetMacs);
    SearchSpace same = Targets.of(base, 1, 1);
    assertEquals(base.stages(), same.stages());
  }

  @Test
  void shallowerFactorKeepsAPrefixAndBadFactorsAreRefused() {
    SearchSpace t = Targets.deeper(base, 0.5);
    assertEquals(2, t.stages().get(1).blocks().size());
    assertEquals(1, t.stages().get(0).blocks().size());
    assertThrows(IllegalArgumentException.class, () -> Targets.deeper(base, 0));
    assertThrows(IllegalArgumentException.class, () -> Targets.of(base, 2, Double.NaN));
  }
}
