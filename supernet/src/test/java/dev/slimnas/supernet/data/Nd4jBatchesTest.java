package dev.slimnas.supernet.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import org.junit.jupiter.api.Test;
import org.nd4j.linalg.dataset.DataSet;

class Nd4jBatchesTest {
  @Test
  void givesNchwFeaturesAndOneHotLabelsAndResetsToTheEpochStart() {
    ImageDataset data = Synthetic.dataset(new int[] {6, 6, 6}, 9);
    BatchSource source = BatchSource.training(data, 4, Normalization.of(data), 21);
    try (Nd4jBatches it = new Nd4jBatches(source, 2, 1)) {
      assertEquals(3, it.totalOutcomes());
      assertEquals(60, it.inputColumns());
      assertFalse(it.asyncSupported());
      DataSet ds = it.next();
      Batch expected = source.batch(2, 1);
      assertArrayEquals(new long[] {4, 3, 4, 5}, ds.getFeatures().shape());
      assertArrayEquals(new long[] {4, 3}, ds.getLabels().shape());
      assertArrayEquals(expected.features(), ds.getFeatures().dup().data().asFloat());
      assertArrayEquals(expected.oneHot(), ds.getLabels().dup().data().asFloat());
      int count = 1;
      while (it.hasNext()) {
        it.next();
        count++;
      }
      assertEquals(source.batchesPerEpoch() - 1, count);
      it.reset();
      assertArrayEquals(source.batch(2, 0).features(), it.next().getFeatures().dup().data().asFloat());
    }
  }
}
