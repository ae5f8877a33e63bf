package dev.slimnas.supernet.single;

import dev.slimnas.supernet.kernels.DepthwiseKernel;
import dev.slimnas.supernet.kernels.DepthwiseKernelF;
import dev.slimnas.supernet.layers.PointwiseActivation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Feature maps as Java arrays of one precision ({@code A} = {@code float[]} or {@code double[]}): the
 * copies to and from ND4J, grow-only work arrays, and the loops of {@link BlockKernelF} /
 * {@link BlockKernel}, so {@link SinglePathLayer} is written once for both precisions.
 */
abstract class Maps<A> {
  private static final int SLOTS = 4;
  private final ThreadLocal<Object[]> work = ThreadLocal.withInitial(() -> new Object[SLOTS]);

  private static final F FLOAT = new F();
  private static final D DOUBLE = new D();

  /** The shared instance of a precision: its work arrays are shared by all layers of a thread. */
  static Maps<?> of(DataType type) {
    if (type == DataType.FLOAT) {
      return FLOAT;
    }
    if (type == DataType.DOUBLE) {
      return DOUBLE;
    }
    throw new IllegalArgumentException("SinglePathBlock runs in FLOAT or DOUBLE, not " + type);
  }

  abstract A grow(A old, int n);

  /** Per-thread work array {@code slot} with at least {@code n} elements; contents undefined. */
  @SuppressWarnings("unchecked")
  final A work(int slot, int n) {
    Object[] w = work.get();
    A a = grow((A) w[slot], n);
    w[slot] = a;
    return a;
  }

  abstract void read(INDArray src, A dst);

  abstract void write(A src, INDArray dst);

  abstract Ops<A> kernel(int batch, int channels, int spatial, PointwiseActivation act);

  /** The loops of {@link BlockKernelF}, see there. */
  interface Ops<A> {
    long count();

    void statistics(A x, double eps, double[] mean, double[] invStd);

    void poolActivated(A x, double[] a, double[] b, double[] pooled);

    void activateScaled(A x, double[] a, double[] b, double[] scale, A z);

    void affine(A x, double[] a, double[] b, double scale, A y);

    void linearBackward(A x, A e, double[] mean, double[] invStd, double[] coef, A dx, double[] sumE, double[] sumEx);

    void activatedDot(A x, double[] a, double[] b, A e, double[] dot);

    void activatedBackward(A x, A e, double[] gamma, double[] beta, double[] mean, double[] invStd, double[] ca,
        double[] cb, A dx, double[] dGamma, double[] dBeta, double[] dot);
  }

  /** The backward pass of {@link DepthwiseKernelF} / {@link DepthwiseKernel}, see there. */
  abstract void depthwiseBackward(int batch, int channels, int height, int width, int k, int stride, int[] pad, A x,
      double[] w, A dy, A dx, double[] dw);

  static final class F extends Maps<float[]> {
    @Override
    float[] grow(float[] old, int n) {
      return old != null && old.length >= n ? old : new float[n];
    }

    @Override
    void read(INDArray src, float[] dst) {
      NdOps.read(src, dst);
    }

    @Override
    void write(float[] src, INDArray dst) {
      NdOps.write(src, dst);
    }

    @Override
    void depthwiseBackward(int batch, int channels, int height, int width, int k, int stride, int[] pad, float[] x,
        double[] w, float[] dy, float[] dx, double[] dw) {
      new DepthwiseKernelF(batch, channels, height, width, k, stride, pad[0], pad[1]).backward(x, w, dy, dx, dw);
    }

    @Override
    Ops<float[]> kernel(int batch, int channels, int spatial, PointwiseActivation act) {
      BlockKernelF k = new BlockKernelF(batch, channels, spatial, act);
      return new Ops<>() {
        public long count() {
          return k.count();
        }

        public void statistics(float[] x, double eps, double[] mean, double[] invStd) {
          k.statistics(x, eps, mean, invStd);
        }

        public void poolActivated(float[] x, double[] a, double[] b, double[] pooled) {
          k.poolActivated(x, a, b, pooled);
        }

        public void activateScaled(float[] x, double[] a, double[] b, double[] scale, float[] z) {
          k.activateScaled(x, a, b, scale, z);
        }

        public void affine(float[] x, double[] a, double[] b, double scale, float[] y) {
          k.affine(x, a, b, scale, y);
        }

        public void linearBackward(float[] x, float[] e, double[] mean, double[] invStd, double[] coef, float[] dx,
            double[] sumE, double[] sumEx) {
          k.linearBackward(x, e, mean, invStd, coef, dx, sumE, sumEx);
        }

        public void activatedDot(float[] x, double[] a, double[] b, float[] e, double[] dot) {
          k.activatedDot(x, a, b, e, dot);
        }

        public void activatedBackward(float[] x, float[] e, double[] gamma, double[] beta, double[] mean,
            double[] invStd, double[] ca, double[] cb, float[] dx, double[] dGamma, double[] dBeta, double[] dot) {
          k.activatedBackward(x, e, gamma, beta, mean, invStd, ca, cb, dx, dGamma, dBeta, dot);
        }
      };
    }
  }

  static final class D extends Maps<double[]> {
    @Override
    double[] grow(double[] old, int n) {
      return old != null && old.length >= n ? old : new double[n];
    }

    @Override
    void read(INDArray src, double[] dst) {
      NdOps.read(src, dst);
    }

    @Override
    void write(double[] src, INDArray dst) {
      NdOps.write(src, dst);
    }

    @Override
    void depthwiseBackward(int batch, int channels, int height, int width, int k, int stride, int[] pad, double[] x,
        double[] w, double[] dy, double[] dx, double[] dw) {
      new DepthwiseKernel(batch, channels, height, width, k, stride, pad[0], pad[1]).backward(x, w, dy, dx, dw);
    }

    @Override
    Ops<double[]> kernel(int batch, int channels, int spatial, PointwiseActivation act) {
      BlockKernel k = new BlockKernel(batch, channels, spatial, act);
      return new Ops<>() {
        public long count() {
          return k.count();
        }

        public void statistics(double[] x, double eps, double[] mean, double[] invStd) {
          k.statistics(x, eps, mean, invStd);
        }

        public void poolActivated(double[] x, double[] a, double[] b, double[] pooled) {
          k.poolActivated(x, a, b, pooled);
        }

        public void activateScaled(double[] x, double[] a, double[] b, double[] scale, double[] z) {
          k.activateScaled(x, a, b, scale, z);
        }

        public void affine(double[] x, double[] a, double[] b, double scale, double[] y) {
          k.affine(x, a, b, scale, y);
        }

        public void linearBackward(double[] x, double[] e, double[] mean, double[] invStd, double[] coef, double[] dx,
            double[] sumE, double[] sumEx) {
          k.linearBackward(x, e, mean, invStd, coef, dx, sumE, sumEx);
        }

        public void activatedDot(double[] x, double[] a, double[] b, double[] e, double[] dot) {
          k.activatedDot(x, a, b, e, dot);
        }

        public void activatedBackward(double[] x, double[] e, double[] gamma, double[] beta, double[] mean,
            double[] invStd, double[] ca, double[] cb, double[] dx, double[] dGamma, double[] dBeta, double[] dot) {
          k.activatedBackward(x, e, gamma, beta, mean, invStd, ca, cb, dx, dGamma, dBeta, dot);
        }
      };
    }
  }
}
