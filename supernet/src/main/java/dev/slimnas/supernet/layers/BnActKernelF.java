package dev.slimnas.supernet.layers;

import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * The float fast path of {@link BnActKernel}: same formulas on {@code float[]} data (what training
 * uses), with per-row float accumulators folded into double per-channel sums. {@link BnActKernel} is
 * the double reference; the tests hold the two to each other.
 */
final class BnActKernelF {
  private final int batch;
  private final int channels;
  private final int spatial;
  private final float lo;
  private final float hi;

  BnActKernelF(int batch, int channels, int spatial, PointwiseActivation act) {
    this.batch = batch;
    this.channels = channels;
    this.spatial = spatial;
    this.lo = act == PointwiseActivation.IDENTITY ? Float.NEGATIVE_INFINITY : 0f;
    this.hi = act == PointwiseActivation.RELU6 ? 6f : Float.POSITIVE_INFINITY;
  }

  long count() {
    return (long) batch * spatial;
  }

  void statistics(float[] x, double eps, double[] mean, double[] invStd) {
    forChannels(c -> {
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

  void normalize(float[] x, double[] gamma, double[] beta, double[] mean, double[] invStd, float[] y) {
    forChannels(c -> {
      float a = (float) (gamma[c] * invStd[c]);
      float b = (float) (beta[c] - mean[c] * gamma[c] * invStd[c]);
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          y[i] = Math.min(Math.max(a * x[i] + b, lo), hi);
        }
      }
    });
  }

  void backward(float[] x, float[] e, double[] gamma, double[] beta, double[] mean, double[] invStd,
      float[] dx, double[] dGamma, double[] dBeta) {
    forChannels(c -> {
      float g = (float) gamma[c];
      float bt = (float) beta[c];
      float m = (float) mean[c];
      float is = (float) invStd[c];
      double sumE = 0;
      double sumEx = 0;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        float se = 0;
        float sx = 0;
        for (int i = base; i < base + spatial; i++) {
          float xh = (x[i] - m) * is;
          float ge = e[i] * inside(g * xh + bt);
          se += ge;
          sx += ge * xh;
        }
        sumE += se;
        sumEx += sx;
      }
      dBeta[c] = sumE;
      dGamma[c] = sumEx;
      float meanE = (float) (sumE / count());
      float meanEx = (float) (sumEx / count());
      float k = g * is;
      for (int n = 0; n < batch; n++) {
        int base = (n * channels + c) * spatial;
        for (int i = base; i < base + spatial; i++) {
          float xh = (x[i] - m) * is;
          float ge = e[i] * inside(g * xh + bt);
          dx[i] = k * (ge - meanE - xh * meanEx);
        }
      }
    });
  }

  /** See {@link BnActKernel}: branch-free clamp mask. */
  private float inside(float z) {
    float clamped = Math.min(Math.max(z, lo), hi);
    return 1f - Math.min(1f, Math.abs(clamped - z) * 1e30f);
  }

  private void forChannels(IntConsumer body) {
    int chunks = Math.min(channels, Math.max(1, Runtime.getRuntime().availableProcessors()));
    IntStream.range(0, chunks).parallel().forEach(k -> {
      for (int c = k; c < channels; c += chunks) {
        body.accept(c);
      }
    });
  }
}
