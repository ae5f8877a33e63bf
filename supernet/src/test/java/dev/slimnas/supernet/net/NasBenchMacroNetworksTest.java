package dev.slimnas.supernet.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.bench.NasBenchMacroCodes;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockLayout;
import dev.slimnas.supernet.layers.BnAct;
import dev.slimnas.supernet.layers.Conv;
import dev.slimnas.supernet.layers.PointwiseActivation;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.util.List;
import java.util.SplittableRandom;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Nesterovs;

/** DL4J networks of the NAS-Bench-Macro space: the proj op, exact parameter counts, and training. */
class NasBenchMacroNetworksTest {
  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  @ParameterizedTest
  @ValueSource(strings = {"00000000", "22222222", "11111111", "02012100", "12012010"})
  void parameterCountEqualsTheCostModelAndTheBenchmark(String code) {
    ArchSpec arch = NasBenchMacroCodes.arch(code);
    ComputationGraph net = Networks.build(arch, NetSettings.defaults(1));
    assertEquals(CostModel.of(arch).params(), Networks.trainableParams(net), code);
  }

  @Test
  void benchmarkParameterCountsOfTheExtremes() {
    // nas-bench-macro_cifar10.json: "00000000" params 387882, "22222222" params 2932586
    assertEquals(387_882L, Networks.trainableParams(Networks.build(NasBenchMacroCodes.arch("00000000"), NetSettings.defaults(1))));
    assertEquals(2_932_586L, Networks.trainableParams(Networks.build(NasBenchMacroCodes.arch("22222222"), NetSettings.defaults(1))));
  }

  @Test
  void projIsAStridedOneByOneConvWithBnAndNoActivationOrAdd() {
    ArchSpec arch = NasBenchMacroCodes.arch("00000000");
    ComputationGraphConfiguration conf = Networks.graphConfig(arch, NetSettings.defaults(1));
    for (BlockLayout b : arch.layout()) {
      String unit = VertexNames.block(b.index(), "proj");
      assertEquals(b.op().isProjection(), conf.getVertices().containsKey(VertexNames.conv(unit)), b.label());
      assertFalse(conf.getVertices().containsKey(VertexNames.block(b.index(), "add")), b.label());
      if (b.op().isProjection()) {
        Conv conv = (Conv) ((LayerVertex) conf.getVertices().get(VertexNames.conv(unit))).getLayerConf().getLayer();
        assertArrayEquals(new int[] {1, 1}, conv.getKernelSize());
        assertArrayEquals(new int[] {2, 2}, conv.getStride());
        assertEquals(b.inChannels(), conv.getNIn());
        assertEquals(b.outChannels(), conv.getNOut());
        BnAct bn = (BnAct) ((LayerVertex) conf.getVertices().get(VertexNames.bn(unit))).getLayerConf().getLayer();
        assertEquals(PointwiseActivation.IDENTITY, bn.getAct());
      }
    }
  }

  @Test
  void aRandomCodeTrainsOnARepeatedBatch() {
    SplittableRandom rng = new SplittableRandom(20261202L);
    String code = NasBenchMacroCodes.code(NasBenchMacroCodes.space().sampleUniform(rng));
    ArchSpec arch = NasBenchMacroCodes.arch(code);
    ComputationGraph net = Networks.build(arch, NetSettings.defaults(7).withUpdater(new Nesterovs(0.02, 0.9)));
    Nd4j.getRandom().setSeed(11);
    INDArray x = Nd4j.randn(DataType.FLOAT, 8, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 8, 10);
    for (int i = 0; i < 8; i++) {
      y.putScalar(i, i % 10, 1f);
    }
    INDArray out = net.outputSingle(false, x);
    assertArrayEquals(new long[] {8, 10}, out.shape());
    double first = Double.NaN;
    double last = Double.NaN;
    for (int step = 0; step < 12; step++) {
      net.fit(new INDArray[] {x}, new INDArray[] {y});
      last = net.score();
      assertTrue(Double.isFinite(last), code + ": loss at step " + step + " is " + last);
      if (step == 0) {
        first = last;
      }
    }
    assertTrue(last < 0.5 * first, code + ": loss went " + first + " -> " + last + " on one repeated batch");
  }
}
