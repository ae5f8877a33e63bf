package dev.slimnas.space.search;

/**
 * One width dimension: layers that must share a width. The stem group holds the stem conv (and the
 * depthwise conv of an expansion-1 block reading it); a stage group holds the projection convs of all
 * blocks of the stage (their outputs are joined by residual adds); a hidden group holds one block's
 * expansion conv and the depthwise conv that reads it; the head group holds the 1x1 head conv.
 *
 * @param index position of this group in an {@link ArchEncoding}'s width vector
 * @param base base width; for a hidden group the base of the block's input, to be multiplied by the
 *     chosen op's expansion
 * @param stage stage of the group (-1 for stem and head)
 * @param block global block index for hidden groups, -1 otherwise
 */
public record WidthGroup(int index, String name, Kind kind, int base, int stage, int block) {

  /** What a group's layers are. */
  public enum Kind {
    STEM,
    STAGE,
    HIDDEN,
    HEAD
  }

  /** The base width for a given expansion (only hidden groups scale with it). */
  public int base(int expansion) {
    return kind == Kind.HIDDEN ? base * expansion : base;
  }
}
