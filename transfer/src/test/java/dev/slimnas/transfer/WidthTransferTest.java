package dev.slimnas.transfer;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.transfer.overhead.Schedule;
import dev.slimnas.transfer.projection.Stacking;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.Proxies;
import dev.slimnas.transfer.proxy.ProxyResult;
import dev.slimnas.transfer.proxy.ProxySpec;
import dev.slimnas.transfer.report.TransferReport;
import dev.slimnas.transfer.rescale.CostTarget;
import dev.slimnas.transfer.rescale.Rescale;
import org.junit.jupiter.api.Test;

class WidthTransferTest {

  /** The CIFAR network optimised on a proxy (the network itself), transferred to 2x depth, 1.5x width. */
  static ProxyResult cifarResult() {
    return Fixtures.result(new ProxySpec(Depth.full(), 1.0, 1.0, 0.5), Fixtures.cifarNet(), Fixtures.slimmedCifarNet());
  }

  static ArchSpec bigTarget() {
    return Fixtures.deeper(Fixtures.cifar(), 2, 1.5).max().withName("spnas-cifar-x2-w1.5");
  }

  @Test
  void transfersWithoutRescale() {
    TransferReport r = WidthTransfer.builder(cifarResult(), bigTarget()).stacking(Stacking.LINEAR).run();
    assertEquals(new Rescale.None(), r.rescale());
    assertEquals(bigTarget().ops(), r.transferred().ops());
    assertEquals(CostModel.of(r.transferred()).macs(), r.transferredCost().macs());
    assertTrue(r.transferredCost().macs() < r.baselineCost().macs());
    assertEquals(Stacking.LINEAR, r.inputs().stacking());
    assertEquals(1 + 7 + r.transferred().layout().stream().filter(b -> b.op().expansion() > 1).count() + 1,
        r.layers().size());
  }

  @Test
  void rescalesToTheBaselinesMacsAndReportsLatency() {
    ArchSpec target = bigTarget();
    long macs = CostModel.of(target).macs();
    TransferReport r = WidthTransfer.builder(cifarResult(), target)
        .costTarget(CostTarget.macs(macs))
        .latencyModel("fake", a -> CostModel.of(a).macs() / 1e7)
        .run();
    Rescale.Filled f = (Rescale.Filled) r.rescale();
    Rescale.Bisection b = f.uniform();
    assertTrue(b.scale() > 1, b.summary());
    assertTrue(b.achieved() <= r.transferredCost().macs() && r.transferredCost().macs() <= macs, f.summary());
    assertEquals(f.achieved(), r.transferredCost().macs());
    assertTrue(r.inputs().fillUp());
    TransferReport uniformOnly = WidthTransfer.builder(cifarResult(), target).costTarget(CostTarget.macs(macs))
        .fillUp(false).run();
    Rescale.Bisection u = (Rescale.Bisection) uniformOnly.rescale();
    assertTrue(uniformOnly.transferredCost().macs() <= macs && u.nextCost() > macs, u.summary());
    assertEquals(b, u);
    assertEquals(macs / 1e7, r.baselineCost().latencyMs().get("fake"), 1e-9);
    assertTrue(r.inputs().costTarget().startsWith("macs <= "), r.inputs().costTarget());
  }

  @Test
  void overheadUsesBothSchedules() {
    ArchSpec target = bigTarget();
    ProxySpec spec = new ProxySpec(Depth.fraction(0.5), 0.5, 0.5, 0.2);
    ArchSpec proxy = Proxies.of(target, spec);
    ProxyResult from = new ProxyResult(spec, proxy, proxy, "none", new Schedule(10_000, 30));
    TransferReport r = WidthTransfer.builder(from, target).run();
    assertEquals(new Schedule(50_000, 30), r.inputs().targetSchedule());
    double expected = 5.0 * CostModel.of(target).macs() / CostModel.of(proxy).macs();
    assertEquals(expected, r.overhead().reduction(), 1e-9 * expected);
    TransferReport longer = WidthTransfer.builder(from, target).targetSchedule(new Schedule(50_000, 60)).run();
    assertEquals(2 * expected, longer.overhead().reduction(), 1e-9 * expected);
  }

  @Test
  void summaryCarriesTheTableTheRescaleAndTheOverhead() {
    String s = WidthTransfer.builder(cifarResult(), bigTarget()).costTarget(CostTarget.params(1_000_000)).run().summary();
    assertTrue(s.contains("block1.hidden"), s);
    assertTrue(s.contains("rescaled x"), s);
    assertTrue(s.contains("reduction"), s);
    assertTrue(s.contains("stacking nearest"), s);
  }

  @Test
  void widthBoundsKeepEveryUnitInTheRangeAndAreRecorded() {
    ArchSpec target = bigTarget();
    TransferReport free = WidthTransfer.builder(cifarResult(), target)
        .costTarget(CostTarget.macs(CostModel.of(target).macs())).run();
    assertTrue(free.layers().stream().anyMatch(l -> l.multiplier() > 1.0), "the unbounded transfer exceeds the baseline");
    // (at the baseline's own MACs the bounded widths could only meet the target at all-1.0: out of reach)
    TransferReport bounded = WidthTransfer.builder(cifarResult(), target)
        .costTarget(CostTarget.macs(Math.round(0.7 * CostModel.of(target).macs()))).widthBounds(0.25, 1.0).run();
    bounded.layers().forEach(l -> assertTrue(l.transferred() <= l.targetBaseline(), l.toString()));
    assertEquals("[0.25, 1.0]", bounded.inputs().widthBounds());
    assertEquals("none", free.inputs().widthBounds());
  }
}
