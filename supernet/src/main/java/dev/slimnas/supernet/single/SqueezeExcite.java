package dev.slimnas.supernet.single;

/**
 * The searchable squeeze-and-excitation path on pooled vectors, in double precision (it is tiny):
 * {@code h = relu(p W1 + b1)}, {@code s = sigmoid(h W2 + b2)}, gate {@code g = 1 + v_se (s - 1)}, so
 * {@code v_se = 0} is exactly "no SE" and {@code v_se = 1} the usual gate. {@code p} [N, C] is the
 * spatial mean of the masked hidden map, {@code W1} [C, R], {@code W2} [R, C] (row-major).
 */
final class SqueezeExcite {
  private final int batch;
  private final int channels;
  private final int reduced;
  private final double[] pooled;
  private final double[] hidden;
  private final double[] sig;
  final double[] gate;

  private SqueezeExcite(int batch, int channels, int reduced, double[] pooled) {
    this.batch = batch;
    this.channels = channels;
    this.reduced = reduced;
    this.pooled = pooled;
    this.hidden = new double[batch * reduced];
    this.sig = new double[batch * channels];
    this.gate = new double[batch * channels];
  }

  static SqueezeExcite forward(double[] pooled, int batch, int channels, int reduced, double[] w1, double[] b1,
      double[] w2, double[] b2, double vSe) {
    SqueezeExcite s = new SqueezeExcite(batch, channels, reduced, pooled);
    for (int n = 0; n < batch; n++) {
      for (int r = 0; r < reduced; r++) {
        double z = b1[r];
        for (int c = 0; c < channels; c++) {
          z += pooled[n * channels + c] * w1[c * reduced + r];
        }
        s.hidden[n * reduced + r] = Math.max(z, 0);
      }
      for (int c = 0; c < channels; c++) {
        double z = b2[c];
        for (int r = 0; r < reduced; r++) {
          z += s.hidden[n * reduced + r] * w2[r * channels + c];
        }
        double sg = Superkernel.sigmoid(z);
        s.sig[n * channels + c] = sg;
        s.gate[n * channels + c] = 1 + vSe * (sg - 1);
      }
    }
    return s;
  }

  /**
   * Backward for {@code dGate = dL/dg} [N, C]: writes the parameter gradients and {@code dPooled}
   * (dL/dp) and returns dL/dv_se.
   */
  double backward(double[] dGate, double[] w1, double[] w2, double vSe, double[] dw1, double[] db1, double[] dw2,
      double[] db2, double[] dPooled) {
    java.util.Arrays.fill(dw1, 0);
    java.util.Arrays.fill(db1, 0);
    java.util.Arrays.fill(dw2, 0);
    java.util.Arrays.fill(db2, 0);
    double dv = 0;
    double[] dz = new double[channels];
    double[] dh = new double[reduced];
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        int i = n * channels + c;
        dv += dGate[i] * (sig[i] - 1);
        dz[c] = vSe * dGate[i] * sig[i] * (1 - sig[i]);
        db2[c] += dz[c];
      }
      for (int r = 0; r < reduced; r++) {
        double h = hidden[n * reduced + r];
        double d = 0;
        for (int c = 0; c < channels; c++) {
          dw2[r * channels + c] += h * dz[c];
          d += dz[c] * w2[r * channels + c];
        }
        dh[r] = h > 0 ? d : 0;
        db1[r] += dh[r];
      }
      for (int c = 0; c < channels; c++) {
        double p = pooled[n * channels + c];
        double d = 0;
        for (int r = 0; r < reduced; r++) {
          dw1[c * reduced + r] += p * dh[r];
          d += dh[r] * w1[c * reduced + r];
        }
        dPooled[n * channels + c] = d;
      }
    }
    return dv;
  }
}
