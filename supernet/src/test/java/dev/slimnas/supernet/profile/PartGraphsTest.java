package dev.slimnas.supernet.profile;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.profile.BlockShape;
import dev.slimnas.latency.profile.CallOverhead;
import dev.slimnas.latency.profile.HeadShape;
import dev.slimnas.latency.profile.NetworkShape;
import dev.slimnas.latency.profile.ProfilePart;
import dev.slimnas.latency.profile.StemShape;
import dev.slimnas.space.cost.Cost;
import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.cost.LayerCost;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.Activation;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import java.util.stream.Stream;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class PartGraphsTest {
  static final NetSettings S = NetSettings.defaults(1);

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static Stream<BlockShape> blocks() {
    return Stream.of(
        new BlockShape(8, 16, 24, 2, BlockOp.mbconv(3, 6), 96, 0),
        new BlockShape(8, 24, 24, 1, BlockOp.mbconv(5, 3), 72, 0),
        new BlockShape(8, 32, 16, 1, BlockOp.mbconv(3, 1), 32, 0),
        new BlockShape(7, 24, 24, 1, BlockOp.mbconv(5, 6, true), 144, 8),
        new BlockShape(7, 40, 48, 2, BlockOp.mbconv(3, 3), 120, 0));
  }

  static ComputationGraph run(ProfilePart part, long[] expectedOut) {
    ComputationGraph g = PartGraphs.build(part, Activation.RELU, S);
    INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, PartGraphs.inputShape(part, 2));
    INDArray y = g.output(false, x)[0];
    assertArrayEquals(expectedOut, y.shape(), part.key());
    return g;
  }

  @ParameterizedTest
  @MethodSource("blocks")
  void aBlockGraphHasTheBlocksLayersAndShapes(BlockShape b) {
    ComputationGraph g = run(b, new long[] {2, b.outChannels(), b.outResolution(), b.outResolution()});
    ArchSpec carrier = SearchSpaces.get("spnas-cifar").max();
    Cost expected = CostModel.ofBlock(new dev.slimnas.space.spec.BlockLayout(0, 0, 0, b.inChannels(), b.outChannels(),
        b.inResolution(), b.outResolution(), b.stride(), new dev.slimnas.space.spec.BlockSpec(b.op(), b.hidden(), b.se()),
        b.residual()));
    assertEquals(expected.params(), Networks.trainableParams(g), b.key());
    assertEquals(b.residual(), g.getConfiguration().getVertices().keySet().stream().anyMatch(n -> n.endsWith(".add")), b.key());
    assertTrue(carrier != null);
  }

  @Test
  void stemHeadAndOverheadGraphs() {
    StemShape st = new StemShape(32, 3, 3, 2, 24);
    ComputationGraph stem = run(st, new long[] {2, 24, 16, 16});
    assertEquals(3 * 3 * 3 * 24 + 2 * 24, Networks.trainableParams(stem));
    HeadShape h = new HeadShape(4, 40, 64, 10);
    ComputationGraph head = run(h, new long[] {2, 10});
    assertEquals(40 * 64 + 2 * 64 + 64 * 10 + 10, Networks.trainableParams(head));
    run(new CallOverhead(1, 1), new long[] {2, 1, 1, 1});
  }

  @Test
  void aNetworkPartIsTheTranslatedNetwork() {
    ArchSpec a = SearchSpaces.get("spnas-cifar").min();
    ComputationGraph g = run(new NetworkShape(a), new long[] {2, 10});
    assertEquals(CostModel.of(a).params(), Networks.trainableParams(g));
    assertEquals(CostModel.of(a).layers().stream().filter(l -> l.block() < 0).mapToLong(LayerCost::params).sum()
        + a.layout().stream().mapToLong(b -> CostModel.ofBlock(b).params()).sum(), Networks.trainableParams(g));
  }
}
