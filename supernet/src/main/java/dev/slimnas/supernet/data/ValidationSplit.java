package dev.slimnas.supernet.data;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A seeded, stratified hold-out of {@code size} validation images from a training set: each class gives
 * its share (largest remainder, ties to the lower label), chosen by a per-class shuffle seeded by
 * hashing the seed with the label. Both parts keep the original image order.
 *
 * @param size number of validation images, at least 1 and below the training set's size
 * @param seed seed of the hold-out
 */
public record ValidationSplit(int size, long seed) {

  /** 5,000 images (500 per CIFAR-10 class), seed 0. */
  public static final ValidationSplit DEFAULT = new ValidationSplit(5000, 0L);

  public ValidationSplit {
    if (size < 1) {
      throw new IllegalArgumentException("validation size must be >= 1, got " + size);
    }
  }

  /** Index arrays {@code {train, validation}} into {@code data}, disjoint, covering it, ascending. */
  public int[][] indices(ImageDataset data) {
    int n = data.size();
    if (size >= n) {
      throw new IllegalArgumentException(data.source() + ": validation size " + size + " must be below the " + n + " training images");
    }
    int[] counts = data.classCounts();
    int k = counts.length;
    int[] take = new int[k];
    long[] remainder = new long[k];
    int assigned = 0;
    for (int c = 0; c < k; c++) {
      long exact = (long) size * counts[c];
      take[c] = (int) (exact / n);
      remainder[c] = exact % n;
      assigned += take[c];
    }
    Integer[] order = new Integer[k];
    for (int c = 0; c < k; c++) {
      order[c] = c;
    }
    Arrays.sort(order, (a, b) -> remainder[a] != remainder[b] ? Long.compare(remainder[b], remainder[a]) : Integer.compare(a, b));
    for (int j = 0; assigned < size; j = (j + 1) % k) {
      int c = order[j];
      if (take[c] < counts[c]) {
        take[c]++;
        assigned++;
      }
    }
    List<List<Integer>> byClass = new ArrayList<>();
    for (int c = 0; c < k; c++) {
      byClass.add(new ArrayList<>());
    }
    for (int i = 0; i < n; i++) {
      byClass.get(data.labels()[i]).add(i);
    }
    boolean[] held = new boolean[n];
    for (int c = 0; c < k; c++) {
      int[] idx = byClass.get(c).stream().mapToInt(Integer::intValue).toArray();
      SplittableRandom rng = new SplittableRandom(Seeds.derive(seed, "validation-split", c));
      for (int i = idx.length - 1; i > 0; i--) {
        int j = rng.nextInt(i + 1);
        int t = idx[i];
        idx[i] = idx[j];
        idx[j] = t;
      }
      for (int i = 0; i < take[c]; i++) {
        held[idx[i]] = true;
      }
    }
    int[] train = new int[n - size];
    int[] val = new int[size];
    for (int i = 0, a = 0, b = 0; i < n; i++) {
      if (held[i]) {
        val[b++] = i;
      } else {
        train[a++] = i;
      }
    }
    return new int[][] {train, val};
  }
}
