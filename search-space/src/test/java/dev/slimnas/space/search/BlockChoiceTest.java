package dev.slimnas.space.search;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import org.junit.jupiter.api.Test;

class BlockChoiceTest {
  private static BlockChoice of(String... codes) {
    return new BlockChoice(java.util.Arrays.stream(codes).map(BlockOp::parse).toList());
  }

  @Test
  void tiedWhenTheMbconvOpsAreExactlyK3e3AndK5e6() {
    assertTrue(of("skip", "k3e3", "k5e6").tiedKernelExpansion());
    assertTrue(of("proj", "k3e3", "k5e6", "k5e6+se").tiedKernelExpansion());
    assertFalse(of("skip", "k3e3", "k3e6", "k5e3", "k5e6").tiedKernelExpansion());
    assertFalse(of("k3e3", "k5e6", "k3e6").tiedKernelExpansion());
    assertFalse(of("skip", "k5e6").tiedKernelExpansion());
  }

  @Test
  void everyNasBenchMacroBlockIsTiedAndDropsToSkipOrProj() {
    List<BlockChoice> blocks = SearchSpaces.nasBenchMacro().blocks();
    for (int b = 0; b < blocks.size(); b++) {
      assertTrue(blocks.get(b).tiedKernelExpansion(), "block " + b);
      assertEquals(b == 0 || b == 2 || b == 5 ? BlockOp.PROJ : BlockOp.SKIP, blocks.get(b).dropOp(), "block " + b);
    }
    assertFalse(SearchSpaces.singlePathNasCifar().blocks().get(1).tiedKernelExpansion());
    assertNull(of("k3e3", "k5e6").dropOp());
  }
}
