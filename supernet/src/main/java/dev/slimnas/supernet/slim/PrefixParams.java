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
 * Prefix slicing between the full network and a narrower network of the same family (same vertex
 * names and ops, every dimension of every parameter at most as large): a sub-network parameter is the
 * leading block of the full one in every dimension (first output channels, first input channels,
 * whole kernel). {@link #copyInto} writes a sub-network's parameters from the full network;
 * {@link #addGradients} adds its gradients into the leading blocks of the full network's gradients.
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
      INDArray source = from.get(e.getKey());
      if (source == null) {
        throw new IllegalArgumentException("parameter " + e.getKey() + " of the sub-network is not in the full network");
      }
      INDArray target = e.getValue();
      target.assign(leading(source.dup('c'), target.shape(), e.getKey()));
    }
  }

  /**
   * Adds {@code sub}'s current gradients (from its last {@code computeGradientAndScore}) into the
   * leading blocks of {@code full}'s gradients. BN running statistics are skipped: their "gradients" are
   * DL4J's running-average updates, and the full network's statistics must follow the full network only
   * (sub-networks get theirs by recalibration).
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
      check(target.shape(), g.shape(), key);
      if (Arrays.equals(target.shape(), g.shape())) {
        target.addi(g);
      } else {
        INDArray delta = Nd4j.zeros(target.dataType(), target.shape());
        delta.get(prefix(g.shape())).assign(g);
        target.addi(delta);
      }
    }
  }

  /** The leading {@code shape} block of {@code a} (a copy with offset 0). */
  static INDArray leading(INDArray a, long[] shape, String key) {
    check(a.shape(), shape, key);
    return Arrays.equals(a.shape(), shape) ? a : a.get(prefix(shape)).dup('c');
  }

  private static INDArrayIndex[] prefix(long[] shape) {
    INDArrayIndex[] idx = new INDArrayIndex[shape.length];
    for (int d = 0; d < shape.length; d++) {
      idx[d] = NDArrayIndex.interval(0, shape[d]);
    }
    return idx;
  }

  private static void check(long[] full, long[] sub, String key) {
    boolean ok = full.length == sub.length;
    for (int d = 0; ok && d < full.length; d++) {
      ok = sub[d] <= full[d];
    }
    if (!ok) {
      throw new IllegalArgumentException("parameter " + key + ": shape " + Arrays.toString(sub)
          + " is not a leading block of the full network's " + Arrays.toString(full));
    }
  }
}
