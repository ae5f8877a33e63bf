package dev.slimnas.supernet.slim;

import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.search.StageChoice;
import dev.slimnas.space.search.WidthRange;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.HeadSpec;
import dev.slimnas.space.spec.InputSpec;
import dev.slimnas.space.spec.StemSpec;
import java.util.ArrayList;
import java.util.List;

/**
 * A space small enough for finite differences: 8x8x3 inputs, 4 classes, stem 8, block 0 (stride 1,
 * 8 -> 8, residual), block 1 (stride 2, 8 -> 16), block 2 (stride 1, 16 -> 16, may skip); every block
 * chooses among the Single-Path NAS ops k3e3, k3e6, k5e3, k5e6 (indices 0-3, skip = 4 in block 2). Head
 * 32 without dropout, multipliers in [0.5, 1], divisor 4.
 */
final class TinyJointSpace {
  static final int K3E3 = 0;
  static final int K3E6 = 1;
  static final int K5E3 = 2;
  static final int K5E6 = 3;
  static final int SKIP = 4;

  private TinyJointSpace() {}

  static SearchSpace space() {
    List<BlockOp> withSkip = new ArrayList<>(SearchSpaces.SPNAS_OPS);
    withSkip.add(BlockOp.SKIP);
    BlockChoice ops = new BlockChoice(SearchSpaces.SPNAS_OPS);
    return new SearchSpace("tiny-joint", "finite-difference sized Single-Path NAS space", new InputSpec(8, 3), 4,
        Activation.RELU, new StemSpec(3, 1, 8),
        List.of(new StageChoice(1, 8, List.of(ops)), new StageChoice(2, 16, List.of(ops, new BlockChoice(withSkip)))),
        new HeadSpec(32, 0.0), new WidthRange(0.5, 1.0, 4), 0.25);
  }

  static JointFamily family() {
    return JointFamily.of(space());
  }
}
