package dev.slimnas.supernet.kernels;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

/**
 * The depthwise convolution's backward pass on ND4J arrays through the Java kernels, and when to use
 * it instead of ND4J's {@code depthwise_conv2d_bp} (im2col based).
 *
 * <p>Measured by {@code slimnas bench kernels} (two runs, median of 5 alternating rounds each, [64, 96, 32, 32]
 * float maps, 2 threads, {@code GOMP_SPINCOUNT=1000}, copies included): 5x5 stride 1 Java 49-57 ms vs ND4J
 * 108-118 ms (ratio 0.44-0.48, every round); 5x5 stride 2 ratio 1.13-1.54; 3x3 stride 2 2.8-3.3; 3x3 stride 1
 * 0.87 in one run and 1.39 in the other (Java faster in 3 of 5 and 1 of 5 rounds; ND4J swings from 18 to
 * 41 ms). So the Java kernel runs for kernels of 5 and more at stride 1 only ({@link #javaPays}).
 */
public final class DepthwiseBackward {
  private DepthwiseBackward() {}

  /** True where the Java kernel beats ND4J's op (see the class comment). */
  public static boolean javaPays(int k, int stride) {
    return k >= 5 && stride == 1;
  }

  /**
   * Writes {@code dx} (x's shape) and {@code dw} ([k, k, C, 1], DL4J's depthwise layout) from the
   * output gradient {@code dy} of a depthwise convolution of {@code x} [N, C, H, W] with square kernel
   * {@code k}, stride {@code s} and DL4J "same" zero padding {@code (top, left)}. {@code x}, {@code dy}
   * and {@code dx} are contiguous c-order FLOAT or DOUBLE arrays of one type; {@code w} and {@code dw}
   * may be views of any floating type.
   */
  public static void run(INDArray x, INDArray w, INDArray dy, int k, int s, int top, int left, INDArray dx,
      INDArray dw) {
    int n = (int) x.size(0);
    int c = (int) x.size(1);
    int h = (int) x.size(2);
    int wd = (int) x.size(3);
    double[] weights = Nd4j.toFlattened('c', w).toDoubleVector();
    double[] dws = new double[weights.length];
    if (x.dataType() == DataType.FLOAT) {
      float[] xs = new float[(int) x.length()];
      float[] dys = new float[(int) dy.length()];
      float[] dxs = new float[xs.length];
      x.data().asNioFloat().get(xs, 0, xs.length);
      dy.data().asNioFloat().get(dys, 0, dys.length);
      new DepthwiseKernelF(n, c, h, wd, k, s, top, left).backward(xs, weights, dys, dxs, dws);
      FloatBuffer out = dx.data().asNioFloat();
      out.put(0, dxs, 0, dxs.length);
    } else if (x.dataType() == DataType.DOUBLE) {
      double[] xs = x.data().asDouble();
      double[] dys = dy.data().asDouble();
      double[] dxs = new double[xs.length];
      new DepthwiseKernel(n, c, h, wd, k, s, top, left).backward(xs, weights, dys, dxs, dws);
      DoubleBuffer out = dx.data().asNioDouble();
      out.put(0, dxs, 0, dxs.length);
    } else {
      throw new IllegalArgumentException("depthwise backward needs FLOAT or DOUBLE maps, got " + x.dataType());
    }
    dw.assign(Nd4j.create(dws, dw.shape(), 'c').castTo(dw.dataType()));
  }
}
