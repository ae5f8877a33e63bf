package dev.slimnas.space.search;

import dev.slimnas.space.spec.BlockOp;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;

/** The ops one block of a space may take, in a fixed order (the order defines the op index). */
public record BlockChoice(List<BlockOp> ops) {
  /** Orders ops by size: skip first, then proj, then MBConvs by expansion, kernel and SE. */
  public static final Comparator<BlockOp> BY_SIZE =
      Comparator.comparing(BlockOp::isSkip).reversed()
          .thenComparing(Comparator.comparing(BlockOp::isProjection).reversed())
          .thenComparingInt(BlockOp::expansion)
          .thenComparingInt(BlockOp::kernel)
          .thenComparing(BlockOp::se);

  public BlockChoice {
    if (ops == null || ops.isEmpty()) {
      throw new IllegalArgumentException("a block needs at least one allowed op");
    }
    ops = List.copyOf(ops);
    if (new HashSet<>(ops).size() != ops.size()) {
      throw new IllegalArgumentException("allowed ops contain duplicates: " + ops);
    }
  }

  public static BlockChoice fixed(BlockOp op) {
    return new BlockChoice(List.of(op));
  }

  /** True when the block has more than one op to choose from. */
  public boolean searchable() {
    return ops.size() > 1;
  }

  public boolean allowsSkip() {
    return ops.stream().anyMatch(BlockOp::isSkip);
  }

  public boolean allowsProjection() {
    return ops.stream().anyMatch(BlockOp::isProjection);
  }

  public BlockOp smallest() {
    return ops.stream().min(BY_SIZE).orElseThrow();
  }

  public BlockOp largest() {
    return ops.stream().max(BY_SIZE).orElseThrow();
  }

  /**
   * True when the block's MBConv ops tie kernel and expansion: without SE they are exactly k3e3 and k5e6
   * (NAS-Bench-Macro: "k3 only with e3, k5 only with e6"), so one decision picks both. SE may be on or
   * off with either.
   */
  public boolean tiedKernelExpansion() {
    java.util.Set<String> plain = new java.util.TreeSet<>();
    for (BlockOp op : ops) {
      if (op.isMBConv()) {
        plain.add("k" + op.kernel() + "e" + op.expansion());
      }
    }
    return plain.equals(java.util.Set.of("k3e3", "k5e6"));
  }

  /** The op a block takes when it is dropped: skip, or proj where the space allows that instead; null if neither. */
  public BlockOp dropOp() {
    if (allowsSkip()) {
      return BlockOp.SKIP;
    }
    return allowsProjection() ? BlockOp.PROJ : null;
  }

  /** Largest expansion ratio among the allowed ops (0 when only skip or proj is allowed). */
  public int maxExpansion() {
    return ops.stream().mapToInt(BlockOp::expansion).max().orElse(0);
  }
}
