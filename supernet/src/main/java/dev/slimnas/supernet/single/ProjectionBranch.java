package dev.slimnas.supernet.single;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * The projection skip of a {@link SinglePathBlock} whose dropped op is {@code proj} (a block where stride
 * or width change): {@code proj(x) = BN(conv1x1_s(x))}, a bias-free 1x1 conv at the block's stride and
 * batch norm, no activation (NAS-Bench-Macro's "identity" there; ResNet's projection shortcut). The layer
 * outputs {@code v_keep * MBConv(X) + (1 - v_keep) * proj(x)}, so with hard indicators a dropped block is
 * exactly the stand-alone {@code proj} unit and a kept one exactly the MBConv block (no residual: the
 * shapes differ). One training forward pass of it, and its backward.
 *
 * <p>The 1x1 conv with "same" padding at stride s reads the input at rows and columns 0, s, 2s, ... (the
 * padding of a 1x1 kernel is 0 for every input size), so it is the pointwise conv of the subsampled input.
 * Batch norm uses batch statistics in training and the running ones at inference; the running statistics
 * move in every training pass (they depend only on x, not on which op is selected).
 */
final class ProjectionBranch {
  /** The subsampled block input [N, Cin, H', W'] the conv read (layer type, detached). */
  final INDArray xs;
  final int batch;
  final int channels;
  final int spatial;
  final double[] mean;
  final double[] invStd;
  /** Normalised conv output, c order [N, Cout, H', W']. */
  final double[] xhat;
  /** gamma * xhat + beta: proj(x). */
  final double[] out;

  private ProjectionBranch(INDArray xs, int batch, int channels, int spatial) {
    this.xs = xs;
    this.batch = batch;
    this.channels = channels;
    this.spatial = spatial;
    this.mean = new double[channels];
    this.invStd = new double[channels];
    this.xhat = new double[batch * channels * spatial];
    this.out = new double[xhat.length];
  }

  /** Channels [from, to) of a layer input (c order copy). */
  static INDArray channels(INDArray input, long from, long to) {
    return input.get(NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.all(), NDArrayIndex.all()).dup('c');
  }

  private static INDArrayIndex[] strided(long from, long to, int stride, long h, long w) {
    return new INDArrayIndex[] {NDArrayIndex.all(), NDArrayIndex.interval(from, to), NDArrayIndex.interval(0, stride, h),
        NDArrayIndex.interval(0, stride, w)};
  }

  /**
   * proj(x) of the block input {@code x} [N, Cin, H, W].
   *
   * @param runMean running mean [1, Cout], used at inference
   * @param runVar running variance [1, Cout], used at inference
   */
  static ProjectionBranch forward(INDArray x, int stride, INDArray weight, double[] gamma, double[] beta, INDArray runMean,
      INDArray runVar, boolean training, double eps, DataType type) {
    long h = x.size(2);
    long w = x.size(3);
    INDArray view = stride == 1 ? x : x.get(strided(0, x.size(1), stride, h, w));
    INDArray xs = NdOps.detached(type, view.shape()); // kept for the backward pass: outside every workspace
    xs.assign(view);
    int batch = (int) xs.size(0);
    int out = (int) weight.size(0);
    int spatial = (int) (xs.size(2) * xs.size(3));
    INDArray q = NdOps.detached(type, batch, out, xs.size(2), xs.size(3));
    NdOps.pointwise(xs, weight, q);
    ProjectionBranch p = new ProjectionBranch(xs, batch, out, spatial);
    double[] v = NdOps.values(q);
    if (training) {
      double m = (double) batch * spatial;
      for (int c = 0; c < out; c++) {
        double sum = 0;
        for (int n = 0; n < batch; n++) {
          int base = (n * out + c) * spatial;
          for (int i = 0; i < spatial; i++) {
            sum += v[base + i];
          }
        }
        double mu = sum / m;
        double sq = 0;
        for (int n = 0; n < batch; n++) {
          int base = (n * out + c) * spatial;
          for (int i = 0; i < spatial; i++) {
            double d = v[base + i] - mu;
            sq += d * d;
          }
        }
        p.mean[c] = mu;
        p.invStd[c] = 1 / Math.sqrt(sq / m + eps);
      }
    } else {
      double[] rm = NdOps.values(runMean);
      double[] rv = NdOps.values(runVar);
      for (int c = 0; c < out; c++) {
        p.mean[c] = rm[c];
        p.invStd[c] = 1 / Math.sqrt(rv[c] + eps);
      }
    }
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < out; c++) {
        int base = (n * out + c) * spatial;
        for (int i = 0; i < spatial; i++) {
          double xh = (v[base + i] - p.mean[c]) * p.invStd[c];
          p.xhat[base + i] = xh;
          p.out[base + i] = gamma[c] * xh + beta[c];
        }
      }
    }
    return p;
  }

  /** {@code result += scale * proj(x)}. */
  void addTo(INDArray result, double scale) {
    double[] s = new double[out.length];
    for (int i = 0; i < s.length; i++) {
      s[i] = scale * out[i];
    }
    result.addi(org.nd4j.linalg.factory.Nd4j.create(s, result.shape(), 'c').castTo(result.dataType()));
  }

  /** Gradients of one backward pass. */
  static final class Grad {
    /** dL/dv_keep from this branch: {@code -<e, proj(x)>}. */
    double keep;
    double[] gamma;
    double[] beta;
    double[] weight;
    /** dL/d(subsampled input), null when the branch's scale (1 - v_keep) is 0. */
    INDArray dxs;
  }

  /**
   * Backward of {@code (1 - keep) * proj(x)} for the output gradient {@code e} (c order [N, Cout, H', W']),
   * in training mode (batch statistics).
   */
  Grad backward(double[] e, double keep, double[] gamma, double[] beta, INDArray weight) {
    Grad g = new Grad();
    double scale = 1 - keep;
    double[] sumE = new double[channels];
    double[] sumEx = new double[channels];
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        int base = (n * channels + c) * spatial;
        for (int i = 0; i < spatial; i++) {
          sumE[c] += e[base + i];
          sumEx[c] += e[base + i] * xhat[base + i];
        }
      }
    }
    g.gamma = new double[channels];
    g.beta = new double[channels];
    for (int c = 0; c < channels; c++) {
      g.keep -= gamma[c] * sumEx[c] + beta[c] * sumE[c];
      g.gamma[c] = scale * sumEx[c];
      g.beta[c] = scale * sumE[c];
    }
    g.weight = new double[(int) weight.length()];
    if (scale == 0) {
      return g;
    }
    double m = (double) batch * spatial;
    double[] dq = new double[e.length];
    for (int n = 0; n < batch; n++) {
      for (int c = 0; c < channels; c++) {
        double k = scale * gamma[c] * invStd[c] / m;
        int base = (n * channels + c) * spatial;
        for (int i = 0; i < spatial; i++) {
          dq[base + i] = k * (m * e[base + i] - sumE[c] - xhat[base + i] * sumEx[c]);
        }
      }
    }
    DataType type = xs.dataType();
    INDArray dqArr = org.nd4j.linalg.factory.Nd4j.create(dq, new long[] {batch, channels, xs.size(2), xs.size(3)}, 'c')
        .castTo(type);
    g.dxs = NdOps.detached(type, xs.shape());
    g.dxs.assign(0);
    INDArray dw = NdOps.detached(type, weight.shape());
    dw.assign(0);
    NdOps.pointwiseBackward(xs, weight, dqArr, g.dxs, dw);
    g.weight = NdOps.values(dw);
    return g;
  }

  /** Writes {@code dxs} into channels [from, from + Cin) of {@code dx} at rows/columns 0, s, 2s, ... */
  static void scatter(INDArray dx, long from, INDArray dxs, int stride) {
    dx.get(strided(from, from + dxs.size(1), stride, dx.size(2), dx.size(3))).assign(dxs);
  }

  /** The running statistics' "gradients" {@code (1 - decay)(running - batch)}, unbiased batch variance. */
  void runningGradients(double decay, double eps, double[] runMean, double[] runVar, double[] gMean, double[] gVar) {
    long count = (long) batch * spatial;
    double unbias = count > 1 ? (double) count / (count - 1) : 1.0;
    for (int c = 0; c < channels; c++) {
      double var = (1 / (invStd[c] * invStd[c]) - eps) * unbias;
      gMean[c] = (1 - decay) * (runMean[c] - mean[c]);
      gVar[c] = (1 - decay) * (runVar[c] - var);
    }
  }
}
