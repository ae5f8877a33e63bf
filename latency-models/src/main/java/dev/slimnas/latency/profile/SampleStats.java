package dev.slimnas.latency.profile;

import java.util.Arrays;

/**
 * Robust statistics of repeated timings: quantiles by linear interpolation, Tukey's fences for
 * outliers (below Q1 - 1.5 IQR or above Q3 + 1.5 IQR), median and interquartile range of the rest.
 */
public final class SampleStats {
  /** Tukey's fence factor. */
  public static final double FENCE = 1.5;

  private SampleStats() {}

  /** The q-quantile (0..1) of sorted values, linear interpolation between order statistics. */
  public static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      throw new IllegalArgumentException("quantile of no values");
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }

  /** The name of a quantile as a profile statistic: {@code median}, {@code min} or {@code p10}. */
  public static String statisticName(double quantile) {
    return quantile == 0.5 ? "median" : quantile == 0 ? "min" : "p" + Math.round(quantile * 100);
  }

  /** The quantile a statistic name stands for: {@code median} 0.5, {@code min} 0, {@code pNN} NN/100. */
  public static double quantileOf(String statistic) {
    if (statistic.equals("median")) {
      return 0.5;
    }
    if (statistic.equals("min")) {
      return 0;
    }
    if (statistic.matches("p\\d{1,2}")) {
      return Integer.parseInt(statistic.substring(1)) / 100.0;
    }
    throw new IllegalArgumentException("statistic '" + statistic + "' is not a quantile: use median, min or pNN (e.g. p10)");
  }

  public static double median(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    return quantile(s, 0.5);
  }

  /** Median absolute deviation from the median (unscaled). */
  public static double mad(double[] values) {
    double m = median(values);
    double[] d = new double[values.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = Math.abs(values[i] - m);
    }
    return median(d);
  }

  /** The values inside Tukey's fences, in their original order. */
  public static double[] withoutOutliers(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s);
    double q1 = quantile(s, 0.25);
    double q3 = quantile(s, 0.75);
    double iqr = q3 - q1;
    double lo = q1 - FENCE * iqr;
    double hi = q3 + FENCE * iqr;
    return Arrays.stream(values).filter(v -> v >= lo && v <= hi).toArray();
  }

  /** Median and interquartile range of the timings (ms) after dropping outliers. */
  public static Measurement summarize(double[] timingsMs) {
    return summarize(timingsMs, 0.5);
  }

  /** The {@code quantile} (e.g. 0.5 = median) and interquartile range of the timings after dropping outliers. */
  public static Measurement summarize(double[] timingsMs, double quantile) {
    if (!(quantile >= 0 && quantile <= 1)) {
      throw new IllegalArgumentException("quantile must be in [0, 1], got " + quantile);
    }
    if (timingsMs.length == 0) {
      throw new IllegalArgumentException("no timings to summarise");
    }
    double[] kept = withoutOutliers(timingsMs);
    double[] s = kept.clone();
    Arrays.sort(s);
    return new Measurement(quantile(s, quantile), quantile(s, 0.75) - quantile(s, 0.25), kept.length,
        timingsMs.length - kept.length, 1);
  }
}
