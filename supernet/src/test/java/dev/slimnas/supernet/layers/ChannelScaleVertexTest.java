package dev.slimnas.supernet.layers;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.slimnas.supernet.nd4j.Nd4jSetup;
import org.deeplearning4j.gradientcheck.GradientCheckUtil;
import org.deeplearning4j.nn.conf.ComputationGraphConfiguration;
import org.deeplearning4j.nn.conf.ConvolutionMode;
import org.deeplearning4j.nn.conf.NeuralNetConfiguration;
import org.deeplearning4j.nn.conf.inputs.InputType;
import org.deeplearning4j.nn.conf.layers.ConvolutionLayer;
import org.deeplearning4j.nn.conf.layers.DenseLayer;
import org.deeplearning4j.nn.conf.layers.GlobalPoolingLayer;
import org.deeplearning4j.nn.conf.layers.OutputLayer;
import org.deeplearning4j.nn.conf.layers.PoolingType;
import org.deeplearning4j.nn.graph.ComputationGraph;
import org.deeplearning4j.nn.weights.WeightInit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.nd4j.linalg.activations.Activation;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.linalg.learning.config.NoOp;
import org.nd4j.linalg.lossfunctions.LossFunctions;

class ChannelScaleVertexTest {
  @BeforeAll
  static void setUp() {
    Nd4jSetup.ensure();
  }

  /** conv -> SE gate (pool, dense tanh, dense sigmoid, ChannelScaleVertex) -> pool -> softmax. */
  private static ComputationGraph gatedNet() {
    ComputationGraphConfiguration conf = new NeuralNetConfiguration.Builder()
        .seed(12).dataType(DataType.DOUBLE).updater(new NoOp()).weightInit(WeightInit.XAVIER)
        .graphBuilder()
        .addInputs("input")
        .setInputTypes(InputType.convolutional(5, 5, 2))
        .addLayer("conv", new ConvolutionLayer.Builder(3, 3).nIn(2).nOut(4).convolutionMode(ConvolutionMode.Same)
            .activation(Activation.TANH).build(), "input")
        .addLayer("se.pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "conv")
        .addLayer("se.reduce", new DenseLayer.Builder().nIn(4).nOut(3).activation(Activation.TANH).build(), "se.pool")
        .addLayer("se.expand", new DenseLayer.Builder().nIn(3).nOut(4).activation(Activation.SIGMOID).build(), "se.reduce")
        .addVertex("se.scale", new ChannelScaleVertex(), "conv", "se.expand")
        .addLayer("pool", new GlobalPoolingLayer.Builder(PoolingType.AVG).build(), "se.scale")
        .addLayer("output", new OutputLayer.Builder(LossFunctions.LossFunction.MCXENT).nIn(4).nOut(3)
            .activation(Activation.SOFTMAX).build(), "pool")
        .setOutputs("output")
        .build();
    ComputationGraph net = new ComputationGraph(conf);
    net.init();
    return net;
  }

  @Test
  void gradientMatchesFiniteDifferencesInDoublePrecision() {
    ComputationGraph net = gatedNet();
    Nd4j.getRandom().setSeed(3);
    INDArray x = Nd4j.rand(DataType.DOUBLE, 3, 2, 5, 5).subi(0.5);
    INDArray y = Nd4j.zeros(DataType.DOUBLE, 3, 3);
    y.putScalar(0, 1, 1.0);
    y.putScalar(1, 0, 1.0);
    y.putScalar(2, 2, 1.0);
    DataType before = Nd4j.dataType();
    DataType beforeFloat = Nd4j.defaultFloatingPointType();
    boolean ok;
    try {
      Nd4j.setDefaultDataTypes(DataType.DOUBLE, DataType.DOUBLE); // GradientCheckUtil insists on it
      ok = GradientCheckUtil.checkGradients(new GradientCheckUtil.GraphConfig()
          .net(net).inputs(new INDArray[] {x}).labels(new INDArray[] {y})
          .epsilon(1e-6).maxRelError(1e-5).minAbsoluteError(1e-9).print(GradientCheckUtil.PrintMode.FAILURES_ONLY));
    } finally {
      Nd4j.setDefaultDataTypes(before, beforeFloat);
    }
    assertTrue(ok, "analytic and numeric gradients differ");
  }

  @Test
  void forwardScalesEveryChannelByItsGate() {
    ComputationGraph net = gatedNet();
    INDArray x = Nd4j.rand(DataType.DOUBLE, 2, 2, 5, 5);
    var acts = net.feedForward(x, false);
    INDArray conv = acts.get("conv");
    INDArray gate = acts.get("se.expand");
    INDArray out = acts.get("se.scale");
    for (int n = 0; n < 2; n++) {
      for (int c = 0; c < 4; c++) {
        double g = gate.getDouble(n, c);
        assertEquals(conv.getDouble(n, c, 1, 3) * g, out.getDouble(n, c, 1, 3), 1e-12);
      }
    }
  }

  @Test
  void configurationRoundTripsThroughJson() {
    ComputationGraphConfiguration conf = gatedNet().getConfiguration();
    ComputationGraphConfiguration back = ComputationGraphConfiguration.fromJson(conf.toJson());
    assertEquals(conf, back);
    assertTrue(back.getVertices().get("se.scale") instanceof ChannelScaleVertex);
  }
}
