package dev.slimnas.supernet.single;

import dev.slimnas.supernet.kernels.Parallel;
import dev.slimnas.supernet.layers.PointwiseActivation;

/**
 * The float fast path of {@link BlockKernel}: the same loops on {@code float[]} feature maps (NCHW,
 * {@code spatial = H * W}), per-row float accumulators folded into double per-channel sums. The
 * tests hold it to the double reference.
 */
final class BlockKernelF {
  private final int batch;
  private final int channels;
  private final int spatial;
  private final float lo;
  private final float hi;

  BlockKernelF(int batch, int channels, int spatial, PointwiseActivation act) {
    this.batch = batch;
    this.channels = channels;
    this.spatial = spatial;
    this.lo = act == PointwiseActivation.IDENTITY ? Float.NEGATIVE_INFINITY : 0f;
    this.hi = act == PointwiseActivation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
  }

  long count() {
    return (long) batch * spatial;
  }

  /** Batch mean and 1/sqrt(var + eps) per channel (population variance). */
  void statistics(float[] x, double eps, double[] mean, double[] invStd) {
    Parallel.channels(channels, count() * channels, c -> {
      double sum = 0;
      double sq = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float s = 0;
        float q = 0;
        for (int i = base; i < base + spatial; i++) {
          float v = x[i];
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
  void poolActivated(float[] x, double[] a, double[] b, double[] pooled) {
    Parallel.channels(channels, count() * channels, c -> {
      float fa = (float) a[c];
      float fb = (float) b[c];
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float s = 0;
        for (int i = base; i < base + spatial; i++) {
          s += Math.min(Math.max(fa * x[i] + fb, lo), hi);
        }
        pooled[n * channels + c] = s / (double) spatial;
      }
    });
  }

  /** {@code z = scale[n*C + c] * act(a_c x + b_c)}; zero rows where the scale is 0. */
  void activateScaled(float[] x, double[] a, double[] b, double[] scale, float[] z) {
    Parallel.channels(channels, count() * channels, c -> {
      float fa = (float) a[c];
      float fb = (float) b[c];
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float s = (float) scale[n * channels + c];
        if (s == 0f) {
          java.util.Arrays.fill(z, base, base + spatial, 0f);
          continue;
        }
        for (int i = base; i < base + spatial; i++) {
          z[i] = s * Math.min(Math.max(fa * x[i] + fb, lo), hi);
        }
      }
    });
  }

  /** {@code y = scale * (a_c x + b_c)} (batch norm without activation). */
  void affine(float[] x, double[] a, double[] b, double scale, float[] y) {
    Parallel.channels(channels, count() * channels, c -> {
      float fa = (float) (scale * a[c]);
      float fb = (float) (scale * b[c]);
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
  void linearBackward(float[] x, float[] e, double[] mean, double[] invStd, double[] coef, float[] dx,
      double[] sumE, double[] sumEx) {
    Parallel.channels(channels, count() * channels, c -> {
      float m = (float) mean[c];
      float is = (float) invStd[c];
      double se = 0;
      double sx = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float a = 0;
        float b = 0;
        for (int i = base; i < base + spatial; i++) {
          float xh = (x[i] - m) * is;
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
      float k = (float) (coef[c] * invStd[c]);
      float meanE = (float) (se / count());
      float meanEx = (float) (sx / count());
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        if (k == 0f) {
          java.util.Arrays.fill(dx, base, base + spatial, 0f);
          continue;
        }
        for (int i = base; i < base + spatial; i++) {
          float xh = (x[i] - m) * is;
          dx[i] = k * (e[i] - meanE - xh * meanEx);
        }
      }
    });
  }

  /** {@code dot[n*C + c] = sum over space of e * act(a_c x + b_c)}. */
  void activatedDot(float[] x, double[] a, double[] b, float[] e, double[] dot) {
    Parallel.channels(channels, count() * channels, c -> {
      float fa = (float) a[c];
      float fb = (float) b[c];
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float s = 0;
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
  void activatedBackward(float[] x, float[] e, double[] gamma, double[] beta, double[] mean, double[] invStd,
      double[] ca, double[] cb, float[] dx, double[] dGamma, double[] dBeta, double[] dot) {
    Parallel.channels(channels, count() * channels, c -> {
      float g = (float) gamma[c];
      float bt = (float) beta[c];
      float m = (float) mean[c];
      float is = (float) invStd[c];
      boolean active = false;
      for (int n = 0; n < batch; n++) {
        active |= ca[n * channels + c] != 0 || cb[n * channels + c] != 0;
      }
      double sumG = 0;
      double sumGx = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float fca = (float) ca[n * channels + c];
        float fcb = (float) cb[n * channels + c];
        float sg = 0;
        float sgx = 0;
        float sd = 0;
        for (int i = base; i < base + spatial; i++) {
          float xh = (x[i] - m) * is;
          float z = g * xh + bt;
          float act = Math.min(Math.max(z, lo), hi);
          float ge = (fca * e[i] + fcb) * inside(z, act);
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
          java.util.Arrays.fill(dx, base, base + spatial, 0f);
        }
        return;
      }
      float meanG = (float) (sumG / count());
      float meanGx = (float) (sumGx / count());
      float k = g * is;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float fca = (float) ca[n * channels + c];
        float fcb = (float) cb[n * channels + c];
        for (int i = base; i < base + spatial; i++) {
          float xh = (x[i] - m) * is;
          float z = g * xh + bt;
          float ge = (fca * e[i] + fcb) * inside(z, Math.min(Math.max(z, lo), hi));
          dx[i] = k * (ge - meanG - xh * meanGx);
        }
      }
    });
  }

  /** 1 when the clamp left {@code z} unchanged, else 0, without branches (see BnActKernel). */
  private static float inside(float z, float clamped) {
    return 1f - Math.min(1f, Math.abs(clamped - z) * 1e30f);
  }
}
