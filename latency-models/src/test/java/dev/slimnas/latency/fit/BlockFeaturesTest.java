package dev.slimnas.latency.fit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.cost.LayerCost;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class BlockFeaturesTest {
  static final BlockFeatures F = new BlockFeatures(List.of(3, 5, 7), true);

  static double feature(double[] f, String name) {
    return f[F.names().indexOf(name)];
  }

  static long macs(Cost c, String suffix) {
    return c.layers().stream().filter(l -> l.name().endsWith(suffix)).mapToLong(LayerCost::macs).sum();
  }

  @ParameterizedTest
  @ValueSource(strings = {"spnas-se-cifar", "spnas-se-224", "mobilenetv2-cifar"})
  void macsAreTheCostModelsPerLayerMacs(String spaceName) {
    SearchSpace space = SearchSpaces.get(spaceName);
    SplittableRandom r = new SplittableRandom(5);
    for (int a = 0; a < 5; a++) {
      ArchSpec arch = space.sampleUniform(r);
      for (BlockLayout b : arch.layout()) {
        if (b.op().isSkip()) {
          continue;
        }
        double[] f = F.of(BlockShape.of(b));
        Cost c = CostModel.ofBlock(b);
        assertEquals(macs(c, ".expand") - macs(c, ".se.expand"), feature(f, "expand.macs"), b.label());
        assertEquals(macs(c, ".dw"), feature(f, "dw.k" + b.op().kernel() + ".macs"), b.label());
        assertEquals(macs(c, ".project"), feature(f, "project.macs"), b.label());
        assertEquals(macs(c, ".se.reduce") + macs(c, ".se.expand"), feature(f, "se.macs"), b.label());
        assertEquals(c.macs(), feature(f, "expand.macs") + feature(f, "dw.k3.macs") + feature(f, "dw.k5.macs")
            + feature(f, "dw.k7.macs") + feature(f, "project.macs") + feature(f, "se.macs"), b.label());
      }
    }
  }

  @Test
  void allocationFreeDotEqualsTheFeatureVectorsDot() {
    SplittableRandom r = new SplittableRandom(2);
    double[] w = new double[F.size()];
    for (int i = 0; i < w.length; i++) {
      w[i] = r.nextDouble();
    }
    for (ArchSpec arch : List.of(SearchSpaces.get("spnas-se-cifar").sampleUniform(r), SearchSpaces.get("spnas-se-224").max())) {
      for (BlockLayout b : arch.layout()) {
        if (!b.op().isSkip()) {
          double expected = FixedFeatures.dot(w, F.of(BlockShape.of(b)));
          double got = F.dot(w, b.inResolution(), b.inChannels(), b.outChannels(), b.stride(), b.op().kernel(),
              b.op().expansion(), b.op().se(), b.spec().hidden(), b.spec().se());
          assertEquals(expected, got, 1e-9 * expected, b.label());
        }
      }
    }
  }

  @Test
  void allocationFreeStemAndHeadDotsEqualTheFeatureVectorsDots() {
    double[] w = {0.1, 2e-7, 3e-6, 4e-6, 5e-6, 6e-6};
    double[] ws = java.util.Arrays.copyOf(w, 5);
    for (ArchSpec a : List.of(SearchSpaces.get("spnas-cifar").max(), SearchSpaces.get("spnas-224").min())) {
      var st = dev.slimnas.latency.profile.StemShape.of(a);
      var h = dev.slimnas.latency.profile.HeadShape.of(a);
      assertEquals(FixedFeatures.dot(ws, FixedFeatures.stem(st)),
          FixedFeatures.stemDot(ws, st.resolution(), st.inChannels(), st.kernel(), st.stride(), st.outChannels()), 1e-9);
      assertEquals(FixedFeatures.dot(w, FixedFeatures.head(h)),
          FixedFeatures.headDot(w, h.resolution(), h.inChannels(), h.channels(), h.classes()), 1e-9);
    }
  }

  @Test
  void coversOnlyTheKernelsAndSeOfItsData() {
    BlockShape k3 = new BlockShape(8, 16, 16, 1, BlockOp.mbconv(3, 6), 96, 0);
    BlockShape k5se = new BlockShape(8, 16, 16, 1, BlockOp.mbconv(5, 6, true), 96, 8);
    BlockFeatures f = BlockFeatures.covering(List.of(k3));
    assertEquals(List.of(3), f.kernels());
    assertFalse(f.coversSe());
    assertFalse(f.covers(5, false));
    assertFalse(f.covers(3, true));
    assertTrue(f.missing(3, true).contains("squeeze-and-excitation"));
    assertTrue(f.missing(5, false).contains("kernel 5"));
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> f.of(k5se));
    assertTrue(e.getMessage().contains("squeeze-and-excitation"), e.getMessage());
    assertTrue(BlockFeatures.covering(List.of(k3, k5se)).names().containsAll(List.of("se.unit", "se.macs", "se.elems", "dw.k5.macs")));
  }

  @Test
  void residualAndExpansionPartsOnlyWhereTheBlockHasThem() {
    double[] noExpand = F.of(new BlockShape(16, 32, 16, 1, BlockOp.mbconv(3, 1), 32, 0));
    assertEquals(0, feature(noExpand, "expand.unit"));
    assertEquals(0, feature(noExpand, "expand.macs"));
    assertEquals(0, feature(noExpand, "residual.unit"));
    assertEquals(32 * 16 * 16, feature(noExpand, "hidden.elems"));
    double[] res = F.of(new BlockShape(16, 24, 24, 1, BlockOp.mbconv(5, 3), 72, 0));
    assertEquals(1, feature(res, "residual.unit"));
    assertEquals(24 * 16 * 16, feature(res, "residual.elems"));
    assertEquals(72 * 16 * 16 * 2, feature(res, "hidden.elems"));
    assertEquals(24 * 72 + 72 * 24, feature(res, "pw.weights"));
  }
}
