package dev.slimnas.supernet.single;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.deeplearning4j.nn.conf.CNN2DFormat;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.util.ConvolutionUtils;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.DynamicCustomOp;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The native ND4J ops of the block (depthwise conv with DL4J's "same" padding, 1x1 conv) and the copies
 * between ND4J arrays and Java arrays. All arrays are NCHW, contiguous c-order, FLOAT or DOUBLE.
 */
final class NdOps {
  private NdOps() {}

  static int[] samePadding(INDArray x, int k, int s) {
    int[] kernel = {k, k};
    int[] stride = {s, s};
    int[] dilation = {1, 1};
    int[] out = ConvolutionUtils.getOutputSize(x, kernel, stride, null, ConvolutionMode.Same, dilation,
        CNN2DFormat.NCHW);
    return ConvolutionUtils.getSameModeTopLeftPadding(out, new int[] {(int) x.size(2), (int) x.size(3)}, kernel,
        stride, dilation);
  }

  private static int[] depthwiseArgs(INDArray x, int k, int s) {
    int[] pad = samePadding(x, k, s);
    return new int[] {k, k, s, s, pad[0], pad[1], 1, 1, 1, 0};
  }

  /** {@code out = depthwise_conv2d(x, w)}, w [k, k, C, 1], "same" padding, stride s. */
  static void depthwise(INDArray x, INDArray w, int s, INDArray out) {
    int k = (int) w.size(0);
    Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d").addInputs(x, w)
        .addIntegerArguments(depthwiseArgs(x, k, s)).addOutputs(out).callInplace(false).build());
  }

  /** Gradients of {@link #depthwise}: {@code dx} (must be zeroed) and {@code dw}. */
  static void depthwiseBackward(INDArray x, INDArray w, INDArray dOut, int s, INDArray dx, INDArray dw) {
    int k = (int) w.size(0);
    Nd4j.exec(DynamicCustomOp.builder("depthwise_conv2d_bp").addInputs(x, w, dOut)
        .addIntegerArguments(depthwiseArgs(x, k, s)).addOutputs(dx, dw).callInplace(false).build());
  }

  private static final int[] POINTWISE = {1, 1, 1, 1, 0, 0, 1, 1, 0, 0, 1}; // weights [oC, iC, 1, 1]

  /** {@code out = conv2d(z, w)}, w [Cout, C, 1, 1], no bias. */
  static void pointwise(INDArray z, INDArray w, INDArray out) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d").addInputs(z, w).addIntegerArguments(POINTWISE).addOutputs(out)
        .callInplace(false).build());
  }

  /** Gradients of {@link #pointwise}: {@code dz} (must be zeroed) and {@code dw}. */
  static void pointwiseBackward(INDArray z, INDArray w, INDArray dOut, INDArray dz, INDArray dw) {
    Nd4j.exec(DynamicCustomOp.builder("conv2d_bp").addInputs(z, w, dOut).addIntegerArguments(POINTWISE)
        .addOutputs(dz, dw).callInplace(false).build());
  }

  /** A detached, uninitialised c-order array (outside every workspace). */
  static INDArray detached(DataType type, long... shape) {
    return Nd4j.createUninitializedDetached(type, 'c', shape);
  }

  /** A contiguous c-order copy unless {@code a} already is one. */
  static INDArray contiguous(INDArray a, DataType type) {
    INDArray t = a.dataType() == type ? a : a.castTo(type);
    boolean ok = !t.isView() && t.ordering() == 'c' && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(t);
    return ok ? t : t.dup('c');
  }

  static void read(INDArray src, float[] dst) {
    FloatBuffer b = src.data().asNioFloat();
    b.get(dst, 0, (int) src.length());
  }

  static void read(INDArray src, double[] dst) {
    DoubleBuffer b = src.data().asNioDouble();
    b.get(dst, 0, (int) src.length());
  }

  static void write(float[] src, INDArray dst) {
    dst.data().asNioFloat().put(src, 0, (int) dst.length());
  }

  static void write(double[] src, INDArray dst) {
    dst.data().asNioDouble().put(src, 0, (int) dst.length());
  }

  /** The values of a parameter (any view) in c order. */
  static double[] values(INDArray p) {
    return Nd4j.toFlattened('c', p).toDoubleVector();
  }

  /** Assigns c-ordered {@code values} to {@code view} (any order, any floating type). */
  static void assign(INDArray view, double[] values) {
    view.assign(Nd4j.create(values, view.shape(), 'c').castTo(view.dataType()));
  }
}
