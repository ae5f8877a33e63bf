package dev.slimnas.supernet.data;

import java.util.List;
import java.util.SplittableRandom;

/** Small in-memory datasets for split, augmentation and batch tests. */
final class Synthetic {
  private Synthetic() {}

  /** {@code perClass[c]} images of class c, 3x4x5, random pixels from {@code seed}, labels interleaved. */
  static ImageDataset dataset(int[] perClass, long seed) {
    int n = java.util.Arrays.stream(perClass).sum();
    int[] labels = new int[n];
    int[] left = perClass.clone();
    for (int i = 0, c = 0; i < n; c = (c + 1) % perClass.length) {
      if (left[c] > 0) {
        labels[i++] = c;
        left[c]--;
      }
    }
    byte[] pixels = new byte[n * 60];
    new SplittableRandom(seed).nextBytes(pixels);
    List<String> classes = java.util.stream.IntStream.range(0, perClass.length).mapToObj(i -> "c" + i).toList();
    return new ImageDataset(pixels, labels, 4, 5, 3, classes, "synthetic");
  }
}
