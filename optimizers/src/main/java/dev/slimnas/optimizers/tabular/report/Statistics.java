package dev.slimnas.optimizers.tabular.report;

import java.util.Arrays;

/** Small descriptive statistics and two paired tests (sign test, Wilcoxon signed-rank), no dependencies. */
public final class Statistics {
  private Statistics() {}

  public static double mean(double[] x) {
    return Arrays.stream(x).sum() / x.length;
  }

  /** Sample standard deviation (n - 1); 0 for one value. */
  public static double std(double[] x) {
    if (x.length < 2) {
      return 0;
    }
    double m = mean(x);
    double ss = 0;
    for (double v : x) {
      ss += (v - m) * (v - m);
    }
    return Math.sqrt(ss / (x.length - 1));
  }

  /** Standard error of the mean. */
  public static double stdErr(double[] x) {
    return std(x) / Math.sqrt(x.length);
  }

  /** The median (mean of the middle two for an even count). */
  public static double median(double[] x) {
    double[] s = x.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /**
   * Two-sided exact sign test: the probability, under a fair coin, of a split at least as uneven as
   * {@code lower} vs {@code higher} (ties left out); 1 when there are no untied pairs.
   */
  public static double signTest(int lower, int higher) {
    int n = lower + higher;
    if (n == 0) {
      return 1;
    }
    int k = Math.min(lower, higher);
    double tail = 0;
    for (int i = 0; i <= k; i++) {
      tail += Math.exp(logChoose(n, i) - n * Math.log(2));
    }
    return Math.min(1, 2 * tail);
  }

  /**
   * Two-sided Wilcoxon signed-rank test of paired differences {@code d} (zeros dropped, tied ranks
   * averaged, the variance corrected for ties, a continuity correction of 0.5), by the normal
   * approximation; 1 when no difference is non-zero. Rough below about 10 non-zero pairs.
   */
  public static double wilcoxon(double[] d) {
    double[] nz = Arrays.stream(d).filter(v -> v != 0).toArray();
    int n = nz.length;
    if (n == 0) {
      return 1;
    }
    Integer[] idx = new Integer[n];
    for (int i = 0; i < n; i++) {
      idx[i] = i;
    }
    Arrays.sort(idx, (a, b) -> Double.compare(Math.abs(nz[a]), Math.abs(nz[b])));
    double[] rank = new double[n];
    double tieTerm = 0;
    for (int i = 0; i < n; ) {
      int j = i;
      while (j + 1 < n && Math.abs(nz[idx[j + 1]]) == Math.abs(nz[idx[i]])) {
        j++;
      }
      double r = (i + j + 2) / 2.0;
      for (int k = i; k <= j; k++) {
        rank[idx[k]] = r;
      }
      double t = j - i + 1;
      tieTerm += t * t * t - t;
      i = j + 1;
    }
    double wPlus = 0;
    for (int i = 0; i < n; i++) {
      if (nz[i] > 0) {
        wPlus += rank[i];
      }
    }
    double mean = n * (n + 1) / 4.0;
    double var = n * (n + 1) * (2 * n + 1) / 24.0 - tieTerm / 48.0;
    if (var <= 0) {
      return 1;
    }
    double z = Math.max(0, Math.abs(wPlus - mean) - 0.5) / Math.sqrt(var);
    return Math.min(1, 2 * (1 - phi(z)));
  }

  /** Standard normal CDF (Abramowitz and Stegun 7.1.26, error below 1.5e-7). */
  static double phi(double z) {
    double x = Math.abs(z) / Math.sqrt(2);
    double t = 1 / (1 + 0.3275911 * x);
    double erf = 1 - t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))))
        * Math.exp(-x * x);
    return z >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
  }

  private static double logChoose(int n, int k) {
    double s = 0;
    for (int i = 1; i <= k; i++) {
      s += Math.log(n - k + i) - Math.log(i);
    }
    return s;
  }
}
