package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class AugmentationTest {
  /** One grey 3x4 image with values 1..12 row by row. */
  private final ImageDataset image = new ImageDataset(
      new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, new int[] {0}, 3, 4, 1, List.of("a"), "hand");

  private float[] apply(Augmentation a, long seed) {
    float[] out = new float[12];
    a.apply(image, 0, Normalization.identity(1), new SplittableRandom(seed), out, 0);
    for (int i = 0; i < out.length; i++) {
      out[i] = Math.round(out[i] * 255);
    }
    return out;
  }

  /** The expected crop: padded(y + dy + p, x' + dx + p) with x' mirrored when flipped. */
  private static float[] expected(int dy, int dx, boolean flip) {
    float[] e = new float[12];
    for (int y = 0; y < 3; y++) {
      for (int x = 0; x < 4; x++) {
        int sy = y + dy;
        int sx = (flip ? 3 - x : x) + dx;
        e[y * 4 + x] = sy >= 0 && sy < 3 && sx >= 0 && sx < 4 ? 1 + sy * 4 + sx : 0;
      }
    }
    return e;
  }

  @Test
  void noneOnlyNormalises() {
    assertArrayEquals(new float[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12}, apply(Augmentation.NONE, 5));
  }

  @Test
  void cropAndFlipMatchTheHandComputedImageForTheDrawnOffsets() {
    Augmentation a = new Augmentation(1, true);
    Set<String> seen = new HashSet<>();
    for (long seed = 0; seed < 200; seed++) {
      SplittableRandom r = new SplittableRandom(seed);
      int dy = r.nextInt(3) - 1;
      int dx = r.nextInt(3) - 1;
      boolean flip = r.nextBoolean();
      assertArrayEquals(expected(dy, dx, flip), apply(a, seed), "seed " + seed);
      seen.add(dy + "," + dx + "," + flip);
    }
    assertEquals(18, seen.size());
  }

  @Test
  void handPickedCases() {
    // shift down-right by one (dy = dx = -1): top row and left column are padding
    assertArrayEquals(new float[] {0, 0, 0, 0, 0, 1, 2, 3, 0, 5, 6, 7}, expected(-1, -1, false));
    // pure flip
    assertArrayEquals(new float[] {4, 3, 2, 1, 8, 7, 6, 5, 12, 11, 10, 9}, expected(0, 0, true));
  }

  @Test
  void paddedPixelsAreBlackBeforeNormalisation() {
    Normalization n = new Normalization(new float[] {0.5f}, new float[] {0.25f});
    float[] out = new float[12];
    new Augmentation(4, false).apply(image, 0, n, new SplittableRandom(1), out, 0);
    SplittableRandom r = new SplittableRandom(1);
    int dy = r.nextInt(9) - 4;
    int dx = r.nextInt(9) - 4;
    float[] e = expected(dy, dx, false);
    int padded = 0;
    for (int i = 0; i < 12; i++) {
      assertEquals((e[i] / 255f - 0.5f) / 0.25f, out[i], 1e-5);
      padded += out[i] == -2f ? 1 : 0;
    }
    assertTrue(padded > 0, "seed 1 should shift the image by more than its size in some direction: " + dy + "," + dx);
  }

  @Test
  void flipsAboutHalfOfTheImages() {
    Augmentation a = new Augmentation(0, true);
    int flips = 0;
    for (long seed = 0; seed < 2000; seed++) {
      if (apply(a, seed)[0] == 4) {
        flips++;
      }
    }
    assertEquals(1000, flips, 80);
  }
}
