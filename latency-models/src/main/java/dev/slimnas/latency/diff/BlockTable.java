package dev.slimnas.latency.diff;

/**
 * Per-block latencies of the Single-Path NAS macro-architecture for kernels {3, 5} and expansions
 * {3, 6}: what the differentiable latency needs from a device table.
 */
public interface BlockTable {
  /** Number of blocks (22 for the Single-Path NAS macro-architecture). */
  int blockCount();

  /** Latency of everything that does not depend on the searchable choices (ms). */
  double fixedMs();

  /** Latency of a searchable block with the given kernel (3 or 5) and expansion (3 or 6), ms. */
  double ms(int block, int kernel, int expansion);

  /** True for the blocks whose op is searched. */
  boolean searchable(int block);

  /**
   * True when the block's kernel and expansion are one decision (its ops are k3e3 and k5e6 only, e.g.
   * NAS-Bench-Macro): then only {@code ms(block, 3, 3)} and {@code ms(block, 5, 6)} exist, and the
   * indicators e6 and k5 are equal. Default false (four independent choices).
   */
  default boolean tied(int block) {
    return false;
  }

  /**
   * Cost of the block when it is dropped (keep = 0): 0 for an identity skip, the projection's cost where
   * the dropped block is a proj (1x1 conv + BN). Default 0.
   */
  default double skipMs(int block) {
    return 0;
  }
}
