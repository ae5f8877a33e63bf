package dev.slimnas.space.spec;

import java.util.Objects;

/**
 * One block of a concrete architecture: its op and the widths of its own convs.
 *
 * <p>{@code hidden} is the output width of the 1x1 expansion conv and so of the depthwise conv; for
 * expansion 1 (no expansion conv) it equals the block's input width. {@code se} is the width of the
 * squeeze-and-excitation reduce conv, 0 without SE. A skip or proj block has {@code hidden == se == 0}. The
 * block's output width is its stage's {@link StageSpec#out()}.
 */
public record BlockSpec(BlockOp op, int hidden, int se) {
  public BlockSpec {
    Objects.requireNonNull(op, "op");
    if (!op.isMBConv()) {
      Specs.require(hidden == 0 && se == 0,
          "a " + op.code() + " block has hidden = 0 and se = 0, got hidden " + hidden + ", se " + se);
    } else {
      Specs.require(hidden >= 1, "hidden must be >= 1 for " + op.code() + ", got " + hidden);
      Specs.require(op.se() ? se >= 1 : se == 0,
          op.se() ? "op " + op.code() + " needs se >= 1, got " + se : "op " + op.code() + " has no SE, so se must be 0, got " + se);
    }
  }

  public static BlockSpec skip() {
    return new BlockSpec(BlockOp.SKIP, 0, 0);
  }

  public static BlockSpec proj() {
    return new BlockSpec(BlockOp.PROJ, 0, 0);
  }

  /** The spec of an op without widths of its own (skip or proj). */
  public static BlockSpec widthless(BlockOp op) {
    return new BlockSpec(op, 0, 0);
  }

  public static BlockSpec of(BlockOp op, int hidden, int se) {
    return new BlockSpec(op, hidden, se);
  }
}
