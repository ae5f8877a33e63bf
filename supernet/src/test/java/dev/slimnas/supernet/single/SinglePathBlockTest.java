package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.latency.diff.BlockIndicators;
import dev.slimnas.supernet.layers.PointwiseActivation;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.graph.LayerVertex;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.util.ModelSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.learning.config.Sgd;

class SinglePathBlockTest {
  private static final int C = 8;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  private static SinglePathBlock.Builder block() {
    return SinglePathBlock.builder(C, 4).skippable(true).seChannels(2);
  }

  private static INDArray input(DataType type, long seed) {
    Nd4j.getRandom().setSeed(seed);
    return Nd4j.randn(type, 4, 3, 6, 6);
  }

  private static double[] values(ComputationGraph net, String key) {
    return net.getParam(Fixtures.BLOCK + "_" + key).dup().toDoubleVector();
  }

  @Nested
  class Serialization {
    @Test
    void configurationRoundTripsThroughJson() {
      SinglePathBlock b = block().stride(2).activation(PointwiseActivation.RELU6).indicatorDropout(0.4).temperature(2)
          .relaxation(Relaxation.SOFT).bnDecay(0.97).bnEps(1e-3).build();
      ComputationGraphConfiguration conf = Fixtures.net(DataType.FLOAT, b, 3, 8, true, new Sgd(0.1), 1).getConfiguration();
      ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
      assertEquals(conf, back);
      SinglePathBlock read = (SinglePathBlock) ((LayerVertex) back.getVertices().get(Fixtures.BLOCK)).getLayerConf()
          .getLayer();
      assertEquals(0.4, read.getIndicatorDropout(), 0.0);
      assertEquals(Relaxation.SOFT, read.getRelaxation());
      assertEquals(PointwiseActivation.RELU6, read.getAct());
      assertEquals(2, read.getSeChannels());
    }

    @Test
    void saveAndLoadGiveTheSameOutputs() throws IOException {
      ComputationGraph net = Fixtures.net(DataType.FLOAT, block().build(), 3, 6, true, new Sgd(0.1), 2);
      INDArray x = input(DataType.FLOAT, 3);
      for (int i = 0; i < 2; i++) {
        net.fit(new INDArray[] {x}, new INDArray[] {Fixtures.labels(DataType.FLOAT, 4)});
      }
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ModelSerializer.writeModel(net, bytes, true);
      ComputationGraph back = ModelSerializer.restoreComputationGraph(new ByteArrayInputStream(bytes.toByteArray()), true);
      assertInstanceOf(SearchableBlock.class, back.getLayer(Fixtures.BLOCK));
      assertEquals(Fixtures.block(net).state(), Fixtures.block(back).state());
      assertEquals(net.outputSingle(false, x), back.outputSingle(false, x));
      assertEquals(net.outputSingle(true, x), back.outputSingle(true, x));
    }
  }

  @Nested
  class RunningStatistics {
    /** SGD with learning rate 0: weights stay, only the running statistics (NoOp updater) move. */
    private ComputationGraph frozen() {
      ComputationGraph net = Fixtures.net(DataType.DOUBLE, block().bnDecay(0.3).build(), 3, 6, true, new Sgd(0.0), 4);
      Fixtures.randomize(net, 5);
      return net;
    }

    @Test
    void moveOnlyForTheActiveChannels() {
      ComputationGraph net = frozen();
      Fixtures.pin(net, true, false, true, true, 1.0);
      double[] mean = values(net, "mean");
      double[] var = values(net, "var");
      double[] pmean = values(net, "pmean");
      INDArray x = input(DataType.DOUBLE, 6);
      net.fit(new INDArray[] {x}, new INDArray[] {Fixtures.labels(DataType.DOUBLE, 4)});
      double[] mean2 = values(net, "mean");
      double[] var2 = values(net, "var");
      for (int c = 0; c < C; c++) {
        if (c < C / 2) {
          assertNotEquals(mean[c], mean2[c], "active channel " + c);
          assertNotEquals(var[c], var2[c], "active channel " + c);
        } else {
          assertEquals(mean[c], mean2[c], 0.0, "inactive channel " + c);
          assertEquals(var[c], var2[c], 0.0, "inactive channel " + c);
        }
      }
      assertNotEquals(pmean[0], values(net, "pmean")[0]);
    }

    @Test
    void convergeToTheBatchStatisticsOfTheActivePath() {
      ComputationGraph net = frozen();
      Fixtures.pin(net, true, false, false, true, 1.0);
      INDArray x = input(DataType.DOUBLE, 7);
      for (int i = 0; i < 20; i++) {
        net.fit(new INDArray[] {x}, new INDArray[] {Fixtures.labels(DataType.DOUBLE, 4)});
      }
      INDArray train = net.feedForward(new INDArray[] {x}, true, false).get(Fixtures.BLOCK);
      INDArray infer = net.feedForward(new INDArray[] {x}, false, false).get(Fixtures.BLOCK);
      // equal up to the unbiased running variance (count 4 * 36 = 144: about 1/288 relative)
      assertTrue(train.equalsWithEps(infer, 2e-2), train.sub(infer).amaxNumber().toString());
      assertTrue(train.amaxNumber().doubleValue() > 0.5);
    }

    @Test
    void doNotMoveWhenTheBlockIsSkipped() {
      ComputationGraph net = frozen();
      Fixtures.pin(net, false, true, true, true, 1.0);
      String[] keys = {"mean", "var", "pmean", "pvar"};
      double[][] before = new double[keys.length][];
      for (int i = 0; i < keys.length; i++) {
        before[i] = values(net, keys[i]);
      }
      net.fit(new INDArray[] {input(DataType.DOUBLE, 8)}, new INDArray[] {Fixtures.labels(DataType.DOUBLE, 4)});
      for (int i = 0; i < keys.length; i++) {
        assertArrayEquals(before[i], values(net, keys[i]), 0.0, keys[i]);
      }
    }
  }

  @Nested
  class IndicatorGradient {
    private double[] thresholdGradient(ComputationGraph net, INDArray x, double[] extra) {
      if (extra != null) {
        Fixtures.block(net).addIndicatorGradient(extra);
      }
      net.setInputs(x);
      net.setLabels(Fixtures.labels(DataType.DOUBLE, 4));
      net.computeGradientAndScore();
      return net.gradient().getGradientFor(Fixtures.BLOCK + "_t").dup().toDoubleVector();
    }

    @Test
    void flowsIntoTheThresholdsThroughTheStraightThroughEstimator() {
      ComputationGraph net = Fixtures.net(DataType.DOUBLE, block().temperature(0.5).build(), 3, 6, true, new NoOp(), 9);
      INDArray x = input(DataType.DOUBLE, 10);
      IndicatorState s = Fixtures.block(net).state();
      double[] base = thresholdGradient(net, x, null);
      double[] n = s.norms().toArray();
      double[] t = s.thresholds().toArray();
      int batch = 4;
      for (int i : new int[] {Superkernel.KEEP, Superkernel.K5, Superkernel.SE}) {
        double[] g = new double[4];
        g[i] = 0.8;
        double[] with = thresholdGradient(net, x, g);
        double sig = Superkernel.sigmoid(0.5 * (n[i] - t[i]));
        double expected = -batch * 0.8 * 0.5 * sig * (1 - sig);
        assertEquals(expected, with[i] - base[i], 1e-9 * (1 + Math.abs(expected)), "indicator " + i);
        assertEquals(base[i], thresholdGradient(net, x, null)[i], 1e-12, "the extra gradient is consumed");
      }
    }

    @Test
    void hasNoEffectOnAForcedKeep() {
      ComputationGraph net = Fixtures.net(DataType.DOUBLE, block().skippable(false).build(), 3, 6, true, new NoOp(), 9);
      INDArray x = input(DataType.DOUBLE, 10);
      double[] base = thresholdGradient(net, x, null);
      double[] with = thresholdGradient(net, x, new double[] {5, 0, 0, 0});
      assertEquals(0.0, base[Superkernel.KEEP], 0.0);
      assertEquals(0.0, with[Superkernel.KEEP], 0.0);
      assertEquals(1.0, Fixtures.block(net).indicators().keep(), 0.0);
    }

    @Test
    void rejectsAWrongLength() {
      ComputationGraph net = Fixtures.net(DataType.DOUBLE, block().build(), 3, 6, true, new NoOp(), 9);
      assertThrows(IllegalArgumentException.class, () -> Fixtures.block(net).addIndicatorGradient(new double[3]));
    }
  }

  @Nested
  class IndicatorDropoutInTheLayer {
    @Test
    void rateOneSkipsASkippableBlockInTrainingOnly() {
      ComputationGraph net = Fixtures.net(DataType.FLOAT, block().indicatorDropout(1).build(), 3, 6, true, new Sgd(0.1), 11);
      INDArray x = input(DataType.FLOAT, 12);
      assertEquals(0.0, net.feedForward(new INDArray[] {x}, true, false).get(Fixtures.BLOCK).amaxNumber().doubleValue(), 0.0);
      assertTrue(net.feedForward(new INDArray[] {x}, false, false).get(Fixtures.BLOCK).amaxNumber().doubleValue() > 0);
      assertEquals(new BlockIndicators(1, 1, 1, 1), Fixtures.block(net).indicators(), "the read-out ignores dropout");
    }

    @Test
    void reseedingRepeatsTheTrainingOutputs() {
      ComputationGraph a = Fixtures.net(DataType.FLOAT, block().build(), 3, 6, true, new Sgd(0.1), 13);
      ComputationGraph b = a.clone();
      INDArray x = input(DataType.FLOAT, 14);
      for (ComputationGraph net : new ComputationGraph[] {a, b}) {
        Fixtures.block(net).setIndicatorDropout(0.5);
        Fixtures.block(net).reseedIndicatorDropout(77);
      }
      int distinct = 0;
      INDArray previous = null;
      for (int step = 0; step < 6; step++) {
        INDArray ya = a.feedForward(new INDArray[] {x}, true, false).get(Fixtures.BLOCK);
        INDArray yb = b.feedForward(new INDArray[] {x}, true, false).get(Fixtures.BLOCK);
        assertEquals(ya, yb, "step " + step);
        distinct += previous != null && !previous.equals(ya) ? 1 : 0;
        previous = ya.dup();
      }
      assertTrue(distinct > 0, "different masks over the steps");
    }
  }

  @Test
  void floatPathMatchesTheDoubleReference() {
    ComputationGraph d = Fixtures.net(DataType.DOUBLE, block().build(), 3, 6, true, new NoOp(), 15);
    Fixtures.randomize(d, 16);
    Fixtures.pin(d, true, false, true, true, 1.0);
    ComputationGraph f = Fixtures.net(DataType.FLOAT, block().build(), 3, 6, true, new NoOp(), 15);
    f.setParams(d.params().castTo(DataType.FLOAT));
    INDArray x = input(DataType.DOUBLE, 17);
    for (boolean training : new boolean[] {true, false}) {
      INDArray yd = d.feedForward(new INDArray[] {x}, training, false).get(Fixtures.BLOCK);
      INDArray yf = f.feedForward(new INDArray[] {x.castTo(DataType.FLOAT)}, training, false).get(Fixtures.BLOCK);
      assertTrue(yd.castTo(DataType.FLOAT).equalsWithEps(yf, 1e-4), "training " + training);
    }
    for (ComputationGraph net : new ComputationGraph[] {d, f}) {
      net.setInputs(net == d ? x : x.castTo(DataType.FLOAT));
      net.setLabels(Fixtures.labels(net == d ? DataType.DOUBLE : DataType.FLOAT, 4));
      net.computeGradientAndScore();
    }
    INDArray gd = d.gradient().gradient().castTo(DataType.FLOAT);
    INDArray gf = f.gradient().gradient();
    double scale = gd.amaxNumber().doubleValue();
    assertTrue(gd.sub(gf).amaxNumber().doubleValue() < 1e-3 * scale, "gradients differ: " + gd.sub(gf).amaxNumber());
  }
}
