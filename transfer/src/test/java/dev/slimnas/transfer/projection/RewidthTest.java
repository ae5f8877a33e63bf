package dev.slimnas.transfer.projection;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import org.junit.jupiter.api.Test;

class RewidthTest {
  private static final Rewidth.WidthRule HALF = new Rewidth.WidthRule() {
    @Override
    public int stem(int c) {
      return c / 2;
    }

    @Override
    public int stage(int stage, int c) {
      return c / 2;
    }

    @Override
    public int hidden(BlockLayout b, int newIn) {
      return b.spec().hidden() / 2;
    }

    @Override
    public int head(int c) {
      return c / 2;
    }
  };

  @Test
  void projKeepsNoWidthsOfItsOwnAndFollowsItsStage() {
    ArchSpec half = Rewidth.apply(NasBenchMacroCodes.arch("02012100"), HALF, 8);
    assertEquals(NasBenchMacroCodes.arch("02012100").ops(), half.ops());
    BlockLayout proj = half.layout().get(0);
    assertEquals(16, proj.inChannels());
    assertEquals(32, proj.outChannels());
    assertEquals(0, proj.spec().hidden());
    assertEquals(192, half.layout().get(1).spec().hidden()); // k5e6 on 64 channels: 384 -> 192
  }
}
