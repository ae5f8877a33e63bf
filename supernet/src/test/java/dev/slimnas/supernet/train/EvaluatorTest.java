package dev.slimnas.supernet.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.data.BatchSource;
import dev.slimnas.supernet.data.ImageDataset;
import dev.slimnas.supernet.data.Nd4jBatches;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class EvaluatorTest {
  static final ImageDataset DATA = TinyNet.data(70, 5);

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static BatchSource batches() {
    return TinyNet.evalBatches(DATA, DATA, 32);
  }

  @Test
  void aUniformClassifierHasLossLnKAndPicksClassZero() {
    ComputationGraph g = TinyNet.build(NetSettings.defaults(1));
    g.getParam("output_W").assign(0);
    g.getParam("output_b").assign(0);
    EvalResult r = Evaluator.evaluate(g, batches());
    assertEquals(70, r.images(), "every image once, the last batch partial");
    assertEquals(Math.log(TinyNet.CLASSES), r.loss(), 1e-6);
    assertEquals(18.0 / 70, r.accuracy(), 1e-12); // labels cycle 0..3: 18 of 70 are class 0
    assertTrue(r.imagesPerSecond() > 0);
    assertTrue(r.evaluated());
  }

  @Test
  void matchesADirectComputationFromTheNetworksOutputs() {
    ComputationGraph g = TinyNet.build(NetSettings.defaults(2));
    BatchSource s = batches();
    double loss = 0;
    int correct = 0;
    for (int i = 0; i < s.batchesPerEpoch(); i++) {
      var b = s.batch(0, i);
      float[][] p = g.outputSingle(false, Nd4jBatches.toDataSet(b).getFeatures()).toFloatMatrix();
      for (int k = 0; k < b.size(); k++) {
        loss -= Math.log(p[k][b.labels()[k]]);
        correct += Evaluator.argMax(p[k]) == b.labels()[k] ? 1 : 0;
      }
    }
    EvalResult r = Evaluator.evaluate(g, s);
    assertEquals(loss / 70, r.loss(), 1e-9);
    assertEquals(correct / 70.0, r.accuracy(), 1e-12);
  }

  @Test
  void notEvaluatedIsNone() {
    assertEquals(false, EvalResult.NONE.evaluated());
  }
}
