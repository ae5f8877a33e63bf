package dev.slimnas.supernet.single;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/** What a training forward pass of {@link SinglePathLayer} leaves for its backward pass. */
final class ForwardPass {
  Superkernel sk;
  /** Superkernel and SE reduce weights as the pass read them. */
  double[] w;
  double[] w1;
  /** False when the block was skipped without computing anything (keep dropped by indicator dropout). */
  boolean computed;
  int batch;
  int channels;
  int height;
  int width;
  /** The effective kernel W_k the depthwise conv used. */
  INDArray kernel;
  double[] mean1;
  double[] invStd1;
  /** BN + activation of the depthwise output as {@code act(a1 y + b1)}. */
  double[] a1;
  double[] b1;
  /** Per (example, channel): channel mask times SE gate. */
  double[] scale;
  /** Per (example, channel): spatial mean of the unmasked activation (SE only). */
  double[] poolA;
  SqueezeExcite se;
  double[] mean2;
  double[] invStd2;
  /** The projection skip's pass, null without one (or at inference when the block is kept). */
  ProjectionBranch proj;

  int spatial() {
    return height * width;
  }

  /** Zs = scale[n, c] * act(a1 Y + b1), into the Z work arrays. */
  <A> INDArray scaledActivation(Maps<A> m, Maps.Ops<A> k, A y, DataType type) {
    A z = m.work(1, batch * channels * spatial());
    k.activateScaled(y, a1, b1, scale, z);
    INDArray zArr = NdScratch.get(NdScratch.Z, type, batch, channels, height, width);
    m.write(z, zArr);
    return zArr;
  }
}
