package dev.slimnas.transfer.proxy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.transfer.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class ProxiesTest {

  @Test
  void identitySpecGivesTheTargetBack() {
    ArchSpec t = Fixtures.cifarNet();
    ArchSpec p = Proxies.of(t, ProxySpec.identity());
    assertEquals(t.withName(p.name()), p);
    assertEquals("spnas-final-cifar-proxy-d1-w1-r1-i1", p.name());
  }

  @Nested
  class Depth_ {
    @Test
    void fractionKeepsTheFirstBlocksOfEachStage() {
      ArchSpec t = ReferenceNetworks.mobileNetV2Cifar(1.0);
      ArchSpec p = Proxies.of(t, ProxySpec.identity().withDepth(Depth.fraction(0.5)));
      // MobileNetV2 stages have 1, 2, 3, 4, 3, 3, 1 blocks; round(n / 2) with halves up, at least 1
      assertEquals(List.of(1, 1, 2, 2, 2, 2, 1), p.stages().stream().map(s -> s.blocks().size()).toList());
      for (int s = 0; s < t.stages().size(); s++) {
        int k = p.stages().get(s).blocks().size();
        assertEquals(t.stages().get(s).blocks().subList(0, k), p.stages().get(s).blocks());
        assertEquals(t.stages().get(s).stride(), p.stages().get(s).stride());
      }
    }

    @Test
    void countsAreExplicitAndChecked() {
      ArchSpec t = Fixtures.cifarNet();
      ArchSpec p = Proxies.of(t, ProxySpec.identity().withDepth(Depth.counts(1, 1, 2, 2, 2, 2, 1)));
      assertEquals(11, p.blockCount());
      IllegalArgumentException few = assertThrows(IllegalArgumentException.class,
          () -> Proxies.of(t, ProxySpec.identity().withDepth(Depth.counts(1, 1))));
      assertTrue(few.getMessage().contains("2 entries") && few.getMessage().contains("7 stages"), few.getMessage());
      IllegalArgumentException deep = assertThrows(IllegalArgumentException.class,
          () -> Proxies.of(t, ProxySpec.identity().withDepth(Depth.counts(1, 5, 1, 1, 1, 1, 1))));
      assertTrue(deep.getMessage().contains("depth.counts[1] = 5"), deep.getMessage());
      assertThrows(IllegalArgumentException.class, () -> Depth.counts(1, 0));
    }

    @Test
    void everyStageKeepsAtLeastOneBlock() {
      assertEquals(1, Depth.fraction(0.01).keep(0, 1, 4));
      assertEquals(3, Depth.fraction(0.5).keep(0, 1, 5));
      assertThrows(IllegalArgumentException.class, () -> Depth.fraction(0));
      assertThrows(IllegalArgumentException.class, () -> Depth.fraction(1.5));
    }
  }

  @Nested
  class Width {
    @Test
    void scalesEveryWidthByTheDivisorRuleAndKeepsTheHead() {
      ArchSpec t = ReferenceNetworks.mobileNetV2Cifar(1.0);
      ArchSpec p = Proxies.of(t, ProxySpec.identity().withWidthMultiplier(0.5));
      assertEquals(16, p.stem().channels());
      assertEquals(List.of(8, 16, 16, 32, 48, 80, 160), p.stages().stream().map(s -> s.out()).toList());
      assertEquals(1280, p.head().channels());
      for (BlockLayout b : p.layout()) {
        int e = b.op().expansion();
        assertEquals(e * b.inChannels(), b.spec().hidden(), b.label());
      }
    }

    @Test
    void agreesWithTheScaledSpace() {
      SearchSpace space = SearchSpaces.get("spnas-cifar");
      ProxySpec spec = new ProxySpec(Depth.fraction(0.5), 0.5, 0.5, 0.25);
      SearchSpace proxySpace = Proxies.of(space, spec);
      ArchSpec fromSpace = proxySpace.max();
      ArchSpec fromArch = Proxies.of(space.max(), spec);
      assertEquals(fromSpace.withName("x"), fromArch.withName("x"));
      assertTrue(proxySpace.contains(Proxies.of(Fixtures.cifarNet(), spec)));
      assertEquals(16, proxySpace.input().resolution());
    }

    @Test
    void seWidthFollowsTheInputWidth() {
      SearchSpace space = SearchSpaces.get("spnas-se-cifar");
      ArchSpec p = Proxies.of(space.max(), ProxySpec.identity().withWidthMultiplier(0.5));
      for (BlockLayout b : p.layout()) {
        if (b.op().se()) {
          assertTrue(b.spec().se() >= 8 && b.spec().se() % 8 == 0, b.label());
        }
      }
    }
  }

  @Test
  void resolutionScales() {
    ArchSpec p = Proxies.of(Fixtures.cifarNet(), ProxySpec.identity().withResolutionScale(0.5));
    assertEquals(16, p.input().resolution());
    assertEquals(112, ProxySpec.identity().withResolutionScale(0.5).resolution(224));
    assertEquals(1, ProxySpec.identity().withResolutionScale(0.01).resolution(32));
  }

  @Test
  void imagesAreAFractionOfTheTrainingSet() {
    assertEquals(12_500, ProxySpec.identity().withImageFraction(0.25).images(50_000));
    assertEquals(1, ProxySpec.identity().withImageFraction(1e-9).images(50_000));
    assertThrows(IllegalArgumentException.class, () -> ProxySpec.identity().withImageFraction(0));
    assertThrows(IllegalArgumentException.class, () -> ProxySpec.identity().withWidthMultiplier(1.5));
  }

  @Test
  void codeNamesEveryDimension() {
    assertEquals("d0.5-w0.75-r0.5-i0.25", new ProxySpec(Depth.fraction(0.5), 0.75, 0.5, 0.25).code());
    assertEquals("d1-2-2-w1-r1-i1", ProxySpec.identity().withDepth(Depth.counts(1, 2, 2)).code());
  }
}
