package dev.slimnas.supernet.net;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.cost.CostModel;
import dev.slimnas.space.ref.ReferenceNetworks;
import dev.slimnas.space.search.SearchSpace;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.space.spec.BlockOp;
import dev.slimnas.space.spec.BlockSpec;
import dev.slimnas.space.spec.StageSpec;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;

class NetworksTest {
  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  static Stream<Arguments> referenceNetworks() {
    return Stream.of(
        Arguments.of(ReferenceNetworks.mobileNetV2(1.0)),
        Arguments.of(ReferenceNetworks.mobileNetV2(0.5)),
        Arguments.of(ReferenceNetworks.mobileNetV2Cifar(1.0)),
        Arguments.of(ReferenceNetworks.mobileNetV2Cifar(0.5)),
        Arguments.of(ReferenceNetworks.singlePathNasFinal()),
        Arguments.of(ReferenceNetworks.singlePathNasFinalCifar()),
        Arguments.of(withSqueezeExcite(ReferenceNetworks.singlePathNasFinalCifar())));
  }

  /** The architecture with SE added to every MBConv block after the first. */
  static ArchSpec withSqueezeExcite(ArchSpec arch) {
    SearchSpace space = SearchSpaces.singlePathNasCifar();
    List<StageSpec> stages = new ArrayList<>();
    for (StageSpec st : arch.stages()) {
      List<BlockSpec> blocks = new ArrayList<>();
      for (BlockSpec b : st.blocks()) {
        if (b.op().isSkip() || b.op().expansion() == 1) {
          blocks.add(b);
        } else {
          blocks.add(BlockSpec.of(BlockOp.mbconv(b.op().kernel(), b.op().expansion(), true), b.hidden(),
              space.seChannels(b.hidden())));
        }
      }
      stages.add(new StageSpec(st.stride(), st.out(), blocks));
    }
    return arch.withStages(stages).withName(arch.name() + "+se");
  }

  @Nested
  class ParameterCount {
    @ParameterizedTest(name = "{0}")
    @MethodSource("dev.slimnas.supernet.net.NetworksTest#referenceNetworks")
    void equalsTheCostModelExactly(ArchSpec arch) {
      ComputationGraph net = Networks.build(arch, NetSettings.defaults(1));
      assertEquals(CostModel.of(arch).params(), Networks.trainableParams(net), arch.name());
    }

    @Test
    void randomWidthsAndOpsOfTheCifarSpaceToo() {
      SearchSpace space = SearchSpaces.singlePathNasCifar();
      Random rng = new Random(7);
      for (int i = 0; i < 3; i++) {
        ArchSpec arch = space.sampleUniform(rng);
        ComputationGraph net = Networks.build(arch, NetSettings.defaults(i));
        assertEquals(CostModel.of(arch).params(), Networks.trainableParams(net), "sample " + i);
      }
    }
  }

  @Nested
  class Topology {
    @Test
    void skipBlocksAddNoVerticesAndSeBlocksAddAGate() {
      ArchSpec arch = withSqueezeExcite(ReferenceNetworks.singlePathNasFinalCifar());
      ComputationGraphConfiguration conf = Networks.graphConfig(arch, NetSettings.defaults(1));
      arch.layout().forEach(b -> {
        boolean hasDw = conf.getVertices().containsKey(VertexNames.conv(VertexNames.block(b.index(), "dw")));
        assertEquals(!b.op().isSkip(), hasDw, b.label());
        boolean hasSe = conf.getVertices().containsKey(VertexNames.block(b.index(), "se") + ".scale");
        assertEquals(b.op().se(), hasSe, b.label());
        boolean hasAdd = conf.getVertices().containsKey(VertexNames.block(b.index(), "add"));
        assertEquals(b.residual(), hasAdd, b.label());
      });
    }

    @Test
    void configurationSurvivesJson() {
      // initialised: DL4J's reader decides BN's variance parameterisation from the allocated variables
      ArchSpec arch = withSqueezeExcite(ReferenceNetworks.mobileNetV2Cifar(0.5));
      ComputationGraphConfiguration conf = Networks.build(arch, NetSettings.defaults(1)).getConfiguration();
      assertEquals(conf, ComputationGraphConfiguration.fromJson(conf.toJson()));
    }

    @Test
    void oneDnnHelpersAreOn() {
      assertTrue(Nd4jSetup.oneDnnHelpersActive(), "both DL4J-NOTES switches must be on: " + Nd4jSetup.describe());
    }
  }

  @Nested
  class Running {
    @Test
    void outputsAreClassProbabilities() {
      ArchSpec arch = ReferenceNetworks.mobileNetV2Cifar(0.25);
      ComputationGraph net = Networks.build(arch, NetSettings.defaults(3));
      INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 2, 3, 32, 32);
      INDArray y = net.outputSingle(false, x);
      assertArrayEquals(new long[] {2, 10}, y.shape());
      assertEquals(2.0, y.sumNumber().doubleValue(), 1e-4);
    }

    @Test
    void sameSeedGivesSameWeights() {
      ArchSpec arch = ReferenceNetworks.mobileNetV2Cifar(0.25);
      assertEquals(Networks.build(arch, NetSettings.defaults(5)).params(), Networks.build(arch, NetSettings.defaults(5)).params());
      assertFalse(Networks.build(arch, NetSettings.defaults(5)).params()
          .equals(Networks.build(arch, NetSettings.defaults(6)).params()));
    }

    @Test
    void saveAndLoadGiveTheSameOutputs() throws IOException {
      ArchSpec arch = withSqueezeExcite(ReferenceNetworks.mobileNetV2Cifar(0.25));
      ComputationGraph net = Networks.build(arch, NetSettings.defaults(4));
      INDArray x = Nd4j.rand(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 3, 32, 32);
      INDArray labels = Nd4j.zeros(org.nd4j.linalg.api.buffer.DataType.FLOAT, 4, 10);
      for (int i = 0; i < 4; i++) {
        labels.putScalar(i, i, 1f);
      }
      net.fit(new INDArray[] {x}, new INDArray[] {labels}); // moves weights and BN statistics
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ModelSerializer.writeModel(net, bytes, true);
      ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
      assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
    }
  }
}
