package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

/**
 * A few SGD steps on synthetic data: an extra indicator gradient that rewards low latency (positive
 * dL/d d_keep, d_e6, d_k5, as lambda d log R / d d is) turns the indicators off; without it they stay on
 * (the loss alone moves the thresholds by ~1e-3 in these steps: sigmoid'(norm - t) is small at norms ~3).
 */
class SearchDynamicsTest {
  private static final int STEPS = 12;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  private static BlockIndicators train(double[] latencyGradient, long seed) {
    SinglePathBlock b = SinglePathBlock.builder(8, 4).skippable(true).seChannels(2).build();
    ComputationGraph net = Fixtures.net(DataType.DOUBLE, b, 3, 6, true, new Sgd(0.1), seed);
    Nd4j.getRandom().setSeed(seed);
    INDArray x = Nd4j.randn(DataType.DOUBLE, 8, 3, 6, 6);
    INDArray y = Fixtures.labels(DataType.DOUBLE, 8);
    SearchableBlock block = Fixtures.block(net);
    assertEquals(new BlockIndicators(1, 1, 1, 1), block.indicators(), "thresholds start at 0");
    for (int step = 0; step < STEPS; step++) {
      if (latencyGradient != null) {
        block.addIndicatorGradient(latencyGradient);
      }
      net.fit(new INDArray[] {x}, new INDArray[] {y});
    }
    return block.indicators();
  }

  @Test
  void aLatencyRewardTurnsTheIndicatorsOff() {
    BlockIndicators d = train(new double[] {50, 50, 50, 0}, 1);
    assertEquals(0, d.keep(), 0.0, "skip: " + d);
    assertEquals(0, d.e6(), 0.0, "e3: " + d);
    assertEquals(0, d.k5(), 0.0, "k3: " + d);
  }

  @Test
  void withoutALatencyTermTheIndicatorsStayOn() {
    BlockIndicators d = train(null, 1);
    assertEquals(new BlockIndicators(1, 1, 1, 1), d);
  }

  @Test
  void aKernelOnlyRewardTurnsOnlyTheKernelOff() {
    BlockIndicators d = train(new double[] {0, 0, 50, 0}, 2);
    assertEquals(new BlockIndicators(1, 1, 0, 1), d);
  }
}
