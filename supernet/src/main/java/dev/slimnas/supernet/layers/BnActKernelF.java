package dev.slimnas.supernet.layers;

import dev.slimnas.supernet.kernels.Parallel;
import java.nio.FloatBuffer;
import java.util.function.IntConsumer;

/**
 * The float fast path of {@link BnActKernel} (what training uses): the same formulas, with per-plane
 * float accumulators folded into double per-channel sums. {@link BnActKernel} is the double reference;
 * {@code BnActKernelTest} holds the two to each other.
 *
 * <p>Works channel by channel straight on the NCHW buffers ND4J holds (absolute bulk copies of the
 * channel's {@code N} planes into a per-thread work array, then vectorisable loops over it, then one
 * copy back): one read of the input and one write of the output per pass, instead of copying whole
 * tensors into Java arrays and back, which made these memory-bound layers move 2-3 times the bytes.
 * The backward pass keeps the channel's input and incoming gradient in the work arrays between its
 * two sweeps, so the tensors are read once.
 */
final class BnActKernelF {
  private static final ThreadLocal<float[][]> WORK = ThreadLocal.withInitial(() -> new float[2][0]);

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

  /**
   * Training forward pass: batch statistics of {@code x} into {@code mean}/{@code invStd}, then
   * {@code y = act(gamma * (x - mean) * invStd + beta)}. {@code x} and {@code y} are c-order NCHW
   * (or [N, C]) and may be the same buffer.
   */
  void forward(FloatBuffer x, double eps, double[] gamma, double[] beta, double[] mean, double[] invStd,
      FloatBuffer y) {
    forChannels(c -> {
      float[] v = work(0);
      gather(x, c, v);
      double sum = 0;
      double sq = 0;
      for (int n = 0; n < batch; n++) {
        int base = n * spatial;
        float s = 0;
        float q = 0;
        for (int i = base; i < base + spatial; i++) {
          float t = v[i];
          s += t;
          q += t * t;
        }
        sum += s;
        sq += q;
      }
      double m = sum / count();
      double is = 1.0 / Math.sqrt(Math.max(sq / count() - m * m, 0) + eps);
      mean[c] = m;
      invStd[c] = is;
      float a = (float) (gamma[c] * is);
      float b = (float) (beta[c] - m * gamma[c] * is);
      int len = batch * spatial;
      for (int i = 0; i < len; i++) {
        v[i] = Math.min(Math.max(a * v[i] + b, lo), hi);
      }
      scatter(v, y, c);
    });
  }

  /**
   * Backward pass from the incoming gradient {@code e}: {@code dx} (may be {@code e}'s buffer), and the
   * per-channel {@code dGamma}, {@code dBeta} (written).
   */
  void backward(FloatBuffer x, FloatBuffer e, double[] gamma, double[] beta, double[] mean, double[] invStd,
      FloatBuffer dx, double[] dGamma, double[] dBeta) {
    forChannels(c -> {
      float[] xs = work(0);
      float[] es = work(1);
      gather(x, c, xs);
      gather(e, c, es);
      float g = (float) gamma[c];
      float bt = (float) beta[c];
      float m = (float) mean[c];
      float is = (float) invStd[c];
      double sumE = 0;
      double sumEx = 0;
      for (int n = 0; n < batch; n++) {
        int base = n * spatial;
        float se = 0;
        float sx = 0;
        for (int i = base; i < base + spatial; i++) {
          float xh = (xs[i] - m) * is;
          float ge = es[i] * inside(g * xh + bt);
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
      int len = batch * spatial;
      for (int i = 0; i < len; i++) {
        float xh = (xs[i] - m) * is;
        float ge = es[i] * inside(g * xh + bt);
        es[i] = k * (ge - meanE - xh * meanEx);
      }
      scatter(es, dx, c);
    });
  }

  /** See {@link BnActKernel}: branch-free clamp mask. */
  private float inside(float z) {
    float clamped = Math.min(Math.max(z, lo), hi);
    return 1f - Math.min(1f, Math.abs(clamped - z) * 1e30f);
  }

  /** This thread's work array {@code slot}, at least one channel ({@code N * spatial}) long. */
  private float[] work(int slot) {
    float[][] w = WORK.get();
    int len = batch * spatial;
    if (w[slot].length < len) {
      w[slot] = new float[len];
    }
    return w[slot];
  }

  /** Channel {@code c}'s N planes of {@code src} into {@code dst[0 .. N*spatial)}. */
  private void gather(FloatBuffer src, int c, float[] dst) {
    for (int n = 0; n < batch; n++) {
      src.get((n * channels + c) * spatial, dst, n * spatial, spatial);
    }
  }

  private void scatter(float[] src, FloatBuffer dst, int c) {
    for (int n = 0; n < batch; n++) {
      dst.put((n * channels + c) * spatial, src, n * spatial, spatial);
    }
  }

  private void forChannels(IntConsumer body) {
    Parallel.channels(channels, (long) batch * channels * spatial, body);
  }
}
