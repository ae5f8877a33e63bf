package dev.slimnas.transfer.overhead;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.Fixtures;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.Proxies;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import org.junit.jupiter.api.Test;

class OverheadTest {

  @Test
  void totalIsThreePassesTimesForwardMacsTimesImagesTimesEpochs() {
    ArchSpec net = Fixtures.cifarNet();
    OptimizationCost c = OptimizationCost.of(net, new Schedule(50_000, 20));
    long fwd = CostModel.of(net).macs();
    assertEquals(fwd, c.forwardMacs());
    assertEquals(3.0 * fwd * 50_000 * 20, c.totalMacs(), 1e-6 * c.totalMacs());
    assertTrue(c.summary().contains("50000 images"), c.summary());
  }

  @Test
  void identityProxyHasNoReduction() {
    ArchSpec net = Fixtures.cifarNet();
    Overhead o = Overhead.of(OptimizationCost.of(net, new Schedule(100, 2)), OptimizationCost.of(net, new Schedule(100, 2)));
    assertEquals(1.0, o.reduction(), 1e-12);
  }

  @Test
  void reductionMultipliesMacsImagesAndEpochs() {
    ArchSpec target = Fixtures.deeper(Fixtures.cifar(), 2, 1.5).max();
    ProxySpec spec = new ProxySpec(Depth.fraction(0.5), 0.5, 0.5, 0.25);
    ArchSpec proxy = Proxies.of(target, spec);
    ProxyResult r = new ProxyResult(spec, proxy, proxy, "test", new Schedule(spec.images(50_000), 10));
    assertEquals(new Schedule(50_000, 10), r.targetSchedule());
    Overhead o = Overhead.of(OptimizationCost.of(proxy, r.schedule()), OptimizationCost.of(target, r.targetSchedule()));
    double macsRatio = (double) CostModel.of(target).macs() / CostModel.of(proxy).macs();
    assertEquals(4 * macsRatio, o.reduction(), 1e-9 * o.reduction());
    assertTrue(o.reduction() > 16, o.summary());
    assertTrue(o.summary().contains("reduction"), o.summary());
  }

  @Test
  void scheduleIsValidated() {
    assertThrows(IllegalArgumentException.class, () -> new Schedule(0, 1));
    assertThrows(IllegalArgumentException.class, () -> new Schedule(1, 0));
  }
}
