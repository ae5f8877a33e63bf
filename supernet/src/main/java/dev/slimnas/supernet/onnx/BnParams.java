package dev.slimnas.supernet.onnx;

/**
 * Inference-mode batch normalisation of one layer, {@code y = gamma (x - mean) / sqrt(var + eps) + beta},
 * and its folding into the convolution before it.
 */
record BnParams(float[] gamma, float[] beta, float[] mean, float[] var, double eps) {

  int channels() {
    return gamma.length;
  }

  /** Per-channel factor {@code gamma / sqrt(var + eps)}. */
  double scale(int c) {
    return gamma[c] / Math.sqrt(var[c] + eps);
  }

  /**
   * The weights of a conv followed by this BN as one conv: every output channel's weights (the
   * {@code perChannel} consecutive values of channel {@code c} in ONNX's {@code [Cout, Cin/group, kH, kW]}
   * layout) times {@code scale(c)}, computed in double.
   */
  float[] foldWeights(float[] w) {
    int c = channels();
    if (w.length % c != 0) {
      throw new IllegalStateException("weights of length " + w.length + " do not split into " + c + " output channels");
    }
    int per = w.length / c;
    float[] out = new float[w.length];
    for (int o = 0; o < c; o++) {
      double s = scale(o);
      for (int i = o * per; i < (o + 1) * per; i++) {
        out[i] = (float) (w[i] * s);
      }
    }
    return out;
  }

  /** The bias of the folded conv: {@code beta - mean * scale}. */
  float[] foldBias() {
    float[] b = new float[channels()];
    for (int c = 0; c < b.length; c++) {
      b[c] = (float) (beta[c] - mean[c] * scale(c));
    }
    return b;
  }
}
