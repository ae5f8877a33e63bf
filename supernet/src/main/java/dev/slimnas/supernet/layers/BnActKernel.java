package dev.slimnas.supernet.layers;

import dev.slimnas.supernet.kernels.Parallel;

/**
 * The arithmetic of {@link BnAct} on plain arrays in NCHW order ({@code spatial = H * W}, 1 for
 * [N, C] input), so the JIT can vectorise the loops. Channels are split into a few chunks that run in
 * parallel. The activation is a clamp to {@code [lo, hi]} (identity, ReLU, ReLU6), its derivative 1
 * strictly inside the interval and 0 outside.
 */
final class BnActKernel {
  private final int batch;
  private final int channels;
  private final int spatial;
  private final double lo;
  private final double hi;

  BnActKernel(int batch, int channels, int spatial, PointwiseActivation act) {
    this.batch = batch;
    this.channels = channels;
    this.spatial = spatial;
    this.lo = act == PointwiseActivation.IDENTITY ? Double.NEGATIVE_INFINITY : 0;
    this.hi = act == PointwiseActivation.RELU6 ? 6 : Double.POSITIVE_INFINITY;
  }

  long count() {
    return (long) batch * spatial;
  }

  /** Batch mean and 1/sqrt(var + eps) per channel (population variance), into {@code mean, invStd}. */
  void statistics(double[] x, double eps, double[] mean, double[] invStd) {
    forChannels(c -> {
      double sum = 0;
      double sq = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          double v = x[i];
          sum += v;
          sq += v * v;
        }
      }
      double m = sum / count();
      mean[c] = m;
      invStd[c] = 1.0 / Math.sqrt(Math.max(sq / count() - m * m, 0) + eps);
    });
  }

  /** {@code y = clamp(gamma * (x - mean) * invStd + beta)}. */
  void normalize(double[] x, double[] gamma, double[] beta, double[] mean, double[] invStd, double[] y) {
    forChannels(c -> {
      double a = gamma[c] * invStd[c];
      double b = beta[c] - mean[c] * a;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          y[i] = Math.min(Math.max(a * x[i] + b, lo), hi);
        }
      }
    });
  }

  /**
   * Gradients from the output gradient {@code e}: {@code dx} (may alias {@code e}), and per channel
   * {@code dGamma}, {@code dBeta}. Recomputes the normalised input and the activation's derivative.
   */
  void backward(double[] x, double[] e, double[] gamma, double[] beta, double[] mean, double[] invStd,
      double[] dx, double[] dGamma, double[] dBeta) {
    forChannels(c -> {
      double g = gamma[c];
      double bt = beta[c];
      double m = mean[c];
      double is = invStd[c];
      double sumE = 0;
      double sumEx = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          double xh = (x[i] - m) * is;
          double z = g * xh + bt;
          double ge = e[i] * inside(z);
          sumE += ge;
          sumEx += ge * xh;
        }
      }
      dBeta[c] = sumE;
      dGamma[c] = sumEx;
      double meanE = sumE / count();
      double meanEx = sumEx / count();
      double k = g * is;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          double xh = (x[i] - m) * is;
          double z = g * xh + bt;
          double ge = e[i] * inside(z);
          dx[i] = k * (ge - meanE - xh * meanEx);
        }
      }
    });
  }

  /**
   * 1 when the clamp leaves {@code z} unchanged, else 0, from min/max/abs only: the mask is
   * data-dependent (about half the values), and every branchy form tried (ternary, signum, sign bits)
   * ran 3-4x slower here from mispredictions.
   */
  private double inside(double z) {
    double clamped = Math.min(Math.max(z, lo), hi);
    return 1 - Math.min(1.0, Math.abs(clamped - z) * 1e300);
  }

  private void forChannels(java.util.function.IntConsumer body) {
    Parallel.channels(channels, (long) batch * channels * spatial, body);
  }
}
