package dev.slimnas.latency.fit;

import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.StemShape;
import java.util.List;

/**
 * Cost features of the fixed parts. Stem: constant, MACs, input and output elements, weights. Head:
 * constant, 1x1 conv MACs, elements entering the head, elements of the head map (written by the
 * conv, read by pooling), conv weights, classifier weights (= its MACs).
 */
public final class FixedFeatures {
  public static final List<String> STEM = List.of("const", "macs", "in.elems", "out.elems", "weights");
  public static final List<String> HEAD = List.of("const", "conv.macs", "in.elems", "head.elems", "conv.weights", "fc.weights");

  private FixedFeatures() {}

  public static double[] stem(StemShape s) {
    return stem(s.resolution(), s.inChannels(), s.kernel(), s.stride(), s.outChannels());
  }

  static double[] stem(int res, int inC, int kernel, int stride, int outC) {
    int out = stride == 1 ? res : (res + 1) / 2;
    double outPix = (double) out * out;
    double weights = (double) kernel * kernel * inC * outC;
    return new double[] {1, weights * outPix, (double) inC * res * res, outC * outPix, weights};
  }

  public static double[] head(HeadShape h) {
    return head(h.resolution(), h.inChannels(), h.channels(), h.classes());
  }

  static double[] head(int res, int inC, int channels, int classes) {
    double pix = (double) res * res;
    double weights = (double) inC * channels;
    return new double[] {1, weights * pix, inC * pix, channels * pix, weights, (double) channels * classes};
  }

  /** {@code w . stem(...)} without allocating (the prediction hot path). */
  static double stemDot(double[] w, int res, int inC, int kernel, int stride, int outC) {
    int out = stride == 1 ? res : (res + 1) / 2;
    double outPix = (double) out * out;
    double weights = (double) kernel * kernel * inC * outC;
    return w[0] + w[1] * weights * outPix + w[2] * inC * res * res + w[3] * outC * outPix + w[4] * weights;
  }

  /** {@code w . head(...)} without allocating. */
  static double headDot(double[] w, int res, int inC, int channels, int classes) {
    double pix = (double) res * res;
    double weights = (double) inC * channels;
    return w[0] + w[1] * weights * pix + w[2] * inC * pix + w[3] * channels * pix + w[4] * weights + w[5] * (double) channels * classes;
  }

  static double dot(double[] w, double[] f) {
    double v = 0;
    for (int i = 0; i < f.length; i++) {
      v += w[i] * f[i];
    }
    return v;
  }
}
