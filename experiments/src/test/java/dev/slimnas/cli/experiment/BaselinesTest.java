package dev.slimnas.cli.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.LatencyModels;
import dev.slimnas.latency.diff.SpaceBlockTable;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import java.util.List;
import org.junit.jupiter.api.Test;

class BaselinesTest {
  private static final SearchSpace SPACE = SearchSpaces.get("spnas-224");
  private static final Baselines B =
      new Baselines(SPACE, SpaceBlockTable.of(LatencyModels.get("pixel1-singlepath"), SPACE).differentiable());

  @Test
  void randomArchitecturesHitTheTargetLatencyAcrossTheRange() {
    for (double target : new double[] {33, 50, 75, 110}) {
      List<String> ops = B.randomAt(target, 0.02, 7);
      double ms = B.latencyOf(ops);
      assertTrue(Math.abs(ms / target - 1) <= 0.02, target + " ms: got " + ms);
      assertEquals(SPACE.blocks().size(), ops.size());
      for (int b = 0; b < ops.size(); b++) {
        String code = ops.get(b);
        assertTrue(SPACE.blocks().get(b).ops().stream().anyMatch(o -> o.code().equals(code)), "block " + b + ": " + code);
      }
    }
    for (long seed = 1; seed <= 5; seed++) {
      double ms = B.latencyOf(B.randomAt(89.9, 0.02, 90, seed));
      assertTrue(ms <= 90 && ms >= 89.9 * 0.98, "a random network matched to a search at its budget stays under it: " + ms);
    }
    assertEquals(B.randomAt(50, 0.02, 7), B.randomAt(50, 0.02, 7), "seeded");
    assertNotEquals(B.randomAt(50, 0.02, 7), B.randomAt(50, 0.02, 8));
  }

  @Test
  void theUniformBaselineIsTheSlowestUniformNetworkUnderTheBudget() {
    List<Candidate> family = B.uniformFamily();
    assertEquals(16, family.size());
    Candidate c = Baselines.largestUnder(family, 70);
    assertTrue(c.latencyMs() <= 70);
    assertTrue(family.stream().noneMatch(f -> f.latencyMs() <= 70 && f.latencyMs() > c.latencyMs()));
    assertEquals(70, c.budgetMs());
    assertNull(Baselines.largestUnder(family, 1));
    Candidate all = family.stream().filter(f -> f.name().equals("uniform-k5e6-d0")).findFirst().orElseThrow();
    assertEquals(131.4578, all.latencyMs(), 1e-3, "every block k5e6 is the largest network");
  }
}
