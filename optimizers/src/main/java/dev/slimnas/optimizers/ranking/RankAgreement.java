package dev.slimnas.optimizers.ranking;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.function.BiFunction;

/**
 * How well a predictor ranks architectures against ground truth: Kendall's tau-b and Spearman's rho with
 * percentile-bootstrap intervals (architectures resampled with replacement, seeded), for all pairs and for
 * the top fraction by ground truth.
 *
 * @param n number of architectures
 * @param kendallTau tau-b over all of them
 * @param kendallLow lower end of the bootstrap interval of tau-b
 * @param kendallHigh upper end
 * @param spearman Spearman's rho
 * @param spearmanLow lower end of its interval
 * @param spearmanHigh upper end
 * @param level coverage of the intervals (e.g. 0.95)
 * @param resamples bootstrap resamples
 */
public record RankAgreement(int n, double kendallTau, double kendallLow, double kendallHigh, double spearman,
    double spearmanLow, double spearmanHigh, double level, int resamples) {

  /** The agreement of {@code predicted} with {@code truth}, intervals from {@code resamples} bootstrap resamples. */
  public static RankAgreement of(double[] predicted, double[] truth, int resamples, double level, long seed) {
    if (resamples < 10) {
      throw new IllegalArgumentException("resamples must be >= 10, got " + resamples);
    }
    if (!(level > 0 && level < 1)) {
      throw new IllegalArgumentException("level must be in (0, 1), got " + level);
    }
    double tau = RankCorrelation.kendallTauB(predicted, truth);
    double rho = RankCorrelation.spearman(predicted, truth);
    double[] taus = bootstrap(predicted, truth, RankCorrelation::kendallTauB, resamples, new SplittableRandom(seed));
    double[] rhos = bootstrap(predicted, truth, RankCorrelation::spearman, resamples, new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L));
    double a = (1 - level) / 2;
    return new RankAgreement(predicted.length, tau, quantile(taus, a), quantile(taus, 1 - a), rho, quantile(rhos, a),
        quantile(rhos, 1 - a), level, resamples);
  }

  /**
   * The agreement over the architectures whose ground truth is in the top {@code fraction} (at least 2 of
   * them; ties at the cut included), e.g. 0.1 for the top decile.
   */
  public static RankAgreement top(double[] predicted, double[] truth, double fraction, int resamples, double level, long seed) {
    if (!(fraction > 0 && fraction <= 1)) {
      throw new IllegalArgumentException("fraction must be in (0, 1], got " + fraction);
    }
    double[] sorted = truth.clone();
    Arrays.sort(sorted);
    int keep = Math.max(2, (int) Math.ceil(fraction * truth.length));
    double cut = sorted[sorted.length - keep];
    int m = 0;
    for (double t : truth) {
      m += t >= cut ? 1 : 0;
    }
    double[] p = new double[m];
    double[] t = new double[m];
    int k = 0;
    for (int i = 0; i < truth.length; i++) {
      if (truth[i] >= cut) {
        p[k] = predicted[i];
        t[k++] = truth[i];
      }
    }
    return of(p, t, resamples, level, seed);
  }

  /** Statistic of {@code resamples} resamples; resamples where it is undefined (a constant sample) are dropped. */
  private static double[] bootstrap(double[] x, double[] y, BiFunction<double[], double[], Double> stat, int resamples,
      SplittableRandom rng) {
    double[] out = new double[resamples];
    int k = 0;
    double[] bx = new double[x.length];
    double[] by = new double[y.length];
    for (int r = 0; r < resamples; r++) {
      for (int i = 0; i < x.length; i++) {
        int j = rng.nextInt(x.length);
        bx[i] = x[j];
        by[i] = y[j];
      }
      double v = stat.apply(bx, by);
      if (!Double.isNaN(v)) {
        out[k++] = v;
      }
    }
    double[] kept = Arrays.copyOf(out, k);
    Arrays.sort(kept);
    return kept;
  }

  /** Linear-interpolated quantile of sorted values (NaN if there are none). */
  static double quantile(double[] sorted, double q) {
    if (sorted.length == 0) {
      return Double.NaN;
    }
    double pos = q * (sorted.length - 1);
    int lo = (int) Math.floor(pos);
    int hi = Math.min(sorted.length - 1, lo + 1);
    return sorted[lo] + (pos - lo) * (sorted[hi] - sorted[lo]);
  }
}
