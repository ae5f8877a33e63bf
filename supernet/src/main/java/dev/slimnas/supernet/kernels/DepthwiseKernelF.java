package dev.slimnas.supernet.kernels;

/**
 * The backward pass of the superkernel's depthwise convolution in Java loops, float: {@code k x k}
 * filter per channel, stride s, zero padding {@code (top, left)} (DL4J's "same" mode), NCHW maps,
 * weights in DL4J's depthwise layout [k, k, C] (index {@code (i*k + j)*C + c}). The forward pass stays
 * ND4J's (oneDNN) {@code depthwise_conv2d}.
 *
 * <p>Why: ND4J's {@code depthwise_conv2d_bp} took ~225 ms CPU for a [64, 96, 32, 32] 5x5 map on one
 * thread here (this code: ~115 ms), and several seconds with two OpenMP threads on a busy machine.
 *
 * <p>How: each (example, channel) plane is copied into a zero-padded plane of width {@code Wp} (a
 * multiple of s) and split into s column phases ({@code xph[r][q] = xp[s*q + r]}); outputs live on a
 * "wide" grid {@code t = oh*Wp + ow}, so tap (i, j) of output t reads padded input
 * {@code s*t + i*Wp + j = s*(t + shift) + r} with {@code r = j mod s}, {@code shift = i*Wp/s + j/s}.
 * JDK 17's JIT vectorises a loop only when every array is indexed by the loop variable itself
 * ({@code y[t] += w * x[t + base]} runs scalar, ~5x slower), so every tap first copies the shifted
 * phase into a work array ({@code System.arraycopy}) and then runs an offset-free multiply-add: the
 * weight gradient into one wide accumulator per tap ({@code acc[tap][t] += dy[t] * x[t + shift]},
 * summed once per channel), the input gradient as a gather per phase
 * ({@code dxph[r][q] += w * dy[q - shift]}). {@link DepthwiseKernel} is the double twin; the tests hold
 * both to ND4J's op.
 */
public final class DepthwiseKernelF {
  private final int batch;
  private final int channels;
  private final int height;
  private final int width;
  private final int k;
  private final int stride;
  private final int top;
  private final int left;
  private final int outH;
  private final int outW;
  private final int padH;
  private final int padW;
  private final int span;

  public DepthwiseKernelF(int batch, int channels, int height, int width, int k, int stride, int top, int left) {
    this.batch = batch;
    this.channels = channels;
    this.height = height;
    this.width = width;
    this.k = k;
    this.stride = stride;
    this.top = top;
    this.left = left;
    this.outH = (height + stride - 1) / stride;
    this.outW = (width + stride - 1) / stride;
    this.padH = Math.max((outH - 1) * stride + k, top + height);
    int w = Math.max((outW - 1) * stride + k, left + width);
    this.padW = (w + stride - 1) / stride * stride;
    this.span = (outH - 1) * padW + outW;
  }

  /** {@code dx} (written) and {@code dw} (written, layout of w) from the output gradient {@code dy}. */
  public void backward(float[] x, double[] w, float[] dy, float[] dx, double[] dw) {
    final int s = stride;
    final int phase = padH * padW / s;
    final int maxShift = (k - 1) * (padW / s) + (k - 1) / s;
    final int q0 = top * padW / s;
    final int rows = height * padW / s;
    Parallel.channels(channels, (long) batch * channels * height * width, c -> {
      float[] wc = taps(w, c);
      float[] xp = new float[padH * padW];
      float[][] xph = s == 1 ? new float[][] {xp} : new float[s][phase];
      float[] dyw = new float[span];
      float[] dyz = new float[maxShift + Math.max(span, q0 + rows)];
      float[] tmp = new float[Math.max(span, rows)];
      float[][] dxph = new float[s][rows];
      float[][] acc = new float[k * k][span];
      for (int n = 0; n < batch; n++) {
        int xb = (n * channels + c) * height * width;
        java.util.Arrays.fill(xp, 0f);
        for (int h = 0; h < height; h++) {
          System.arraycopy(x, xb + h * width, xp, (h + top) * padW + left, width);
        }
        if (s > 1) {
          for (int q = 0; q < phase; q++) {
            for (int r = 0; r < s; r++) {
              xph[r][q] = xp[s * q + r];
            }
          }
        }
        java.util.Arrays.fill(dyw, 0f);
        int yb = (n * channels + c) * outH * outW;
        for (int oh = 0; oh < outH; oh++) {
          System.arraycopy(dy, yb + oh * outW, dyw, oh * padW, outW);
        }
        System.arraycopy(dyw, 0, dyz, maxShift, span);
        for (float[] d : dxph) {
          java.util.Arrays.fill(d, 0f);
        }
        for (int tap = 0; tap < k * k; tap++) {
          int i = tap / k;
          int j = tap % k;
          int r = j % s;
          int shift = i * (padW / s) + j / s;
          float wv = wc[tap];
          System.arraycopy(xph[r], shift, tmp, 0, span);
          float[] a = acc[tap];
          for (int t = 0; t < span; t++) {
            a[t] += dyw[t] * tmp[t];
          }
          System.arraycopy(dyz, maxShift - shift + q0, tmp, 0, rows);
          float[] d = dxph[r];
          for (int q = 0; q < rows; q++) {
            d[q] += wv * tmp[q];
          }
        }
        for (int h = 0; h < height; h++) {
          int row = h * padW + left;
          int db = xb + h * width;
          if (s == 1) {
            System.arraycopy(dxph[0], row, dx, db, width);
          } else {
            for (int col = 0; col < width; col++) {
              int p = row + col;
              dx[db + col] = dxph[p % s][p / s];
            }
          }
        }
      }
      for (int tap = 0; tap < k * k; tap++) {
        double sum = 0;
        for (int t = 0; t < span; t++) {
          sum += acc[tap][t];
        }
        dw[tap * channels + c] = sum;
      }
    });
  }

  private float[] taps(double[] w, int c) {
    float[] wc = new float[k * k];
    for (int tap = 0; tap < k * k; tap++) {
      wc[tap] = (float) w[tap * channels + c];
    }
    return wc;
  }
}
