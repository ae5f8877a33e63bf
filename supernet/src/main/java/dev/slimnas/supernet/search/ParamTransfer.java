package dev.slimnas.supernet.search;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.INDArrayIndex;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Writes the parameters of a target network from those of a source network, by DL4J parameter key
 * ({@code vertex_param}): explicit writes (slices) first, then {@link #copyRestByName} for everything
 * else. Every write checks the shape; at the end every parameter of the target has been written
 * exactly once, or an exception names the first that could not be.
 */
final class ParamTransfer {
  private final ComputationGraph from;
  private final ComputationGraph to;
  private final Set<String> written = new HashSet<>();

  ParamTransfer(ComputationGraph from, ComputationGraph to) {
    this.from = from;
    this.to = to;
  }

  static String key(String vertex, String param) {
    return vertex + "_" + param;
  }

  /**
   * A copy of the source parameter {@code key}; {@code where} names the part of the network asking for
   * it. A copy, not the parameter view: on the view of a supernet's [5, 5, C, 1] superkernel (block 1,
   * offset 1024 in the parameter vector) ND4J 1.0.0-M2.1 returned an empty array for
   * {@code get(interval, interval, all, all)}; the same indices on a copy work.
   */
  INDArray source(String key, String where) {
    INDArray p = from.paramTable().get(key);
    if (p == null) {
      throw new IllegalArgumentException(where + ": the supernet has no parameter " + key);
    }
    return p.dup('c');
  }

  /** Writes {@code value} (any data type, same shape) into the target parameter {@code key}. */
  void put(String key, INDArray value, String where) {
    INDArray target = to.paramTable().get(key);
    if (target == null) {
      throw new IllegalStateException(where + ": the stand-alone network has no parameter " + key);
    }
    if (!Arrays.equals(target.shape(), value.shape())) {
      throw new IllegalArgumentException(where + ": parameter " + key + " has shape " + Arrays.toString(target.shape())
          + " in the stand-alone network but the supernet gives " + Arrays.toString(value.shape()));
    }
    if (!written.add(key)) {
      throw new IllegalStateException(where + ": parameter " + key + " written twice");
    }
    target.assign(value.dataType() == target.dataType() ? value : value.castTo(target.dataType()));
  }

  /**
   * Writes a per-channel vector: the networks store these as [C] (BN of DL4J's layers) or [1, C] (the
   * searchable layer, dense biases), so only the length has to agree.
   */
  void putChannels(String key, INDArray value, String where) {
    INDArray target = to.paramTable().get(key);
    if (target != null && target.length() == value.length()) {
      value = value.reshape(target.shape());
    }
    put(key, value, where);
  }

  /** Copies every target parameter not written yet from the source parameter of the same key and shape. */
  void copyRestByName() {
    for (Map.Entry<String, INDArray> e : to.paramTable().entrySet()) {
      String key = e.getKey();
      if (!written.contains(key)) {
        String where = "vertex " + key.substring(0, key.lastIndexOf('_'));
        put(key, source(key, where), where);
      }
    }
  }

  /** The first {@code n} channels of a per-channel vector ([C] or [1, C]). */
  static INDArray leadingChannels(INDArray a, long n) {
    return leading(a, a.rank() - 1, n);
  }

  /** A copy of the first {@code n} entries of {@code a} along {@code dim} (all of the other dimensions). */
  static INDArray leading(INDArray a, int dim, long n) {
    INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
    for (int d = 0; d < idx.length; d++) {
      idx[d] = d == dim ? NDArrayIndex.interval(0, n) : NDArrayIndex.all();
    }
    return a.get(idx).dup('c');
  }

  /** A copy of the centred {@code k x k} window of the leading two (spatial) dimensions of {@code a}. */
  static INDArray centre(INDArray a, int k) {
    long off = (a.size(0) - k) / 2;
    INDArrayIndex[] idx = new INDArrayIndex[a.rank()];
    for (int d = 0; d < idx.length; d++) {
      idx[d] = d < 2 ? NDArrayIndex.interval(off, off + k) : NDArrayIndex.all();
    }
    return a.get(idx).dup('c');
  }
}
