package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimnas.supernet.data.Batch;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Nd4jBatches;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class ClassifierTest {
  static final ImageDataset DATA = TinyNet.data(32, 3);

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  @Nested
  class LabelSmoothing {
    final Batch b = new Batch(new float[3], new int[] {2, 0, 1}, 1, 1, 1, 4, 0, 0);

    @Test
    void mixesTheOneHotLabelsWithTheUniformDistribution() {
      float[] t = Classifier.targets(b, 0.1);
      float hit = 0.9f + 0.025f;
      assertArrayEquals(new float[] {0.025f, 0.025f, hit, 0.025f, hit, 0.025f, 0.025f, 0.025f, 0.025f, hit, 0.025f, 0.025f}, t, 1e-7f);
    }

    @Test
    void zeroEpsilonGivesOneHotLabels() {
      assertArrayEquals(b.oneHot(), Classifier.targets(b, 0));
    }
  }

  @Test
  void lossFromTheForwardPassEqualsDl4jsScoreWithoutDropoutOrDecay() {
    ComputationGraph g = TinyNet.build(NetSettings.defaults(4).withWeightDecay(0), 0);
    Classifier probe = Classifier.of(g);
    g.setListeners(probe);
    Batch b = TinyNet.trainBatches(DATA, TinyNet.config()).batch(0, 0);
    float[] targets = Classifier.targets(b, 0.1);
    INDArray y = Nd4j.create(targets, new long[] {b.size(), b.numClasses()}, 'c');
    INDArray x = Nd4jBatches.toDataSet(b).getFeatures();
    float[][] before = g.outputSingle(true, x).toFloatMatrix();
    g.fit(new INDArray[] {x}, new INDArray[] {y});
    Classifier.Stats s = probe.take(b, targets);
    assertEquals(g.score(), s.loss(), 1e-5 * g.score());
    long correct = 0;
    for (int i = 0; i < b.size(); i++) {
      correct += Evaluator.argMax(before[i]) == b.labels()[i] ? 1 : 0;
    }
    assertEquals(correct, s.correct());
  }
}
