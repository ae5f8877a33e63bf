package dev.slimnas.space.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class SearchSpaceTest {

  static List<String> spaces() {
    return SearchSpaces.names();
  }

  @Nested
  class Structure {
    @Test
    void singlePathNasHasTwentySearchableBlocksOfTwentyTwo() {
      SearchSpace s = SearchSpaces.singlePathNas();
      assertEquals(22, s.blockCount());
      assertEquals(20, s.searchableBlocks().size());
      assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16, 17, 18, 19, 20), s.searchableBlocks());
      ArchSpec max = s.max();
      assertEquals(7, max.finalResolution());
      assertEquals(List.of(16, 24, 40, 80, 96, 192, 320), max.stages().stream().map(StageSpec::out).toList());
    }

    @Test
    void cifarVariantKeepsBlocksAndEndsAtFourByFour() {
      SearchSpace s = SearchSpaces.singlePathNasCifar();
      assertEquals(22, s.blockCount());
      assertEquals(4, s.max().finalResolution());
      assertEquals(1, s.stem().stride());
      assertEquals(1, s.stages().get(1).stride());
    }

    @Test
    void widthGroupsAreStemStagesHiddenAndHead() {
      SearchSpace s = SearchSpaces.singlePathNasCifar();
      List<WidthGroup> g = s.widthGroups();
      // stem + 7 stages + 21 expanding blocks (block 0 has expansion 1) + head
      assertEquals(1 + 7 + 21 + 1, g.size());
      assertEquals(WidthGroup.Kind.STEM, g.get(0).kind());
      assertEquals(WidthGroup.Kind.HEAD, g.get(g.size() - 1).kind());
      for (int i = 0; i < g.size(); i++) {
        assertEquals(i, g.get(i).index());
      }
    }

    @Test
    void rejectsSkipInFirstBlockOfStage() {
      List<BlockOp> ops = List.of(BlockOp.mbconv(3, 3), BlockOp.SKIP);
      SearchSpace s = SearchSpaces.singlePathNas();
      List<StageChoice> stages = new ArrayList<>(s.stages());
      StageChoice st = stages.get(2);
      List<BlockChoice> blocks = new ArrayList<>(st.blocks());
      blocks.set(0, new BlockChoice(ops));
      stages.set(2, new StageChoice(st.stride(), st.out(), blocks));
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new SearchSpace(s.name(),
          s.description(), s.input(), s.classes(), s.activation(), s.stem(), stages, s.head(), s.widths(), s.seRatio()));
      assertTrue(e.getMessage().contains("block 5 (stage 2, position 0)"), e.getMessage());
      assertTrue(e.getMessage().contains("skip"), e.getMessage());
    }
  }

  @Nested
  class Encoding {
    @ParameterizedTest
    @MethodSource("dev.slimnas.space.search.SearchSpaceTest#spaces")
    void decodeInvertsEncodeForSamples(String name) {
      SearchSpace s = SearchSpaces.get(name);
      SplittableRandom rng = new SplittableRandom(42);
      for (int i = 0; i < 100; i++) {
        ArchSpec a = s.sampleUniform(rng).withName(s.name());
        assertTrue(s.contains(a));
        assertEquals(a, s.decode(s.encode(a)));
      }
      assertEquals(s.min().withName(s.name()), s.decode(s.encode(s.min())));
      assertEquals(s.max().withName(s.name()), s.decode(s.encode(s.max())));
    }

    @Test
    void referenceNetworksBelongToTheirSpaces() {
      SearchSpaces.singlePathNas().check(ReferenceNetworks.singlePathNasFinal());
      SearchSpaces.singlePathNasCifar().check(ReferenceNetworks.singlePathNasFinalCifar());
      SearchSpaces.mobileNetV2(1.0).check(ReferenceNetworks.mobileNetV2(1.0));
      SearchSpaces.mobileNetV2(0.5).check(ReferenceNetworks.mobileNetV2(0.5));
      assertFalse(SearchSpaces.mobileNetV2(1.0).contains(ReferenceNetworks.mobileNetV2(0.5)));
    }

    @Test
    void uniformSamplingCoversEveryOpAndVariesWidths() {
      SearchSpace s = SearchSpaces.singlePathNasCifar();
      SplittableRandom rng = new SplittableRandom(1);
      Set<BlockOp> seen = new HashSet<>();
      Set<Integer> widths = new HashSet<>();
      int skips = 0;
      int n = 2000;
      for (int i = 0; i < n; i++) {
        ArchSpec a = s.sampleUniform(rng);
        seen.add(a.layout().get(7).op());
        widths.add(a.stages().get(3).out());
        skips += a.layout().get(7).op().isSkip() ? 1 : 0;
      }
      assertEquals(5, seen.size());
      assertEquals(0.2, skips / (double) n, 0.03);
      // stage 3 base 80, x[0.25, 1.0] -> 24..80 in steps of 8
      assertEquals(Set.of(24, 32, 40, 48, 56, 64, 72, 80), widths);
    }

    @Test
    void sameSeedSameSample() {
      SearchSpace s = SearchSpaces.singlePathNasCifar();
      assertEquals(s.sampleUniform(new SplittableRandom(5)), s.sampleUniform(new SplittableRandom(5)));
    }

    @Test
    void minIsSmallestAndMaxLargest() {
      SearchSpace s = SearchSpaces.singlePathNasCifar();
      ArchSpec min = s.min();
      ArchSpec max = s.max();
      assertTrue(min.layout().get(2).op().isSkip());
      assertEquals(BlockOp.mbconv(3, 3), min.layout().get(1).op());
      assertEquals(BlockOp.mbconv(5, 6), max.layout().get(2).op());
      assertEquals(8, min.stages().get(0).out());
      assertEquals(16, max.stages().get(0).out());
    }
  }

  @Nested
  class Validation {
    private final SearchSpace space = SearchSpaces.singlePathNas();
    private final ArchSpec base = ReferenceNetworks.singlePathNasFinal();

    private ArchSpec withBlock(int stage, int pos, BlockSpec b) {
      List<StageSpec> stages = new ArrayList<>(base.stages());
      List<BlockSpec> blocks = new ArrayList<>(stages.get(stage).blocks());
      blocks.set(pos, b);
      stages.set(stage, stages.get(stage).withBlocks(blocks));
      return base.withStages(stages);
    }

    @Test
    void namesBlockAndRuleForOpOutsideAllowedSet() {
      ArchSpec a = withBlock(2, 1, new BlockSpec(BlockOp.mbconv(7, 6), 240, 0));
      ArchValidationException e = assertThrows(ArchValidationException.class, () -> space.check(a));
      assertEquals(1, e.violations().size());
      assertTrue(e.getMessage().contains("block 6 (stage 2, position 1): op k7e6 is not in the allowed set"), e.getMessage());
    }

    @Test
    void namesBlockForWidthOutsideRange() {
      ArchSpec a = withBlock(2, 1, new BlockSpec(BlockOp.mbconv(3, 3), 64, 0));
      ArchValidationException e = assertThrows(ArchValidationException.class, () -> space.check(a));
      assertTrue(e.getMessage().contains("block 6 (stage 2, position 1) hidden channels (k3e3): 64 is outside the allowed widths {120}"),
          e.getMessage());
    }

    @Test
    void skipWhereShapesDifferIsRejectedByTheRecord() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> withBlock(2, 0, BlockSpec.skip()));
      assertTrue(e.getMessage().contains("block 5 (stage 2, position 0): skip needs equal input and output shapes"), e.getMessage());
    }

    @Test
    void wrongResolutionAndClassesAreReported() {
      ArchSpec a = base.withClasses(10);
      ArchValidationException e = assertThrows(ArchValidationException.class, () -> space.check(a));
      assertTrue(e.getMessage().contains("classes must be 1000, got 10"), e.getMessage());
    }

    @Test
    void seWidthMustFollowTheRatio() {
      SearchSpace s = SearchSpaces.singlePathNasCifar();
      List<BlockOp> ops = new ArrayList<>(SearchSpaces.SPNAS_OPS);
      ops.add(BlockOp.mbconv(5, 6, true));
      List<StageChoice> stages = new ArrayList<>(s.stages());
      StageChoice st = stages.get(1);
      stages.set(1, new StageChoice(st.stride(), st.out(), List.of(new BlockChoice(ops), st.blocks().get(1),
          st.blocks().get(2), st.blocks().get(3))));
      SearchSpace withSe = new SearchSpace("se", "", s.input(), s.classes(), s.activation(), s.stem(), stages,
          s.head(), s.widths(), s.seRatio());
      ArchSpec max = withSe.max();
      assertTrue(max.layout().get(1).op().se());
      assertEquals(8, max.layout().get(1).spec().se());
      assertTrue(withSe.contains(max));
    }
  }
}
