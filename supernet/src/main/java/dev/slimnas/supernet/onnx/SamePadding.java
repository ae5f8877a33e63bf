package dev.slimnas.supernet.onnx;

/**
 * DL4J's {@code ConvolutionMode.Same} padding as explicit ONNX {@code pads}: output size
 * {@code ceil(in / stride)}, total padding {@code max((out - 1) * stride + k - in, 0)}, the smaller half at
 * the top/left and the odd pixel at the bottom/right (TensorFlow's convention, ONNX's {@code SAME_UPPER}).
 */
final class SamePadding {
  private SamePadding() {}

  /** ONNX {@code pads} {@code [top, left, bottom, right]} of a square {@code k x k} conv on an {@code in x in} map. */
  static long[] pads(int in, int k, int stride) {
    int out = (in + stride - 1) / stride;
    int total = Math.max((out - 1) * stride + k - in, 0);
    int before = total / 2;
    int after = total - before;
    return new long[] {before, before, after, after};
  }
}
