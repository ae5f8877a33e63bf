package dev.slimnas.supernet.search;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.BlockChoice;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import java.util.ArrayList;
import java.util.List;

/**
 * From hard indicator values to architectures, and back.
 *
 * <p>The search runs on the CIFAR-scale space while latency is predicted for the deployment
 * macro-architecture (224x224): both have the same 22 blocks with the same choices, only strides,
 * resolution and classes differ, so block {@code b}'s indicators select the same op in both. The
 * deployment twin of a searched architecture is {@link #architecture} applied to the deployment space
 * (at its own full widths). {@link #check} verifies that two spaces really correspond block for block.
 */
public final class Readout {
  private Readout() {}

  /** The op that hard indicators select: keep = 0 is skip; else kernel 5 or 3, expansion 6 or 3, SE. */
  public static BlockOp op(BlockIndicators d) {
    if (d.keep() < 0.5) {
      return BlockOp.SKIP;
    }
    return BlockOp.mbconv(d.k5() > 0.5 ? 5 : 3, d.e6() > 0.5 ? 6 : 3, d.se() > 0.5);
  }

  /**
   * The op hard indicators select in a block of {@code choice}: as {@link #op(BlockIndicators)}, except that
   * a dropped block (keep = 0) takes the block's drop op ({@link BlockChoice#dropOp()}: skip, or proj where
   * the shape changes).
   */
  public static BlockOp op(BlockChoice choice, BlockIndicators d) {
    if (d.keep() < 0.5 && choice.dropOp() != null) {
      return choice.dropOp();
    }
    return op(d);
  }

  /** Indicators (0/1) of an op; a fixed block's op maps to keep = 1 and its own kernel and expansion. */
  public static BlockIndicators indicators(BlockOp op) {
    if (op.isSkip() || op.isProjection()) {
      return new BlockIndicators(0, 0, 0, 0);
    }
    return new BlockIndicators(1, op.expansion() == 6 ? 1 : 0, op.kernel() == 5 ? 1 : 0, op.se() ? 1 : 0);
  }

  /**
   * The architecture of {@code space} (at its widest widths) whose searchable blocks take the ops the
   * indicators select; fixed blocks keep their op.
   *
   * @throws IllegalArgumentException naming the block when the selected op is not allowed there
   */
  public static ArchSpec architecture(SearchSpace space, List<BlockIndicators> indicators) {
    List<BlockChoice> blocks = space.blocks();
    if (indicators.size() != blocks.size()) {
      throw new IllegalArgumentException(space.name() + " has " + blocks.size() + " blocks, got indicators for "
          + indicators.size());
    }
    ArchEncoding widest = space.encode(space.max());
    int[] ops = widest.ops().toArray();
    for (int b = 0; b < blocks.size(); b++) {
      BlockChoice choice = blocks.get(b);
      if (!choice.searchable()) {
        continue;
      }
      BlockOp op = op(choice, indicators.get(b));
      int index = choice.ops().indexOf(op);
      if (index < 0) {
        throw new IllegalArgumentException("block " + b + " of " + space.name() + ": the indicators select "
            + op.code() + ", which the space does not allow there (allowed: " + choice.ops() + ")");
      }
      ops[b] = index;
    }
    return space.decode(new ArchEncoding(com.google.common.primitives.ImmutableIntArray.copyOf(ops), widest.widths()));
  }

  /** The indicators of every block of {@code arch}. */
  public static List<BlockIndicators> indicators(ArchSpec arch) {
    List<BlockIndicators> out = new ArrayList<>();
    arch.ops().forEach(op -> out.add(indicators(op)));
    return out;
  }

  /** Checks that {@code search} and {@code deployment} offer the same choices block by block. */
  public static void check(SearchSpace search, SearchSpace deployment) {
    List<BlockChoice> a = search.blocks();
    List<BlockChoice> b = deployment.blocks();
    if (a.size() != b.size()) {
      throw new IllegalArgumentException("search space " + search.name() + " has " + a.size()
          + " blocks but deployment space " + deployment.name() + " has " + b.size());
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).ops().equals(b.get(i).ops())) {
        throw new IllegalArgumentException("block " + i + ": search space " + search.name() + " allows "
            + a.get(i).ops() + " but deployment space " + deployment.name() + " allows " + b.get(i).ops());
      }
    }
  }
}
