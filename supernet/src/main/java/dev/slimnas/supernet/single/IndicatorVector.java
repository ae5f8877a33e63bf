package dev.slimnas.supernet.single;

/**
 * One number per indicator of a searchable block, in the order of
 * {@link dev.slimnas.latency.diff.BlockIndicators}: keep, e6, k5, se. Used for norms, thresholds and
 * indicator gradients.
 */
public record IndicatorVector(double keep, double e6, double k5, double se) {
  public static IndicatorVector of(double[] v) {
    if (v.length != 4) {
      throw new IllegalArgumentException("need 4 values (keep, e6, k5, se), got " + v.length);
    }
    return new IndicatorVector(v[0], v[1], v[2], v[3]);
  }

  public double[] toArray() {
    return new double[] {keep, e6, k5, se};
  }
}
