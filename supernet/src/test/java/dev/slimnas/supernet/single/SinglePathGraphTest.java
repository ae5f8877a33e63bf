package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.layers.PointwiseActivation;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.util.List;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.Sgd;

class SinglePathGraphTest {
  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  @Nested
  class Specs {
    @Test
    void followTheSearchSpace() {
      SearchSpace space = SearchSpaces.get("spnas-se-cifar", 1.0);
      List<SearchableBlockSpec> specs = SearchableBlockSpec.all(space);
      assertEquals(20, specs.size());
      SearchableBlockSpec first = specs.get(0);
      assertEquals(1, first.index());
      assertEquals(16 * 6, first.hidden());
      assertFalse(first.skippable(), "first block of a stage");
      assertFalse(first.residual());
      assertEquals(space.seChannels(16), first.seChannels());
      SearchableBlockSpec second = specs.get(1);
      assertTrue(second.skippable() && second.residual());
      assertEquals(24 * 6, second.hidden());
      assertEquals(0, SearchableBlockSpec.all(SearchSpaces.get("spnas-cifar", 1.0)).get(1).seChannels(), "no SE choice");
    }

    @Test
    void rejectSkipWithoutAResidualAndAnOddHiddenWidth() {
      assertThrows(IllegalArgumentException.class, () -> new SearchableBlockSpec(1, 8, 48, 16, 2, false, true, 0));
      assertThrows(IllegalArgumentException.class, () -> new SearchableBlockSpec(1, 8, 47, 8, 1, true, true, 0));
    }
  }

  private static ComputationGraph twoBlocks() {
    SearchableBlockSpec a = new SearchableBlockSpec(1, 4, 24, 8, 2, false, false, 8);
    SearchableBlockSpec b = new SearchableBlockSpec(2, 8, 48, 8, 1, true, true, 8);
    var g = new NeuralNetConfiguration.Builder().seed(3).dataType(DataType.FLOAT).updater(new Sgd(0.1))
        .weightInit(WeightInit.RELU).graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(8, 8, 4));
    String x = SinglePathGraph.addBlock(g, "input", a, PointwiseActivation.RELU, 0.9);
    assertEquals("b1.searchable", x);
    String y = SinglePathGraph.addBlock(g, x, b, PointwiseActivation.RELU6, 0.9,
        SinglePathBlock.builder(48, 8).indicatorDropout(0.4));
    assertEquals("b2.add", y);
    ComputationGraphConfiguration conf = g.setOutputs(y).build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  @Test
  void addsBlocksAndFindsThemInOrder() {
    ComputationGraph net = twoBlocks();
    List<SearchableBlock> blocks = SinglePathGraph.blocks(net);
    assertEquals(List.of("b1.searchable", "b2.searchable"), blocks.stream().map(SearchableBlock::name).toList());
    assertEquals(blocks.get(1), SinglePathGraph.block(net, 2));
    assertTrue(net.getLayer("b1.expand.conv") != null && net.getLayer("b1.expand.bn") != null);
    SinglePathBlock conf = (SinglePathBlock) net.getLayer("b2.searchable").conf().getLayer();
    assertEquals(0.4, conf.getIndicatorDropout(), 0.0);
    assertEquals(PointwiseActivation.RELU6, conf.getAct());
    assertTrue(conf.isSkippable());
    assertFalse(((SinglePathBlock) net.getLayer("b1.searchable").conf().getLayer()).isSkippable());
  }

  @Test
  void aSkippedResidualBlockIsAnExactIdentity() {
    ComputationGraph net = twoBlocks();
    Fixtures.pin(net, "b2.searchable", false, true, true, true, 1.0);
    INDArray x = Nd4j.randn(DataType.FLOAT, 2, 4, 8, 8);
    for (boolean training : new boolean[] {false, true}) {
      SinglePathGraph.block(net, 2).setIndicatorDropout(0);
      var acts = net.feedForward(new INDArray[] {x}, training, false);
      assertEquals(acts.get("b1.searchable"), acts.get("b2.add"), "training " + training);
    }
  }
}
