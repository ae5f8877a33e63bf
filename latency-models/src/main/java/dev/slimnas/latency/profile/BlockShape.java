package dev.slimnas.latency.profile;

import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.space.spec.BlockOp;
import java.util.Objects;

/**
 * The shape of one MBConv block as a latency table sees it: input resolution and width, output
 * width, stride, op, hidden width (output of the 1x1 expansion) and SE reduce width (0 without SE).
 * The residual add is implied, as in {@link dev.slimnas.space.spec.ArchSpec#layout()}: stride 1 and
 * equal input and output widths.
 */
public record BlockShape(int inResolution, int inChannels, int outChannels, int stride, BlockOp op, int hidden, int se)
    implements ProfilePart {

  public BlockShape {
    Objects.requireNonNull(op, "op");
    require(inResolution >= 1, "inResolution must be >= 1, got " + inResolution);
    require(inChannels >= 1 && outChannels >= 1, "channels must be >= 1, got " + inChannels + " -> " + outChannels);
    require(stride == 1 || stride == 2, "stride must be 1 or 2, got " + stride);
    require(op.isMBConv(), "a " + op.code() + " block has no latency entry (block shapes are MBConv blocks)");
    require(hidden >= 1, "hidden must be >= 1, got " + hidden);
    require(op.expansion() != 1 || hidden == inChannels,
        "expansion-1 block has no expansion conv, so hidden must equal the input width " + inChannels + ", got " + hidden);
    require(op.se() ? se >= 1 : se == 0, op.se() ? "op " + op.code() + " needs se >= 1, got " + se
        : "op " + op.code() + " has no SE, so se must be 0, got " + se);
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException("block shape: " + message);
    }
  }

  /** The shape of a block in place; a skip block has none. */
  public static BlockShape of(BlockLayout b) {
    return new BlockShape(b.inResolution(), b.inChannels(), b.outChannels(), b.stride(), b.op(), b.spec().hidden(), b.spec().se());
  }

  /** Output resolution ("same" padding). */
  public int outResolution() {
    return BlockLayout.outResolution(inResolution, stride);
  }

  /** True when the block adds its input to its output. */
  public boolean residual() {
    return stride == 1 && inChannels == outChannels;
  }

  /** True when the block has a 1x1 expansion conv. */
  public boolean hasExpansion() {
    return op.expansion() != 1;
  }

  /** The shape's (input resolution, widths, stride) without the op: blocks that differ only in op share it. */
  public String placeKey() {
    return inResolution + "x" + inResolution + "x" + inChannels + "->" + outChannels + "/s" + stride;
  }

  @Override
  public String key() {
    return "block:" + placeKey() + ":" + op.code() + ":h" + hidden + (se > 0 ? ":se" + se : "");
  }
}
