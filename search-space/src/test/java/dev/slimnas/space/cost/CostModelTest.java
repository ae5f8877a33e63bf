package dev.slimnas.space.cost;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class CostModelTest {

  @Nested
  class PublishedFigures {
    @Test
    void mobileNetV2At224MatchesTorchvisionExactly() {
      Cost c = CostModel.of(ReferenceNetworks.mobileNetV2(1.0));
      // torchvision mobilenet_v2: 3,504,872 parameters; ~300M multiply-adds (published)
      assertEquals(3_504_872L, c.params());
      assertEquals(300.8e6, c.macs(), 1e6);
    }

    @Test
    void singlePathNasFinalMatchesPublishedParameterCount() {
      Cost c = CostModel.of(ReferenceNetworks.singlePathNasFinal());
      assertEquals(4.42e6, c.params(), 0.005e6);
      assertEquals(4_421_616L, c.params());
    }

    @Test
    void mobileNetV2WidthMultiplierShrinksCost() {
      Cost full = CostModel.of(ReferenceNetworks.mobileNetV2(1.0));
      Cost half = CostModel.of(ReferenceNetworks.mobileNetV2(0.5));
      // published MobileNetV2 0.5: ~97M MACs, ~1.95M params
      assertEquals(97e6, half.macs(), 3e6);
      assertEquals(1.95e6, half.params(), 0.05e6);
      assertTrue(half.macs() < full.macs());
    }
  }

  @Nested
  class Accounting {
    @Test
    void layersSumToTotals() {
      Cost c = CostModel.of(ReferenceNetworks.singlePathNasFinal());
      assertEquals(c.macs(), c.layers().stream().mapToLong(LayerCost::macs).sum());
      assertEquals(c.params(), c.layers().stream().mapToLong(LayerCost::params).sum());
    }

    @Test
    void handComputedBlockCost() {
      // block 1 of the final SPNAS network: 16 -> 24, k3e3, stride 2, 112 -> 56
      ArchSpec a = ReferenceNetworks.singlePathNasFinal();
      Cost b = CostModel.ofBlock(a.layout().get(1));
      long expand = 16L * 48 * 112 * 112;
      long dw = 9L * 48 * 56 * 56;
      long project = 48L * 24 * 56 * 56;
      assertEquals(expand + dw + project, b.macs());
      assertEquals(16 * 48 + 2 * 48 + 9 * 48 + 2 * 48 + 48 * 24 + 2 * 24, b.params());
    }

    @Test
    void seAddsTwoBiasedFullyConnectedLayers() {
      ArchSpec a = ReferenceNetworks.singlePathNasFinal();
      List<StageSpec> stages = new ArrayList<>(a.stages());
      StageSpec st = stages.get(2);
      List<BlockSpec> blocks = new ArrayList<>(st.blocks());
      BlockSpec plain = blocks.get(0);
      blocks.set(0, new BlockSpec(BlockOp.mbconv(5, 6, true), plain.hidden(), 8));
      stages.set(2, st.withBlocks(blocks));
      ArchSpec withSe = a.withStages(stages);
      long h = plain.hidden();
      assertEquals(CostModel.of(a).params() + (h * 8 + 8) + (8 * h + h), CostModel.of(withSe).params());
      assertEquals(CostModel.of(a).macs() + 2 * h * 8, CostModel.of(withSe).macs());
    }

    @Test
    void skipCostsNothing() {
      SearchSpace space = SearchSpaces.singlePathNasCifar();
      ArchSpec min = space.min();
      min.layout().stream().filter(b -> b.op().isSkip())
          .forEach(b -> assertEquals(0, CostModel.ofBlock(b).macs()));
    }

    @Test
    void sampledArchitecturesLieBetweenMinAndMax() {
      SearchSpace space = SearchSpaces.singlePathNasCifar();
      long lo = CostModel.of(space.min()).macs();
      long hi = CostModel.of(space.max()).macs();
      SplittableRandom rng = new SplittableRandom(7);
      for (int i = 0; i < 200; i++) {
        long m = CostModel.of(space.sampleUniform(rng)).macs();
        assertTrue(m >= lo && m <= hi, m + " not in [" + lo + ", " + hi + "]");
      }
    }
  }
}
