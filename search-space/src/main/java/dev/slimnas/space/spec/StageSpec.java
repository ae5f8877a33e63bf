package dev.slimnas.space.spec;

import java.util.List;

/**
 * A stage: blocks that share one output width {@code out} (they are joined by residual adds); the
 * first block has stride {@code stride}, the others stride 1.
 */
public record StageSpec(int stride, int out, List<BlockSpec> blocks) {
  public StageSpec {
    Specs.require(stride == 1 || stride == 2, "stage stride must be 1 or 2, got " + stride);
    Channels.check("stage out", out);
    Specs.require(blocks != null && !blocks.isEmpty(), "a stage needs at least one block");
    blocks = List.copyOf(blocks);
  }

  public StageSpec withOut(int newOut) {
    return new StageSpec(stride, newOut, blocks);
  }

  public StageSpec withBlocks(List<BlockSpec> newBlocks) {
    return new StageSpec(stride, out, newBlocks);
  }
}
