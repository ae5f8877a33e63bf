package dev.slimnas.supernet.single;

import dev.slimnas.supernet.kernels.Parallel;
import dev.slimnas.supernet.layers.PointwiseActivation;

/**
 * The Java-loop arithmetic of {@link SinglePathLayer} on {@code double[]} feature maps in NCHW order
 * ({@code spatial = H * W}): batch statistics, batch norm + activation with per-(example, channel)
 * output scales (channel mask times SE gate), the linear batch norm of the projection, and their
 * backward passes, which recompute the normalised input instead of storing it. The activation is a
 * clamp to {@code [lo, hi]} (identity, ReLU, ReLU6). Channels run in a few parallel chunks.
 * {@link BlockKernelF} is the same code on {@code float[]} (what training uses); this is the double
 * reference that the gradient checks run.
 *
 * <p>Generated from {@code BlockKernelF} by replacing float with double; keep the two in step.
 */
final class BlockKernel {
  private final int batch;
  private final int channels;
  private final int spatial;
  private final double lo;
  private final double hi;

  BlockKernel(int batch, int channels, int spatial, PointwiseActivation act) {
    this.batch = batch;
    this.channels = channels;
    this.spatial = spatial;
    this.lo = act == PointwiseActivation.IDENTITY ? Double.NEGATIVE_INFINITY : 0.0;
    this.hi = act == PointwiseActivation.RELU6 ? 6.0 : Double.POSITIVE_INFINITY;
  }

  long count() {
    return (long) batch * spatial;
  }

  /** Batch mean and 1/sqrt(var + eps) per channel (population variance). */
  void statistics(double[] x, double eps, double[] mean, double[] invStd) {
    Parallel.channels(channels, count() * channels, c -> {
      double sum = 0;
      double sq = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double s = 0;
        double q = 0;
        for (int i = base; i < base + spatial; i++) {
          double v = x[i];
          s += v;
          q += v * v;
        }
        sum += s;
        sq += q;
      }
      double m = sum / count();
      mean[c] = m;
      invStd[c] = 1.0 / Math.sqrt(Math.max(sq / count() - m * m, 0) + eps);
    });
  }

  /** {@code pooled[n*C + c] = mean over space of act(a_c x + b_c)}. */
  void poolActivated(double[] x, double[] a, double[] b, double[] pooled) {
    Parallel.channels(channels, count() * channels, c -> {
      double fa = a[c];
      double fb = b[c];
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double s = 0;
        for (int i = base; i < base + spatial; i++) {
          s += Math.min(Math.max(fa * x[i] + fb, lo), hi);
        }
        pooled[n * channels + c] = s / (double) spatial;
      }
    });
  }

  /** {@code z = scale[n*C + c] * act(a_c x + b_c)}; zero rows where the scale is 0. */
  void activateScaled(double[] x, double[] a, double[] b, double[] scale, double[] z) {
    Parallel.channels(channels, count() * channels, c -> {
      double fa = a[c];
      double fb = b[c];
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double s = scale[n * channels + c];
        if (s == 0.0) {
          java.util.Arrays.fill(z, base, base + spatial, 0.0);
          continue;
        }
        for (int i = base; i < base + spatial; i++) {
          z[i] = s * Math.min(Math.max(fa * x[i] + fb, lo), hi);
        }
      }
    });
  }

  /** {@code y = scale * (a_c x + b_c)} (batch norm without activation). */
  void affine(double[] x, double[] a, double[] b, double scale, double[] y) {
    Parallel.channels(channels, count() * channels, c -> {
      double fa = (scale * a[c]);
      double fb = (scale * b[c]);
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          y[i] = fa * x[i] + fb;
        }
      }
    });
  }

  /**
   * Backward of the linear batch norm {@code y = gamma (x - mean) invStd + beta} for the output
   * gradient {@code coef_c / gamma_c * e}: per channel {@code sumE = sum e}, {@code sumEx = sum e * xhat},
   * and (unless {@code dx} is null) {@code dx = coef_c invStd_c (e - mean(e) - xhat mean(e xhat))}.
   */
  void linearBackward(double[] x, double[] e, double[] mean, double[] invStd, double[] coef, double[] dx,
      double[] sumE, double[] sumEx) {
    Parallel.channels(channels, count() * channels, c -> {
      double m = mean[c];
      double is = invStd[c];
      double se = 0;
      double sx = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double a = 0;
        double b = 0;
        for (int i = base; i < base + spatial; i++) {
          double xh = (x[i] - m) * is;
          a += e[i];
          b += e[i] * xh;
        }
        se += a;
        sx += b;
      }
      sumE[c] = se;
      sumEx[c] = sx;
      if (dx == null) {
        return;
      }
      double k = (coef[c] * invStd[c]);
      double meanE = (se / count());
      double meanEx = (sx / count());
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        if (k == 0.0) {
          java.util.Arrays.fill(dx, base, base + spatial, 0.0);
          continue;
        }
        for (int i = base; i < base + spatial; i++) {
          double xh = (x[i] - m) * is;
          dx[i] = k * (e[i] - meanE - xh * meanEx);
        }
      }
    });
  }

  /** {@code dot[n*C + c] = sum over space of e * act(a_c x + b_c)}. */
  void activatedDot(double[] x, double[] a, double[] b, double[] e, double[] dot) {
    Parallel.channels(channels, count() * channels, c -> {
      double fa = a[c];
      double fb = b[c];
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double s = 0;
        for (int i = base; i < base + spatial; i++) {
          s += e[i] * Math.min(Math.max(fa * x[i] + fb, lo), hi);
        }
        dot[n * channels + c] = s;
      }
    });
  }

  /**
   * Backward of batch norm + activation for the output gradient {@code dA = ca[n,c] e + cb[n,c]}:
   * {@code dx} (0 for channels whose coefficients are all 0), {@code dGamma}, {@code dBeta}, and, if
   * {@code dot} is not null, {@code dot[n*C + c] = sum over space of e * act(...)}.
   */
  void activatedBackward(double[] x, double[] e, double[] gamma, double[] beta, double[] mean, double[] invStd,
      double[] ca, double[] cb, double[] dx, double[] dGamma, double[] dBeta, double[] dot) {
    Parallel.channels(channels, count() * channels, c -> {
      double g = gamma[c];
      double bt = beta[c];
      double m = mean[c];
      double is = invStd[c];
      boolean active = false;
      for (int n = 0; n < batch; n++) {
        active |= ca[n * channels + c] != 0 || cb[n * channels + c] != 0;
      }
      double sumG = 0;
      double sumGx = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double fca = ca[n * channels + c];
        double fcb = cb[n * channels + c];
        double sg = 0;
        double sgx = 0;
        double sd = 0;
        for (int i = base; i < base + spatial; i++) {
          double xh = (x[i] - m) * is;
          double z = g * xh + bt;
          double act = Math.min(Math.max(z, lo), hi);
          double ge = (fca * e[i] + fcb) * inside(z, act);
          sg += ge;
          sgx += ge * xh;
          sd += e[i] * act;
        }
        sumG += sg;
        sumGx += sgx;
        if (dot != null) {
          dot[n * channels + c] = sd;
        }
      }
      dBeta[c] = sumG;
      dGamma[c] = sumGx;
      if (!active) {
        for (int n = 0; n < batch; n++) {
          int base = (n * channels + c) * spatial;
          java.util.Arrays.fill(dx, base, base + spatial, 0.0);
        }
        return;
      }
      double meanG = (sumG / count());
      double meanGx = (sumGx / count());
      double k = g * is;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        double fca = ca[n * channels + c];
        double fcb = cb[n * channels + c];
        for (int i = base; i < base + spatial; i++) {
          double xh = (x[i] - m) * is;
          double z = g * xh + bt;
          double ge = (fca * e[i] + fcb) * inside(z, Math.min(Math.max(z, lo), hi));
          dx[i] = k * (ge - meanG - xh * meanGx);
        }
      }
    });
  }

  /** 1 when the clamp left {@code z} unchanged, else 0, without branches (see BnActKernel). */
  private static double inside(double z, double clamped) {
    return 1.0 - Math.min(1.0, Math.abs(clamped - z) * 1e300);
  }
}
