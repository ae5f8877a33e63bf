package dev.slimnas.supernet.slim;

import static dev.slimnas.supernet.slim.TinyJointSpace.K3E3;
import static dev.slimnas.supernet.slim.TinyJointSpace.K3E6;
import static dev.slimnas.supernet.slim.TinyJointSpace.K5E6;
import static dev.slimnas.supernet.slim.TinyJointSpace.SKIP;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.space.search.ArchEncoding;
import dev.slimnas.space.search.SearchSpaces;
import dev.slimnas.space.spec.BlockOp;
import java.util.List;
import dev.slimnas.space.spec.ArchSpec;
import dev.slimnas.supernet.net.NetSettings;
import dev.slimnas.supernet.net.Networks;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.Sgd;

/** Prefix slicing of channel axes and centre slicing of kernel axes, on {@link TinyJointSpace} in double precision. */
class PrefixParamsTest {
  private static JointFamily family;
  private static NetSettings settings;

  @BeforeAll
  static void setUp() {
    family = TinyJointSpace.family();
    settings = new NetSettings(7, new Sgd(0.1), 0.0, 0.9, DataType.DOUBLE);
  }

  private static ArchEncoding encoding(int op0, int op1, int op2, double[] widths) {
    return ArchEncoding.of(new int[] {op0, op1, op2}, widths);
  }

  private static double[] full() {
    return family.full().widths().toArray();
  }

  /** Full network with random BN parameters and statistics, so that copies of them are tested too. */
  private static ComputationGraph fullNetwork() {
    ComputationGraph full = Networks.build(family.fullArch(), settings);
    Nd4j.getRandom().setSeed(3);
    full.paramTable().forEach((k, v) -> {
      if (k.endsWith("bn_gamma") || k.endsWith("bn_var")) {
        v.assign(Nd4j.rand(DataType.DOUBLE, v.shape()).addi(0.5));
      } else if (k.endsWith("bn_beta") || k.endsWith("bn_mean")) {
        v.assign(Nd4j.rand(DataType.DOUBLE, v.shape()).subi(0.5));
      }
    });
    return full;
  }

  @Nested
  class Layouts {
    @Test
    void kernelAxesFollowDl4jWeightLayouts() {
      ComputationGraph full = fullNetwork();
      INDArray dw = full.getParam("b1.dw.conv_W");
      INDArray stem = full.getParam("stem.x.conv_W");
      // DepthwiseConvolution2D: [kH, kW, nIn, depthMultiplier]; ConvolutionLayer: [nOut, nIn, kH, kW].
      assertArrayEquals(new long[] {5, 5, 48, 1}, dw.shape());
      assertArrayEquals(new long[] {8, 3, 3, 3}, stem.shape());
      assertArrayEquals(new int[] {0, 1}, KernelAxes.of(full, "b1.dw.conv_W", dw));
      assertArrayEquals(new int[] {2, 3}, KernelAxes.of(full, "stem.x.conv_W", stem));
      assertArrayEquals(new int[] {2, 3}, KernelAxes.of(full, "b1.project.conv_W", full.getParam("b1.project.conv_W")));
      assertArrayEquals(new int[0], KernelAxes.of(full, "b1.dw.bn_gamma", full.getParam("b1.dw.bn_gamma")));
      assertArrayEquals(new int[0], KernelAxes.of(full, "output_W", full.getParam("output_W")));
    }

    @Test
    void rejectsWindowsWithoutCentreNamingParameterAndShapes() {
      IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
          () -> PrefixParams.offsets(new long[] {4, 4, 8, 1}, new long[] {3, 3, 8, 1}, new int[] {0, 1}, "b0.dw.conv_W"));
      assertTrue(e.getMessage().contains("b0.dw.conv_W") && e.getMessage().contains("[3, 3, 8, 1]")
          && e.getMessage().contains("[4, 4, 8, 1]") && e.getMessage().contains("no centre"), e.getMessage());
      IllegalArgumentException wider = assertThrows(IllegalArgumentException.class,
          () -> PrefixParams.offsets(new long[] {8, 3, 3, 3}, new long[] {12, 3, 3, 3}, new int[] {2, 3}, "stem.x.conv_W"));
      assertTrue(wider.getMessage().contains("stem.x.conv_W") && wider.getMessage().contains("[12, 3, 3, 3]"), wider.getMessage());
      // The same odd difference on a channel axis is a prefix.
      assertArrayEquals(new long[] {0, 0, 0, 0},
          PrefixParams.offsets(new long[] {4, 4, 8, 1}, new long[] {3, 3, 8, 1}, new int[0], "x"));
      assertArrayEquals(new long[] {1, 1, 0, 0},
          PrefixParams.offsets(new long[] {5, 5, 8, 1}, new long[] {3, 3, 6, 1}, new int[] {0, 1}, "x"));
    }
  }

  @Nested
  class Copy {
    @Test
    void smallerKernelIsTheCentreOfTheFullKernelAndChannelsArePrefixes() {
      ComputationGraph full = fullNetwork();
      double[] w = full();
      w[4] = 0.5; // block 1's hidden group
      w[0] = 0.5; // stem
      ArchSpec arch = family.arch(encoding(K3E6, K3E3, SKIP, w));
      ComputationGraph sub = new SubnetCache(settings, 1).withWeightsOf(full, arch);
      INDArray s = sub.getParam("b1.dw.conv_W");
      INDArray f = full.getParam("b1.dw.conv_W");
      assertArrayEquals(new long[] {3, 3, 12, 1}, s.shape(), "k3, e3 at 0.5 of base 8: 12 hidden channels");
      for (int i = 0; i < 3; i++) {
        for (int j = 0; j < 3; j++) {
          for (int c = 0; c < 12; c++) {
            assertEquals(f.getDouble(i + 1, j + 1, c, 0), s.getDouble(i, j, c, 0), 0.0, "dw[" + i + "," + j + "," + c + "]");
          }
        }
      }
      // Block 0 keeps 48 hidden channels, kernel 3: the centre again, all channels.
      INDArray s0 = sub.getParam("b0.dw.conv_W");
      INDArray f0 = full.getParam("b0.dw.conv_W");
      assertArrayEquals(new long[] {3, 3, 48, 1}, s0.shape());
      assertEquals(f0.getDouble(1, 1, 47, 0), s0.getDouble(0, 0, 47, 0), 0.0);
      assertEquals(f0.getDouble(3, 3, 0, 0), s0.getDouble(2, 2, 0, 0), 0.0);
      // 1x1 convs: [nOut, nIn, 1, 1], prefixes on both channel axes.
      INDArray se = sub.getParam("b1.expand.conv_W");
      INDArray fe = full.getParam("b1.expand.conv_W");
      assertArrayEquals(new long[] {12, 8, 1, 1}, se.shape());
      assertEquals(fe.getDouble(11, 7, 0, 0), se.getDouble(11, 7, 0, 0), 0.0);
      INDArray sp = sub.getParam("b1.project.conv_W");
      assertArrayEquals(new long[] {16, 12, 1, 1}, sp.shape());
      assertEquals(full.getParam("b1.project.conv_W").getDouble(15, 11, 0, 0), sp.getDouble(15, 11, 0, 0), 0.0);
      // The stem's 3x3 kernel is whole (same size), its output channels a prefix.
      INDArray st = sub.getParam("stem.x.conv_W");
      assertArrayEquals(new long[] {4, 3, 3, 3}, st.shape());
      assertEquals(full.getParam("stem.x.conv_W").getDouble(3, 2, 0, 2), st.getDouble(3, 2, 0, 2), 0.0);
      assertEquals(full.getParam("b1.dw.bn_mean").getDouble(11), sub.getParam("b1.dw.bn_mean").getDouble(11), 0.0);
      assertFalse(sub.paramTable().keySet().stream().anyMatch(k -> k.startsWith("b2.")), "a skipped block has no parameters");
    }

    /**
     * What centre slicing means: a k3 sub-network computes what the full network computes with the outer
     * ring of its 5x5 kernel set to zero, at stride 1 (block 0) and stride 2 (block 1, TensorFlow-style
     * "same" padding), and an e3 sub-network what the full network computes with the projection of the
     * second half of its hidden channels set to zero.
     */
    @Test
    void subnetworkComputesTheFullNetworkWithZeroOuterRingAndZeroSecondHalf() {
      ComputationGraph full = fullNetwork();
      ComputationGraph sub = new SubnetCache(settings, 1).withWeightsOf(full,
          family.arch(encoding(K3E6, K3E3, K5E6, full())));
      for (String block : new String[] {"b0", "b1"}) {
        INDArray w = full.getParam(block + ".dw.conv_W");
        INDArray ring = Nd4j.ones(DataType.DOUBLE, w.shape());
        ring.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(1, 4), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
        w.assign(w.mul(ring.rsub(1)));
      }
      INDArray project = full.getParam("b1.project.conv_W");
      long keep = sub.getParam("b1.project.conv_W").size(1);
      assertEquals(24, keep);
      INDArray mask = Nd4j.zeros(DataType.DOUBLE, project.shape());
      mask.get(NDArrayIndex.all(), NDArrayIndex.interval(0, keep), NDArrayIndex.all(), NDArrayIndex.all()).assign(1);
      project.assign(project.mul(mask));
      Nd4j.getRandom().setSeed(5);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 3, 8, 8).subi(0.5);
      INDArray expected = full.outputSingle(false, x);
      INDArray actual = sub.outputSingle(false, x);
      assertArrayEquals(expected.reshape(-1).toDoubleVector(), actual.reshape(-1).toDoubleVector(), 1e-12);
      // Without the zeroing (fresh copy of the changed weights' original values) they differ: the test can fail.
      ComputationGraph original = fullNetwork();
      assertFalse(original.outputSingle(false, x).equalsWithEps(
          new SubnetCache(settings, 1).withWeightsOf(original, family.arch(encoding(K3E6, K3E3, K5E6, full()))).outputSingle(false, x),
          1e-6));
    }

    /**
     * With searchable SE (every op with and without SE; the full network's blocks are k5e6+se): an e3+se
     * sub-network computes the full network with the second half of the hidden channels cut off from the
     * projection and from the SE reduce layer; a sub-network without SE simply reads no SE weights.
     */
    @Test
    void seWeightsArePrefixesAndAreAbsentWithoutSe() {
      JointFamily se = JointFamily.of(SearchSpaces.withSearchableSe(TinyJointSpace.space(), "tiny-se"));
      ComputationGraph full = Networks.build(se.fullArch(), settings);
      List<BlockOp> ops = se.space().blocks().get(1).ops();
      int k3e3se = ops.indexOf(BlockOp.mbconv(3, 3, true));
      int k5e6 = ops.indexOf(BlockOp.mbconv(5, 6));
      double[] w = se.full().widths().toArray();
      ComputationGraph sub = new SubnetCache(settings, 1).withWeightsOf(full,
          se.arch(ArchEncoding.of(new int[] {k5e6, k3e3se, k5e6}, w)));
      assertFalse(sub.paramTable().keySet().stream().anyMatch(k -> k.startsWith("b0.se") || k.startsWith("b2.se")));
      assertArrayEquals(new long[] {24, 4}, sub.getParam("b1.se.reduce_W").shape());
      assertArrayEquals(new long[] {48, 4}, full.getParam("b1.se.reduce_W").shape());
      long keep = 24;
      INDArray dw = full.getParam("b1.dw.conv_W");
      INDArray centre = Nd4j.zeros(DataType.DOUBLE, dw.shape());
      centre.get(NDArrayIndex.interval(1, 4), NDArrayIndex.interval(1, 4), NDArrayIndex.all(), NDArrayIndex.all()).assign(1);
      dw.muli(centre);
      INDArray project = full.getParam("b1.project.conv_W");
      project.get(NDArrayIndex.all(), NDArrayIndex.interval(keep, 48), NDArrayIndex.all(), NDArrayIndex.all()).assign(0);
      INDArray reduce = full.getParam("b1.se.reduce_W");
      INDArray rows = Nd4j.ones(DataType.DOUBLE, reduce.shape());
      rows.get(NDArrayIndex.interval(keep, 48), NDArrayIndex.all()).assign(0);
      reduce.muli(rows);
      // b0 and b2 of the sub-network lack SE: compare with a full network whose b0/b2 are as in the sub.
      ComputationGraph reference = new SubnetCache(settings, 1).withWeightsOf(full,
          se.arch(ArchEncoding.of(new int[] {k5e6, se.largestOps().get(1), k5e6}, w)));
      PrefixParams.copyInto(full, sub);
      Nd4j.getRandom().setSeed(6);
      INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 3, 8, 8).subi(0.5);
      assertArrayEquals(reference.outputSingle(false, x).reshape(-1).toDoubleVector(),
          sub.outputSingle(false, x).reshape(-1).toDoubleVector(), 1e-12);
    }

    @Test
    void copiesTheFullNetworkIntoItsOwnArchitectureUnchanged() {
      ComputationGraph full = fullNetwork();
      ComputationGraph same = new SubnetCache(settings, 1).withWeightsOf(full, family.arch(encoding(K5E6, K5E6, K5E6, full())));
      assertArrayEquals(full.params().toDoubleVector(), same.params().toDoubleVector(), 0.0);
    }
  }
}
