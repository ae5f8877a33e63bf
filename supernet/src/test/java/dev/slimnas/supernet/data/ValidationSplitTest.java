package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import org.junit.jupiter.api.Test;

class ValidationSplitTest {
  private final ImageDataset data = Synthetic.dataset(new int[] {100, 100, 100, 100}, 1);

  @Test
  void isDeterministicGivenTheSeedAndChangesWithIt() {
    int[][] a = new ValidationSplit(40, 7).indices(data);
    int[][] b = new ValidationSplit(40, 7).indices(data);
    int[][] c = new ValidationSplit(40, 8).indices(data);
    assertArrayEquals(a[0], b[0]);
    assertArrayEquals(a[1], b[1]);
    assertFalse(Arrays.equals(a[1], c[1]));
  }

  @Test
  void isDisjointCoveringAndSorted() {
    int[][] s = new ValidationSplit(40, 3).indices(data);
    Set<Integer> all = new HashSet<>();
    for (int[] part : s) {
      for (int i : part) {
        assertEquals(true, all.add(i), "index " + i + " twice");
      }
      int[] sorted = part.clone();
      Arrays.sort(sorted);
      assertArrayEquals(sorted, part);
    }
    assertEquals(data.size(), all.size());
    assertEquals(360, s[0].length);
    assertEquals(40, s[1].length);
  }

  @Test
  void isStratifiedWithLargestRemainders() {
    ImageDataset uneven = Synthetic.dataset(new int[] {50, 30, 20}, 2);
    ImageDataset val = uneven.subset(new ValidationSplit(11, 0).indices(uneven)[1], "v");
    // exact shares 5.5, 3.3, 2.2 -> 5, 3, 2 plus the largest remainder (class 0)
    assertArrayEquals(new int[] {6, 3, 2}, val.classCounts());
    ImageDataset even = data.subset(new ValidationSplit(40, 9).indices(data)[1], "v");
    assertArrayEquals(new int[] {10, 10, 10, 10}, even.classCounts());
  }

  @Test
  void dataSplitsKeepTestApartAndNormaliseOnTraining() {
    ImageDataset test = Synthetic.dataset(new int[] {5, 5, 5, 5}, 3);
    DataSplits splits = DataSplits.of(data, test, new ValidationSplit(40, 0));
    SearchData search = splits.search();
    assertEquals(360, search.train().size());
    assertEquals(40, search.validation().size());
    assertEquals(Normalization.of(search.train()), search.normalization());
    assertEquals(Normalization.of(data), splits.finalTraining().normalization());
    assertEquals(20, splits.finalTraining().test().size());
    assertThrows(IllegalArgumentException.class, () -> new ValidationSplit(400, 0).indices(data));
  }

  @Test
  void normalisationMatchesHandComputedStatistics() {
    byte[] px = {0, (byte) 255, 10, 20};
    ImageDataset d = new ImageDataset(px, new int[] {0, 0}, 1, 2, 1, java.util.List.of("a"), "hand");
    Normalization n = Normalization.of(d);
    double mean = (0 + 255 + 10 + 20) / 4.0;
    double var = (0 + 255 * 255 + 100 + 400) / 4.0 - mean * mean;
    assertEquals(mean / 255, n.mean()[0], 1e-6);
    assertEquals(Math.sqrt(var) / 255, n.std()[0], 1e-6);
  }
}
