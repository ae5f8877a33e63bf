package dev.slimnas.space.search;

import dev.slimnas.space.spec.Channels;

import java.util.List;

/** A stage of a space: stride of its first block, base output width, and each block's choices. */
public record StageChoice(int stride, int out, List<BlockChoice> blocks) {
  public StageChoice {
    if (stride != 1 && stride != 2) {
      throw new IllegalArgumentException("stage stride must be 1 or 2, got " + stride);
    }
    Channels.check("stage out", out);
    if (blocks == null || blocks.isEmpty()) {
      throw new IllegalArgumentException("a stage needs at least one block");
    }
    blocks = List.copyOf(blocks);
  }
}
