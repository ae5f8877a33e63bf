package dev.slimnas.latency.fit;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * How well predictions match measurements.
 *
 * @param n number of pairs
 * @param mapePct mean absolute percentage error
 * @param maxAbsPct largest absolute percentage error
 * @param rmseMs root-mean-square error in ms
 * @param spearman Spearman rank correlation (ties get average ranks; 0 where undefined: fewer than 2
 *     pairs or constant values)
 * @param within10Pct share of predictions within +/-10% of the measurement, in percent
 * @param within5Pct share within +/-5%, in percent
 * @param biasPct mean signed percentage error (positive: predictions too high)
 */
public record ErrorStats(int n, double mapePct, double maxAbsPct, double rmseMs, double spearman, double within10Pct,
    double within5Pct, double biasPct) {

  /** No data: {@code n = 0}, every figure 0. */
  public static ErrorStats none() {
    return new ErrorStats(0, 0, 0, 0, 0, 0, 0, 0);
  }

  public static ErrorStats of(double[] measured, double[] predicted) {
    int n = measured.length;
    if (n == 0 || predicted.length != n) {
      throw new IllegalArgumentException("need equally many (>= 1) measurements and predictions, got " + n + " and "
          + predicted.length);
    }
    double sumAbs = 0;
    double max = 0;
    double sq = 0;
    double signed = 0;
    int w10 = 0;
    int w5 = 0;
    for (int i = 0; i < n; i++) {
      if (!(measured[i] > 0)) {
        throw new IllegalArgumentException("measurement " + i + " must be positive, got " + measured[i]);
      }
      double rel = (predicted[i] - measured[i]) / measured[i] * 100;
      sumAbs += Math.abs(rel);
      signed += rel;
      max = Math.max(max, Math.abs(rel));
      sq += (predicted[i] - measured[i]) * (predicted[i] - measured[i]);
      w10 += Math.abs(rel) <= 10 ? 1 : 0;
      w5 += Math.abs(rel) <= 5 ? 1 : 0;
    }
    return new ErrorStats(n, sumAbs / n, max, Math.sqrt(sq / n), spearman(measured, predicted), 100.0 * w10 / n,
        100.0 * w5 / n, signed / n);
  }

  /** Spearman's rank correlation: Pearson correlation of the (average) ranks. */
  public static double spearman(double[] a, double[] b) {
    if (a.length < 2) {
      return 0;
    }
    return pearson(ranks(a), ranks(b));
  }

  static double[] ranks(double[] v) {
    Integer[] idx = IntStream.range(0, v.length).boxed().toArray(Integer[]::new);
    Arrays.sort(idx, Comparator.comparingDouble(i -> v[i]));
    double[] r = new double[v.length];
    int i = 0;
    while (i < idx.length) {
      int j = i;
      while (j + 1 < idx.length && v[idx[j + 1]] == v[idx[i]]) {
        j++;
      }
      double avg = (i + j) / 2.0 + 1;
      for (int k = i; k <= j; k++) {
        r[idx[k]] = avg;
      }
      i = j + 1;
    }
    return r;
  }

  static double pearson(double[] a, double[] b) {
    double ma = Arrays.stream(a).average().orElse(0);
    double mb = Arrays.stream(b).average().orElse(0);
    double sab = 0;
    double saa = 0;
    double sbb = 0;
    for (int i = 0; i < a.length; i++) {
      sab += (a[i] - ma) * (b[i] - mb);
      saa += (a[i] - ma) * (a[i] - ma);
      sbb += (b[i] - mb) * (b[i] - mb);
    }
    return saa == 0 || sbb == 0 ? 0 : sab / Math.sqrt(saa * sbb);
  }

  /** One line: MAPE, max, RMSE, Spearman, share within 10%. */
  public String summary() {
    return String.format(java.util.Locale.ROOT, "n=%d  MAPE %.2f%%  max %.2f%%  RMSE %.3f ms  Spearman %.4f  within+/-10%% %.1f%%"
        + "  within+/-5%% %.1f%%  bias %+.2f%%", n, mapePct, maxAbsPct, rmseMs, spearman, within10Pct, within5Pct, biasPct);
  }
}
