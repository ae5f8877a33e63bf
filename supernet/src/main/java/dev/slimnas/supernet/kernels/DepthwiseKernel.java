package dev.slimnas.supernet.kernels;

/**
 * The double twin of {@link DepthwiseKernelF} (the reference the gradient checks run).
 *
 * <p>Generated from {@code DepthwiseKernelF} by replacing float with double; keep the two in step.
 */
public final class DepthwiseKernel {
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

  public DepthwiseKernel(int batch, int channels, int height, int width, int k, int stride, int top, int left) {
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
  public void backward(double[] x, double[] w, double[] dy, double[] dx, double[] dw) {
    final int s = stride;
    final int phase = padH * padW / s;
    final int maxShift = (k - 1) * (padW / s) + (k - 1) / s;
    final int q0 = top * padW / s;
    final int rows = height * padW / s;
    Parallel.channels(channels, (long) batch * channels * height * width, c -> {
      double[] wc = taps(w, c);
      double[] xp = new double[padH * padW];
      double[][] xph = s == 1 ? new double[][] {xp} : new double[s][phase];
      double[] dyw = new double[span];
      double[] dyz = new double[maxShift + Math.max(span, q0 + rows)];
      double[] tmp = new double[Math.max(span, rows)];
      double[][] dxph = new double[s][rows];
      double[][] acc = new double[k * k][span];
      for (int n = 0; n < batch; n++) {
        int xb = (n * channels + c) * height * width;
        java.util.Arrays.fill(xp, 0.0);
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
        java.util.Arrays.fill(dyw, 0.0);
        int yb = (n * channels + c) * outH * outW;
        for (int oh = 0; oh < outH; oh++) {
          System.arraycopy(dy, yb + oh * outW, dyw, oh * padW, outW);
        }
        System.arraycopy(dyw, 0, dyz, maxShift, span);
        for (double[] d : dxph) {
          java.util.Arrays.fill(d, 0.0);
        }
        for (int tap = 0; tap < k * k; tap++) {
          int i = tap / k;
          int j = tap % k;
          int r = j % s;
          int shift = i * (padW / s) + j / s;
          double wv = wc[tap];
          System.arraycopy(xph[r], shift, tmp, 0, span);
          double[] a = acc[tap];
          for (int t = 0; t < span; t++) {
            a[t] += dyw[t] * tmp[t];
          }
          System.arraycopy(dyz, maxShift - shift + q0, tmp, 0, rows);
          double[] d = dxph[r];
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

  private double[] taps(double[] w, int c) {
    double[] wc = new double[k * k];
    for (int tap = 0; tap < k * k; tap++) {
      wc[tap] = w[tap * channels + c];
    }
    return wc;
  }
}
