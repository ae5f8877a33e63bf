package dev.slimnas.optimizers.budget;

/**
 * The relaxed indicator {@code 1(norm > threshold)} that the budget controller measures the soft latency
 * with, and the relative margin that {@link BudgetFill} and {@link BudgetRepair} rank indicators by.
 *
 * <p>Relative to the norm, so one temperature serves every indicator (the k5 ring, the channel halves and
 * the SE weights have different norms) and every width: {@code margin = (norm - threshold) / norm} and
 * {@code soft = sigmoid(margin / RELATIVE_TEMPERATURE)}. At {@value #RELATIVE_TEMPERATURE} the soft value
 * is 0.982 for a threshold at 0, 0.5 at the norm and 0.018 at twice the norm, so the soft latency falls
 * measurably with every step a threshold climbs (Adam steps of 0.01 at norms ~0.5), from the first one on,
 * while the hard latency waits until the threshold passes the norm. (The
 * straight-through slope of the layer, {@code sigmoid(T (norm - threshold))} at T = 1, is nearly flat at
 * these norms and says nothing about where the threshold is.)
 */
public final class SoftIndicators {
  /** Temperature of the relaxation, as a fraction of the norm. */
  public static final double RELATIVE_TEMPERATURE = 0.25;

  private SoftIndicators() {}

  /** {@code (norm - threshold) / norm}; {@code -threshold} (scaled by a tiny norm) when the norm is 0. */
  public static double margin(double norm, double threshold) {
    return (norm - threshold) / Math.max(norm, 1e-12);
  }

  /** {@code sigmoid(margin(norm, threshold) / RELATIVE_TEMPERATURE)}, in (0, 1). */
  public static double value(double norm, double threshold) {
    double x = margin(norm, threshold) / RELATIVE_TEMPERATURE;
    if (x >= 0) {
      return 1 / (1 + Math.exp(-x));
    }
    double e = Math.exp(x);
    return e / (1 + e);
  }
}
