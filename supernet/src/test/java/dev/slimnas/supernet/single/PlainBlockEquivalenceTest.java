package dev.slimnas.supernet.single;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.layers.ChannelScaleVertex;
import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ActivationLayer;
import org.deeplearning4j.nn.conf.layers.BatchNormalization;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.DepthwiseConvolution2D;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.indexing.NDArrayIndex;
import org.nd4j.linalg.learning.config.NoOp;

/**
 * With hard indicators pinned to an op, the block equals the plain DL4J block of that op built from
 * DL4J's own layers with the corresponding slices of the weights: k3 = centre 3x3 of the superkernel,
 * e3 = the first half of the hidden channels (of the depthwise kernel, both BNs' channel parameters,
 * the SE's reduce rows and expand columns, the projection's input columns). Skip gives exactly 0.
 */
class PlainBlockEquivalenceTest {
  private static final int C = 8;
  private static final int R = 3;
  private static final int OUT = 5;
  private static final int N = 3;

  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  private static ComputationGraph searchable(int stride, int size) {
    SinglePathBlock b = SinglePathBlock.builder(C, OUT).stride(stride).skippable(true).seChannels(R).build();
    ComputationGraph net = Fixtures.net(DataType.DOUBLE, b, C, size, false, new NoOp(), 31);
    Fixtures.randomize(net, 32);
    return net;
  }

  /** dw (k, stride) -> BN -> ReLU -> [SE] -> 1x1 conv -> BN, from DL4J's layers, on {@code h} channels. */
  private static ComputationGraph plain(int k, int h, int stride, int size, boolean se) {
    var g = new NeuralNetConfiguration.Builder().seed(1).dataType(DataType.DOUBLE).updater(new NoOp())
        .weightInit(WeightInit.XAVIER).graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(size, size, h))
        .addLayer("dw", new DepthwiseConvolution2D.Builder(k, k).stride(stride, stride).nIn(h).nOut(h).depthMultiplier(1)
            .convolutionMode(ConvolutionMode.Same).hasBias(false).activation(Activation.IDENTITY).build(), "input")
        .addLayer("bn", new BatchNormalization.Builder().nIn(h).nOut(h).eps(1e-5).useLogStd(false).build(), "dw")
        .addLayer("act", new ActivationLayer.Builder().activation(Activation.RELU).build(), "bn");
    String x = "act";
    if (se) {
      g.addLayer("se.pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), x)
          .addLayer("se.reduce", new DenseLayer.Builder().nIn(h).nOut(R).activation(Activation.RELU).build(), "se.pool")
          .addLayer("se.expand", new DenseLayer.Builder().nIn(R).nOut(h).activation(Activation.SIGMOID).build(),
              "se.reduce")
          .addVertex("se.scale", new ChannelScaleVertex(), x, "se.expand");
      x = "se.scale";
    }
    ComputationGraphConfiguration conf = g
        .addLayer("proj", new ConvolutionLayer.Builder(1, 1).nIn(h).nOut(OUT).hasBias(false)
            .convolutionMode(ConvolutionMode.Same).activation(Activation.IDENTITY).build(), x)
        .addLayer("pbn", new BatchNormalization.Builder().nIn(OUT).nOut(OUT).eps(1e-5).useLogStd(false).build(), "proj")
        .setOutputs("pbn")
        .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  private static INDArray p(ComputationGraph net, String key) {
    return net.getParam(Fixtures.BLOCK + "_" + key);
  }

  /** Copies the slices of the searchable block's parameters into the plain block. */
  private static void copy(ComputationGraph from, ComputationGraph to, int k, int h, boolean se) {
    int off = (5 - k) / 2;
    to.setParam("dw_W", p(from, "W").get(NDArrayIndex.interval(off, off + k), NDArrayIndex.interval(off, off + k),
        NDArrayIndex.interval(0, h), NDArrayIndex.all()).dup());
    for (String key : new String[] {"gamma", "beta", "mean", "var"}) {
      to.setParam("bn_" + key, p(from, key).get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup());
      to.setParam("pbn_" + key, p(from, "p" + key).dup());
    }
    if (se) {
      to.setParam("se.reduce_W", p(from, "seW1").get(NDArrayIndex.interval(0, h), NDArrayIndex.all()).dup());
      to.setParam("se.reduce_b", p(from, "seb1").dup());
      to.setParam("se.expand_W", p(from, "seW2").get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup());
      to.setParam("se.expand_b", p(from, "seb2").get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup());
    }
    to.setParam("proj_W", p(from, "pW").get(NDArrayIndex.all(), NDArrayIndex.interval(0, h), NDArrayIndex.all(),
        NDArrayIndex.all()).dup());
  }

  @ParameterizedTest(name = "k{0}e{1} se {2} stride {3} size {4}")
  @CsvSource({
      "5, 6, false, 1, 6", "5, 3, false, 1, 6", "3, 6, false, 1, 6", "3, 3, false, 1, 6",
      "5, 6, true, 1, 6", "5, 3, true, 1, 6", "3, 6, true, 1, 6", "3, 3, true, 1, 6",
      "5, 6, true, 2, 7", "3, 3, false, 2, 8", "3, 6, true, 2, 8", "5, 3, false, 2, 7"})
  void equalsThePlainBlockOfTheSelectedOpInInference(int k, int e, boolean se, int stride, int size) {
    ComputationGraph net = searchable(stride, size);
    Fixtures.pin(net, true, e == 6, k == 5, se, 1.0);
    int h = e == 6 ? C : C / 2;
    ComputationGraph ref = plain(k, h, stride, size, se);
    copy(net, ref, k, h, se);
    Nd4j.getRandom().setSeed(k * 100 + e * 10 + stride);
    INDArray x = Nd4j.randn(DataType.DOUBLE, N, C, size, size);
    INDArray ours = net.feedForward(new INDArray[] {x}, false, false).get(Fixtures.BLOCK);
    INDArray theirs = ref.outputSingle(false, x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup());
    assertEquals(theirs.shapeInfoToString(), ours.shapeInfoToString());
    assertTrue(theirs.equalsWithEps(ours, 1e-10), "inference: " + theirs + "\nvs\n" + ours);
  }

  @ParameterizedTest(name = "k{0}e{1} se {2}")
  @CsvSource({"5, 6, true", "3, 3, true", "5, 3, false"})
  void equalsThePlainBlockInTrainingModeWithBatchStatisticsOfTheActivePath(int k, int e, boolean se) {
    ComputationGraph net = searchable(1, 6);
    Fixtures.pin(net, true, e == 6, k == 5, se, 1.0);
    int h = e == 6 ? C : C / 2;
    ComputationGraph ref = plain(k, h, 1, 6, se);
    copy(net, ref, k, h, se);
    INDArray x = Nd4j.randn(DataType.DOUBLE, N, C, 6, 6);
    INDArray ours = net.feedForward(new INDArray[] {x}, true, false).get(Fixtures.BLOCK);
    INDArray theirs = ref.feedForward(new INDArray[] {x.get(NDArrayIndex.all(), NDArrayIndex.interval(0, h)).dup()},
        true, false).get("pbn");
    assertTrue(theirs.equalsWithEps(ours, 1e-8), "training: " + theirs + "\nvs\n" + ours);
  }

  @Test
  void skipOutputsExactZerosInBothModes() {
    ComputationGraph net = searchable(1, 6);
    Fixtures.pin(net, false, true, true, true, 1.0);
    INDArray x = Nd4j.randn(DataType.DOUBLE, N, C, 6, 6);
    for (boolean training : new boolean[] {false, true}) {
      INDArray out = net.feedForward(new INDArray[] {x}, training, false).get(Fixtures.BLOCK);
      assertEquals(0.0, out.amaxNumber().doubleValue(), 0.0, "training " + training);
    }
  }
}
