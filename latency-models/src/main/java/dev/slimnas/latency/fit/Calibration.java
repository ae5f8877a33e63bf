package dev.slimnas.latency.fit;

import java.util.Arrays;
import java.util.Objects;

/**
 * The correction from the sum of separately measured parts to a whole network:
 * {@code latency = scale * sum + offsetMs}. Blocks measured alone miss what happens between them in a
 * network (caches warm with the previous block's output or cold for its weights, scheduling between
 * layers); a profile that carries whole-network measurements fits this correction on them.
 *
 * @param mode how it was fitted
 * @param networks how many whole-network entries it was fitted on
 * @param before fit error of the uncorrected sum on those networks ({@link ErrorStats#none()} without networks)
 * @param after fit error after correction (in-sample; {@link ErrorStats#none()} without networks)
 */
public record Calibration(Mode mode, double scale, double offsetMs, int networks, ErrorStats before, ErrorStats after) {

  /** How to correct. */
  public enum Mode {
    /** Sum of parts as it is. */
    NONE,
    /** Add the median difference between measured networks and the sum of their parts. */
    OFFSET,
    /** Multiply by the median ratio of measured networks to the sum of their parts. */
    SCALE,
    /** Scale and offset, least squares in relative terms (needs >= 2 networks; AUTO uses it from 8). */
    AFFINE,
    /** AFFINE with >= 8 networks, SCALE with 1 to 7, NONE without. */
    AUTO
  }

  public Calibration {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(after, "after");
    if (!(scale > 0) || Double.isInfinite(scale) || Double.isNaN(offsetMs)) {
      throw new IllegalArgumentException("calibration needs scale > 0 and a finite offset, got " + scale + ", " + offsetMs);
    }
  }

  public static Calibration none() {
    return new Calibration(Mode.NONE, 1, 0, 0, ErrorStats.none(), ErrorStats.none());
  }

  /** Fits the correction of {@code sums} (sum of parts) to {@code measured} whole networks. */
  public static Calibration fit(Mode mode, double[] sums, double[] measured) {
    int n = sums.length;
    Mode m = mode;
    if (m == Mode.AUTO) {
      m = n >= 8 ? Mode.AFFINE : n >= 1 ? Mode.SCALE : Mode.NONE;
    }
    if (m != Mode.NONE && n == 0) {
      throw new IllegalArgumentException("calibration " + m + " needs whole-network entries in the profile; it has none");
    }
    if (m == Mode.NONE) {
      return n == 0 ? none() : new Calibration(Mode.NONE, 1, 0, n, ErrorStats.of(measured, sums), ErrorStats.of(measured, sums));
    }
    double scale = 1;
    double offset;
    if (m == Mode.AFFINE) {
      if (n < 2) {
        throw new IllegalArgumentException("calibration AFFINE needs at least 2 whole-network entries, got " + n);
      }
      // minimise sum ((s p + o - y) / y)^2: normal equations in (s, o)
      double spp = 0;
      double sp = 0;
      double s1 = 0;
      double spy = 0;
      double sy = 0;
      for (int i = 0; i < n; i++) {
        double wt = 1 / (measured[i] * measured[i]);
        spp += wt * sums[i] * sums[i];
        sp += wt * sums[i];
        s1 += wt;
        spy += wt * sums[i] * measured[i];
        sy += wt * measured[i];
      }
      double det = spp * s1 - sp * sp;
      scale = det > 1e-12 * spp * s1 ? (spy * s1 - sp * sy) / det : 0;
      if (!(scale > 0)) {
        m = Mode.OFFSET; // degenerate (e.g. all networks alike): fall back
        scale = 1;
        offset = medianDiff(sums, measured);
      } else {
        offset = (sy - scale * sp) / s1;
      }
    } else if (m == Mode.SCALE) {
      double[] ratios = new double[n];
      for (int i = 0; i < n; i++) {
        ratios[i] = measured[i] / sums[i];
      }
      scale = median(ratios);
      offset = 0;
    } else {
      offset = medianDiff(sums, measured);
    }
    double[] after = new double[n];
    for (int i = 0; i < n; i++) {
      after[i] = scale * sums[i] + offset;
    }
    return new Calibration(m, scale, offset, n, ErrorStats.of(measured, sums), ErrorStats.of(measured, after));
  }

  private static double medianDiff(double[] sums, double[] measured) {
    double[] d = new double[sums.length];
    for (int i = 0; i < d.length; i++) {
      d[i] = measured[i] - sums[i];
    }
    return median(d);
  }

  private static double median(double[] values) {
    double[] d = values.clone();
    Arrays.sort(d);
    int k = d.length;
    return k % 2 == 1 ? d[k / 2] : (d[k / 2 - 1] + d[k / 2]) / 2;
  }

  public double apply(double sum) {
    return scale * sum + offsetMs;
  }
}
