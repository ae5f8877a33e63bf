package dev.slimnas.supernet.data;

import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * Labelled images held in memory as unsigned bytes, image after image, each in CHW order (channel
 * planes of {@code height x width}). The arrays are shared, not copied: treat them as read-only.
 *
 * @param pixels {@code size * channels * height * width} bytes, values 0..255 (read with {@code & 0xFF})
 * @param labels one class index per image, in {@code [0, classes.size())}
 * @param height image height in pixels
 * @param width image width in pixels
 * @param channels 1 (grey) or 3 (RGB)
 * @param classes class names; label {@code i} is {@code classes.get(i)}
 * @param source where the images came from (file and split), for messages and provenance
 */
public record ImageDataset(byte[] pixels, int[] labels, int height, int width, int channels, List<String> classes, String source) {

  public ImageDataset {
    Objects.requireNonNull(pixels, "pixels");
    Objects.requireNonNull(labels, "labels");
    Objects.requireNonNull(source, "source");
    classes = List.copyOf(classes);
    if (height <= 0 || width <= 0 || channels <= 0) {
      throw new IllegalArgumentException(source + ": bad image shape " + channels + "x" + height + "x" + width);
    }
    if (classes.isEmpty() || new HashSet<>(classes).size() != classes.size()) {
      throw new IllegalArgumentException(source + ": class names must be non-empty and distinct: " + classes);
    }
    long expected = (long) labels.length * channels * height * width;
    if (pixels.length != expected) {
      throw new IllegalArgumentException(source + ": " + pixels.length + " pixel bytes, expected " + expected
          + " for " + labels.length + " images of " + channels + "x" + height + "x" + width);
    }
    for (int i = 0; i < labels.length; i++) {
      if (labels[i] < 0 || labels[i] >= classes.size()) {
        throw new IllegalArgumentException(source + ": image " + i + " has label " + labels[i] + ", outside [0, " + classes.size() + ")");
      }
    }
  }

  /** Number of images. */
  public int size() {
    return labels.length;
  }

  /** Bytes per image ({@code channels * height * width}). */
  public int imageBytes() {
    return channels * height * width;
  }

  public int numClasses() {
    return classes.size();
  }

  /** The value 0..255 of image {@code i}, channel {@code c}, row {@code y}, column {@code x}. */
  public int pixel(int i, int c, int y, int x) {
    return pixels[((i * channels + c) * height + y) * width + x] & 0xFF;
  }

  /** Number of images per class, indexed by label. */
  public int[] classCounts() {
    int[] counts = new int[classes.size()];
    for (int label : labels) {
      counts[label]++;
    }
    return counts;
  }

  /** A copy holding the images at {@code indices}, in that order. */
  public ImageDataset subset(int[] indices, String subsetSource) {
    int b = imageBytes();
    byte[] p = new byte[indices.length * b];
    int[] l = new int[indices.length];
    for (int k = 0; k < indices.length; k++) {
      System.arraycopy(pixels, indices[k] * b, p, k * b, b);
      l[k] = labels[indices[k]];
    }
    return new ImageDataset(p, l, height, width, channels, classes, subsetSource);
  }

  /**
   * A seeded random subset of {@code n} images in their original order (all of them when {@code n} is 0 or
   * at least {@link #size}): the first {@code n} of a seeded Fisher-Yates permutation, sorted.
   */
  public ImageDataset randomSubset(int n, long seed) {
    if (n < 0) {
      throw new IllegalArgumentException("subset size must be >= 0, got " + n);
    }
    if (n == 0 || n >= size()) {
      return this;
    }
    int[] idx = new int[size()];
    for (int i = 0; i < idx.length; i++) {
      idx[i] = i;
    }
    java.util.Random r = new java.util.Random(seed);
    for (int i = 0; i < n; i++) {
      int j = i + r.nextInt(idx.length - i);
      int t = idx[i];
      idx[i] = idx[j];
      idx[j] = t;
    }
    int[] out = Arrays.copyOf(idx, n);
    Arrays.sort(out);
    return subset(out, source + " (subset of " + n + ")");
  }

  /**
   * The images shrunk by an integer {@code factor} in both directions, each output pixel the rounded mean
   * of its {@code factor x factor} input box (area averaging; e.g. the lower-resolution proxies of width
   * transfer). Height and width must be divisible by the factor; a factor of 1 returns this data set.
   */
  public ImageDataset downscaled(int factor) {
    if (factor < 1 || height % factor != 0 || width % factor != 0) {
      throw new IllegalArgumentException(source + ": cannot downscale " + height + "x" + width + " images by " + factor
          + " (the factor must be >= 1 and divide both sides)");
    }
    if (factor == 1) {
      return this;
    }
    int h = height / factor;
    int w = width / factor;
    int area = factor * factor;
    byte[] p = new byte[size() * channels * h * w];
    int o = 0;
    for (int i = 0; i < size(); i++) {
      for (int c = 0; c < channels; c++) {
        for (int y = 0; y < h; y++) {
          for (int x = 0; x < w; x++) {
            int sum = 0;
            for (int dy = 0; dy < factor; dy++) {
              for (int dx = 0; dx < factor; dx++) {
                sum += pixel(i, c, y * factor + dy, x * factor + dx);
              }
            }
            p[o++] = (byte) ((sum + area / 2) / area);
          }
        }
      }
    }
    return new ImageDataset(p, labels.clone(), h, w, channels, classes, source + " (downscaled 1/" + factor + ")");
  }

  /** True if {@code other} holds the same images with the same shape (the source text may differ). */
  public boolean sameImages(ImageDataset other) {
    return height == other.height && width == other.width && channels == other.channels
        && classes.equals(other.classes) && Arrays.equals(labels, other.labels) && Arrays.equals(pixels, other.pixels);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ImageDataset d && sameImages(d) && source.equals(d.source);
  }

  @Override
  public int hashCode() {
    return Objects.hash(height, width, channels, classes, source, Arrays.hashCode(labels));
  }

  @Override
  public String toString() {
    return "ImageDataset[" + size() + " images " + channels + "x" + height + "x" + width + ", " + classes.size()
        + " classes, " + source + "]";
  }
}
