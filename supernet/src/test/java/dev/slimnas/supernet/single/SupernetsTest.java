package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.search.Readout;
import java.util.ArrayList;
import java.util.List;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class SupernetsTest {
  @Test
  void theCifarSupernetHasOneSearchableLayerPerSearchableBlockStartsAtTheLargestOpAndTrains() {
    SearchSpace space = SearchSpaces.get("spnas-se-cifar", 0.25);
    ComputationGraph net = Supernets.build(space, NetSettings.defaults(2), Supernets.BlockSettings.defaults());
    List<SearchableBlock> blocks = SinglePathGraph.blocks(net);
    assertEquals(space.searchableBlocks().size(), blocks.size());
    List<BlockIndicators> ind = new ArrayList<>();
    int next = 0;
    for (int b = 0; b < space.blockCount(); b++) {
      ind.add(space.blocks().get(b).searchable() ? blocks.get(next++).indicators()
          : Readout.indicators(space.max().ops().get(b)));
    }
    assertEquals(space.max().ops(), Readout.architecture(space, ind).ops());
    INDArray x = Nd4j.rand(DataType.FLOAT, 4, 3, 32, 32);
    INDArray y = Nd4j.zeros(DataType.FLOAT, 4, 10);
    for (int i = 0; i < 4; i++) {
      y.putScalar(i, i, 1f);
    }
    INDArray before = net.params().dup();
    net.fit(new INDArray[] {x}, new INDArray[] {y});
    assertTrue(Double.isFinite(net.score()));
    assertTrue(!before.equals(net.params()));
    assertArrayEquals(new long[] {4, 10}, net.outputSingle(false, x).shape());
  }
}
