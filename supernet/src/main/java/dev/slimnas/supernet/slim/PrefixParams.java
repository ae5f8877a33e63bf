package dev.slimnas.supernet.slim;

import dev.slimnas.supernet.net.Networks;
import java.util.Arrays;
import java.util.Map;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Slicing between the full network and a smaller network of the same family (same vertex names; every
 * dimension of every parameter at most as large; blocks, SE paths or expansion convs the sub-network
 * lacks are simply not read). A sub-network parameter is a window of the full one:
 * <ul>
 *   <li>channel axes (output and input channels, BN and dense widths): the <b>prefix</b>, i.e. the first
 *       channels (US-Nets / Joslim slimming; a smaller expansion is a prefix of the hidden channels, as in
 *       Single-Path NAS where e3 is the first half of e6);
 *   <li>spatial kernel axes of conv weights ({@link KernelAxes}): the <b>centred</b> window, i.e. a 3x3
 *       kernel is the centre of the full 5x5 kernel (the Single-Path NAS superkernel). With TensorFlow-style
 *       "same" padding this is the same function as the 5x5 kernel with a zero outer ring, at stride 1 and 2.
 * </ul>
 * {@link #copyInto} writes a sub-network's parameters from the full network; {@link #addGradients} adds
 * its gradients into the same windows of the full network's gradients. Anything that is neither (a
 * larger dimension, or a kernel whose size differs from the full one by an odd number and so has no
 * centre) fails with a message naming the parameter and both shapes.
 *
 * <p>Slices are taken on copies: ND4J 1.0.0-M2.1 returned empty arrays for interval indexing of
 * parameter views that have an offset (see {@code search.ParamTransfer}).
 */
public final class PrefixParams {
  private PrefixParams() {}

  /** Writes every parameter of {@code sub} (including BN running statistics) from {@code full}. */
  public static void copyInto(ComputationGraph full, ComputationGraph sub) {
    Map<String, INDArray> from = full.paramTable();
    for (Map.Entry<String, INDArray> e : sub.paramTable().entrySet()) {
      String key = e.getKey();
      INDArray source = from.get(key);
      if (source == null) {
        throw new IllegalArgumentException("parameter " + key + " of the sub-network is not in the full network");
      }
      INDArray target = e.getValue();
      target.assign(window(source.dup('c'), target.shape(), KernelAxes.of(full, key, source), key));
    }
  }

  /**
   * Adds {@code sub}'s current gradients (from its last {@code computeGradientAndScore}) into the
   * corresponding windows of {@code full}'s gradients. BN running statistics are skipped: their
   * "gradients" are DL4J's running-average updates, and the full network's statistics must follow the
   * full network only (sub-networks get theirs by recalibration).
   */
  public static void addGradients(ComputationGraph sub, ComputationGraph full) {
    Map<String, INDArray> into = full.gradient().gradientForVariable();
    for (Map.Entry<String, INDArray> e : sub.gradient().gradientForVariable().entrySet()) {
      String key = e.getKey();
      if (Networks.isBnStatistic(key.substring(key.lastIndexOf('_') + 1))) {
        continue;
      }
      INDArray target = into.get(key);
      if (target == null) {
        throw new IllegalArgumentException("gradient " + key + " of the sub-network has no counterpart in the full network");
      }
      INDArray g = e.getValue();
      long[] offsets = offsets(target.shape(), g.shape(), KernelAxes.of(full, key, target), key);
      if (Arrays.equals(target.shape(), g.shape())) {
        target.addi(g);
      } else {
        INDArray delta = Nd4j.zeros(target.dataType(), target.shape());
        delta.get(indices(offsets, g.shape())).assign(g);
        target.addi(delta);
      }
    }
  }

  /** The leading {@code shape} block of {@code a} (a copy with offset 0): {@link #window} without kernel axes. */
  static INDArray leading(INDArray a, long[] shape, String key) {
    return window(a, shape, new int[0], key);
  }

  /**
   * The {@code shape} window of {@code a} (a copy with offset 0): centred on {@code kernelAxes}, leading on
   * every other axis. {@code a} must have offset 0 (a {@code dup}).
   */
  static INDArray window(INDArray a, long[] shape, int[] kernelAxes, String key) {
    long[] offsets = offsets(a.shape(), shape, kernelAxes, key);
    return Arrays.equals(a.shape(), shape) ? a : a.get(indices(offsets, shape)).dup('c');
  }

  /**
   * Where the sub-network's {@code sub} shape starts inside the full {@code full} shape on each axis: 0 on
   * channel axes, {@code (K - k) / 2} on kernel axes.
   */
  static long[] offsets(long[] full, long[] sub, int[] kernelAxes, String key) {
    if (full.length != sub.length) {
      throw mismatch(key, full, sub, kernelAxes, "ranks differ");
    }
    long[] off = new long[sub.length];
    for (int d = 0; d < sub.length; d++) {
      if (sub[d] > full[d]) {
        throw mismatch(key, full, sub, kernelAxes, "axis " + d + " is larger than the full network's");
      }
      boolean kernel = false;
      for (int a : kernelAxes) {
        kernel |= a == d;
      }
      if (kernel) {
        if ((full[d] - sub[d]) % 2 != 0) {
          throw mismatch(key, full, sub, kernelAxes, "kernel axis " + d + " differs by an odd number, so "
              + sub[d] + " has no centre in " + full[d]);
        }
        off[d] = (full[d] - sub[d]) / 2;
      }
    }
    return off;
  }

  private static IllegalArgumentException mismatch(String key, long[] full, long[] sub, int[] kernelAxes, String why) {
    return new IllegalArgumentException("parameter " + key + ": sub-network shape " + Arrays.toString(sub)
        + " is neither a prefix (channel axes) nor a centred window (kernel axes " + Arrays.toString(kernelAxes)
        + ") of the full network's " + Arrays.toString(full) + ": " + why);
  }

  private static INDArrayIndex[] indices(long[] offsets, long[] shape) {
    INDArrayIndex[] idx = new INDArrayIndex[shape.length];
    for (int d = 0; d < shape.length; d++) {
      idx[d] = NDArrayIndex.interval(offsets[d], offsets[d] + shape[d]);
    }
    return idx;
  }
}
