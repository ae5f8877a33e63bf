package dev.slimnas.supernet.data;

import java.util.SplittableRandom;

/**
 * Random crop after zero padding and random horizontal flip, fused with normalisation into the float
 * output (the standard CIFAR recipe: padded pixels are black before normalisation). Per image it draws,
 * in this order, the row offset and column offset in {@code [0, 2 * padding]} and, if flipping is on,
 * one boolean.
 *
 * @param padding zero padding on each side before the crop (0 = no crop)
 * @param horizontalFlip whether to mirror half of the images left-right
 */
public record Augmentation(int padding, boolean horizontalFlip) {

  /** No augmentation: the image is only normalised. */
  public static final Augmentation NONE = new Augmentation(0, false);
  /** Pad 4, random 32x32 crop, random horizontal flip. */
  public static final Augmentation CIFAR = new Augmentation(4, true);

  public Augmentation {
    if (padding < 0) {
      throw new IllegalArgumentException("padding must be >= 0, got " + padding);
    }
  }

  public boolean isNone() {
    return padding == 0 && !horizontalFlip;
  }

  /**
   * Writes image {@code index} of {@code data}, augmented with draws from {@code rng} (unless
   * {@link #isNone()}) and normalised, to {@code dst} from {@code dstOffset} in CHW order.
   */
  public void apply(ImageDataset data, int index, Normalization norm, SplittableRandom rng, float[] dst, int dstOffset) {
    int c = data.channels();
    int h = data.height();
    int w = data.width();
    int dy = 0;
    int dx = 0;
    boolean flip = false;
    if (!isNone()) {
      dy = rng.nextInt(2 * padding + 1) - padding;
      dx = rng.nextInt(2 * padding + 1) - padding;
      flip = horizontalFlip && rng.nextBoolean();
    }
    byte[] src = data.pixels();
    int base = index * c * h * w;
    for (int ch = 0; ch < c; ch++) {
      float scale = norm.scale(ch);
      float shift = norm.shift(ch);
      int plane = base + ch * h * w;
      int out = dstOffset + ch * h * w;
      for (int y = 0; y < h; y++) {
        int sy = y + dy;
        boolean rowInside = sy >= 0 && sy < h;
        for (int x = 0; x < w; x++, out++) {
          int sx = (flip ? w - 1 - x : x) + dx;
          int v = rowInside && sx >= 0 && sx < w ? src[plane + sy * w + sx] & 0xFF : 0;
          dst[out] = v * scale + shift;
        }
      }
    }
  }
}
