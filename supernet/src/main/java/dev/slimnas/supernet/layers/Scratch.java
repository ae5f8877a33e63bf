package dev.slimnas.supernet.layers;

import java.nio.DoubleBuffer;
import java.nio.FloatBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Grow-only work arrays for the fused layers' Java kernels, one set per thread (layers of a network run
 * one after the other, so a set is reused by every layer), and the copies between ND4J memory and them.
 */
final class Scratch {
  private static final ThreadLocal<Scratch> LOCAL = ThreadLocal.withInitial(Scratch::new);
  private final double[][] slots = new double[3][];
  private float[] floats = new float[0];

  static Scratch get() {
    return LOCAL.get();
  }

  /** Work array {@code slot} (0..2) with at least {@code size} elements; contents undefined. */
  double[] slot(int slot, int size) {
    double[] a = slots[slot];
    if (a == null || a.length < size) {
      a = new double[size];
      slots[slot] = a;
    }
    return a;
  }

  /** Copies a contiguous c-order FLOAT or DOUBLE array into {@code dst}. */
  void read(INDArray src, double[] dst) {
    int n = (int) src.length();
    if (src.dataType() == DataType.DOUBLE) {
      DoubleBuffer b = src.data().asNioDouble();
      b.get(dst, 0, n);
      return;
    }
    FloatBuffer b = src.data().asNioFloat();
    float[] f = floats(n);
    b.get(f, 0, n);
    for (int i = 0; i < n; i++) {
      dst[i] = f[i];
    }
  }

  /** Copies {@code src} into a contiguous c-order FLOAT or DOUBLE array. */
  void write(double[] src, INDArray dst) {
    int n = (int) dst.length();
    if (dst.dataType() == DataType.DOUBLE) {
      dst.data().asNioDouble().put(src, 0, n);
      return;
    }
    float[] f = floats(n);
    for (int i = 0; i < n; i++) {
      f[i] = (float) src[i];
    }
    dst.data().asNioFloat().put(f, 0, n);
  }

  private float[] floats(int n) {
    if (floats.length < n) {
      floats = new float[n];
    }
    return floats;
  }

  /** A contiguous c-order copy unless {@code a} already is one (not a view). */
  static INDArray contiguous(INDArray a) {
    boolean ok = !a.isView() && a.ordering() == 'c'
        && org.nd4j.linalg.api.shape.Shape.hasDefaultStridesForShape(a)
        && (a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE);
    if (ok) {
      return a;
    }
    INDArray c = a.dataType() == DataType.FLOAT || a.dataType() == DataType.DOUBLE ? a : a.castTo(DataType.FLOAT);
    return c.dup('c');
  }
}
