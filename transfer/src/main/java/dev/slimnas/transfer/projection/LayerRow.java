package dev.slimnas.transfer.projection;

import dev.slimnas.space.search.WidthGroup;

/**
 * One width unit of the target in a transfer: where its ratio came from and what it became.
 *
 * @param name target unit: {@code stem}, {@code stage<s>}, {@code block<i>.hidden} (target block index), {@code head}
 * @param stage stage index, -1 for stem and head
 * @param block target block index for hidden units, -1 otherwise
 * @param relativeDepth the target block's {@link RelativeDepth} for hidden units, -1 otherwise
 * @param proxyLayer the proxy unit the ratio comes from; for a hidden unit the proxy hidden unit nearest in
 *     relative depth (linear stacking may blend it with a neighbour), or {@code stage<s>} when the proxy
 *     stage has no hidden unit
 * @param ratio the ratio applied, before the uniform rescale
 * @param transferred {@code makeDivisible(ratio * scale * targetBaseline)}
 */
public record LayerRow(
    String name, WidthGroup.Kind kind, int stage, int block, double relativeDepth, String proxyLayer, int proxyBaseline,
    int proxyOptimized, double ratio, int targetBaseline, int transferred) {

  /** The same row with the transferred width filled in. */
  public LayerRow withTransferred(int channels) {
    return new LayerRow(name, kind, stage, block, relativeDepth, proxyLayer, proxyBaseline, proxyOptimized, ratio,
        targetBaseline, channels);
  }

  /** {@code transferred / targetBaseline}: the width multiplier the target ends up with. */
  public double multiplier() {
    return (double) transferred / targetBaseline;
  }
}
