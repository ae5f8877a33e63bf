package dev.slimnas.supernet.single;

import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.indexing.NDArrayIndex;

/**
 * Grow-only detached ND4J work arrays, one set per thread and precision (the layers of a network run
 * one after the other, so every block reuses them); each call returns a c-order array of the asked
 * shape over the first elements of a slot. Contents are undefined; a slot's array is valid until the
 * next call for the same slot.
 */
final class NdScratch {
  static final int Y1 = 0;
  static final int Z = 1;
  static final int P = 2;
  static final int DP = 3;
  static final int DZ = 4;
  private static final int SLOTS = 5;
  private static final ThreadLocal<INDArray[][]> LOCAL = ThreadLocal.withInitial(() -> new INDArray[2][SLOTS]);

  private NdScratch() {}

  static INDArray get(int slot, DataType type, long... shape) {
    long n = 1;
    for (long s : shape) {
      n *= s;
    }
    INDArray[] set = LOCAL.get()[type == DataType.DOUBLE ? 1 : 0];
    INDArray flat = set[slot];
    if (flat == null || flat.length() < n || flat.dataType() != type) {
      flat = NdOps.detached(type, Math.max(n, flat == null ? 0 : flat.length() * 5 / 4));
      set[slot] = flat;
    }
    return flat.get(NDArrayIndex.interval(0, n)).reshape('c', shape);
  }
}
