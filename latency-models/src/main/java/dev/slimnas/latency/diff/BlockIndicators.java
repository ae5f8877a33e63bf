package dev.slimnas.latency.diff;

/**
 * The indicator values of one searchable block of the single-path supernet, each in [0, 1] (hard 0/1
 * forward, relaxed in gradient checks).
 *
 * @param keep 1 when the block is kept, 0 when skipped
 * @param e6 1 for expansion 6, 0 for expansion 3
 * @param k5 1 for kernel 5, 0 for kernel 3
 * @param se 1 when the squeeze-and-excitation path is on
 */
public record BlockIndicators(double keep, double e6, double k5, double se) {
  public static BlockIndicators of(boolean keep, int kernel, int expansion, boolean se) {
    return new BlockIndicators(keep ? 1 : 0, expansion == 6 ? 1 : 0, kernel == 5 ? 1 : 0, se ? 1 : 0);
  }
}
