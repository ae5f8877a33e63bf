package dev.slimnas.space.search;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.Channels;
import dev.slimnas.space.spec.StageSpec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Channel counts are bounded where specs are made, so nothing computed from a space or an architecture overflows. */
class SpaceSizesTest {
  private static SearchSpace withStageOut(SearchSpace s, int stage, int out) {
    List<StageChoice> stages = new ArrayList<>(s.stages());
    StageChoice st = stages.get(stage);
    stages.set(stage, new StageChoice(st.stride(), out, st.blocks()));
    return new SearchSpace(s.name(), s.description(), s.input(), s.classes(), s.activation(), s.stem(), stages, s.head(), s.widths(),
        s.seRatio());
  }

  @Test
  void aStageWidthBeyondTheLimitIsRefusedNamingTheField() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withStageOut(SearchSpaces.singlePathNasCifar(), 1, 1_000_000_000));
    assertTrue(e.getMessage().contains("stage out must be in 1.." + Channels.MAX + ", got 1000000000"), e.getMessage());
  }

  @Test
  void aHiddenWidthThatWouldOverflowIsRefusedNamingTheBlock() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
        () -> withStageOut(SearchSpaces.singlePathNasCifar(), 1, 500_000));
    assertTrue(e.getMessage().startsWith("stages[1].blocks[1]") && e.getMessage().contains("expansion 6"), e.getMessage());
  }

  @Test
  void theLargestAllowedSpaceStillComputesItsWidths() {
    SearchSpace s = withStageOut(SearchSpaces.singlePathNasCifar(), 6, Channels.MAX / 8);
    assertTrue(s.max().stages().get(6).out() <= Channels.MAX);
  }

  @Test
  void opCodesWithHugeNumbersAreRefusedNotOverflowed() {
    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> BlockOp.parse("k99999999999e6"));
    assertTrue(e.getMessage().contains("kernel 99999999999 is more than 31"), e.getMessage());
    e = assertThrows(IllegalArgumentException.class, () -> BlockOp.parse("k3e99999"));
    assertTrue(e.getMessage().contains("expansion 99999 is more than 64"), e.getMessage());
  }

  @Test
  void channelCountsOfArchitecturesAreBounded() {
    assertThrows(IllegalArgumentException.class, () -> new StageSpec(1, Channels.MAX + 1, List.of(dev.slimnas.space.spec.BlockSpec.skip())));
  }

}
