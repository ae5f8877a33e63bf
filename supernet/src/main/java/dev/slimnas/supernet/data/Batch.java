package dev.slimnas.supernet.data;

import java.util.Objects;

/**
 * One mini-batch: normalised float images in NCHW order and their labels, with its position.
 *
 * @param features {@code size * channels * height * width} floats, NCHW
 * @param labels class index per image
 * @param channels image channels
 * @param height image height
 * @param width image width
 * @param numClasses number of classes (width of {@link #oneHot()})
 * @param epoch the epoch it belongs to
 * @param index its index within the epoch
 */
public record Batch(float[] features, int[] labels, int channels, int height, int width, int numClasses, int epoch, int index) {

  public Batch {
    Objects.requireNonNull(features, "features");
    Objects.requireNonNull(labels, "labels");
    if ((long) labels.length * channels * height * width != features.length) {
      throw new IllegalArgumentException("batch of " + labels.length + " images of " + channels + "x" + height + "x" + width + " needs "
          + (long) labels.length * channels * height * width + " floats, got " + features.length);
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Labels as a row-major one-hot matrix {@code [size, numClasses]}. */
  public float[] oneHot() {
    float[] y = new float[labels.length * numClasses];
    for (int i = 0; i < labels.length; i++) {
      y[i * numClasses + labels[i]] = 1f;
    }
    return y;
  }

  /** The shape {@code [size, channels, height, width]} of {@link #features()}. */
  public long[] shape() {
    return new long[] {labels.length, channels, height, width};
  }
}
