package dev.slimnas.transfer.rescale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.projection.Projection;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FillUpTest {

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.5, 0.8, 1.0})
  void spendsTheRestOfTheTargetUntilNoSingleStepFits(double fractionOfBaseline) {
    Projection p = RescalerTest.projection();
    long target = Math.round(CostModel.of(p.target()).macs() * fractionOfBaseline);
    CostTarget t = CostTarget.macs(target);
    Rescale.Bisection uniform = Rescaler.fit(p, t);
    Rescale.Filled f = FillUp.fill(p, uniform, t);
    ArchSpec filled = f.apply(p);
    assertEquals(CostModel.of(filled).macs(), f.achieved());
    assertTrue(f.achieved() <= target, f.summary());
    assertTrue(f.achieved() >= uniform.achieved(), f.summary());
    // maximal: one more step on any unit breaks the target
    int[] steps = f.steps().stream().mapToInt(Integer::intValue).toArray();
    for (int u = 0; u < steps.length; u++) {
      if (!p.canGrow(u, f.scale(), steps[u])) {
        continue;
      }
      steps[u]++;
      long more = CostModel.of(p.apply(f.scale(), steps)).macs();
      steps[u]--;
      assertTrue(more > target, "unit " + u + " could still grow: " + more + " <= " + target);
    }
    // the uniform step that bisection could not take would have cost more than the whole fill-up
    assertTrue(f.achieved() < uniform.nextCost(), f.summary());
    assertEquals(f, FillUp.fill(p, uniform, t), "deterministic");
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.5, 0.8})
  void closesMostOfTheGapTheUniformScaleLeaves(double fractionOfBaseline) {
    Projection p = RescalerTest.projection();
    long target = Math.round(CostModel.of(p.target()).macs() * fractionOfBaseline);
    CostTarget t = CostTarget.macs(target);
    Rescale.Filled f = FillUp.fill(p, Rescaler.fit(p, t), t);
    // the cheapest single step of this network is far below 1% of its MACs
    assertTrue(f.achieved() >= 0.99 * target, f.summary());
  }
}
