package dev.slimnas.transfer.rescale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.transfer.Fixtures;
import dev.slimnas.transfer.projection.Projection;
import dev.slimnas.transfer.projection.ProxyRatios;
import dev.slimnas.transfer.projection.Stacking;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class RescalerTest {

  static Projection projection() {
    ArchSpec target = Fixtures.deeper(Fixtures.cifar(), 2, 1.5).max();
    return Projection.of(ProxyRatios.of(Fixtures.cifarNet(), Fixtures.slimmedCifarNet()), target, Stacking.LINEAR, 8);
  }

  @ParameterizedTest
  @ValueSource(doubles = {0.3, 0.8, 1.0, 1.7})
  void hitsAMacsTargetWithinOneDivisorStep(double fractionOfBaseline) {
    Projection p = projection();
    long target = Math.round(CostModel.of(p.target()).macs() * fractionOfBaseline);
    Rescale.Bisection r = Rescaler.fit(p, CostTarget.macs(target));
    ArchSpec at = p.apply(r.scale());
    ArchSpec next = p.apply(r.nextScale());
    assertEquals(CostModel.of(at).macs(), r.achieved());
    assertTrue(r.achieved() <= target, r.summary());
    assertTrue(r.nextCost() > target, r.summary());
    assertTrue(r.nextScale() - r.scale() <= 1e-8 * r.nextScale(), r.summary());
    assertWithinOneStep(at, next, 8);
  }

  static void assertWithinOneStep(ArchSpec a, ArchSpec b, int d) {
    assertTrue(Math.abs(a.stem().channels() - b.stem().channels()) <= d);
    assertTrue(Math.abs(a.head().channels() - b.head().channels()) <= d);
    for (int s = 0; s < a.stages().size(); s++) {
      assertTrue(Math.abs(a.stages().get(s).out() - b.stages().get(s).out()) <= d, "stage " + s);
    }
    List<BlockLayout> lb = b.layout();
    for (BlockLayout x : a.layout()) {
      if (x.op().expansion() > 1) {
        assertTrue(Math.abs(x.spec().hidden() - lb.get(x.index()).spec().hidden()) <= d, x.label());
      }
    }
  }

  @Test
  void hitsAParameterTarget() {
    Projection p = projection();
    long target = CostModel.of(p.target()).params() / 2;
    Rescale.Bisection r = Rescaler.fit(p, CostTarget.params(target));
    assertTrue(r.achieved() <= target && r.nextCost() > target, r.summary());
    assertEquals("params", r.metric());
  }

  @Test
  void hitsALatencyTargetOfAnyPredictor() {
    Projection p = projection();
    // a stand-in latency model: 1 ms per 10 MMACs plus a fixed 0.5 ms
    CostTarget t = CostTarget.latency("fake", 5.0, a -> 0.5 + CostModel.of(a).macs() / 1e7);
    Rescale.Bisection r = Rescaler.fit(p, t);
    assertTrue(r.achieved() <= 5.0 && r.nextCost() > 5.0, r.summary());
    assertEquals("latency-ms:fake", r.metric());
  }

  @Test
  void unreachableTargetsFailNamingTheBudget() {
    Projection p = projection();
    IllegalArgumentException low = assertThrows(IllegalArgumentException.class, () -> Rescaler.fit(p, CostTarget.macs(1000)));
    assertTrue(low.getMessage().contains("macs target 1000") && low.getMessage().contains("smallest reachable"),
        low.getMessage());
    IllegalArgumentException high = assertThrows(IllegalArgumentException.class,
        () -> Rescaler.fit(p, CostTarget.latency("flat", 1.0, a -> 0.1)));
    assertTrue(high.getMessage().contains("out of reach"), high.getMessage());
  }

  @Test
  void targetAboveTheLargestBoundedNetworkNamesTheBound() {
    Projection p = projection().bounded(0.25, 1.0);
    long full = CostModel.of(p.apply(1e6)).macs();
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> Rescaler.fit(p, CostTarget.macs(full + 1)));
    assertTrue(e.getMessage().contains("above the largest network within the width bounds")
        && e.getMessage().contains("upper bound 1.0") && e.getMessage().contains(String.valueOf((double) full)), e.getMessage());
    Rescale.Bisection r = Rescaler.fit(p, CostTarget.macs(full - 1));
    assertTrue(r.achieved() <= full - 1, r.summary());
  }

  @Test
  void evaluationsAreBounded() {
    Projection p = projection();
    Rescale.Bisection r = Rescaler.fit(p, CostTarget.macs(CostModel.of(p.target()).macs() / 3));
    assertTrue(r.evaluations() < 100, String.valueOf(r.evaluations()));
  }
}
