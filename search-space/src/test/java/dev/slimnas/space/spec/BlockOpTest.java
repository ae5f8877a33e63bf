package dev.slimnas.space.spec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.json.SpecFiles;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.space.search.WidthRange;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class BlockOpTest {
  /** One op of every permitted kind. */
  static Stream<BlockOp> everyKind() {
    return Stream.<BlockOp>of(BlockOp.SKIP, BlockOp.PROJ, BlockOp.mbconv(3, 6), BlockOp.mbconv(5, 3, true));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void codeParsesBack(BlockOp op) {
    assertEquals(op, BlockOp.parse(op.code()));
    assertEquals(op, BlockOp.parse(" " + op.code().toUpperCase(java.util.Locale.ROOT)));
  }

  @ParameterizedTest
  @MethodSource("everyKind")
  void exactlyOneKindHolds(BlockOp op) {
    int kinds = (op.isSkip() ? 1 : 0) + (op.isProjection() ? 1 : 0) + (op.isMBConv() ? 1 : 0);
    assertEquals(1, kinds, op.code());
  }

  @Test
  void badCodeNamesTheAcceptedForms() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockOp.parse("id"));
    assertTrue(e.getMessage().contains("'proj'") && e.getMessage().contains("'skip'"), e.getMessage());
  }

  @Test
  void bySizeOrdersSkipThenProjThenMbconvs() {
    List<BlockOp> sorted = Stream.<BlockOp>of(BlockOp.mbconv(5, 6), BlockOp.PROJ, BlockOp.mbconv(3, 3), BlockOp.SKIP)
        .sorted(BlockChoice.BY_SIZE).toList();
    assertEquals(List.of(BlockOp.SKIP, BlockOp.PROJ, BlockOp.mbconv(3, 3), BlockOp.mbconv(5, 6)), sorted);
    assertEquals(BlockOp.PROJ, new BlockChoice(List.of(BlockOp.mbconv(3, 3), BlockOp.PROJ)).smallest());
  }

  @Nested
  class Projection {
    private ArchSpec arch(BlockSpec first, BlockSpec second) {
      return new ArchSpec("p", new InputSpec(32, 3), 10, Activation.RELU, new StemSpec(3, 1, 16),
          List.of(new StageSpec(2, 24, List.of(first, second))), new HeadSpec(64, 0));
    }

    @Test
    void goesAnywhereAndNeverAddsAResidual() {
      ArchSpec a = arch(BlockSpec.proj(), BlockSpec.proj());
      assertEquals(List.of(2, 1), a.layout().stream().map(BlockLayout::stride).toList());
      assertTrue(a.layout().stream().noneMatch(BlockLayout::residual));
    }

    @Test
    void carriesNoHiddenWidth() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockSpec.of(BlockOp.PROJ, 8, 0));
      assertTrue(e.getMessage().contains("a proj block has hidden = 0"), e.getMessage());
    }

    @Test
    void costsAStridedOneByOneConvWithBn() {
      ArchSpec a = arch(BlockSpec.proj(), BlockSpec.skip());
      Cost block = CostModel.ofBlock(a.layout().get(0));
      assertEquals(16L * 24 * 16 * 16, block.macs());
      assertEquals(16L * 24 + 2 * 24, block.params());
      assertEquals("block0.proj", block.layers().get(0).name());
    }

    @Test
    void roundTripsThroughArchAndSpaceJson() {
      ArchSpec a = arch(BlockSpec.proj(), BlockSpec.of(BlockOp.mbconv(3, 3), 72, 0));
      assertEquals(a, SpecFiles.parseArch(SpecFiles.archJson(a), "test"));
      assertTrue(SpecFiles.archJson(a).contains("\"proj\""));
      SearchSpace s = new SearchSpace("s", "d", new InputSpec(32, 3), 10, Activation.RELU, new StemSpec(3, 1, 16),
          List.of(new StageChoice(2, 24, List.of(new BlockChoice(List.of(BlockOp.PROJ, BlockOp.mbconv(3, 3))),
              new BlockChoice(List.of(BlockOp.SKIP, BlockOp.PROJ, BlockOp.mbconv(3, 3)))))),
          new HeadSpec(64, 0), WidthRange.fixed(), 0.25);
      assertEquals(s, SpecFiles.parseSpace(SpecFiles.spaceJson(s), "test"));
      assertEquals(a.withName("s"), s.decode(s.encode(a)));
      assertFalse(s.contains(arch(BlockSpec.of(BlockOp.mbconv(5, 6), 96, 0), BlockSpec.skip())));
    }
  }
}
