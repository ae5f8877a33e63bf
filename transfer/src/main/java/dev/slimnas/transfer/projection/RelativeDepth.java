package dev.slimnas.transfer.projection;

/**
 * Where a block sits in its stage, in [0, 1]: the centre of its slot, {@code (position + 0.5) / blocks}.
 * A stage of n blocks divides [0, 1] into n equal slots; block i covers {@code [i/n, (i+1)/n]}. Using the
 * centre makes the map symmetric (the first and last block are equally far from the ends) and maps a
 * stage onto a stage of the same length exactly, so stacking is the identity there.
 */
public final class RelativeDepth {
  private RelativeDepth() {}

  public static double of(int position, int blocks) {
    if (blocks < 1 || position < 0 || position >= blocks) {
      throw new IllegalArgumentException("position " + position + " outside a stage of " + blocks + " blocks");
    }
    return (position + 0.5) / blocks;
  }
}
