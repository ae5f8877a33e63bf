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
}
