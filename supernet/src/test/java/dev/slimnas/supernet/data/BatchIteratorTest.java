package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchIteratorTest {
  private final ImageDataset data = Synthetic.dataset(new int[] {13, 12, 12}, 4);
  private final Normalization norm = Normalization.of(data);

  private BatchSource training(long seed) {
    return BatchSource.training(data, 8, norm, seed);
  }

  private static List<Batch> drain(BatchIterator it) {
    List<Batch> out = new ArrayList<>();
    try (it) {
      it.forEachRemaining(out::add);
    }
    return out;
  }

  private static void assertSame(Batch a, Batch b) {
    assertEquals(a.epoch(), b.epoch());
    assertEquals(a.index(), b.index());
    assertArrayEquals(a.labels(), b.labels());
    assertArrayEquals(a.features(), b.features());
  }

  @Test
  void prefetchedBatchesEqualDirectlyComputedOnesForAnyQueueSize() {
    BatchSource s = training(11);
    List<Batch> expected = new ArrayList<>();
    for (int e = 0; e < 3; e++) {
      for (int i = 0; i < s.batchesPerEpoch(); i++) {
        expected.add(training(11).batch(e, i));
      }
    }
    for (int prefetch : new int[] {1, 2, 4}) {
      List<Batch> got = drain(new BatchIterator(s, 0, 0, 3, prefetch));
      assertEquals(expected.size(), got.size());
      for (int k = 0; k < got.size(); k++) {
        assertSame(expected.get(k), got.get(k));
      }
    }
  }

  @Test
  void resumingAtAPositionGivesTheSameRemainingBatches() {
    List<Batch> full = drain(new BatchIterator(training(5), 0, 0, 3, 3));
    int per = training(5).batchesPerEpoch();
    List<Batch> resumed = drain(new BatchIterator(training(5), 1, 2, 3, 2));
    assertEquals(full.size() - per - 2, resumed.size());
    for (int k = 0; k < resumed.size(); k++) {
      assertSame(full.get(per + 2 + k), resumed.get(k));
    }
  }

  @Test
  void epochsShuffleDifferentlyAndDropTheLastPartialBatch() {
    BatchSource s = training(1);
    assertEquals(4, s.batchesPerEpoch());
    assertFalse(Arrays.equals(s.order(0), s.order(1)));
    int[] sorted = s.order(0).clone();
    Arrays.sort(sorted);
    for (int i = 0; i < sorted.length; i++) {
      assertEquals(i, sorted[i]);
    }
    assertNotEquals(Arrays.toString(training(1).batch(0, 0).labels()) + Arrays.toString(training(1).batch(0, 0).features()),
        Arrays.toString(training(2).batch(0, 0).labels()) + Arrays.toString(training(2).batch(0, 0).features()));
  }

  @Test
  void evaluationCoversEveryImageOnceInOrder() {
    BatchSource s = BatchSource.evaluation(data, 8, norm);
    List<Batch> batches = drain(s.epoch(0, 0));
    assertEquals(5, batches.size());
    assertEquals(5, batches.get(4).size());
    int[] labels = batches.stream().flatMapToInt(b -> Arrays.stream(b.labels())).toArray();
    assertArrayEquals(data.labels(), labels);
    Batch first = batches.get(0);
    float expected = (data.pixel(1, 2, 3, 4) / 255f - norm.mean()[2]) / norm.std()[2];
    assertEquals(expected, first.features()[60 + 2 * 20 + 3 * 5 + 4], 1e-5);
    float[] oneHot = first.oneHot();
    assertEquals(8 * 3, oneHot.length);
    assertEquals(1f, oneHot[data.labels()[0]]);
    assertEquals(8f, sum(oneHot));
  }

  private static float sum(float[] v) {
    float s = 0;
    for (float f : v) {
      s += f;
    }
    return s;
  }

  @Test
  void closingEarlyStopsTheBackgroundThread() throws Exception {
    BatchIterator it = new BatchIterator(training(3), 0, 0, 1000, 2);
    it.next();
    assertTrue(it.workerAlive());
    it.close();
    assertFalse(it.workerAlive());
    assertFalse(it.hasNext());
  }

  @Test
  void rejectsBadPositionsAndReportsFailures() {
    assertThrows(IllegalArgumentException.class, () -> new BatchIterator(training(3), 0, 5, 1, 2));
    assertThrows(IllegalArgumentException.class, () -> new BatchIterator(training(3), 0, 0, 1, 0));
    assertThrows(IndexOutOfBoundsException.class, () -> training(3).batch(0, 4));
  }
}
