package dev.slimnas.transfer.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.Channels;
import dev.slimnas.transfer.Fixtures;
import dev.slimnas.transfer.proxy.Depth;
import dev.slimnas.transfer.proxy.Proxies;
import dev.slimnas.transfer.proxy.ProxySpec;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class ProjectionTest {

  static Stream<ArchSpec> networks() {
    return Stream.of(Fixtures.cifarNet(), ReferenceNetworks.mobileNetV2Cifar(1.0), ReferenceNetworks.mobileNetV2(0.35),
        SearchSpaces.get("spnas-se-cifar").max(), Fixtures.slimmedCifarNet());
  }

  static List<Stacking> stackings() {
    return Stacking.all();
  }

  static ArchSpec transfer(ArchSpec proxyBase, ArchSpec proxyOpt, ArchSpec target, Stacking s, double scale) {
    return Projection.of(ProxyRatios.of(proxyBase, proxyOpt), target, s, 8).apply(scale);
  }

  @Nested
  class Identity {
    @ParameterizedTest
    @MethodSource("dev.slimnas.transfer.projection.ProjectionTest#networks")
    void unoptimisedProxyLeavesTheTargetAsItIs(ArchSpec net) {
      for (Stacking s : Stacking.all()) {
        ArchSpec out = transfer(net, net, net, s, 1.0);
        assertEquals(net.withName(out.name()), out, s.code());
      }
    }

    @Test
    void proxyEqualToTargetGivesTheProxysOptimisedWidths() {
      ArchSpec base = Fixtures.cifarNet();
      ArchSpec opt = Fixtures.slimmedCifarNet();
      for (Stacking s : Stacking.all()) {
        ArchSpec out = transfer(base, opt, base, s, 1.0);
        assertEquals(opt.withName(out.name()), out, s.code());
      }
    }
  }

  @Test
  void monotoneInTheRatio() {
    SearchSpace space = Fixtures.cifar();
    ArchSpec base = Fixtures.cifarNet();
    ArchSpec target = Fixtures.deeper(space, 2, 1.5).max();
    ArchSpec proxy = Proxies.of(base, ProxySpec.identity());
    int groups = space.widthGroups().size();
    for (Stacking s : Stacking.all()) {
      for (int g = 0; g < groups; g++) {
        int group = g;
        ArchSpec lower = transfer(proxy, Fixtures.withMultipliers(space, base, i -> i == group ? 0.5 : 0.75), target, s, 1);
        ArchSpec higher = transfer(proxy, Fixtures.withMultipliers(space, base, i -> i == group ? 0.75 : 0.75), target, s, 1);
        assertAllAtMost(lower, higher, s.code() + ", group " + g);
      }
    }
  }

  @Test
  void monotoneInTheScale() {
    ArchSpec target = Fixtures.deeper(Fixtures.cifar(), 2, 1.0).max();
    Projection p = Projection.of(ProxyRatios.of(Fixtures.cifarNet(), Fixtures.slimmedCifarNet()), target, Stacking.LINEAR, 8);
    ArchSpec prev = p.apply(0.1);
    for (double s = 0.15; s < 3; s += 0.05) {
      ArchSpec next = p.apply(s);
      assertAllAtMost(prev, next, "scale " + s);
      prev = next;
    }
  }

  static void assertAllAtMost(ArchSpec a, ArchSpec b, String where) {
    assertTrue(a.stem().channels() <= b.stem().channels(), where + ": stem");
    assertTrue(a.head().channels() <= b.head().channels(), where + ": head");
    for (int s = 0; s < a.stages().size(); s++) {
      assertTrue(a.stages().get(s).out() <= b.stages().get(s).out(), where + ": stage " + s);
    }
    List<BlockLayout> lb = b.layout();
    for (BlockLayout x : a.layout()) {
      assertTrue(x.spec().hidden() <= lb.get(x.index()).spec().hidden(), where + ": " + x.label());
      assertTrue(x.spec().se() <= lb.get(x.index()).spec().se(), where + ": se of " + x.label());
    }
  }

  @ParameterizedTest
  @MethodSource("stackings")
  void everyWidthFollowsTheDivisorRule(Stacking s) {
    ArchSpec target = Fixtures.deeper(Fixtures.cifar(), 2, 1.5).max();
    for (int d : new int[] {8, 16}) {
      Projection p = Projection.of(ProxyRatios.of(Fixtures.cifarNet(), Fixtures.slimmedCifarNet()), target, s, d);
      ArchSpec out = p.apply(0.93);
      for (LayerRow r : p.rows(out)) {
        assertEquals(0, r.transferred() % d, r.name());
        assertEquals(Channels.makeDivisible(r.ratio() * 0.93 * r.targetBaseline(), d), r.transferred(), r.name());
      }
      for (BlockLayout b : out.layout()) {
        if (b.op().expansion() == 1) {
          assertEquals(b.inChannels(), b.spec().hidden(), b.label());
        }
      }
    }
  }

  @Test
  void deeperTargetKeepsItsOpsAndStacksTheProxysHiddenRatios() {
    SearchSpace space = Fixtures.cifar();
    ArchSpec target = Fixtures.deeper(space, 2, 1.0).max();
    ArchSpec proxy = Proxies.of(target, ProxySpec.identity().withDepth(Depth.fraction(0.5)));
    SearchSpace proxySpace = Proxies.of(Fixtures.deeper(space, 2, 1.0), ProxySpec.identity().withDepth(Depth.fraction(0.5)));
    // stage 1 of the proxy has 4 blocks (hidden 96, 144, 144, 144); give them multipliers 1/4, 1/2, 2/3, 1
    double[] m = {0.25, 0.5, 2.0 / 3, 1.0};
    int firstHidden = 1 + proxySpace.stages().size(); // stem, stages, then hidden groups; block 0 (e1) has none
    ArchSpec opt = Fixtures.withMultipliers(proxySpace, proxy,
        g -> g >= firstHidden && g < firstHidden + 4 ? m[g - firstHidden] : 1.0);
    Projection p = Projection.of(ProxyRatios.of(proxy, opt), target, Stacking.NEAREST, 8);
    ArchSpec out = p.apply(1.0);
    assertEquals(target.ops(), out.ops());
    List<LayerRow> stage1 = p.rows(out).stream().filter(r -> r.stage() == 1 && r.block() >= 0).toList();
    assertEquals(8, stage1.size());
    assertEquals(List.of(0.25, 0.25, 0.5, 0.5, 2.0 / 3, 2.0 / 3, 1.0, 1.0), stage1.stream().map(LayerRow::ratio).toList());
    assertEquals(List.of("block1.hidden", "block1.hidden", "block2.hidden", "block2.hidden", "block3.hidden",
        "block3.hidden", "block4.hidden", "block4.hidden"), stage1.stream().map(LayerRow::proxyLayer).toList());
    // target hidden widths 96, 144, ..., 144: 0.25 * 144 = 36 rounds to 40
    assertEquals(List.of(24, 40, 72, 72, 96, 96, 144, 144), stage1.stream().map(LayerRow::transferred).toList());
  }

  @Test
  void proxyStageWithoutHiddenUnitsLendsItsOutputRatio() {
    ArchSpec base = Fixtures.cifarNet();
    ArchSpec opt = Fixtures.slimmedCifarNet();
    // the target's stage 0 expands (e6) where the proxy's stage 0 is expansion 1
    ArchSpec target = ReferenceNetworks.mobileNetV2Cifar(1.0);
    var rows = Projection.of(ProxyRatios.of(base, opt), stageZeroExpanding(target), Stacking.LINEAR, 8)
        .rows(stageZeroExpanding(target));
    LayerRow r = rows.stream().filter(x -> x.name().equals("block0.hidden")).findFirst().orElseThrow();
    assertEquals("stage0", r.proxyLayer());
    assertEquals(ProxyRatios.of(base, opt).stage(0).ratio(), r.ratio());
  }

  static ArchSpec stageZeroExpanding(ArchSpec a) {
    var st = a.stages().get(0);
    var b = dev.slimnas.space.spec.BlockSpec.of(dev.slimnas.space.spec.BlockOp.mbconv(3, 6), 6 * a.stem().channels(), 0);
    var stages = new java.util.ArrayList<>(a.stages());
    stages.set(0, st.withBlocks(List.of(b)));
    return a.withStages(stages);
  }

  @Nested
  class Rejects {
    @Test
    void optimisedNetworkWithOtherOps() {
      ArchSpec base = Fixtures.cifarNet();
      ArchSpec other = SearchSpaces.singlePathNasCifar().max();
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyRatios.of(base, other));
      assertTrue(e.getMessage().contains("op of block 1 (stage 1, position 0)"), e.getMessage());
    }

    @Test
    void optimisedNetworkWithOtherDepth() {
      ArchSpec base = Fixtures.cifarNet();
      ArchSpec shallow = Proxies.of(base, ProxySpec.identity().withDepth(Depth.fraction(0.5)));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyRatios.of(base, shallow));
      assertTrue(e.getMessage().contains("stage 1"), e.getMessage());
    }

    @Test
    void optimisedWidthsFarOutsideTheBaseline() {
      ArchSpec base = Fixtures.cifarNet();
      ArchSpec huge = base.withHead(base.head().withChannels(base.head().channels() * 24));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ProxyRatios.of(base, huge));
      assertTrue(e.getMessage().startsWith("unit head of the optimized network") && e.getMessage().contains("24.00x its baseline"),
          e.getMessage());
      var stages = new java.util.ArrayList<>(base.stages());
      int last = stages.size() - 1;
      stages.set(last, stages.get(last).withOut(Math.max(1, stages.get(last).out() / 100)));
      ArchSpec tiny = base.withStages(stages);
      assertThrows(IllegalArgumentException.class, () -> ProxyRatios.of(base, tiny));
    }

    @Test
    void targetWithOtherStageCount() {
      ArchSpec base = Fixtures.cifarNet();
      ArchSpec target = base.withStages(base.stages().subList(0, 3));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> Projection.of(ProxyRatios.of(base, base), target, Stacking.NEAREST, 8));
      assertTrue(e.getMessage().contains("7 stages") && e.getMessage().contains("has 3"), e.getMessage());
    }
  }

  @Nested
  class Bounds {
    private Projection projection() {
      ArchSpec target = Fixtures.deeper(Fixtures.cifar(), 2, 1.5).max();
      return Projection.of(ProxyRatios.of(Fixtures.cifarNet(), Fixtures.slimmedCifarNet()), target, Stacking.LINEAR, 8);
    }

    @Test
    void clampEveryUnitsMultiplierBeforeRounding() {
      Projection p = projection().bounded(0.25, 1.0);
      for (double scale : new double[] {1e-3, 0.4, 1.0, 3.0, 1e3}) {
        List<LayerRow> rows = p.rows(p.apply(scale));
        for (LayerRow r : rows) {
          int lo = Channels.makeDivisible(0.25 * r.targetBaseline(), 8);
          int hi = Channels.makeDivisible(1.0 * r.targetBaseline(), 8);
          assertTrue(r.transferred() >= lo && r.transferred() <= hi, r + " at scale " + scale);
          if (scale >= 1e3) {
            assertEquals(hi, r.transferred(), r.name());
          }
          if (scale <= 1e-3) {
            assertEquals(lo, r.transferred(), r.name());
          }
        }
      }
    }

    @Test
    void extraStepsStopAtTheUpperBound() {
      Projection p = projection().bounded(0.25, 1.0);
      int[] steps = new int[p.units()];
      java.util.Arrays.fill(steps, 1000);
      p.rows(p.apply(1.0, steps)).forEach(r ->
          assertEquals(Channels.makeDivisible(r.targetBaseline(), 8), r.transferred(), r.name()));
      assertTrue(!p.canGrow(0, 1e3, 0), "a unit at its upper bound cannot grow");
      assertThrows(IllegalArgumentException.class, () -> projection().bounded(0, 1));
      assertThrows(IllegalArgumentException.class, () -> p.apply(1.0, new int[1]));
    }

    @Test
    void boundsContainingEveryMultiplierChangeNothing() {
      Projection free = projection();
      Projection wide = free.bounded(0.01, 100);
      for (double scale : new double[] {0.5, 1.0, 1.3}) {
        assertEquals(free.apply(scale), wide.apply(scale), "scale " + scale);
      }
    }
  }
}
